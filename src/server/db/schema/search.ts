import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { money } from "./common";
import { publishedSnapshots } from "./budgets";

/**
 * The public search's rows (migration 0014): the unit, each project, each 功能分类 and 部门经济分类
 * code a published snapshot uses, with its amount. Written only by the database function
 * public_search_fill(), which a trigger runs for every new published snapshot; read only by
 * src/server/queries/public-search.ts. Where pg_trgm is available the migration adds a GIN
 * trigram index on `haystack` (public_search_entries_haystack_trgm), which drizzle does not model.
 */
export const publicSearchEntries = pgTable(
  "public_search_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => publishedSnapshots.id),
    kind: text("kind").notNull(),
    code: text("code").notNull().default(""),
    name: text("name").notNull(),
    detail: text("detail").notNull().default(""),
    amount: money("amount").notNull(),
    haystack: text("haystack").notNull(),
  },
  (t) => [
    index("public_search_entries_snapshot_idx").on(t.snapshotId),
    index("public_search_entries_code_idx").using("btree", t.code.op("text_pattern_ops")),
    check("public_search_entries_kind_ck", sql`${t.kind} IN ('unit', 'project', 'function', 'economic')`),
  ],
);
