// QR codes of links printed or shared with a notice (the `qrcode` package): an SVG for pages and
// print, a PNG data URL for the notice image.
import QRCode from "qrcode";

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#111111", light: "#ffffff" } });
}

export function qrPngDataUrl(text: string, width = 360): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 1, width });
}
