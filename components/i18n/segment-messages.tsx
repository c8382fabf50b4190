import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { segmentMessages, type ClientSegment } from "@/lib/i18n/client-namespaces";

/**
 * Gives the client components below only the messages of their segment
 * (lib/i18n/client-namespaces.ts). A provider replaces the one above it, so each list holds
 * everything its segment's client components read.
 */
export function SegmentMessages({ segment, children }: { segment: ClientSegment; children: ReactNode }) {
  return <NextIntlClientProvider messages={segmentMessages(segment)}>{children}</NextIntlClientProvider>;
}
