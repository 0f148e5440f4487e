/**
 * The open-data API (docs/open-data.md), as plain functions of a data source and a Request so
 * that tests can call them against a test database. Route files under src/app/api/open pass the
 * cached source. Everything answered here comes from published snapshots only: an unpublished
 * budget is indistinguishable from one that does not exist.
 */
import { createHash } from "node:crypto";
import type { Disclosure } from "@/lib/budget/model";
import { tableCsv } from "@/lib/export/csv";
import { openTables, type OpenDisclosure } from "@/lib/export/json";
import { workbookBytes } from "@/lib/export/xlsx";
import { publicPaths } from "@/lib/paths";
import type { PublicData } from "./data";
import { openPaths } from "@/lib/paths";
import { departmentView, departmentRef, parseCode, parseRevision, parseYear, unitRef, type DepartmentRefView, type UnitRef } from "./views";

/** Bump when the shape or the bytes of any response change, so that ETags change with them. */
const FORMAT_VERSION = "1";
export const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export { openPaths };

function withRevision(path: string, revision: number | undefined): string {
  return revision === undefined ? path : `${path}?revision=${revision}`;
}

function corsHeaders(): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Content-Disposition",
  };
}

export function handleOptions(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(),
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match, Content-Type",
      "Access-Control-Max-Age": "86400",
    },
  });
}

export function errorResponse(status: number, error: string): Response {
  return Response.json(
    { error },
    { status, headers: { ...corsHeaders(), "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } },
  );
}

function notFound(what: string): Response {
  return errorResponse(404, `未找到${what}的已公开预算`);
}

function etagMatches(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  const want = bare(etag);
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === want);
}

function cachedResponse(request: Request, etag: string, make: () => Promise<{ body: BodyInit; headers: Record<string, string> }>) {
  const common = { ...corsHeaders(), ETag: etag, "Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff" };
  if (etagMatches(request, etag)) return Promise.resolve(new Response(null, { status: 304, headers: common }));
  return make().then(({ body, headers }) => new Response(body, { status: 200, headers: { ...common, ...headers } }));
}

function hash(s: string): string {
  return createHash("sha256").update(s).digest("base64url").slice(0, 16);
}

function json(value: unknown): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify(value), headers: { "Content-Type": "application/json; charset=utf-8" } };
}

function attachment(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

// ---------------------------------------------------------------------------
// GET /api/open/v1/budgets?year=&department=

export async function handleIndex(data: PublicData, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const yearParam = url.searchParams.get("year");
  const deptParam = url.searchParams.get("department");
  const year = yearParam ? parseYear(yearParam) : undefined;
  if (year === null) return errorResponse(400, "参数 year 应为四位年度，例如 2024");
  const departmentCode = deptParam ? parseCode(deptParam) : undefined;
  if (departmentCode === null) return errorResponse(400, "参数 department 应为主管部门编码，例如 023");
  const rows = (await data.published()).filter(
    (r) => (year === undefined || r.year === year) && (departmentCode === undefined || r.departmentCode === departmentCode),
  );
  const origin = url.origin;
  const budgets = rows.map((r) => ({
    unit: { code: r.unitCode, name: r.unitName },
    department: { code: r.departmentCode, name: r.departmentName },
    year: r.year,
    revision: r.revision,
    total: r.total,
    priorTotal: r.priorTotal,
    publishedAt: r.publishedAt,
    urls: {
      html: `${origin}${publicPaths.unit(r.year, r.unitCode)}`,
      json: `${origin}${openPaths.unit(r.year, r.unitCode)}`,
      xlsx: `${origin}${openPaths.unitXlsx(r.year, r.unitCode)}`,
      /** A template: replace {n} with the table number, 1–17. */
      csv: `${origin}${openPaths.unit(r.year, r.unitCode)}/tables/{n}.csv`,
    },
  }));
  const body = { amountUnit: "元", count: budgets.length, budgets };
  const text = JSON.stringify(body);
  const etag = `W/"index-${FORMAT_VERSION}-${hash(text)}"`;
  return cachedResponse(request, etag, async () => ({ body: text, headers: { "Content-Type": "application/json; charset=utf-8" } }));
}

// ---------------------------------------------------------------------------
// One unit: /api/open/v1/budgets/{year}/{unit}[.xlsx|.json], /tables/{n}.csv

type Format = "json" | "xlsx";

function splitFormat(raw: string, allowed: Format[]): { code: string; format: Format } | null {
  const m = /^(\d{3,12})(?:\.(json|xlsx))?$/.exec(raw);
  if (!m) return null;
  const format = (m[2] ?? "json") as Format;
  if (!allowed.includes(format)) return null;
  return { code: m[1] as string, format };
}

function snapshotEtag(kind: string, ids: string, revision: number, format: string, origin: string): string {
  return `W/"${kind}-${ids}-r${revision}-${format}-${FORMAT_VERSION}-${hash(origin)}"`;
}

function unitTitle(ref: UnitRef): string {
  return `${ref.row.unitName} ${ref.row.year} 年部门预算`;
}

function unitDocument(ref: UnitRef, d: Disclosure, origin: string, revisionParam: number | undefined): OpenDisclosure {
  const year = ref.row.year;
  const code = ref.row.unitCode;
  const rev = ref.isLatest ? undefined : ref.shown.revision;
  return {
    unit: {
      code,
      name: ref.row.unitName,
      type: ref.row.unitType,
      department: { code: ref.row.departmentCode, name: ref.row.departmentName },
      region: { code: d.unit.regionCode, name: d.unit.regionName },
    },
    year,
    revision: ref.shown.revision,
    status: ref.isLatest ? "published" : "superseded",
    publishedAt: ref.shown.publishedAt,
    correctionNote: ref.shown.correctionNote,
    revisions: ref.revisions.map((r) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      correctionNote: r.correctionNote,
      url: `${origin}${withRevision(openPaths.unit(year, code), r.revision === ref.revisions[0]?.revision ? undefined : r.revision)}`,
    })),
    amountUnit: d.unitLabel,
    htmlUrl: `${origin}${rev === undefined ? publicPaths.unit(year, code) : publicPaths.unitRevision(year, code, rev)}`,
    downloads: {
      xlsx: `${origin}${withRevision(openPaths.unitXlsx(year, code), revisionParam)}`,
      csv: d.tables.map((t) => `${origin}${withRevision(openPaths.unitCsv(year, code, t.number), revisionParam)}`),
    },
    tables: openTables(d),
    explanation: d.explanation,
    checks: d.checks,
  };
}

