import { handleOptions, handleUnitCsv } from "@/server/public/open-api";
import { cachedData } from "@/server/public/cached";

export const dynamic = "force-dynamic";

/** `[table]` is "3.csv". */
export async function GET(request: Request, context: { params: Promise<{ year: string; unit: string; table: string }> }) {
  return handleUnitCsv(cachedData, request, await context.params);
}

export const OPTIONS = handleOptions;
