/**
 * GET and PUT of /api/workspace/v1/budgets/{year}/{unitCode}/workbook, with the database and the
 * session user given (the route passes the app's; tests pass their own). Thin: parse the request,
 * one service call, map the answer.
 */
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { AppError } from "../services/errors";
import { exportWorkbook, importWorkbook, WORKBOOK_REJECTED } from "../services/workbook";
import { appErrorResponse, unauthorized } from "./app-error";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A workbook of 100,000 lines is about 5 MB; anything far beyond is not a budget. */
const MAX_BYTES = 50 * 1024 * 1024;

export interface WorkbookParams {
  year: string;
  unitCode: string;
}

function target(p: WorkbookParams) {
  if (!/^\d{4}$/.test(p.year) || !/^[0-9A-Za-z]{1,20}$/.test(p.unitCode)) return null;
  return { year: Number(p.year), unitCode: p.unitCode };
}

const notFoundResponse = () => Response.json({ error: { code: "NOT_FOUND", message: "预算不存在或不在您的权限范围内", details: null } }, { status: 404 });

export async function getWorkbook(db: DbOrTx, user: SessionUser | null, params: WorkbookParams): Promise<Response> {
  if (!user) return unauthorized();
  const t = target(params);
  if (!t) return notFoundResponse();
  try {
    const out = await exportWorkbook(db, user, t.year, t.unitCode);
    return new Response(out.bytes as BodyInit, {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": `attachment; filename="${t.unitCode}-${t.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
        ETag: `"${out.version}"`,
        "X-Budget-Id": String(out.budgetId),
        "X-Budget-Version": String(out.version),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return appErrorResponse(error);
  }
}

/** `If-Match: "12"` (or W/"12", or 12) → 12; absent or `*` → null; anything else → NaN (refused). */
export function versionOf(ifMatch: string | null): number | null {
  if (ifMatch === null || ifMatch.trim() === "" || ifMatch.trim() === "*") return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
  return m ? Number(m[1]) : Number.NaN;
}

export async function putWorkbook(db: DbOrTx, user: SessionUser | null, params: WorkbookParams, request: Request): Promise<Response> {
  if (!user) return unauthorized();
  const t = target(params);
  if (!t) return notFoundResponse();
  const ifMatch = versionOf(request.headers.get("if-match"));
  if (Number.isNaN(ifMatch)) {
    return Response.json({ error: { code: "CONFLICT", message: "If-Match 须为数据版本号，例如 \"12\"", details: null } }, { status: 409 });
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BYTES) {
    return Response.json({ errors: [{ sheet: "", row: 0, column: "", message: "文件过大（超过 50 MB）" }] }, { status: 422 });
  }
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    const out = await importWorkbook(db, user, { year: t.year, unitCode: t.unitCode, bytes, ifMatch });
    return Response.json(out, { headers: { ETag: `"${out.version}"` } });
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST" && (error.details as { kind?: string } | null)?.kind === WORKBOOK_REJECTED) {
      return Response.json({ errors: (error.details as { errors: unknown[] }).errors }, { status: 422 });
    }
    return appErrorResponse(error);
  }
}
