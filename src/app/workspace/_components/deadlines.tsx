"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, ErrorText, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

export function Deadlines() {
  const trpc = useTRPC();
  const rows = useQuery(trpc.budgets.deadlines.queryOptions());
  return (
    <Card title="已批复的预算" id="deadlines">
      {rows.isPending && <p>正在加载…</p>}
      <ErrorText>{rows.error && errorMessage(rows.error)}</ErrorText>
      {rows.data && rows.data.length === 0 && <p>暂无已批复的预算。</p>}
      {rows.data && rows.data.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">年度</th>
                <th scope="col" className="py-2 pr-2">单位</th>
                <th scope="col" className="py-2 pr-2">状态</th>
                <th scope="col" className="py-2 pr-2">批复日期</th>
                <th scope="col" className="py-2 pr-2">公开期限</th>
                <th scope="col" className="py-2 pr-2">公开日期</th>
                <th scope="col" className="py-2">情况</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.budgetId} className={`border-b last:border-0 ${r.late ? "bg-red-50" : ""}`}>
                  <td className="py-2 pr-2">
                    {r.year}
                    {r.revision > 1 && <span className="text-xs text-gray-600">（第 {r.revision} 版）</span>}
                  </td>
                  <td className="py-2 pr-2">
                    <Link href={`/workspace/budgets/${r.budgetId}`} className="text-brand hover:underline">
                      {r.unitName}
                    </Link>
                  </td>
                  <td className="py-2 pr-2">
                    <StatusBadge status={r.status} label={r.statusLabel} />
                  </td>
                  <td className="py-2 pr-2">{r.approvedOn}</td>
                  <td className="py-2 pr-2">{r.deadline}</td>
                  <td className="py-2 pr-2">{r.publishedOn ?? "未公开"}</td>
                  <td className="py-2">
                    {r.late ? (
                      <strong className="text-red-800">{r.publishedOn ? "逾期公开" : "已逾期，尚未公开"}</strong>
                    ) : r.publishedOn ? (
                      "按期公开"
                    ) : (
                      `剩余 ${r.daysLeft} 天`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
