import { getDatabase } from "@/server/db";
import { pingDatabase } from "@/server/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const database = await getDatabase();
    await pingDatabase(database.db);
    return Response.json({ ok: true, engine: database.engine, migration: database.migration });
  } catch (error) {
    return Response.json(
      { ok: false, engine: process.env.DATABASE_URL ? "postgresql" : "pglite", error: (error as Error).message },
      { status: 503 },
    );
  }
}
