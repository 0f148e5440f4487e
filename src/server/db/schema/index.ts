export * from "./organisations";
export * from "./catalogs";
export * from "./budgets";
export * from "./search";
