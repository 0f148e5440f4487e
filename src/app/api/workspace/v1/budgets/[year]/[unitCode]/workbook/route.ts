import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { getWorkbook, putWorkbook, type WorkbookParams } from "@/server/http/workbook";

export const dynamic = "force-dynamic";

type Context = { params: Promise<WorkbookParams> };

/** The unit's budget of the year (draft or later, newest revision) as the import workbook. */
export async function GET(_request: Request, context: Context) {
  const user = await getSessionUser();
  return getWorkbook(await getDb(), user, await context.params);
}

/** The xlsx body replaces the content of the unit's draft of the year (created blank if none). */
export async function PUT(request: Request, context: Context) {
  const user = await getSessionUser();
  return putWorkbook(await getDb(), user, await context.params, request);
}
