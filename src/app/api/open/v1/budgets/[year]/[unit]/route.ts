import { handleOptions, handleUnit } from "@/server/public/open-api";
import { cachedData } from "@/server/public/cached";

export const dynamic = "force-dynamic";

/** `[unit]` is "023002" (JSON) or "023002.xlsx" (the workbook). */
export async function GET(request: Request, context: { params: Promise<{ year: string; unit: string }> }) {
  return handleUnit(cachedData, request, await context.params);
}

export const OPTIONS = handleOptions;
