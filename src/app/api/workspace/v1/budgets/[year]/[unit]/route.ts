import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/options";
import { getWorkspaceDocument } from "@/server/services/content";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * The preview of a unit's current budget of a year (draft or later), as open-data JSON, for a
 * signed-in user whose scope holds the unit. Without a session 401; otherwise 404 when the budget
 * does not exist or is outside the user's scope.
 */
export async function GET(_request: Request, context: { params: Promise<{ year: string; unit: string }> }) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "请先登录" }, { status: 401, headers });
  const { year, unit } = await context.params;
  if (!/^\d{4}$/.test(year) || !/^\d{3,12}$/.test(unit)) return Response.json({ error: "未找到该预算" }, { status: 404, headers });
  const doc = await getWorkspaceDocument(await getDb(), user, Number(year), unit);
  if (!doc) return Response.json({ error: "未找到该预算，或不在您的权限范围内" }, { status: 404, headers });
  return Response.json(doc, { headers });
}
