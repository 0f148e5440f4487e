"use client";

import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { formatAmount } from "@/lib/money";
import type { DiffRow } from "@/lib/review/diff";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { Button, Card, ErrorText, inputClass, labelClass, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { CommentItem, CommentThreads, type CommentThread } from "./comment-threads";
import { DiffTable } from "./diff-table";
import { useRefreshBudget } from "./use-budget";
import { WorkflowActions } from "./workflow-actions";

/** A comment form for one target; the target is chosen on screen, never typed as codes. */
function CommentForm({
  budgetId,
  target,
  label,
  onDone,
}: {
  budgetId: number;
  target: { kind: "budget" } | { kind: "line"; lineItemId: number } | { kind: "row"; tableNumber: number; rowCode: string | null; rowName: string };
  label: string;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const [body, setBody] = useState("");
  const add = useMutation(
    trpc.review.comment.mutationOptions({
      onSuccess: async () => {
        setBody("");
        onDone?.();
        await refresh();
      },
    }),
  );
  const id = useId();
  return (
    <form
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ budgetId, body, target });
      }}
    >
      <label htmlFor={id} className={labelClass}>
        意见内容
      </label>
      <textarea id={id} rows={2} className={inputClass} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="mt-1 flex gap-2">
        <Button type="submit" disabled={add.isPending || body.trim() === ""}>
          提交意见
        </Button>
        {onDone && (
          <Button variant="secondary" onClick={onDone}>
            取消
          </Button>
        )}
      </div>
      <ErrorText>{add.error && errorMessage(add.error)}</ErrorText>
    </form>
  );
}

type Review = NonNullable<ReturnType<typeof useReview>["data"]>;

function useReview(budgetId: number) {
  const trpc = useTRPC();
  return useQuery(trpc.review.get.queryOptions({ budgetId }));
}

