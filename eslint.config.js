import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["node_modules/", "dist/", "src/_lib/", "src/.observablehq/", ".tmp/", "data/"]},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-self-assign": "error",
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_"}],
      "@typescript-eslint/consistent-type-imports": "error"
    }
  }
);
