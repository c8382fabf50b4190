"use client";

import { ErrorView } from "@/components/errors/error-view";

// Catches errors of every page and of the signed-in frame (app/(app)/layout.tsx), e.g. when the
// database is unreachable while the current user is loaded.
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="px-4 py-10 sm:py-16">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
