/** The app's brand red (brand-700 of app/globals.css): browser bar, manifest theme, icon tile. */
export const BRAND_COLOR = "#b0191a";
