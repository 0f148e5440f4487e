import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import {
  findDisclosureSettings,
  findRegion,
  fiscalYearExists,
  insertFiscalYearCopy,
  listDisclosureSettings,
  listFiscalYearsWithCounts,
  listGlossary,
  replaceGlossary,
  upsertDisclosureSettings,
} from "../queries/fiscal-years";
import { EXPLANATION_SECTION_KEYS, type ExplanationSectionKey } from "@/lib/budget/types";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";

/*
 * Fiscal years and disclosure settings (admin). A new year is opened by copying another year's
 * catalogues, mapping, funding sources, glossary and settings; nothing names a year in code.
 */

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export async function listYears(db: DbOrTx, actor: SessionUser) {
  assertPermission(actor, "admin.manage");
  return listFiscalYearsWithCounts(db);
}

/**
 * Opens `year` from `from` (default: the year before, or else the year after, for history
 * before the first year on file). One transaction with its audit row.
 */
export async function openFiscalYear(db: DbOrTx, actor: SessionUser, input: { year: number; from?: number }) {
  assertPermission(actor, "admin.manage");
  const { year } = input;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new AppError("BAD_REQUEST", `年度须在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  return db.transaction(async (tx) => {
    if (await fiscalYearExists(tx, year)) throw new AppError("CONFLICT", `${year} 年度已开设`);
    let from = input.from;
    if (from === undefined) {
      if (await fiscalYearExists(tx, year - 1)) from = year - 1;
      else if (await fiscalYearExists(tx, year + 1)) from = year + 1;
      else throw new AppError("BAD_REQUEST", `没有可复制的相邻年度（${year - 1} 或 ${year + 1}），请选择复制来源年度`);
    } else if (!(await fiscalYearExists(tx, from))) {
      throw new AppError("BAD_REQUEST", `复制来源年度 ${from} 不存在`);
    }
    const copied = await insertFiscalYearCopy(tx, year, from);
    await writeAudit(tx, { userId: actor.id, action: "year.open", entity: "fiscal_year", entityId: year, after: { year, from, copied } });
    return { year, from, copied };
  });
}

export async function getSettings(db: DbOrTx, actor: SessionUser, year: number) {
  assertPermission(actor, "admin.manage");
  if (!(await fiscalYearExists(db, year))) throw new AppError("NOT_FOUND", `${year} 年度未开设`);
  const regions = await listDisclosureSettings(db, year);
  const glossary = await listGlossary(db, year);
  return { year, regions, glossary };
}

export interface SettingsInput {
  regionId: number;
  year: number;
  amountUnit: "wan" | "yuan";
  titleWording: "department" | "unit";
  explanationSections: ExplanationSectionKey[];
}

export async function updateSettings(db: DbOrTx, actor: SessionUser, input: SettingsInput) {
  assertPermission(actor, "admin.manage");
  const sections = EXPLANATION_SECTION_KEYS.filter((k) => input.explanationSections.includes(k));
  if (sections.length === 0) throw new AppError("BAD_REQUEST", "情况说明至少要打印一个部分");
  return db.transaction(async (tx) => {
    if (!(await fiscalYearExists(tx, input.year))) throw new AppError("NOT_FOUND", `${input.year} 年度未开设`);
    const region = await findRegion(tx, input.regionId);
    if (!region) throw new AppError("NOT_FOUND", "区划不存在");
    const before = await findDisclosureSettings(tx, input.regionId, input.year);
    const after = { amountUnit: input.amountUnit, titleWording: input.titleWording, explanationSections: sections };
    await upsertDisclosureSettings(tx, { regionId: input.regionId, year: input.year, ...after });
    await writeAudit(tx, {
      userId: actor.id,
      action: "settings.update",
      entity: "settings",
      entityId: `${region.code}:${input.year}`,
      before: before ? { amountUnit: before.amountUnit, titleWording: before.titleWording, explanationSections: before.explanationSections } : null,
      after,
    });
    return { regionId: input.regionId, year: input.year, ...after };
  });
}

export async function updateGlossary(db: DbOrTx, actor: SessionUser, input: { year: number; entries: { term: string; definition: string }[] }) {
  assertPermission(actor, "admin.manage");
  const entries = input.entries.map((e) => ({ term: e.term.trim(), definition: e.definition.trim() }));
  const bad = entries.findIndex((e) => e.term === "" || e.definition === "");
  if (bad >= 0) throw new AppError("BAD_REQUEST", `第 ${bad + 1} 条名词解释的名词和解释都不能为空`);
  return db.transaction(async (tx) => {
    if (!(await fiscalYearExists(tx, input.year))) throw new AppError("NOT_FOUND", `${input.year} 年度未开设`);
    const before = await listGlossary(tx, input.year);
    await replaceGlossary(tx, input.year, entries);
    await writeAudit(tx, {
      userId: actor.id,
      action: "glossary.update",
      entity: "glossary",
      entityId: input.year,
      before: before.map((g) => ({ term: g.term, definition: g.definition })),
      after: entries,
    });
    return { year: input.year, count: entries.length };
  });
}
