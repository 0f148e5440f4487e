"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatWan } from "@/lib/money";
import { Card, ErrorText, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

export function BudgetList({ heading }: { heading: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.budgets.list.queryOptions());
  return (
    <Card title={heading} id="budgets">
      {list.isPending && <p>正在加载…</p>}
      <ErrorText>{list.error && errorMessage(list.error)}</ErrorText>
      {list.data && list.data.length === 0 && <p>暂无预算。</p>}
      {list.data && list.data.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">预算列表（金额单位：万元）</caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">年度</th>
                <th scope="col" className="py-2 pr-2">单位</th>
                <th scope="col" className="py-2 pr-2">版次</th>
                <th scope="col" className="py-2 pr-2">状态</th>
                <th scope="col" className="num py-2 pr-2">合计（万元）</th>
                <th scope="col" className="py-2 pr-2">下一步</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => (
                <tr key={b.id} className="border-b last:border-0">
                  <td className="py-2 pr-2">{b.year}</td>
                  <td className="py-2 pr-2">
                    <span className="font-mono text-xs text-gray-500">{b.unitCode}</span> {b.unitName}
                  </td>
                  <td className="py-2 pr-2">第 {b.revision} 版</td>
                  <td className="py-2 pr-2">
                    <StatusBadge status={b.status} label={b.statusLabel} />
                  </td>
                  <td className="num py-2 pr-2">{formatWan(b.total)}</td>
                  <td className="py-2 pr-2">{b.nextStep}</td>
                  <td className="py-2">
                    <Link href={`/workspace/budgets/${b.id}`} className="text-brand hover:underline" aria-label={`打开 ${b.year} 年度 ${b.unitName} 第 ${b.revision} 版`}>
                      打开
                    </Link>
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
