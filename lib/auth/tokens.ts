// Personal access tokens (mã truy cập cá nhân) for integrations and calendar feeds. A token acts
// with its user's grants, read fresh from the database on every use, so revoking a role or
// disabling the account applies at once (disabling also revokes the account's tokens for good).
// Each token has a scope (TokenScope): CALENDAR reads the calendar feed and nothing else, READ may
// call every GET of /api/v1, FULL everything but token management: no token can make or revoke
// tokens (apiRoute enforces the scope; lib/api/handler.ts). Only the sha256 of the token is stored; the token itself
// is shown once, when it is created. A token names no tenant (like a login), so it is found with the
// definer-rights function app_find_token(hash), which returns only ids of live tokens, and then
// everything else is read inside that tenant.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { TokenScope } from "@/lib/generated/prisma/enums";
import { noteRequestUser } from "@/lib/log/request-context";
import { DAY_MS } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.authServer.tokens;

/** Tokens look like "sosh_pat_<43 base64url characters>" (256 random bits). */
export const TOKEN_PREFIX = "sosh_pat_";
const TOKEN_PATTERN = /^sosh_pat_[A-Za-z0-9_-]{43}$/;
/** How many characters of the token are kept in clear to recognise it in the list. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** lastUsedAt is refreshed at most this often, so a busy integration does not write on every call. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

export const TOKEN_NOT_FOUND = wording.tokenNotFound;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Longest life of a token made on the account page or through the API; no token lives for ever. */
export const MAX_TOKEN_DAYS = 365;
/** Default life of an API token; the calendar link (read-only, one feed) lives a year. */
export const DEFAULT_TOKEN_DAYS = 90;
export const CALENDAR_TOKEN_DAYS = 365;

const expiryChoice = z.coerce
  .number({ message: wording.expiryNotNumber })
  .int(wording.expiryNotInteger)
  .min(1, wording.expiryMin)
  .max(MAX_TOKEN_DAYS, fill(wording.expiryMax, { max: MAX_TOKEN_DAYS }));

export const createTokenSchema = z.object({
  name: z
    .string({ message: wording.nameRequired })
    .trim()
    .min(1, wording.nameExample)
    .max(100, wording.nameTooLong)
    .transform((value) => value.normalize("NFC")),
  /** Days until the token stops working (default 90, at most 365). */
  expiresInDays: z.preprocess((value) => (value === "" || value === null ? undefined : value), expiryChoice.optional()).transform(
    (value) => value ?? DEFAULT_TOKEN_DAYS,
  ),
  /** READ (default: every GET) or FULL (changes too); CALENDAR is the calendar link's. */
  scope: z.enum(TokenScope, { error: wording.scopeInvalid }).default("READ"),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ id: z.string({ message: wording.idRequired }).trim() });

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  scope: TokenScope;
}

export interface CreatedToken extends TokenSummary {
  /** The token itself: shown once, never stored. */
  token: string;
}

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  scope: true,
} as const;

interface Actor {
  id: string;
  tenantId: string;
}

/** Creates a token for the actor's own account. The clear token is in the answer only. */
export async function createToken(
  actor: Actor,
  input: unknown,
  context: { requestId?: string; via?: "cli"; noExpiry?: boolean } = {},
): Promise<CreatedToken> {
  const data = parseInput(createTokenSchema, input);
  const token = generateToken();
  // Only the operator's command line may make a token that never expires (`--no-expiry`).
  const expiresAt = context.via === "cli" && context.noExpiry ? null : new Date(Date.now() + data.expiresInDays * DAY_MS);
  return withTenant(actor.tenantId, async (tx) => {
    const row = await tx.personalAccessToken.create({
      data: {
        tenantId: actor.tenantId,
        userId: actor.id,
        name: data.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        expiresAt,
        scope: data.scope,
      },
      select: summarySelect,
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: context.via === "cli" ? null : actor.id,
      action: "token.create",
      entityType: "PersonalAccessToken",
      entityId: row.id,
      after: {
        userId: actor.id,
        name: row.name,
        prefix: row.prefix,
        scope: row.scope,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        ...(context.via ? { via: context.via } : {}),
      },
      requestId: context.requestId ?? null,
    });
    return { ...row, token };
  });
}

