// GET /meetings/{id}/notice/image: the notice as a PNG (1080×1350) to send where members already
// talk (a Zalo group): branch, title, time, place, agenda, and a QR code with the link that opens the
// notice and the documents after signing in. Drawn by next/og's ImageResponse (Satori + resvg, no
// network) with the app's own Be Vietnam Pro (latin and Vietnamese subsets, WOFF, as Satori reads).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ImageResponse } from "next/og";
import { apiRoute } from "@/lib/api/handler";
import { attachmentHeader } from "@/lib/documents/export";
import { qrPngDataUrl } from "@/lib/documents/qr";
import { noticeUrl, requestOrigin, signInThenUrl } from "@/lib/documents/urls";
import { getNoticeSheet } from "@/lib/meetings/notices";
import messages from "@/lib/i18n/messages";

const FONT_DIR = join(process.cwd(), "app", "fonts");
let fonts: Promise<{ name: string; data: Buffer; weight: 400 | 700; style: "normal" }[]> | null = null;

function loadFonts() {
  fonts ??= Promise.all(
    (["latin", "vietnamese"] as const).flatMap((subset) =>
      ([400, 700] as const).map(async (weight) => ({
        // Two families (each subset its own), so Satori falls back from one to the other per glyph.
        name: subset === "latin" ? "Be Vietnam Pro" : "Be Vietnam Pro Vietnamese",
        data: await readFile(join(FONT_DIR, `be-vietnam-pro-${subset}-${weight}-normal.woff`)),
        weight,
        style: "normal" as const,
      })),
    ),
  );
  return fonts;
}

const AGENDA_CHARS = 600;
const text = messages.preparation.share;

export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const sheet = await getNoticeSheet(user, params.id);
  const link = signInThenUrl(requestOrigin(request.headers), noticeUrl(sheet.meetingId));
  const qr = await qrPngDataUrl(link, 320);
  const agenda = sheet.agenda.length > AGENDA_CHARS ? `${sheet.agenda.slice(0, AGENDA_CHARS).trimEnd()}…` : sheet.agenda;
  const image = new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", fontFamily: "Be Vietnam Pro, Be Vietnam Pro Vietnamese", color: "#111111" }}>
        <div style={{ height: 24, background: "#b91c1c", display: "flex" }} />
        <div style={{ display: "flex", flexDirection: "column", padding: "56px 72px", gap: 28, flex: 1 }}>
          <div style={{ display: "flex", fontSize: 34, fontWeight: 700, color: "#991b1b", textTransform: "uppercase" }}>{sheet.branchName}</div>
          <div style={{ display: "flex", fontSize: 60, fontWeight: 700, lineHeight: 1.15 }}>{text.heading}</div>
          <div style={{ display: "flex", fontSize: 38, fontWeight: 700, lineHeight: 1.3 }}>{sheet.title}</div>
          <div style={{ display: "flex", flexDirection: "column", gap: 14, fontSize: 36, lineHeight: 1.35 }}>
            <div style={{ display: "flex" }}>
              <span style={{ fontWeight: 700, marginRight: 16 }}>{text.when}:</span>
              <span>{sheet.when}</span>
            </div>
            <div style={{ display: "flex" }}>
              <span style={{ fontWeight: 700, marginRight: 16 }}>{text.place}:</span>
              <span>{sheet.place ?? text.placeLater}</span>
            </div>
          </div>
          <div style={{ display: "flex", flexDirection: "column", gap: 10, fontSize: 32, lineHeight: 1.4 }}>
            <span style={{ fontWeight: 700 }}>{text.agenda}:</span>
            <span style={{ whiteSpace: "pre-wrap" }}>{agenda}</span>
          </div>
          <div style={{ display: "flex", marginTop: "auto", alignItems: "center", gap: 36, borderTop: "3px solid #e5e5e5", paddingTop: 32 }}>
            {/* eslint-disable-next-line @next/next/no-img-element -- Satori draws <img>, not next/image */}
            <img src={qr} width={240} height={240} alt="" />
            <div style={{ display: "flex", flexDirection: "column", gap: 12, fontSize: 28, lineHeight: 1.4, flex: 1 }}>
              <span>{text.qrHint}</span>
              <span style={{ fontSize: 24, color: "#404040", wordBreak: "break-all" }}>{link}</span>
            </div>
          </div>
        </div>
      </div>
    ),
    { width: 1080, height: 1350, fonts: await loadFonts() },
  );
  const bytes = await image.arrayBuffer();
  return new Response(bytes, {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": attachmentHeader(`thong-bao-${sheet.meetingId.slice(0, 8)}.png`),
      "Cache-Control": "private, no-store",
    },
  });
});
