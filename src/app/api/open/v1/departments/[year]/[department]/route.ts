import { handleDepartment, handleOptions } from "@/server/public/open-api";
import { cachedData } from "@/server/public/cached";

export const dynamic = "force-dynamic";

/** `[department]` is "023" (JSON) or "023.xlsx". */
export async function GET(request: Request, context: { params: Promise<{ year: string; department: string }> }) {
  return handleDepartment(cachedData, request, await context.params);
}

export const OPTIONS = handleOptions;
