import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Applied to every response. No CSP here: Next.js injects inline scripts for hydration, and a
// nonce-based policy needs a proxy; the headers below are the ones that cost nothing.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "X-DNS-Prefetch-Control", value: "off" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm test` (scripts/test.ts) runs `tsc --noEmit` over the whole project (and the route types the
  // build generates) right after its build, and fails on a type error: it sets SOSH_BUILD_TYPECHECKED=1
  // so that `next build` does not type-check the same files a second time. Every other build
  // (npm run build, npm start) keeps Next's own check.
  typescript: { ignoreBuildErrors: process.env.SOSH_BUILD_TYPECHECKED === "1" },
  reactStrictMode: true,
  // Turbopack keeps a build cache in .next/cache unless SOSH_BUILD_CACHE=0. `npm test` sets it: its
  // build runs on a fresh clone in CI, where writing the cache (156 MB) only costs time and CPU (a
  // cold build took 155 s wall / 67 s CPU without it, 207 s / 82 s with it, on the busy 2-core machine).
  ...(process.env.SOSH_BUILD_CACHE === "0" ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  // Native modules and database drivers stay as plain Node requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
