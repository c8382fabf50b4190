// Vietnamese texts the dashboard and review services put into answers (notes about ignored filters,
// table headings for the XLSX files, errors), read from the catalog so every visible string lives there.
import messages from "@/lib/i18n/messages";

export const dashboardMessages = messages.dashboard;
export const reviewMessages = messages.review;

