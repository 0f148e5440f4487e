"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button, Card, ErrorText, formatDateTime, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { useRefreshBudget } from "./use-budget";

export interface CommentThread {
  id: number;
  body: string;
  target: "budget" | "row" | "line";
  lineItemId: number | null;
  anchorLabel: string;
  createdAt: Date;
  authorName: string;
  resolved: boolean;
  resolvedByName: string | null;
  old: boolean;
  highlighted: boolean;
  replies: { id: number; body: string; authorName: string; createdAt: Date }[];
}

const TARGET_WORDS = { budget: "整体意见", row: "表中行", line: "明细" } as const;

function stateWords(c: CommentThread): string {
  if (c.resolved) return `已解决${c.resolvedByName ? `（${c.resolvedByName}）` : ""}`;
  if (c.old) return "针对早前提交";
  return "待处理";
}

/** One comment with its replies, a reply box and, for the reviewer, 标记为已解决. */
export function CommentItem({ c, canReply, canResolve, compact = false }: { c: CommentThread; canReply: boolean; canResolve: boolean; compact?: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const [reply, setReply] = useState("");
  // A comment can be shown twice on a page (in the list and on its row): ids must stay unique.
  const replyId = useId();
  const send = useMutation(trpc.review.reply.mutationOptions({ onSuccess: async () => { setReply(""); await refresh(); } }));
  const resolve = useMutation(trpc.review.resolve.mutationOptions({ onSuccess: () => refresh() }));
  const look = c.highlighted ? "border-amber-300 bg-amber-50" : "border-gray-200 bg-gray-50 text-gray-700";
  return (
    <article aria-label={`审核意见：${c.body}`} className={`rounded border p-2 text-sm ${look}`} data-highlighted={c.highlighted || undefined}>
      {!compact && (
        <p className="text-xs text-gray-600">
          {TARGET_WORDS[c.target]}
          {c.target !== "budget" && c.anchorLabel ? `：${c.anchorLabel}` : ""}
        </p>
      )}
      <p className="mt-0.5">{c.body}</p>
      <p className="mt-1 text-xs text-gray-600">
        {c.authorName} · {formatDateTime(c.createdAt)} · <span>{stateWords(c)}</span>
      </p>
      {c.replies.length > 0 && (
        <ul className="mt-2 space-y-1 border-l-2 border-gray-300 pl-2" aria-label="回复">
          {c.replies.map((r) => (
            <li key={r.id}>
              <span>{r.body}</span>
              <span className="ml-1 text-xs text-gray-600">
                —— {r.authorName} · {formatDateTime(r.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {(canReply || (canResolve && !c.resolved)) && (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          {canReply && (
            <form
              aria-label="回复意见"
              className="flex flex-1 flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                send.mutate({ commentId: c.id, body: reply });
              }}
            >
              <div className="min-w-48 flex-1">
                <label htmlFor={replyId} className={labelClass}>
                  回复
                </label>
                <input id={replyId} className={inputClass} value={reply} onChange={(e) => setReply(e.target.value)} />
              </div>
              <Button type="submit" variant="secondary" disabled={send.isPending || reply.trim() === ""}>
                发送回复
              </Button>
            </form>
          )}
          {canResolve && !c.resolved && (
            <Button variant="secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ commentId: c.id })}>
              标记为已解决
            </Button>
          )}
        </div>
      )}
      <ErrorText>{(send.error && errorMessage(send.error)) || (resolve.error && errorMessage(resolve.error))}</ErrorText>
    </article>
  );
}

/** All comments of a budget: open ones on the latest submission first, highlighted. */
export function CommentThreads({ comments, canReply, canResolve }: { comments: CommentThread[]; canReply: boolean; canResolve: boolean }) {
  const ordered = [...comments].sort((a, b) => Number(b.highlighted) - Number(a.highlighted));
  const open = comments.filter((c) => c.highlighted).length;
  return (
    <Card title="审核意见" id="comments">
      {comments.length === 0 ? (
        <p className="text-sm text-gray-600">暂无审核意见。</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-gray-700">
            共 {comments.length} 条，待处理 {open} 条。已解决的和针对早前提交的意见不再突出显示。
          </p>
          <div className="space-y-2">
            {ordered.map((c) => (
              <CommentItem key={c.id} c={c} canReply={canReply} canResolve={canResolve} />
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