/** Comments on a table row: the table and the row picked from the preview's own rows. */
function RowCommentForm({ budgetId, review }: { budgetId: number; review: Review }) {
  const tables = review.preview.tables.filter((t) => t.rows.length > 0);
  const [tableNumber, setTableNumber] = useState<number>(tables[0]?.number ?? 1);
  const table = tables.find((t) => t.number === tableNumber);
  const rows = (table?.rows ?? []).map((r, i) => ({ key: `${i}`, code: r.code ?? null, name: r.name }));
  const [rowKey, setRowKey] = useState("0");
  const row = rows.find((r) => r.key === rowKey) ?? rows[0];
  return (
    <div className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <label htmlFor="row-comment-table" className={labelClass}>
            表
          </label>
          <select
            id="row-comment-table"
            className={inputClass}
            value={tableNumber}
            onChange={(e) => {
              setTableNumber(Number(e.target.value));
              setRowKey("0");
            }}
          >
            {tables.map((t) => (
              <option key={t.number} value={t.number}>
                表{t.number} {t.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="row-comment-row" className={labelClass}>
            行
          </label>
          <select id="row-comment-row" className={inputClass} value={rowKey} onChange={(e) => setRowKey(e.target.value)}>
            {rows.map((r) => (
              <option key={r.key} value={r.key}>
                {r.code ? `${r.code} ` : ""}
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {row && (
        <CommentForm
          key={`${tableNumber}-${row.key}`}
          budgetId={budgetId}
          label="对表中一行提意见"
          target={{ kind: "row", tableNumber, rowCode: row.code, rowName: row.name }}
        />
      )}
    </div>
  );
}

export function ReviewPage({ budgetId }: { budgetId: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const review = useReview(budgetId);
  const start = useMutation(trpc.review.start.mutationOptions({ onSuccess: () => refresh() }));
  const asked = useRef(false);
  const [commenting, setCommenting] = useState<string | null>(null);

  const data = review.data;
  const reviewing = data !== undefined && data.budget.status === "submitted" && data.actions.includes("approve");
  // Opening the submission starts the review: from now on the unit can no longer withdraw it.
  useEffect(() => {
    if (reviewing && !data.reviewStarted && !asked.current) {
      asked.current = true;
      start.mutate({ budgetId });
    }
  }, [reviewing, data, budgetId, start]);

  if (review.isPending) return <p>正在加载…</p>;
  if (review.error) return <ErrorText>{errorMessage(review.error)}</ErrorText>;
  const r = review.data;
  const { budget } = r;
  const unit = r.amountUnit;
  const canComment = reviewing;
  const canResolve = r.actions.includes("approve") || r.actions.includes("return") || r.actions.includes("publish");
  const comments = r.comments as CommentThread[];
  const onLine = (row: DiffRow) => comments.filter((c) => row.lineItemId !== null && c.lineItemId === Number(row.lineItemId));
  // One open comment form at a time, in the table where it was asked for.
  const formKey = (table: string, row: DiffRow) => `${table}:${row.lineItemId ?? ""}`;
  const rowAction = (table: string) =>
    canComment
      ? (row: DiffRow) =>
          row.lineItemId !== null ? (
            <Button
              variant="secondary"
              aria-label={`对明细 ${row.cells.function.after ?? ""} ${row.cells.economic.after ?? ""} 提意见`}
              onClick={() => setCommenting((k) => (k === formKey(table, row) ? null : formKey(table, row)))}
            >
              提意见
            </Button>
          ) : null
      : undefined;
  const rowExtra = (table: string) =>
    function extraUnderRow(row: DiffRow) {
    const here = onLine(row);
    const open = commenting !== null && commenting === formKey(table, row);
    if (here.length === 0 && !open) return null;
    return (
      <div className="space-y-2">
        {here.map((c) => (
          <CommentItem key={c.id} c={c} canReply={false} canResolve={false} compact />
        ))}
        {open && row.lineItemId && (
          <CommentForm budgetId={budgetId} target={{ kind: "line", lineItemId: Number(row.lineItemId) }} label="对明细提意见" onDone={() => setCommenting(null)} />
        )}
      </div>
    );
  };

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/workspace/budgets/${budgetId}`} className="text-brand hover:underline">
            ← 返回预算
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-bold">
          审核：{budget.year} 年度 {budget.unitName}
        </h1>
        <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-gray-700">
          <span>第 {budget.revision} 版</span>
          <StatusBadge status={budget.status} label={budget.statusLabel} />
          <span>
            收支总预算 <strong className="num">{formatAmount(budget.total, unit)}</strong> {r.unitLabel}
          </span>
          <span>已提交 {r.submissions.length} 次</span>
          {r.reviewStarted && budget.status === "submitted" && <span>审核已开始</span>}
        </p>
      </div>

      <Card title="校验结果" id="review-checks">
        {r.checks.length === 0 ? (
          <p className="text-sm text-gray-700">全部校验通过。</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {r.checks.map((c, i) => (
              <li key={`${c.id}-${i}`} className={c.severity === "error" ? "text-red-800" : "text-amber-900"}>
                {c.severity === "error" ? "错误" : "提示"} <span className="font-mono text-xs">{c.id}</span> {c.message}
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-3 font-medium">单位提交时已确认的提示</h3>
        {r.acknowledgedWarnings.length === 0 ? (
          <p className="text-sm text-gray-600">无。</p>
        ) : (
          <ul className="text-sm">
            {r.acknowledgedWarnings.map((c, i) => (
              <li key={`${c.id}-${i}`}>
                <span className="font-mono text-xs">{c.id}</span> {c.message}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="与上次提交相比" id="diff-submission">
        {r.sinceSubmission ? (
          <>
            <p className="mb-1 text-sm text-gray-700">{r.sinceSubmission.label}</p>
            <DiffTable title="与上次提交相比的差异" diff={r.sinceSubmission.diff} unit={unit} beforeLabel="上次" afterLabel="本次" rowAction={rowAction("since")} rowExtra={rowExtra("since")} />
          </>
        ) : (
          <p className="text-sm text-gray-600">这是第一次提交，没有可比较的上次提交。</p>
        )}
      </Card>

      <Card title="与上年相比" id="diff-prior-year">
        {!r.priorYear.onFile && (
          <p className="mb-1 text-sm text-gray-700">
            平台上没有 {r.priorYear.year} 年度已公开的预算，下列各行均为新增
            {r.priorYear.baselineTotal !== null && <>；填报的上年收支总预算为 {formatAmount(r.priorYear.baselineTotal, unit)} {r.unitLabel}</>}。
          </p>
        )}
        <DiffTable title="与上年相比的差异" diff={r.priorYear.diff} unit={unit} beforeLabel={`${r.priorYear.year} 年`} afterLabel={`${budget.year} 年`} rowAction={rowAction("prior")} rowExtra={rowExtra("prior")} />
      </Card>

      {canComment && (
        <Card title="提出审核意见" id="new-comment">
          <div className="space-y-4">
            <div>
              <h3 className="font-medium">整体意见</h3>
              <CommentForm budgetId={budgetId} target={{ kind: "budget" }} label="整体意见" />
            </div>
            <div>
              <h3 className="font-medium">对表中的一行</h3>
              <RowCommentForm budgetId={budgetId} review={r} />
            </div>
            <p className="text-xs text-gray-600">对某条明细的意见：在上面的差异表中点该行的“提意见”。</p>
          </div>
        </Card>
      )}

      <CommentThreads comments={comments} canReply canResolve={canResolve} />

      <Card title="预览" id="preview">
        <details>
          <summary className="cursor-pointer text-sm text-brand">预览公开文本（表1–表17、情况说明）</summary>
          <div className="mt-3">
            <DisclosureDocument d={r.preview} />
          </div>
        </details>
      </Card>

      <WorkflowActions
        budgetRef={{ budgetId, version: budget.version }}
        status={budget.status}
        revision={budget.revision}
        actions={r.actions}
        checks={r.checks}
        correctionNote={budget.correctionNote}
        reviewStarted={r.reviewStarted}
      />
    </div>
  );
}