export async function handleUnit(data: PublicData, request: Request, params: { year: string; unit: string }): Promise<Response> {
  const url = new URL(request.url);
  const year = parseYear(params.year);
  const target = splitFormat(params.unit, ["json", "xlsx"]);
  const revision = parseRevision(url.searchParams.get("revision") ?? undefined);
  if (year === null || !target || revision === null) return notFound(` ${params.year} 年 ${params.unit} `);
  const ref = await unitRef(data, year, target.code, revision);
  if (!ref) return notFound(` ${year} 年单位 ${target.code} `);
  const etag = snapshotEtag("unit", String(ref.shown.snapshotId), ref.shown.revision, target.format, url.origin);
  return cachedResponse(request, etag, async () => {
    const d = await data.unitDisclosure({ snapshotId: ref.shown.snapshotId, year, unitCode: target.code });
    if (!d) throw new Error(`snapshot ${ref.shown.snapshotId} could not be read`);
    if (target.format === "json") return json(unitDocument(ref, d, url.origin, revision));
    const htmlPath = ref.isLatest ? publicPaths.unit(year, target.code) : publicPaths.unitRevision(year, target.code, ref.shown.revision);
    const bytes = await workbookBytes(d, {
      title: unitTitle(ref),
      revision: ref.shown.revision,
      publishedAt: ref.shown.publishedAt,
      correctionNote: ref.shown.correctionNote,
      htmlUrl: `${url.origin}${htmlPath}`,
    });
    const suffix = ref.isLatest ? "" : `-r${ref.shown.revision}`;
    return {
      body: bytes as unknown as BodyInit,
      headers: {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": attachment(`${year}-${target.code}${suffix}.xlsx`, `${year}-${target.code}-${ref.row.unitName}${suffix}.xlsx`),
      },
    };
  });
}

function parseTable(raw: string): number | null {
  const m = /^(\d{1,2})\.csv$/.exec(raw);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 17 ? n : null;
}

function csvBody(d: Disclosure, n: number, ascii: string, utf8: string) {
  const table = d.tables[n - 1];
  if (!table) throw new Error(`table ${n} missing`);
  return {
    body: tableCsv(table),
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(`${ascii}-table-${String(n).padStart(2, "0")}.csv`, `${utf8}-表${n}-${table.title}.csv`),
    },
  };
}

