// Auth.js (next-auth v5) configuration: username + password credentials, JWT sessions that carry
// the user and tenant ids and the account's session version at sign-in. Grants, status and the
// current session version are read from the database on every request (lib/auth/session.ts), so a
// revoked role, a disabled account or a logout elsewhere takes effect at once.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/login";
import { endSessionsOnSignOut } from "@/lib/auth/session-version";
import { trustedDeviceFor } from "@/lib/auth/device-cookie";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

declare module "next-auth" {
  interface User {
    tenantId?: string;
    sessionVersion?: number;
  }
  interface Session {
    tenantId?: string;
    /** The account's session version when this session was opened (absent: 0, cookies made before versions existed). */
    sessionVersion?: number;
  }
}

/** Carries the reason to the login action: "invalid", "disabled" or "wait:<ISO time>". */
export class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function config(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    // Self-hosted behind the operator's own proxy: the Host header is the one to trust.
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    logger: {
      error(error) {
        // Refused logins are expected; they are counted by the throttle, not logged as errors.
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        // A cookie that does not decode (expired secret, tampering, garbage): one line, no stack.
        if (error.name === "JWTSessionError") {
          console.warn("[auth] session cookie refused (not a valid session token)");
          return;
        }
        console.error("[auth]", error);
      },
    },
    providers: [
      Credentials({
        credentials: { username: {}, password: {} },
        async authorize(credentials, request) {
          const username = typeof credentials.username === "string" ? credentials.username : "";
          const result = await authenticate({
            username,
            password: typeof credentials.password === "string" ? credentials.password : "",
            ip: clientAddress(request.headers),
            trustedDevice: trustedDeviceFor(request.headers.get("cookie"), username),
          });
          if (result.ok) {
            return {
              id: result.user.id,
              tenantId: result.user.tenantId,
              name: result.user.displayName,
              sessionVersion: result.user.sessionVersion,
            };
          }
          throw new LoginRefused(result.reason === "wait" ? `wait:${result.until.toISOString()}` : result.reason);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.tid = user.tenantId;
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.sub === "string") session.user.id = token.sub;
        if (typeof token.tid === "string") session.tenantId = token.tid;
        if (typeof token.sv === "number") session.sessionVersion = token.sv;
        return session;
      },
    },
    events: {
      // Auth.js's own sign-out (POST /api/auth/signout) and the app's logout both end up here.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token) await endSessionsOnSignOut(token);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
