// The JSON shape of a personal access token in /api/v1 (instants as ISO 8601), and its schema for
// the OpenAPI document.
import { z } from "zod";
import type { TokenSummary } from "@/lib/auth/tokens";

export const tokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("Phần đầu của mã, để nhận ra mã trong danh sách"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  scope: z.enum(["CALENDAR", "READ", "FULL"]).describe("CALENDAR: chỉ đọc lịch; READ: mọi GET; FULL: đọc và thay đổi (trừ quản lý mã)"),
});

export function tokenJson(token: TokenSummary): z.infer<typeof tokenResponseSchema> {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    scope: token.scope,
  };
}

export function tokenStatus(token: Pick<TokenSummary, "revokedAt" | "expiresAt">, now = new Date()): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
