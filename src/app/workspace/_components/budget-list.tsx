"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatWan } from "@/lib/money";
import { Card, ErrorText, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/**
 * The queue: what waits on the signed-in user first (for a reviewer the submissions to review,
 * oldest first; for a preparer the drafts and returned budgets to finish), counts by status and
 * year, and each approved budget's disclosure deadline with late ones flagged.
 */
export function BudgetList({ heading }: { heading: string }) {
  const trpc = useTRPC();
  const queue = useQuery(trpc.review.queue.queryOptions());
  const q = queue.data;
  return (
    <Card title={heading} id="budgets">
      {queue.isPending && <p>正在加载…</p>}
      <ErrorText>{queue.error && errorMessage(queue.error)}</ErrorText>
      {q && q.items.length === 0 && <p>暂无预算。</p>}
      {q && q.items.length > 0 && (
        <>
          <p className="text-sm">
            <strong>待我办理 {q.waitingOnMe} 件</strong>
            {q.late > 0 && <strong className="ml-3 text-red-800">逾期未公开或逾期公开 {q.late} 件</strong>}
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="text-sm" aria-label="按状态和年度统计">
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-3">年度</th>
                  {q.statuses.map((s) => (
                    <th key={s.status} scope="col" className="num py-1 pr-3">
                      {s.label}
                    </th>
                  ))}
                  <th scope="col" className="num py-1">合计</th>
                </tr>
              </thead>
              <tbody>
                {q.years.map((y) => (
                  <tr key={y.year} className="border-b">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      {y.year}
                    </th>
                    {y.counts.map((n, i) => (
                      <td key={i} className="num py-1 pr-3">
                        {n || ""}
                      </td>
                    ))}
                    <td className="num py-1">{y.total}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" className="py-1 pr-3 text-left">
                    合计
                  </th>
                  {q.counts.map((c) => (
                    <td key={c.status} className="num py-1 pr-3 font-semibold">
                      {c.count}
                    </td>
                  ))}
                  <td className="num py-1 font-semibold">{q.items.length}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-sm" aria-label="预算列表">
              <caption className="sr-only">预算列表，待我办理的在前（金额单位：万元）</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-2 pr-2">年度</th>
                  <th scope="col" className="py-2 pr-2">单位</th>
                  <th scope="col" className="py-2 pr-2">版次</th>
                  <th scope="col" className="py-2 pr-2">状态</th>
                  <th scope="col" className="num py-2 pr-2">合计（万元）</th>
                  <th scope="col" className="py-2 pr-2">下一步</th>
                  <th scope="col" className="py-2 pr-2">公开期限</th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.items.map((b) => (
                  <tr key={b.id} className={`border-b last:border-0 ${b.waitingOnMe ? "bg-blue-50" : ""} ${b.deadline?.late ? "bg-red-50" : ""}`}>
                    <td className="py-2 pr-2">{b.year}</td>
                    <td className="py-2 pr-2">
                      <span className="font-mono text-xs text-gray-500">{b.unitCode}</span> {b.unitName}
                    </td>
                    <td className="py-2 pr-2">第 {b.revision} 版</td>
                    <td className="py-2 pr-2">
                      <StatusBadge status={b.status} label={b.statusLabel} />
                    </td>
                    <td className="num py-2 pr-2">{formatWan(b.total)}</td>
                    <td className="py-2 pr-2">
                      {b.waitingOnMe ? <strong>待我办理：{b.nextStep}</strong> : b.nextStep}
                    </td>
                    <td className="py-2 pr-2">
                      {b.deadline ? (
                        b.deadline.late ? (
                          <strong className="text-red-800">已逾期（{b.deadline.deadline}）</strong>
                        ) : (
                          b.deadline.deadline
                        )
                      ) : (
                        ""
                      )}
                    </td>
                    <td className="whitespace-nowrap py-2">
                      <Link href={`/workspace/budgets/${b.id}`} className="text-brand hover:underline" aria-label={`打开 ${b.year} 年度 ${b.unitName} 第 ${b.revision} 版`}>
                        打开
                      </Link>
                      {b.status !== "draft" && (
                        <Link
                          href={`/workspace/budgets/${b.id}/review`}
                          className="ml-3 text-brand hover:underline"
                          aria-label={`审核 ${b.year} 年度 ${b.unitName} 第 ${b.revision} 版`}
                        >
                          {b.waitingOnMe && b.status === "submitted" ? "审核" : "差异与意见"}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
