"use client";

import { NextIntlClientProvider } from "next-intl";
import { ErrorView } from "@/components/errors/error-view";
import { LOCALE } from "@/lib/i18n/format";
// Only what the error view reads: this file is in every page's first-load JavaScript, and the whole
// catalog would add about 57 KB gzip to each of them.
import common from "@/lib/i18n/messages/vi/common.json";
import errors from "@/lib/i18n/messages/vi/errors.json";
import "./globals.css";
import { TIME_ZONE } from "@/lib/time/days";

// Replaces the root layout when that layout itself fails, so it brings its own document,
// styles and messages (the root layout's provider is gone at this point).
const messages = { common, errors };

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="vi">
      <body className="min-h-dvh bg-ink-50 px-4 py-10 font-sans text-ink-900 sm:py-16">
        <NextIntlClientProvider locale={LOCALE} timeZone={TIME_ZONE} messages={messages}>
          <title>{messages.errors.title}</title>
          <main>
            <ErrorView error={error} retry={retry} />
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
