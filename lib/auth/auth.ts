// Auth.js (next-auth v5) configuration: username + password credentials, JWT sessions that carry
// the user and tenant ids only. Grants are read from the database on every request
// (lib/auth/session.ts), so a revoked role or disabled account takes effect at once.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/login";
import { env } from "@/lib/env";

declare module "next-auth" {
  interface User {
    tenantId?: string;
  }
  interface Session {
    tenantId?: string;
  }
}

/** Carries the reason to the login action: "invalid", "disabled" or "locked:<ISO time>". */
export class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

function config(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    // Self-hosted behind the operator's own proxy: the Host header is the one to trust.
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    logger: {
      // Refused logins are expected; they are counted by the throttle, not logged as errors.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    providers: [
      Credentials({
        credentials: { username: {}, password: {} },
        async authorize(credentials, request) {
          const result = await authenticate({
            username: typeof credentials.username === "string" ? credentials.username : "",
            password: typeof credentials.password === "string" ? credentials.password : "",
            ip: clientIp(request),
          });
          if (result.ok) {
            return { id: result.user.id, tenantId: result.user.tenantId, name: result.user.displayName };
          }
          throw new LoginRefused(result.reason === "locked" ? `locked:${result.until.toISOString()}` : result.reason);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.tid = user.tenantId;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.sub === "string") session.user.id = token.sub;
        if (typeof token.tid === "string") session.tenantId = token.tid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
