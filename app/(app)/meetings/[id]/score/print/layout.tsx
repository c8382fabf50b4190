import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/i18n/segment-messages";

// Only the messages this segment's client components read (lib/i18n/client-namespaces.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="(app)/meetings/[id]/score/print">{children}</SegmentMessages>;
}
