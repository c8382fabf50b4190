// The Vietnamese texts classification services put into answers (errors, document and sheet
// headings), read from the catalog's `classification` namespace so every visible string lives there.
import messages from "@/lib/i18n/messages";

export const classificationMessages = messages.classification;

