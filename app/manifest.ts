// The web app manifest (/manifest.webmanifest, linked by Next.js from every page): lets a secretary
// add the app to a phone's home screen, where it opens full screen at the home page. The icons are
// rendered from public/icon.svg by scripts/render-icons.ts.
import type { MetadataRoute } from "next";
import app from "@/lib/i18n/messages/vi/app.json";
import { BRAND_COLOR } from "@/lib/brand";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: app.name,
    short_name: app.shortName,
    description: app.description,
    lang: "vi",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#ffffff",
    theme_color: BRAND_COLOR,
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
