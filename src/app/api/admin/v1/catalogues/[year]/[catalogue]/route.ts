import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { catalogueCsvResource, handleAdminCsv } from "@/server/admin/csv-http";

export const dynamic = "force-dynamic";

/** /api/admin/v1/catalogues/{year}/{catalogue}.csv */
async function handler(req: Request, { params }: { params: Promise<{ year: string; catalogue: string }> }) {
  const p = await params;
  return handleAdminCsv(await getDb(), await getSessionUser(), req, catalogueCsvResource(p.year, p.catalogue));
}

export { handler as GET, handler as PUT };
