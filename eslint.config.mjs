import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// eslint-plugin-react-hooks 7's rules that run the React Compiler (all of its rules but
// rules-of-hooks and exhaustive-deps).
const REACT_COMPILER_RULES = [
  "hooks", "capitalized-calls", "static-components", "use-memo", "void-use-memo", "preserve-manual-memoization",
  "memo-dependencies", "incompatible-library", "immutability", "globals", "refs", "memoized-effect-dependencies",
  "exhaustive-effect-dependencies", "set-state-in-effect", "no-deriving-state-in-effects", "error-boundaries", "purity",
  "set-state-in-render", "invariant", "todo", "syntax", "unsupported-syntax", "config", "gating", "rule-suppression", "fbt",
  "component-hook-factories",
];

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_`-prefixed names mark parameters that a signature requires but the body does not use.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The React Compiler rules of react-hooks (all but rules-of-hooks and exhaustive-deps) parse every
    // file again with Babel and run the compiler over it: about 70 % of the lint time. Tests and
    // scripts hold no components or hooks (no .tsx there), so the compiler finds nothing in them;
    // the application's source (app/, components/, lib/) keeps every rule.
    files: ["tests/**", "scripts/**", "prisma/**", "*.config.{ts,mjs}"],
    rules: Object.fromEntries(REACT_COMPILER_RULES.map((rule) => [`react-hooks/${rule}`, "off"])),
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "node_modules/**",
    "coverage/**",
    "playwright-report/**",
    "test-results/**",
    "tests/.tmp/**",
  ]),
]);

export default eslintConfig;
