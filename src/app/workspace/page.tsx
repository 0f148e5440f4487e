import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/require";
import { hasPermission } from "@/lib/auth/permissions";
import { BudgetList } from "./_components/budget-list";
import { NewBudgetForm } from "./_components/new-budget-form";
import { UnitOverview } from "./_components/unit-overview";

export const metadata: Metadata = { title: "工作台" };

export default async function WorkspacePage() {
  const user = await requireSessionUser("/workspace");
  const heading = user.scope.kind === "unit" ? "本单位预算" : user.scope.kind === "department" ? "本部门所属单位的预算" : "全部预算";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">工作台</h1>
      {hasPermission(user.role, "budget.create") && <NewBudgetForm />}
      {user.scope.kind !== "unit" && <UnitOverview />}
      <BudgetList heading={heading} />
    </div>
  );
}
