// ESLint flat config: typescript-eslint, Next's rules (core web vitals), drizzle's delete/update guards,
// and the layer boundary of src/lib (pure code). Type-aware rules are left out to keep lint fast in CI;
// `npm run typecheck` covers types.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

// The drizzle handles in this codebase: `db` (the connection) and `tx` (a transaction).
const drizzleObjectName = ["db", "tx"];

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data*/**",
      "drizzle/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a deliberately unused binding (e.g. a field left out of a rest copy).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName }],
    },
  },
  {
    files: ["src/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/**", "@/app", "@/app/**", "@/components", "@/components/**"],
              message: "src/lib is pure: no server, app or component imports.",
            },
            {
              regex: "^(\\.\\./)+(server|app|components)(/|$)",
              message: "src/lib is pure: no server, app or component imports.",
            },
            {
              group: ["next", "next/**", "react", "react/**", "react-dom", "react-dom/**"],
              message: "src/lib is pure: no Next.js or React imports.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
