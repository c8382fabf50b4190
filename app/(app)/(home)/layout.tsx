import type { ReactNode } from "react";
import { SegmentMessages } from "@/components/i18n/segment-messages";

// The home page alone (its route group adds nothing to the URL): the overseer's register form on
// it needs oversight messages, which every other page of the frame would otherwise carry.
export default function Layout({ children }: { children: ReactNode }) {
  return <SegmentMessages segment="(app)/(home)">{children}</SegmentMessages>;
}
