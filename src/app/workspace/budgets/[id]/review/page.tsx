import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/server/auth/require";
import { ReviewPage } from "../../../_components/review-page";

export const metadata: Metadata = { title: "审核" };

export default async function BudgetReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSessionUser(`/workspace/budgets/${id}/review`);
  const budgetId = Number(id);
  if (!/^\d{1,9}$/.test(id) || budgetId < 1) notFound();
  return <ReviewPage budgetId={budgetId} />;
}
