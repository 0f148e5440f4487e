import { expectedMigration } from "@/server/db/client";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process is up and answers. It does not touch the database (a database outage is
 * not cured by restarting the app); readiness, GET /api/ready, checks the database.
 */
export function GET() {
  return Response.json(
    { ok: true, engine: process.env.DATABASE_URL ? "postgresql" : "pglite", migration: expectedMigration() },
    { headers: { "cache-control": "no-store" } },
  );
}
