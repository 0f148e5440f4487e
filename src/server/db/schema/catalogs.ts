import { sql } from "drizzle-orm";
import { check, foreignKey, integer, pgTable, primaryKey, text, boolean } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

export const fiscalYears = pgTable(
  "fiscal_years",
  {
    year: integer("year").primaryKey(),
    label: text("label").notNull(),
  },
  (t) => [check("fiscal_years_year_ck", sql`${t.year} BETWEEN 2000 AND 2100`)],
);

/** Display unit and disclosure template of the disclosure: settings per region and year. */
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
    /** The disclosure template: a bundled template's id ("standard-17") or a custom one's code ("custom-3"). */
    template: text("template").notNull().default("standard-17"),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.year] })],
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
  },
  (t) => [
    primaryKey({ columns: [t.year, t.code] }),
    check(
      "funding_sources_code_ck",
      sql`${t.code} IN ('gpb','gf','soc','fsa','unit_business','unit_operating','unit_superior','unit_affiliated','unit_other')`,
    ),
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
