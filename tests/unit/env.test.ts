import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("refuses a malformed DATABASE_URL and names the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "localhost:5432/db", AUTH_SECRET: "x".repeat(40) })).toThrowError(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://u@h/db", AUTH_SECRET: "x".repeat(40) })).toThrowError(EnvError);
  });

  it("requires an auth secret when a real database is configured", () => {
    const server = { NODE_ENV: "production", DATABASE_URL: "postgresql://u@localhost:5432/db" };
    expect(() => parseEnv(server)).toThrowError(/AUTH_SECRET/);
    expect(() => parseEnv({ ...server, AUTH_SECRET: "short" })).toThrowError(/AUTH_SECRET/);
    // Scripts such as db:migrate do not sign sessions and run without it.
    expect(parseEnv({ DATABASE_URL: server.DATABASE_URL }).AUTH_SECRET).toBeUndefined();
  });

  it("accepts the embedded mode without a secret and applies defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    const embedded = parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5555/postgres", SOSH_EMBEDDED: "1", PORT: "4000" });
    expect(embedded.PORT).toBe(4000);
  });

  it("takes a direct URL for migrations beside a pooled DATABASE_URL, and refuses a malformed one", () => {
    const pooled = { DATABASE_URL: "postgresql://app@127.0.0.1:6432/sosh", AUTH_SECRET: "x".repeat(40) };
    expect(parseEnv({ ...pooled, DATABASE_DIRECT_URL: "postgresql://app@127.0.0.1:5432/sosh" }).DATABASE_DIRECT_URL).toBe("postgresql://app@127.0.0.1:5432/sosh");
    expect(parseEnv(pooled).DATABASE_DIRECT_URL).toBeUndefined();
    expect(() => parseEnv({ ...pooled, DATABASE_DIRECT_URL: "127.0.0.1:5432/sosh" })).toThrowError(/DATABASE_DIRECT_URL/);
  });

  it("refuses an out-of-range port", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrowError(/PORT/);
  });
});
