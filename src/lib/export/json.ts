/**
 * The open-data JSON of one disclosure. Amounts are decimal strings: in `tables[].rows[].cells`
 * the printed figure in the table's unit ("5114.04"), in `explanation.figures` exact 元.
 */
import type {
  Check,
  Column,
  Disclosure,
  Explanation,
  OverallPerformanceBlock,
  ProjectPerformanceBlock,
  RowLevel,
  TableLayout,
} from "../budget/model";

export interface OpenTable {
  number: number;
  title: string;
  unit: "万元" | "元";
  unitName: string;
  layout: TableLayout;
  empty: boolean;
  notes: string[];
  columns: Column[];
  rows: { code: string | null; name: string; level: RowLevel; cells: Record<string, string | null> }[];
  overall?: OverallPerformanceBlock[];
  projects?: ProjectPerformanceBlock[];
}

export interface OpenUnitRef {
  code: string;
  name: string;
  type: string;
  department: { code: string; name: string };
  region: { code: string; name: string };
}

export interface OpenDisclosure {
  unit: OpenUnitRef;
  /** Member units of a department's consolidated budget; absent for a single unit. */
  units?: { code: string; name: string }[];
  year: number;
  revision: number;
  /** "published": the current revision; "superseded": an earlier revision replaced by a correction. */
  status: "published" | "superseded";
  publishedAt: string;
  correctionNote: string;
  revisions: { revision: number; publishedAt: string; correctionNote: string; url: string }[];
  amountUnit: "万元" | "元";
  htmlUrl: string;
  downloads: { xlsx: string; csv: string[] };
  tables: OpenTable[];
  explanation: Explanation;
  checks: Check[];
}

export function openTables(d: Disclosure): OpenTable[] {
  return d.tables.map((t) => {
    const out: OpenTable = {
      number: t.number,
      title: t.title,
      unit: t.unit,
      unitName: t.unitName,
      layout: t.layout,
      empty: t.empty,
      notes: t.notes,
      columns: t.columns,
      rows: t.rows.map((r) => ({ code: r.code, name: r.name, level: r.level, cells: r.cells })),
    };
    if (t.overall) out.overall = t.overall;
    if (t.projects) out.projects = t.projects;
    return out;
  });
}

/**
 * A budget being prepared, reviewed or published, as the workspace previews it: the open-data
 * shape with the working status instead of publication metadata.
 */
export interface WorkspaceDisclosure extends Omit<OpenDisclosure, "status" | "publishedAt" | "revisions" | "downloads" | "htmlUrl" | "correctionNote"> {
  status: "draft" | "submitted" | "returned" | "approved" | "published";
  version: number;
  publishedAt: string | null;
  correctionNote: string;
}

export function workspaceDocument(
  d: Disclosure,
  meta: { unit: OpenUnitRef; revision: number; status: WorkspaceDisclosure["status"]; version: number; publishedAt: string | null; correctionNote: string },
): WorkspaceDisclosure {
  return {
    unit: meta.unit,
    year: d.year,
    revision: meta.revision,
    status: meta.status,
    version: meta.version,
    publishedAt: meta.publishedAt,
    correctionNote: meta.correctionNote,
    amountUnit: d.unitLabel,
    tables: openTables(d),
    explanation: d.explanation,
    checks: d.checks,
  };
}
