import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Product code ships; tests and the benchmark do not, so nothing under src/ may reach for them. */
const testCode = ["**/test/**", "**/bench/**"];
/** Adapters and presentation: use cases and pure rules reach them only through ports (src/core/ports.ts). */
const adapters = [
  "**/cli/**",
  "**/github/**",
  "**/git/**",
  "**/store/**",
  "**/webhook/**",
  "**/fake-github/**",
  "**/demo/**",
  "@octokit/*",
  "simple-git",
  "better-sqlite3",
  "chalk",
  "ora",
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: testCode, message: "src/ ships; test/ and bench/ do not (move shared code under src/)." },
          ],
        },
      ],
    },
  },
  {
    // The dependency rule: use cases, the loop and pure rules never reach for adapters or the CLI.
    files: ["src/core/**/*.ts", "src/domain/**/*.ts", "src/autonomous/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: testCode, message: "src/ ships; test/ and bench/ do not (move shared code under src/)." },
            {
              group: adapters,
              message: "use cases depend on ports (src/core/ports.ts); only src/cli/compose.ts wires adapters.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pure rules depend on nothing but themselves.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: testCode, message: "src/ ships; test/ and bench/ do not (move shared code under src/)." },
            {
              group: [...adapters, "**/core/**", "**/autonomous/**"],
              message: "domain/ holds pure rules: no ports, adapters or use cases.",
            },
          ],
        },
      ],
    },
  },
);
