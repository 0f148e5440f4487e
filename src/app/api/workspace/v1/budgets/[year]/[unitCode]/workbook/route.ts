import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { appErrorResponse, unauthorized } from "@/server/http/app-error";
import { exportWorkbook } from "@/server/services/workbook";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ year: string; unitCode: string }> };

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Outside the routes' shape answers 404, like a unit outside the user's scope. */
async function target(context: Params) {
  const { year, unitCode } = await context.params;
  if (!/^\d{4}$/.test(year) || !/^[0-9A-Za-z]{1,20}$/.test(unitCode)) return null;
  return { year: Number(year), unitCode };
}

const notFoundResponse = () => Response.json({ error: { code: "NOT_FOUND", message: "预算不存在或不在您的权限范围内", details: null } }, { status: 404 });

/** The unit's budget of the year (draft or later, newest revision) as the import workbook. */
export async function GET(_request: Request, context: Params) {
  const user = await getSessionUser();
  if (!user) return unauthorized();
  const t = await target(context);
  if (!t) return notFoundResponse();
  try {
    const out = await exportWorkbook(await getDb(), user, t.year, t.unitCode);
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
