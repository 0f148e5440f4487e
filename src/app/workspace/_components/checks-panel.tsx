"use client";

import type { Check } from "@/lib/budget";
import { checkPlace } from "@/lib/workflow/check-places";
import { Card, ErrorText } from "@/components/workspace/ui";
import { errorMessage } from "@/components/workspace/trpc";

export function ChecksPanel({ query }: { query: { isPending: boolean; error: unknown; data?: { checks: Check[] } } }) {
  const checks = query.data?.checks ?? [];
  const errors = checks.filter((c) => c.severity === "error");
  const warnings = checks.filter((c) => c.severity === "warning");
  return (
    <Card title="校验结果" id="checks">
      {query.isPending && <p>正在校验…</p>}
      <ErrorText>{query.error ? errorMessage(query.error) : null}</ErrorText>
      {query.data && checks.length === 0 && <p className="text-sm text-green-800">全部通过：没有错误，也没有提示。</p>}
      {query.data && checks.length > 0 && (
        <>
          <p className="mb-2 text-sm">
            错误 {errors.length} 项（须改正后才能提交），提示 {warnings.length} 项（提交时须确认）。
          </p>
          <ul className="space-y-1 text-sm">
            {[...errors, ...warnings].map((c, i) => (
              <li key={`${c.id}-${i}`} className={c.severity === "error" ? "text-red-800" : "text-amber-900"}>
                <span className="mr-2 rounded border px-1 text-xs">{c.severity === "error" ? "错误" : "提示"}</span>
                <span className="font-mono text-xs">{c.id}</span> {c.message}
                {c.table ? <span className="text-gray-500">（表{c.table}{c.rowCode ? ` ${c.rowCode}` : ""}）</span> : null}{" "}
                <a href={checkPlace(c).anchor} className="text-brand underline">
                  到“{checkPlace(c).editor}”修改
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
