"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, ErrorText, StatusBadge } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/** Units × years for reviewers and admins: where each unit's budget stands, at a glance. */
export function UnitOverview() {
  const trpc = useTRPC();
  const options = useQuery(trpc.budgets.createOptions.queryOptions());
  const list = useQuery(trpc.budgets.list.queryOptions());
  const error = options.error ?? list.error;
  if (error) return <ErrorText>{errorMessage(error)}</ErrorText>;
  if (!options.data || !list.data) return null;
  const years = [...new Set(list.data.map((b) => b.year))].sort((a, b) => b - a);
  // The list is ordered newest revision first within a year: the first one seen is the current one.
  const current = new Map<string, (typeof list.data)[number]>();
  for (const b of list.data) if (!current.has(`${b.unitId}:${b.year}`)) current.set(`${b.unitId}:${b.year}`, b);
  return (
    <Card title="所属单位" id="units">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-2 pr-2">单位</th>
              {years.map((y) => (
                <th key={y} scope="col" className="py-2 pr-2">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {options.data.units.map((u) => (
              <tr key={u.id} className="border-b last:border-0">
                <th scope="row" className="py-2 pr-2 text-left font-normal">
                  <span className="font-mono text-xs text-gray-500">{u.code}</span> {u.name}
                </th>
                {years.map((y) => {
                  const b = current.get(`${u.id}:${y}`);
                  return (
                    <td key={y} className="py-2 pr-2">
                      {b ? (
                        <Link href={`/workspace/budgets/${b.id}`} aria-label={`${u.name} ${y} 年度：${b.statusLabel}`}>
                          <StatusBadge status={b.status} label={b.revision > 1 ? `${b.statusLabel}（第 ${b.revision} 版）` : b.statusLabel} />
                        </Link>
                      ) : (
                        <span className="text-gray-400">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
