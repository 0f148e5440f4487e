import { sql } from "drizzle-orm";
import { check, foreignKey, integer, jsonb, pgTable, primaryKey, text, boolean, timestamp } from "drizzle-orm/pg-core";
import type { ExplanationSectionKey } from "@/lib/budget/types";
import { organisations } from "./organisations";

export const fiscalYears = pgTable(
  "fiscal_years",
  {
    year: integer("year").primaryKey(),
    label: text("label").notNull(),
    /** The year whose catalogues, mapping, funding sources, glossary and settings were copied; null for the sample years. */
    openedFrom: integer("opened_from"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("fiscal_years_year_ck", sql`${t.year} BETWEEN 2000 AND 2100`)],
);

/**
 * Disclosure settings, one row per region and year: the display unit (万元 or 元), the title
 * wording (部门预算 / 单位预算) and the 情况说明 sections printed. More settings go here as columns.
 */
export const regionYearSettings = pgTable(
  "region_year_settings",
  {
    regionId: integer("region_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    amountUnit: text("amount_unit", { enum: ["wan", "yuan"] }).notNull().default("wan"),
    titleWording: text("title_wording", { enum: ["department", "unit"] }).notNull().default("department"),
    explanationSections: jsonb("explanation_sections")
      .$type<ExplanationSectionKey[]>()
      .notNull()
      .default(sql`'["overview","sanggong","other"]'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.year] }),
    check("region_year_settings_amount_unit_ck", sql`${t.amountUnit} IN ('wan', 'yuan')`),
    check("region_year_settings_title_wording_ck", sql`${t.titleWording} IN ('department', 'unit')`),
  ],
);

/** 支出功能分类科目: 类 (3 digits) → 款 (5) → 项 (7). */
export const functionCodes = pgTable(
  "function_codes",
  {
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    /** A code in use is retired, never deleted: refused for new lines, kept for the old ones. */
    retired: boolean("retired").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.code] }),
    check("function_codes_code_ck", sql`${t.code} ~ '^([0-9]{3}|[0-9]{5}|[0-9]{7})$'`),
    check(
      "function_codes_parent_ck",
      sql`(length(${t.code}) = 3 AND ${t.parentCode} IS NULL) OR (length(${t.code}) > 3 AND ${t.parentCode} = left(${t.code}, length(${t.code}) - 2))`,
    ),
    foreignKey({
      columns: [t.year, t.parentCode],
      foreignColumns: [t.year, t.code],
      name: "function_codes_parent_fk",
    }),
  ],
);

/** An economic classification catalogue: 类 (3 digits) → 款 (5), per year. */
function economicCatalog<N extends string>(name: N) {
  return pgTable(
    name,
    {
      year: integer("year")
        .notNull()
        .references(() => fiscalYears.year),
      code: text("code").notNull(),
      name: text("name").notNull(),
      parentCode: text("parent_code"),
      retired: boolean("retired").notNull().default(false),
    },
    (t) => [
      primaryKey({ columns: [t.year, t.code] }),
      check(`${name}_code_ck`, sql`${t.code} ~ '^([0-9]{3}|[0-9]{5})$'`),
      check(
        `${name}_parent_ck`,
        sql`(length(${t.code}) = 3 AND ${t.parentCode} IS NULL) OR (length(${t.code}) = 5 AND ${t.parentCode} = left(${t.code}, 3))`,
      ),
      foreignKey({ columns: [t.year, t.parentCode], foreignColumns: [t.year, t.code], name: `${name}_parent_fk` }),
    ],
  );
}

/** 部门预算支出经济分类: 类 (3) → 款 (5). */
export const deptEconomicCodes = economicCatalog("dept_economic_codes");

/** 政府预算支出经济分类: 类 (3) → 款 (5). */
export const govEconomicCodes = economicCatalog("gov_economic_codes");

/** Department-economic 款 → government-economic 款, by unit type; data the admin edits, not code. */
export const economicMappings = pgTable(
  "economic_mappings",
  {
    year: integer("year").notNull(),
    unitType: text("unit_type", { enum: ["admin", "civil_servant_managed", "institution"] }).notNull(),
    deptCode: text("dept_code").notNull(),
    govCode: text("gov_code").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.unitType, t.deptCode] }),
    foreignKey({ columns: [t.year, t.deptCode], foreignColumns: [deptEconomicCodes.year, deptEconomicCodes.code], name: "economic_mappings_dept_fk" }),
    foreignKey({ columns: [t.year, t.govCode], foreignColumns: [govEconomicCodes.year, govEconomicCodes.code], name: "economic_mappings_gov_fk" }),
    check("economic_mappings_level_ck", sql`length(${t.deptCode}) = 5 AND length(${t.govCode}) = 5`),
  ],
);

/** A renamed or re-coded function/economic code: lets a unit's history be compared across years. */
export const codeCrosswalk = pgTable(
  "code_crosswalk",
  {
    catalog: text("catalog", { enum: ["function", "dept_economic", "gov_economic"] }).notNull(),
    fromYear: integer("from_year").notNull().references(() => fiscalYears.year),
    fromCode: text("from_code").notNull(),
    toYear: integer("to_year").notNull().references(() => fiscalYears.year),
    toCode: text("to_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.catalog, t.fromYear, t.fromCode, t.toYear] })],
);

/** 资金来源. The first three are 财政拨款. */
export const fundingSources = pgTable(
  "funding_sources",
  {
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    code: text("code").notNull(),
    name: text("name").notNull(),
    fiscal: boolean("fiscal").notNull(),
    sort: integer("sort").notNull(),
    retired: boolean("retired").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.code] }),
    check(
      "funding_sources_code_ck",
      sql`${t.code} IN ('gpb','gf','soc','fsa','unit_business','unit_operating','unit_superior','unit_affiliated','unit_other')`,
    ),
  ],
);

/** 政府购买服务指导性目录 per year (the codes of table 15). */
export const purchasedServiceCodes = pgTable(
  "purchased_service_codes",
  {
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    retired: boolean("retired").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.code] }),
    check("purchased_service_codes_code_ck", sql`${t.code} ~ '^[A-Z][0-9]{0,10}$'`),
    check(
      "purchased_service_codes_parent_ck",
      sql`${t.parentCode} IS NULL OR (${t.code} LIKE ${t.parentCode} || '%' AND ${t.code} <> ${t.parentCode})`,
    ),
    foreignKey({ columns: [t.year, t.parentCode], foreignColumns: [t.year, t.code], name: "purchased_service_codes_parent_fk" }),
  ],
);

/** 名词解释 template per year. */
export const glossaryEntries = pgTable(
  "glossary_entries",
  {
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    sort: integer("sort").notNull(),
    term: text("term").notNull(),
    definition: text("definition").notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.sort] })],
);