/** The actor's tokens, newest first (revoked ones included, so the list explains what stopped). */
export async function listTokens(actor: Actor): Promise<TokenSummary[]> {
  return withTenant(actor.tenantId, (tx) =>
    tx.personalAccessToken.findMany({
      where: { tenantId: actor.tenantId, userId: actor.id },
      select: summarySelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  );
}

/** Revokes one of the actor's own tokens; another user's or tenant's id is a 404. Idempotent. */
export async function revokeToken(actor: Actor, input: unknown, context: { requestId?: string } = {}): Promise<TokenSummary> {
  const { id } = parseInput(revokeTokenSchema, input);
  if (!isUuid(id)) throw new NotFoundError(TOKEN_NOT_FOUND);
  return withTenant(actor.tenantId, async (tx) => {
    const existing = await tx.personalAccessToken.findFirst({
      where: { tenantId: actor.tenantId, id, userId: actor.id },
      select: summarySelect,
    });
    if (!existing) throw new NotFoundError(TOKEN_NOT_FOUND);
    if (existing.revokedAt) return existing;
    const revoked = await tx.personalAccessToken.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id } },
      data: { revokedAt: new Date() },
      select: summarySelect,
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "token.revoke",
      entityType: "PersonalAccessToken",
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt?.toISOString() ?? null, name: existing.name, prefix: existing.prefix },
      requestId: context.requestId ?? null,
    });
    return revoked;
  });
}

/** The calendar link of "Tạo liên kết lịch": a CALENDAR token (read the feed, nothing else) for a year. */
export async function createCalendarToken(actor: Actor, name: string, context: { requestId?: string } = {}): Promise<CreatedToken> {
  return createToken(actor, { name, expiresInDays: CALENDAR_TOKEN_DAYS, scope: "CALENDAR" }, context);
}

/** Revokes every live token of an account (disabling it), in the caller's transaction. */
export async function revokeAllTokens(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const { count } = await tx.personalAccessToken.updateMany({
    where: { tenantId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

export interface TokenPrincipal extends CurrentUser {
  tokenScope: TokenScope;
}

/**
 * The user a token acts for, with their grants as of now and the token's scope, or null for a
 * malformed, unknown, revoked or expired token, or a disabled account. Same shape as getCurrentUser().
 */
export async function authenticateToken(token: string): Promise<TokenPrincipal | null> {
  if (!looksLikeToken(token)) return null;
  const [found] = await db().$queryRaw<{ tenantId: string; tokenId: string; userId: string; scope: TokenScope }[]>`
    SELECT "tenantId", "tokenId", "userId", "scope" FROM app_find_token(${hashToken(token)})`;
  if (!found) return null;
  const { tenantId, tokenId, userId, scope } = found;
  return withTenant(tenantId, async (tx) => {
    // One connection per transaction: the reads run one after the other.
    const user = await tx.user.findUnique({
      where: { tenantId_id: { tenantId, id: userId } },
      select: {
        id: true,
        tenantId: true,
        username: true,
        displayName: true,
        memberId: true,
        disabled: true,
        mustChangePassword: true,
        sessionVersion: true,
        roleGrants: { select: { role: true, orgUnitId: true, orgUnit: { select: { path: true } } } },
      },
    });
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true } });
    const row = await tx.personalAccessToken.findUnique({ where: { tenantId_id: { tenantId, id: tokenId } }, select: { lastUsedAt: true } });
    if (!user || user.disabled || !tenant || !row) return null;
    noteRequestUser(user); // for the request's log line
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await tx.personalAccessToken.update({
        where: { tenantId_id: { tenantId, id: tokenId } },
        data: { lastUsedAt: new Date(now) },
        select: { id: true },
      });
    }
    return {
      id: user.id,
      tenantId: user.tenantId,
      username: user.username,
      displayName: user.displayName,
      memberId: user.memberId,
      mustChangePassword: user.mustChangePassword,
      sessionVersion: user.sessionVersion,
      tenantName: tenant.name,
      grants: user.roleGrants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, path: g.orgUnit.path })),
      tokenScope: scope,
    };
  });
}

/** "Bearer <token>" from the Authorization header: the token, "" for a malformed header, undefined without one. */
export function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

/** For the CLI: creates a token for a user named by username (any tenant; usernames are unique). */
export async function createTokenForUsername(
  username: string,
  input: { name?: string; expiresInDays?: number | null; scope?: TokenScope },
): Promise<CreatedToken & { username: string; tenantId: string }> {
  const normalized = username.trim().toLowerCase();
  const [login] = await db().$queryRaw<{ tenantId: string; userId: string }[]>`
    SELECT "tenantId", "userId" FROM app_find_login(${normalized})`;
  if (!login) throw new NotFoundError(fill(wording.noSuchUser, { username: normalized }));
  const disabled = await withTenant(login.tenantId, async (tx) => {
    const user = await tx.user.findUnique({
      where: { tenantId_id: { tenantId: login.tenantId, id: login.userId } },
      select: { disabled: true },
    });
    return user?.disabled ?? true;
  });
  if (disabled) throw new ValidationError(fill(wording.userLocked, { username: normalized }));
  const created = await createToken(
    { id: login.userId, tenantId: login.tenantId },
    { name: input.name ?? wording.integrationName, expiresInDays: input.expiresInDays ?? undefined, scope: input.scope ?? "FULL" },
    { via: "cli", noExpiry: input.expiresInDays === null },
  );
  return { ...created, username: normalized, tenantId: login.tenantId };
}
