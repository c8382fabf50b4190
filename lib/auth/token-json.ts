// The JSON shape of a personal access token in /api/v1 (instants as ISO 8601), and its schema for
// the OpenAPI document.
import { z } from "zod";
import type { TokenSummary } from "@/lib/auth/tokens";
import messages from "@/lib/i18n/messages";

const wording = messages.authServer.tokenJsonFields;

export const tokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe(wording.prefix),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  scope: z.enum(["CALENDAR", "READ", "FULL"]).describe(wording.scope),
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
