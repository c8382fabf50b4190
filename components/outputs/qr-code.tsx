/** A QR code drawn on the server (an SVG string from lib/documents/qr.ts), with its meaning for screen readers. */
export function QrCode({ svg, label, className }: { svg: string; label: string; className?: string }) {
  // The SVG is produced by the qrcode package from a URL we built; it carries no user markup.
  return <div role="img" aria-label={label} className={className} dangerouslySetInnerHTML={{ __html: svg }} />;
}
