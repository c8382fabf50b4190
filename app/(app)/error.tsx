"use client";

import { ErrorView } from "@/components/errors/error-view";

// Errors of a page inside the signed-in area: shown within the frame, so navigation stays.
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
