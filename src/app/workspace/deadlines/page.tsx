import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/require";
import { forbiddenMessage, hasPermission } from "@/lib/auth/permissions";
import { Deadlines } from "../_components/deadlines";

export const metadata: Metadata = { title: "公开期限" };

export default async function DeadlinesPage() {
  const user = await requireSessionUser("/workspace/deadlines");
  if (!hasPermission(user.role, "deadline.read")) return <p role="alert">{forbiddenMessage("deadline.read")}</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">公开期限</h1>
      <p className="text-sm text-gray-700">《预算法》第十四条：部门预算应当在批复后二十日内向社会公开。以下为已批复预算的公开期限。</p>
      <Deadlines />
    </div>
  );
}
