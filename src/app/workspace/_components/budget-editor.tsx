"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatAmount, unitLabel } from "@/lib/money";
import { publicPaths } from "@/lib/paths";
import { Card, ErrorText, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { ChecksPanel } from "./checks-panel";
import { CommentsPanel } from "./comments-panel";
import { ContentEditors } from "./content-editors";
import { LineGridCard } from "./line-grid-card";
import { Preview } from "./preview";
import { WorkbookPanel } from "./workbook-panel";
import { NarrativeForm } from "./narrative-form";
import { Projects } from "./projects";
import { Timeline } from "./timeline";
import { WorkflowActions } from "./workflow-actions";

export function BudgetEditor({ budgetId, canSeeTimeline }: { budgetId: number; canSeeTimeline: boolean }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.budgets.get.queryOptions({ budgetId }));
  const checks = useQuery(trpc.budgets.checks.queryOptions({ budgetId }));

  if (detail.isPending) return <p>正在加载…</p>;
  if (detail.error) return <ErrorText>{errorMessage(detail.error)}</ErrorText>;
  const { budget, lineItems, projects, comments, actions } = detail.data;
  const ref = { budgetId, version: budget.version };
  const editable = actions.includes("edit");
  const change = checks.data?.total;
  const unit = checks.data?.amountUnit ?? "wan";

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/workspace" className="text-brand hover:underline">
            ← 返回预算列表
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">
          {budget.year} 年度 {budget.unitName}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-gray-700">
          <span>第 {budget.revision} 版</span>
          <StatusBadge status={budget.status} label={budget.statusLabel} />
          <span>
            收支总预算 <strong className="num">{formatAmount(budget.total, unit)}</strong> {unitLabel(unit)}
          </span>
          {change?.prior != null && change.change != null && (
            <span>
              较上年 {change.direction}
              {change.direction !== "持平" && <> {formatAmount(change.change.replace(/^-/, ""), unit)} {unitLabel(unit)}</>}
            </span>
          )}
          {budget.approvedOn && <span>批复日期 {budget.approvedOn}</span>}
          {budget.status === "published" && (
            <Link href={publicPaths.unit(budget.year, budget.unitCode)} className="text-brand hover:underline">
              查看公开页面
            </Link>
          )}
        </p>
        {!editable && budget.status !== "published" && (
          <p className="mt-2 text-sm text-gray-600">当前状态下内容不可修改。</p>
        )}
      </div>

      <WorkflowActions budgetRef={ref} status={budget.status} revision={budget.revision} actions={actions} checks={checks.data?.checks ?? []} correctionNote={budget.correctionNote} />
      <CommentsPanel comments={comments} lineItems={lineItems} />
      <ChecksPanel query={checks} />
      <Preview budgetId={budgetId} open={actions.includes("approve") || actions.includes("publish")} />
      <LineGridCard budgetId={budgetId} version={budget.version} lineItems={lineItems} projects={projects} editable={editable} />
      <WorkbookPanel year={budget.year} unitCode={budget.unitCode} version={budget.version} editable={editable} />
      <Projects budgetRef={ref} projects={projects} lineItems={lineItems} editable={editable} />
      <ContentEditors budgetRef={ref} editable={editable} />
      <NarrativeForm budgetRef={ref} budget={budget} editable={editable} />
      {canSeeTimeline && <Timeline budgetId={budgetId} />}
      <Card title="说明" id="help">
        <p className="text-sm text-gray-600">
          金额在数据库中以元精确保存；输入万元时最多六位小数，换算到分后保存，不做四舍五入。每次保存都基于您看到的版本，若他人已先修改，系统会提示刷新后再操作，不会覆盖他人的修改。
        </p>
      </Card>
    </div>
  );
}
