import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { AppError } from "../services/errors";
import { hasPermission } from "@/lib/auth/permissions";
import type { CsvError } from "@/lib/admin/csv";
import { isCatalogue, type CatalogueName } from "@/lib/admin/catalogues";
import { exportCatalogueCsv, importCatalogueCsv } from "../services/catalogues";

/*
 * The admin CSV endpoints over HTTP: GET exports, PUT imports the whole file or nothing.
 * 401 without a session, 403 for any role but the admin, 404 for an unknown year/catalogue,
 * 200 with counts, 422 {"errors":[{"row","column","message"}]} when any row is refused.
 */

export interface CsvResource {
  /** File name offered for download. */
  filename: string;
  exportCsv: (db: DbOrTx, actor: SessionUser) => Promise<string>;
  importCsv: (db: DbOrTx, actor: SessionUser, text: string) => Promise<Record<string, number>>;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** Largest file accepted (a catalogue is a few thousand rows). */
const MAX_BYTES = 5 * 1024 * 1024;

export async function handleAdminCsv(
  db: DbOrTx,
  user: SessionUser | null,
  req: Request,
  resource: CsvResource | null,
): Promise<Response> {
  if (!user) return json(401, { error: "请先登录" });
  if (!hasPermission(user.role, "admin.manage")) return json(403, { error: "没有权限：当前角色不能管理机构、年度、科目和公开设置" });
  if (!resource) return json(404, { error: "不存在的年度或目录" });
  try {
    if (req.method === "GET" || req.method === "HEAD") {
      const text = await resource.exportCsv(db, user);
      return new Response(req.method === "HEAD" ? null : text, {
        status: 200,
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${encodeURIComponent(resource.filename)}"; filename*=UTF-8''${encodeURIComponent(resource.filename)}`,
          "cache-control": "no-store",
        },
      });
    }
    if (req.method === "PUT") {
      const length = Number(req.headers.get("content-length") ?? "0");
      if (length > MAX_BYTES) return json(413, { error: "文件过大（上限 5 MB）" });
      const text = await req.text();
      if (text.length > MAX_BYTES) return json(413, { error: "文件过大（上限 5 MB）" });
      const counts = await resource.importCsv(db, user, text);
      return json(200, counts);
    }
    return new Response(null, { status: 405, headers: { allow: "GET, HEAD, PUT" } });
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.details as { errors?: CsvError[] } | undefined;
      if (details?.errors) return json(422, { errors: details.errors });
      const status = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 422 }[error.code];
      return json(status, status === 422 ? { errors: [{ row: 0, column: "", message: error.message }] } : { error: error.message });
    }
    throw error;
  }
}

/** The resource behind /api/admin/v1/catalogues/{year}/{catalogue}.csv, or null for an unknown one. */
export function catalogueCsvResource(yearParam: string, fileParam: string): CsvResource | null {
  const m = /^(.+)\.csv$/.exec(fileParam);
  if (!/^\d{4}$/.test(yearParam) || !m || !isCatalogue(m[1] ?? "")) return null;
  const year = Number(yearParam);
  const catalogue = m[1] as CatalogueName;
  return {
    filename: `${catalogue}-${year}.csv`,
    exportCsv: (db, actor) => exportCatalogueCsv(db, actor, year, catalogue),
    importCsv: (db, actor, text) => importCatalogueCsv(db, actor, year, catalogue, text),
  };
}
