"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useState, type ReactNode } from "react";

// The id the server gave the request that rendered this document (X-Request-Id, also in the
// server's log lines), so an error page can show it and a user can quote it. It only describes a
// failure of that first render: after a client-side navigation the failing request was another
// one, and the error page falls back to the error's digest (logged with that request's id).
const RequestIdContext = createContext<{ id: string | null; path: string | null; navigated: boolean }>({ id: null, path: null, navigated: false });

export function RequestIdProvider({ id, children }: { id: string | null; children: ReactNode }) {
  const pathname = usePathname();
  const [path] = useState(pathname);
  const [navigated, setNavigated] = useState(false);
  // Adjusting state while rendering (React's pattern for "remember that a prop changed once").
  if (pathname !== path && !navigated) setNavigated(true);
  return <RequestIdContext.Provider value={{ id, path, navigated }}>{children}</RequestIdContext.Provider>;
}

/** The current document's request id while the user is still on the page it rendered, else null. */
export function useDocumentRequestId(): string | null {
  const { id, path, navigated } = useContext(RequestIdContext);
  const pathname = usePathname();
  return !navigated && pathname === path ? id : null;
}
