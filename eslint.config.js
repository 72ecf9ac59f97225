// Lint rules for Corridor: type-aware TypeScript checks plus the limits STYLE.md names.
// Import boundaries between layers are checked by test/tidy.test.ts (it resolves paths).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "console/dist/**", "corridor-data/**", "bench/results/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "max-lines-per-function": ["error", { max: 70, skipBlankLines: true, skipComments: true }],
      "max-params": ["error", 3],
      "no-restricted-syntax": ["error", {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: "Use the Clock port outside adapters/ and main/",
      }],
    },
  },
  {
    // The SDK signs with the wall clock: it runs in the bank's process, not in the domain.
    files: ["src/main/**/*.ts", "bin/**/*.js", "src/adapters/**/*.ts", "src/client/**/*.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "max-lines-per-function": "off",
      "max-params": "off",
      "no-restricted-syntax": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
  {
    // Plain JavaScript (bin/, tools/, test scripts that run dist/ in a child process) is outside
    // the TypeScript project: linted without type information.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly" },
    },
  },
);
