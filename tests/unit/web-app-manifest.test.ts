// What a phone needs to put the app on its home screen: a manifest in Vietnamese that opens the home
// page full screen, and every icon it, the root layout and browsers ask for present in public/.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import manifest from "@/app/manifest";
import { BRAND_COLOR } from "@/lib/brand";

const publicFile = (src: string) => join(process.cwd(), "public", src.replace(/^\//, ""));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): string {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe("web app manifest and icons", () => {
  const m = manifest();

  test("is in Vietnamese, opens the home page standalone, in the brand colour of the theme", () => {
    expect(m.name).toBe("Sổ sinh hoạt chi bộ");
    expect(m.short_name!.length).toBeLessThanOrEqual(12);
    expect(m.lang).toBe("vi");
    expect(m.start_url).toBe("/");
    expect(m.display).toBe("standalone");
    const css = readFileSync(join(process.cwd(), "app", "globals.css"), "utf8");
    expect(css).toContain(`--color-brand-700: ${BRAND_COLOR};`);
    expect(m.theme_color).toBe(BRAND_COLOR);
  });

  test("every PNG icon it lists exists with the size it states, in both purposes at 192 and 512", () => {
    for (const icon of m.icons ?? []) {
      expect(existsSync(publicFile(icon.src)), icon.src).toBe(true);
      if (icon.type === "image/png") expect(pngSize(publicFile(icon.src)), icon.src).toBe(icon.sizes);
    }
    const listed = (m.icons ?? []).map((icon) => `${icon.purpose} ${icon.sizes}`);
    for (const wanted of ["any 192x192", "any 512x512", "maskable 192x192", "maskable 512x512"]) expect(listed).toContain(wanted);
  });

  test("the favicon and the apple touch icon the layout links are there", () => {
    const ico = readFileSync(publicFile("favicon.ico"));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(2); // several sizes
    expect(pngSize(publicFile("apple-touch-icon.png"))).toBe("180x180");
  });
});
