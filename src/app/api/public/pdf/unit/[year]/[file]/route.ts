import { cachedData } from "@/server/public/cached";
import { handleUnitPdf } from "@/server/public/pdf";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /budgets/{year}/{unitCode}.pdf` (rewritten here by next.config.mjs); `[file]` is "023002.pdf". */
export async function GET(request: Request, context: { params: Promise<{ year: string; file: string }> }) {
  return handleUnitPdf(cachedData, request, await context.params);
}
