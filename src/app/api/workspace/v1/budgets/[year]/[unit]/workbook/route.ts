import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { getWorkbook, putWorkbook } from "@/server/http/workbook";

export const dynamic = "force-dynamic";

/** `[unit]` is the unit's code (the same segment as the preview route beside this one). */
type Context = { params: Promise<{ year: string; unit: string }> };

/** The unit's budget of the year (draft or later, newest revision) as the import workbook. */
export async function GET(_request: Request, context: Context) {
  const { year, unit } = await context.params;
  return getWorkbook(await getDb(), await getSessionUser(), { year, unitCode: unit });
}

/** The xlsx body replaces the content of the unit's draft of the year (created blank if none). */
export async function PUT(request: Request, context: Context) {
  const { year, unit } = await context.params;
  return putWorkbook(await getDb(), await getSessionUser(), { year, unitCode: unit }, request);
}
