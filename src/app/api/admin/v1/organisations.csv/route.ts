import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { handleAdminCsv } from "@/server/admin/csv-http";
import { exportOrganisationsCsv, importOrganisationsCsv } from "@/server/services/organisations";

export const dynamic = "force-dynamic";

const resource = { filename: "organisations.csv", exportCsv: exportOrganisationsCsv, importCsv: importOrganisationsCsv };

async function handler(req: Request) {
  return handleAdminCsv(await getDb(), await getSessionUser(), req, resource);
}

export { handler as GET, handler as PUT };
