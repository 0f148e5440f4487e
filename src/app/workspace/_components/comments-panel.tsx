"use client";

import { Card, formatDateTime } from "@/components/workspace/ui";

interface Comment {
  id: number;
  body: string;
  tableNumber: number | null;
  rowCode: string | null;
  lineItemId: number | null;
  createdAt: Date;
  authorName: string;
}

export function CommentsPanel({ comments, lineItems }: { comments: Comment[]; lineItems: { id: number; functionCode: string; economicCode: string }[] }) {
  const lineLabel = (id: number) => {
    const index = lineItems.findIndex((l) => l.id === id);
    const line = lineItems[index];
    return line ? `明细第 ${index + 1} 行（${line.functionCode} / ${line.economicCode}）` : "已删除的明细";
  };
  return (
    <Card title="审核意见" id="comments">
      {comments.length === 0 ? (
        <p className="text-sm text-gray-600">暂无审核意见。</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {comments.map((c) => (
            <li key={c.id} className="rounded border border-amber-200 bg-amber-50 p-2">
              <p>{c.body}</p>
              <p className="mt-1 text-xs text-gray-600">
                {c.authorName} · {formatDateTime(c.createdAt)}
                {c.tableNumber ? ` · 表${c.tableNumber}` : ""}
                {c.rowCode ? ` · 行 ${c.rowCode}` : ""}
                {c.lineItemId ? ` · ${lineLabel(c.lineItemId)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
