import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/i18n/segment-messages";

// Only the messages this segment's client components read (lib/i18n/client-namespaces.ts). In a
// route group of the meeting page alone: as the layout of [id], its provider (the whole "meetings"
// namespace) was also serialized into every page below it, which each send their own list.
export default function Layout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="(app)/meetings/[id]/(overview)">{children}</SegmentMessages>;
}
