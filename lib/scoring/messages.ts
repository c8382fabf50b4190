// The Vietnamese texts that scoring services put into answers (preview errors, anomaly flags, the
// annual rating), read from the catalog's `scoring` namespace so every visible string lives there.
import messages from "@/lib/i18n/messages";

export const scoringMessages = messages.scoring;

