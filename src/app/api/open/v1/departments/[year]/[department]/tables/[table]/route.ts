import { handleDepartmentCsv, handleOptions } from "@/server/public/open-api";
import { cachedData } from "@/server/public/cached";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ year: string; department: string; table: string }> }) {
  return handleDepartmentCsv(cachedData, request, await context.params);
}

export const OPTIONS = handleOptions;
