import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./organisations";

/**
 * Custom disclosure templates: an admin's copy of a bundled template with changed titles, order,
 * units and sections. `definition` is a `DisclosureTemplate` (validated by `parseTemplate` on the
 * way in and out). Bundled templates live in code (`src/lib/budget/template.ts`), not here.
 */
export const disclosureTemplates = pgTable(
  "disclosure_templates",
  {
    /** "custom-<n>": what `region_year_settings.template` names. */
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    /** The bundled template it was copied from. */
    basedOn: text("based_on").notNull(),
    definition: jsonb("definition").notNull(),
    /** Optimistic concurrency: an edit names the version it started from. */
    version: integer("version").notNull().default(1),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("disclosure_templates_code_ck", sql`${t.code} ~ '^custom-[0-9]+$'`),
    check("disclosure_templates_version_ck", sql`${t.version} >= 1`),
  ],
);
