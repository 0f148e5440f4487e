/**
 * The year's catalogues as the admin screens and CSV files see them. Pure: rules on codes and
 * rows, no database.
 */
import { SOURCE_CODES, type SourceCode, type UnitType } from "../budget/types";
import { UNIT_TYPE_NAMES } from "./organisations";

export const CATALOGUES = ["function", "dept-economic", "gov-economic", "economic-mapping", "funding-sources", "purchased-services"] as const;
export type CatalogueName = (typeof CATALOGUES)[number];

/** The four catalogues of codes with a name, a parent and a state. */
export type CodeCatalogue = "function" | "dept-economic" | "gov-economic" | "purchased-services";
export const CODE_CATALOGUES: readonly CodeCatalogue[] = ["function", "dept-economic", "gov-economic", "purchased-services"];

export const CATALOGUE_TITLES: Record<CatalogueName, string> = {
  function: "支出功能分类科目",
  "dept-economic": "部门预算支出经济分类科目",
  "gov-economic": "政府预算支出经济分类科目",
  "economic-mapping": "部门经济分类与政府经济分类对照",
  "funding-sources": "资金来源",
  "purchased-services": "政府购买服务指导性目录",
};

export const CATALOGUE_COLUMNS: Record<CatalogueName, readonly string[]> = {
  function: ["编码", "名称", "上级编码", "状态"],
  "dept-economic": ["编码", "名称", "上级编码", "状态"],
  "gov-economic": ["编码", "名称", "上级编码", "状态"],
  "purchased-services": ["编码", "名称", "上级编码", "状态"],
  "economic-mapping": ["单位类型", "部门经济分类编码", "政府经济分类编码"],
  "funding-sources": ["编码", "名称", "财政拨款", "排序", "状态"],
};

export function isCatalogue(name: string): name is CatalogueName {
  return (CATALOGUES as readonly string[]).includes(name);
}

/** Why a code is not a valid code of the catalogue, or null. */
export function codeProblem(catalogue: CodeCatalogue, code: string): string | null {
  switch (catalogue) {
    case "function":
      return /^\d{3}(\d{2}){0,2}$/.test(code) ? null : "支出功能分类编码须为 3 位（类）、5 位（款）或 7 位（项）数字";
    case "dept-economic":
    case "gov-economic":
      return /^\d{3}(\d{2})?$/.test(code) ? null : "经济分类编码须为 3 位（类）或 5 位（款）数字";
    case "purchased-services":
      return /^[A-Z]\d{0,10}$/.test(code) ? null : "购买服务目录编码须为一个大写字母加最多 10 位数字，例如 A0201";
  }
}

/** The parent a code must have (function and economic codes: the code without its last two digits). */
export function derivedParent(catalogue: CodeCatalogue, code: string): string | null | undefined {
  if (catalogue === "purchased-services") return undefined; // free: given in the file
  return code.length > 3 ? code.slice(0, code.length - 2) : null;
}

export const STATE_LABELS = { active: "在用", retired: "停用" } as const;

export function parseState(label: string): boolean | null {
  const t = label.trim();
  if (t === "" || t === "在用" || t === "启用") return false;
  if (t === "停用" || t === "已停用") return true;
  return null;
}

export function parseYesNo(label: string): boolean | null {
  const t = label.trim();
  if (t === "是" || t === "Y" || t === "y") return true;
  if (t === "否" || t === "N" || t === "n") return false;
  return null;
}

export function parseUnitType(label: string): UnitType | null {
  const t = label.trim();
  for (const [type, name] of Object.entries(UNIT_TYPE_NAMES) as [UnitType, string][]) if (t === name || t === type) return type;
  return null;
}

export function isSourceCode(code: string): code is SourceCode {
  return (SOURCE_CODES as readonly string[]).includes(code);
}