export async function handleUnitCsv(
  data: PublicData,
  request: Request,
  params: { year: string; unit: string; table: string },
): Promise<Response> {
  const url = new URL(request.url);
  const year = parseYear(params.year);
  const code = parseCode(params.unit);
  const n = parseTable(params.table);
  const revision = parseRevision(url.searchParams.get("revision") ?? undefined);
  if (year === null || code === null || revision === null) return notFound(` ${params.year} 年 ${params.unit} `);
  if (n === null) return errorResponse(404, "表号应为 1–17，例如 tables/3.csv");
  const ref = await unitRef(data, year, code, revision);
  if (!ref) return notFound(` ${year} 年单位 ${code} `);
  const etag = snapshotEtag("unit", String(ref.shown.snapshotId), ref.shown.revision, `t${n}-csv`, "");
  return cachedResponse(request, etag, async () => {
    const d = await data.unitDisclosure({ snapshotId: ref.shown.snapshotId, year, unitCode: code });
    if (!d) throw new Error(`snapshot ${ref.shown.snapshotId} could not be read`);
    const suffix = ref.isLatest ? "" : `-r${ref.shown.revision}`;
    return csvBody(d, n, `${year}-${code}${suffix}`, `${year}-${code}-${ref.row.unitName}${suffix}`);
  });
}

// ---------------------------------------------------------------------------
// A department's consolidated budget (部门汇总): /api/open/v1/departments/{year}/{dept}[.xlsx]

function departmentIds(ref: DepartmentRefView): string {
  return hash(ref.summary.rows.map((r) => `${r.snapshotId}`).join(","));
}

export async function handleDepartment(
  data: PublicData,
  request: Request,
  params: { year: string; department: string },
): Promise<Response> {
  const url = new URL(request.url);
  const year = parseYear(params.year);
  const target = splitFormat(params.department, ["json", "xlsx"]);
  if (year === null || !target) return notFound(` ${params.year} 年 ${params.department} `);
  const ref = await departmentRef(data, year, target.code);
  if (!ref) return notFound(` ${year} 年主管部门 ${target.code} `);
  const etag = snapshotEtag("dept", departmentIds(ref), 1, target.format, url.origin);
  return cachedResponse(request, etag, async () => {
    const view = await departmentView(data, year, target.code);
    if (!view) throw new Error(`department ${target.code} ${year} could not be consolidated`);
    const d = view.disclosure;
    const latest = ref.summary.rows.reduce((a, r) => (r.publishedAt > a ? r.publishedAt : a), "");
    const htmlUrl = `${url.origin}${publicPaths.department(year, target.code)}`;
    if (target.format === "json") {
      const doc: OpenDisclosure = {
        unit: {
          code: target.code,
          name: ref.department.name,
          type: "department",
          department: ref.department,
          region: { code: d.unit.regionCode, name: d.unit.regionName },
        },
        units: ref.summary.rows.map((r) => ({ code: r.unitCode, name: r.unitName })),
        year,
        revision: 1,
        status: "published",
        publishedAt: latest,
        correctionNote: "",
        revisions: [],
        amountUnit: d.unitLabel,
        htmlUrl,
        downloads: {
          xlsx: `${url.origin}${openPaths.departmentXlsx(year, target.code)}`,
          csv: d.tables.map((t) => `${url.origin}${openPaths.departmentCsv(year, target.code, t.number)}`),
        },
        tables: openTables(d),
        explanation: d.explanation,
        checks: d.checks,
      };
      return json(doc);
    }
    const bytes = await workbookBytes(d, {
      title: `${ref.department.name} ${year} 年部门预算（部门汇总）`,
      revision: 1,
      publishedAt: latest,
      htmlUrl,
    });
    return {
      body: bytes as unknown as BodyInit,
      headers: {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": attachment(`${year}-${target.code}.xlsx`, `${year}-${target.code}-${ref.department.name}.xlsx`),
      },
    };
  });
}

export async function handleDepartmentCsv(
  data: PublicData,
  request: Request,
  params: { year: string; department: string; table: string },
): Promise<Response> {
  const year = parseYear(params.year);
  const code = parseCode(params.department);
  const n = parseTable(params.table);
  if (year === null || code === null) return notFound(` ${params.year} 年 ${params.department} `);
  if (n === null) return errorResponse(404, "表号应为 1–17，例如 tables/3.csv");
  const ref = await departmentRef(data, year, code);
  if (!ref) return notFound(` ${year} 年主管部门 ${code} `);
  const etag = snapshotEtag("dept", departmentIds(ref), 1, `t${n}-csv`, "");
  return cachedResponse(request, etag, async () => {
    const view = await departmentView(data, year, code);
    if (!view) throw new Error(`department ${code} ${year} could not be consolidated`);
    return csvBody(view.disclosure, n, `${year}-${code}`, `${year}-${code}-${ref.department.name}`);
  });
}

// Shared with the PDF downloads (./pdf.ts).
export { attachment, cachedResponse, notFound, snapshotEtag, unitTitle };
