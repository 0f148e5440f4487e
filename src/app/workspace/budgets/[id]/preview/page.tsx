import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/server/auth/require";
import { getDb } from "@/server/db";
import { getBudgetPreview } from "@/server/services/budgets";
import { AppError } from "@/server/services/errors";
import { Contents, DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { formatAmount } from "@/lib/money";

export const metadata: Metadata = { title: "预览公开文本" };
export const dynamic = "force-dynamic";

/** The budget as the engine would publish it now: tables, 情况说明 and 名词解释 in the region's settings. */
export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireSessionUser(`/workspace/budgets/${id}/preview`);
  if (!/^\d{1,9}$/.test(id) || Number(id) < 1) notFound();
  const db = await getDb();
  let preview: Awaited<ReturnType<typeof getBudgetPreview>>;
  try {
    preview = await getBudgetPreview(db, user, Number(id));
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const d = preview.disclosure;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/workspace/budgets/${id}`} className="text-brand hover:underline">
          ← 返回编辑
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        预览：{d.unit.name} {d.year} 年{d.wording}
      </h1>
      <p className="text-sm text-gray-700">
        收支总预算 <strong className="num">{formatAmount(d.summary.total, d.amountUnit)}</strong> {d.unitLabel}
        （金额单位：{d.unitLabel}）。此为草稿预览，不是公开文本。
      </p>
      <div className="public-page">
        <Contents d={d} />
        <DisclosureDocument d={d} />
      </div>
    </div>
  );
}
