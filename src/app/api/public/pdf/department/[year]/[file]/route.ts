import { cachedData } from "@/server/public/cached";
import { handleDepartmentPdf } from "@/server/public/pdf";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /budgets/{year}/departments/{code}.pdf` (rewritten here by next.config.mjs); `[file]` is "023.pdf". */
export async function GET(request: Request, context: { params: Promise<{ year: string; file: string }> }) {
  return handleDepartmentPdf(cachedData, request, await context.params);
}
