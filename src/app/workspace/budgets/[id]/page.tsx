import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/server/auth/require";
import { hasPermission } from "@/lib/auth/permissions";
import { BudgetEditor } from "../../_components/budget-editor";

export const metadata: Metadata = { title: "预算" };

export default async function BudgetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireSessionUser(`/workspace/budgets/${id}`);
  const budgetId = Number(id);
  if (!/^\d{1,9}$/.test(id) || budgetId < 1) notFound();
  return <BudgetEditor budgetId={budgetId} canSeeTimeline={hasPermission(user.role, "budget.timeline")} />;
}
