import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { RequestIdProvider } from "@/components/errors/request-id";
import { SegmentMessages } from "@/components/i18n/segment-messages";
import { BRAND_COLOR } from "@/lib/brand";
import "./globals.css";

// Be Vietnam Pro, shipped with the app (no remote fonts), as two subsets split by unicode-range
// the way font services do: --font-sans lists the Latin family, then the Vietnamese one, so each
// character is drawn from the subset that has it. No size-adjusted fallback face: it would be
// a local Arial covering every character and so would hide the Vietnamese subset behind it.
// Loader options must be literals (read at build time), hence the inline ranges (from
// @fontsource/be-vietnam-pro's unicode.json).

const beVietnamLatin = localFont({
  src: [
    { path: "./fonts/be-vietnam-pro-latin-400-normal.woff2", weight: "400", style: "normal" },
    { path: "./fonts/be-vietnam-pro-latin-500-normal.woff2", weight: "500", style: "normal" },
    { path: "./fonts/be-vietnam-pro-latin-600-normal.woff2", weight: "600", style: "normal" },
    { path: "./fonts/be-vietnam-pro-latin-700-normal.woff2", weight: "700", style: "normal" },
  ],
  declarations: [
    { prop: "unicode-range", value: "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD" },
  ],
  display: "swap",
  adjustFontFallback: false,
  variable: "--font-be-vietnam",
});

const beVietnamVietnamese = localFont({
  src: [
    { path: "./fonts/be-vietnam-pro-vietnamese-400-normal.woff2", weight: "400", style: "normal" },
    { path: "./fonts/be-vietnam-pro-vietnamese-500-normal.woff2", weight: "500", style: "normal" },
    { path: "./fonts/be-vietnam-pro-vietnamese-600-normal.woff2", weight: "600", style: "normal" },
    { path: "./fonts/be-vietnam-pro-vietnamese-700-normal.woff2", weight: "700", style: "normal" },
  ],
  declarations: [
    { prop: "unicode-range", value: "U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB" },
  ],
  display: "swap",
  adjustFontFallback: false,
  variable: "--font-be-vietnam-vi",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("description"),
    applicationName: t("name"),
    robots: { index: false, follow: false },
    // Files of public/, rendered from public/icon.svg by scripts/render-icons.ts; the manifest
    // (app/manifest.ts) is linked by Next.js itself.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
        { url: "/icon-192.png", type: "image/png", sizes: "192x192" },
      ],
      apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
    },
    appleWebApp: { capable: true, title: t("shortName"), statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: BRAND_COLOR,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set by the server (lib/server/http-server.ts) on every request, so error pages can show it.
  const requestId = (await headers()).get("x-request-id");
  return (
    <html lang="vi" className={`${beVietnamLatin.variable} ${beVietnamVietnamese.variable}`}>
      <body className="min-h-dvh">
        {/* Not the whole catalog: each segment's layout sends what its client components read. */}
        <SegmentMessages segment="">
          <RequestIdProvider id={requestId}>{children}</RequestIdProvider>
        </SegmentMessages>
      </body>
    </html>
  );
}
