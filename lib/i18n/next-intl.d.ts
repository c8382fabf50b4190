// Typed message keys: t("nav.home") is checked against the Vietnamese catalog at compile time.
import type messages from "./messages/vi.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: "vi";
    Messages: typeof messages;
  }
}
