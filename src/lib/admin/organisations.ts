/** Organisation kinds and unit types as the CSV and the screens write them. Pure. */
import type { UnitType } from "../budget/types";

export type OrganisationKind = "region" | "department" | "unit";

export const ORGANISATION_CSV_COLUMNS = ["编码", "名称", "简称", "类型", "上级编码"] as const;

export const UNIT_TYPE_NAMES: Record<UnitType, string> = {
  admin: "行政单位",
  civil_servant_managed: "参照公务员法管理事业单位",
  institution: "事业单位",
};

/** 类型 column: a region, a department, or a unit with its type. */
export function typeLabel(kind: OrganisationKind, unitType: UnitType | null): string {
  if (kind === "region") return "区划";
  if (kind === "department") return "主管部门";
  return unitType ? UNIT_TYPE_NAMES[unitType] : "预算单位";
}

export function parseTypeLabel(label: string): { kind: OrganisationKind; unitType: UnitType | null } | null {
  const t = label.trim();
  if (t === "区划" || t === "财政区划") return { kind: "region", unitType: null };
  if (t === "主管部门" || t === "部门") return { kind: "department", unitType: null };
  for (const [type, name] of Object.entries(UNIT_TYPE_NAMES) as [UnitType, string][]) {
    if (t === name) return { kind: "unit", unitType: type };
  }
  if (t === "参公单位" || t === "参公") return { kind: "unit", unitType: "civil_servant_managed" };
  return null;
}

export const ALLOWED_TYPES_TEXT = "区划、主管部门、行政单位、参照公务员法管理事业单位、事业单位";

export const ORGANISATION_CODE = /^[0-9]{3,12}$/;

/** The kind a parent of `kind` must be. */
export function parentKindOf(kind: OrganisationKind): OrganisationKind | null {
  return kind === "unit" ? "department" : kind === "department" ? "region" : null;
}

export const KIND_NAMES: Record<OrganisationKind, string> = { region: "区划", department: "主管部门", unit: "预算单位" };
