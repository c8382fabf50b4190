// Typed message keys: t("nav.home") is checked against the Vietnamese catalog at compile time.
import type { Messages } from "./messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: "vi";
    Messages: Messages;
  }
}
