"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, ErrorText, formatDateTime } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/** The audit trail in words, as the server writes it (src/lib/review/timeline.ts). */
export function Timeline({ budgetId }: { budgetId: number }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.budgets.timeline.queryOptions({ budgetId }));
  return (
    <Card title="操作记录" id="timeline">
      {timeline.isPending && <p>正在加载…</p>}
      <ErrorText>{timeline.error && errorMessage(timeline.error)}</ErrorText>
      <ol className="space-y-2 text-sm">
        {timeline.data?.map((e) => (
          <li key={e.id} className="border-l-2 border-gray-300 pl-3">
            <p>
              <span className="text-gray-600">{formatDateTime(e.at)}</span> · {e.who} · <strong>{e.action}</strong>
              {e.subject && <> · {e.subject}</>}
            </p>
            {e.details.map((line, i) => (
              <p key={i} className="text-gray-700">
                {line}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </Card>
  );
}
