/**
 * Disclosure templates: the bundled ones (in code), admins' copies (in the database) and a
 * preview on the sample budget. Which template a region and year uses is one of its disclosure
 * settings (`region_year_settings.template`, set by `updateSettings` in fiscal-years.ts). Every mutation runs in one
 * transaction with its audit row.
 */
import {
  BUNDLED_TEMPLATES,
  bundledTemplate,
  computeDisclosure,
  parseTemplate,
  type Disclosure,
  type DisclosureTemplate,
} from "@/lib/budget";
import { reference023002_2024 } from "@/lib/sample/reference-023002-2024";
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import * as q from "../queries/templates";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";

export interface TemplateSummary {
  code: string;
  name: string;
  description: string;
  bundled: boolean;
  basedOn: string | null;
  tableCount: number;
  /** Custom templates only: the version an edit must name. */
  version: number | null;
}

function summary(t: DisclosureTemplate, extra: { bundled: boolean; basedOn: string | null; version: number | null }): TemplateSummary {
  return { code: t.id, name: t.name, description: t.description ?? "", tableCount: t.tables.length, ...extra };
}

/** A stored custom template as the engine reads it (its id is its code). */
function storedTemplate(row: q.CustomTemplateRow): DisclosureTemplate {
  const parsed = parseTemplate(row.definition);
  if (!parsed.ok) throw new AppError("CONFLICT", `模板“${row.name}”的定义无效：${parsed.message}`);
  return { ...parsed.template, id: row.code, name: row.name };
}

export async function listTemplates(db: DbOrTx, actor: SessionUser): Promise<TemplateSummary[]> {
  assertPermission(actor, "admin.manage");
  const custom = await q.listCustomTemplates(db);
  return [
    ...BUNDLED_TEMPLATES.map((t) => summary(t, { bundled: true, basedOn: null, version: null })),
    ...custom.map((row) => {
      const parsed = parseTemplate(row.definition);
      const tables = parsed.ok ? parsed.template.tables.length : 0;
      return { code: row.code, name: row.name, description: parsed.ok ? (parsed.template.description ?? "") : "", bundled: false, basedOn: row.basedOn, tableCount: tables, version: row.version };
    }),
  ];
}

async function findTemplate(db: DbOrTx, code: string): Promise<{ template: DisclosureTemplate; row: q.CustomTemplateRow | null }> {
  const bundled = bundledTemplate(code);
  if (bundled) return { template: bundled, row: null };
  const row = await q.findCustomTemplate(db, code);
  if (!row) throw new AppError("NOT_FOUND", `模板“${code}”不存在`);
  return { template: storedTemplate(row), row };
}

export async function getTemplate(db: DbOrTx, actor: SessionUser, code: string) {
  assertPermission(actor, "admin.manage");
  const { template, row } = await findTemplate(db, code);
  return { template, bundled: row === null, version: row?.version ?? null };
}

/** Copies a bundled (or custom) template under a new name; the copy can then be edited. */
export async function copyTemplate(db: DbOrTx, actor: SessionUser, input: { from: string; name: string }) {
  assertPermission(actor, "admin.manage");
  const name = input.name.trim();
  if (name === "") throw new AppError("BAD_REQUEST", "请填写新模板的名称");
  return db.transaction(async (tx) => {
    const { template, row } = await findTemplate(tx, input.from);
    const code = await q.nextCustomCode(tx);
    const definition: DisclosureTemplate = { ...template, id: code, name };
    const checked = parseTemplate(definition);
    if (!checked.ok) throw new AppError("BAD_REQUEST", checked.message);
    const basedOn = row ? row.basedOn : template.id;
    await q.insertCustomTemplate(tx, { code, name, basedOn, definition, createdBy: actor.id });
    await writeAudit(tx, { userId: actor.id, action: "template.copy", entity: "template", entityId: code, after: { from: input.from, name } });
    return { code, version: 1 };
  });
}

/** Saves an edited custom template (titles, order, units, sections …); bundled ones are read-only. */
export async function updateTemplate(db: DbOrTx, actor: SessionUser, input: { code: string; version: number; definition: unknown }) {
  assertPermission(actor, "admin.manage");
  if (bundledTemplate(input.code)) throw new AppError("BAD_REQUEST", "内置模板不能修改，请先复制一份再修改");
  const parsed = parseTemplate(input.definition);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.message);
  const definition: DisclosureTemplate = { ...parsed.template, id: input.code };
  return db.transaction(async (tx) => {
    const before = await q.findCustomTemplate(tx, input.code, true);
    if (!before) throw new AppError("NOT_FOUND", `模板“${input.code}”不存在`);
    if (before.version !== input.version || !(await q.updateCustomTemplate(tx, input.code, input.version, { name: definition.name, definition })))
      throw new AppError("CONFLICT", "模板已被他人修改，请刷新后再改");
    await writeAudit(tx, {
      userId: actor.id,
      action: "template.update",
      entity: "template",
      entityId: input.code,
      before: { name: before.name, definition: before.definition },
      after: { name: definition.name, definition },
    });
    return { code: input.code, version: input.version + 1 };
  });
}

/** Does a template of this code exist (bundled, or custom in the database)? For the region-year settings. */
export async function templateExists(db: DbOrTx, code: string): Promise<boolean> {
  return bundledTemplate(code) !== undefined || (await q.findCustomTemplate(db, code)) !== null;
}

/**
 * The sample budget (the reference unit's 2024 line items) under a template, saved or being
 * edited: what the admin sees before choosing it.
 */
export function previewTemplate(actor: SessionUser, definition: unknown): Disclosure {
  assertPermission(actor, "admin.manage");
  const parsed = parseTemplate(definition);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.message);
  return computeDisclosure({ ...reference023002_2024, template: parsed.template });
}
