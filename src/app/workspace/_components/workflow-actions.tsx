"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { createContext, useContext, useState } from "react";
import type { Check } from "@/lib/budget";
import { dateInChina, type BudgetStatus, type WorkflowAction } from "@/lib/workflow";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { ConfirmBox } from "./confirm";
import { useRefreshBudget, type BudgetRef } from "./use-budget";

interface Props {
  budgetRef: BudgetRef;
  status: BudgetStatus;
  revision: number;
  actions: WorkflowAction[];
  checks: Check[];
  correctionNote: string;
  /** The reviewer has opened the submission: 撤回 is no longer possible. */
  reviewStarted?: boolean;
}

/**
 * What the last verb did. Kept above the forms: after a verb the budget is reloaded and the form
 * that was used usually disappears (a submitted budget has no 提交 any more), its message must not.
 */
const DoneContext = createContext<(message: string) => void>(() => undefined);

/** The verbs this user may use on this budget now; the server decides again on every call. */
export function WorkflowActions({ budgetRef, status, revision, actions, checks, correctionNote, reviewStarted = false }: Props) {
  const [done, setDone] = useState<string | null>(null);
  const verbs = actions.filter((a) => a !== "edit");
  if (verbs.length === 0 && done === null) return null;
  return (
    <Card title="办理" id="workflow">
      <Notice>{done}</Notice>
      <DoneContext.Provider value={setDone}>
      <div className="space-y-6">
        {verbs.includes("submit") && <SubmitForm budgetRef={budgetRef} resubmit={status === "returned"} checks={checks} />}
        {verbs.includes("withdraw") && <WithdrawButton budgetRef={budgetRef} reviewStarted={reviewStarted} />}
        {verbs.includes("return") && <ReturnForm budgetRef={budgetRef} />}
        {verbs.includes("approve") && <ApproveForm budgetRef={budgetRef} />}
        {verbs.includes("publish") && <PublishForm budgetRef={budgetRef} needsNote={revision > 1} initialNote={correctionNote} />}
        {verbs.includes("correct") && <CorrectionButton budgetRef={budgetRef} />}
      </div>
      </DoneContext.Provider>
    </Card>
  );
}

function useVerb<T>(options: { onSuccess?: (data: T) => void } = {}) {
  const refresh = useRefreshBudget();
  const setDone = useContext(DoneContext);
  return {
    handlers: (message: string) => ({
      onSuccess: async (data: T) => {
        setDone(message);
        options.onSuccess?.(data);
        await refresh();
      },
    }),
  };
}

function SubmitForm({ budgetRef, resubmit, checks }: { budgetRef: BudgetRef; resubmit: boolean; checks: Check[] }) {
  const trpc = useTRPC();
  const verb = useVerb();
  const submit = useMutation(trpc.workflow.submit.mutationOptions(verb.handlers("已提交，等待主管部门审核。")));
  const errors = checks.filter((c) => c.severity === "error");
  // One acknowledgement per rule: a rule may warn about several rows.
  const warnings = [...new Map(checks.filter((c) => c.severity === "warning").map((c) => [c.id, c])).values()];
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const allAcknowledged = warnings.every((w) => acknowledged.includes(w.id));
  const [confirming, setConfirming] = useState(false);
  const verbName = resubmit ? "重新提交" : "提交";
  return (
    <form
      aria-label={verbName}
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h3 className="font-medium">{resubmit ? "修改完成后重新提交" : "提交主管部门审核"}</h3>
      {errors.length > 0 && <p className="mt-1 text-sm text-red-800">还有 {errors.length} 项错误，改正后才能提交（见“校验结果”）。</p>}
      {warnings.length > 0 && (
        <fieldset className="mt-2">
          <legend className="text-sm">以下提示须逐项确认：</legend>
          {warnings.map((w) => (
            <label key={w.id} className="mt-1 flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                checked={acknowledged.includes(w.id)}
                onChange={(e) => setAcknowledged((a) => (e.target.checked ? [...a, w.id] : a.filter((x) => x !== w.id)))}
              />
              <span>
                我已知悉：<span className="font-mono text-xs">{w.id}</span> {w.message}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <p className="mt-1 text-xs text-gray-600">提交后内容冻结，在主管部门退回前不能修改。</p>
      <Button type="submit" className="mt-2" disabled={submit.isPending || confirming || errors.length > 0 || !allAcknowledged}>
        {verbName}
      </Button>
      {confirming && (
        <ConfirmBox
          verb={verbName}
          pending={submit.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => submit.mutate({ ...budgetRef, acknowledgedWarnings: acknowledged }, { onSettled: () => setConfirming(false) })}
        >
          提交后内容冻结并保存一份提交时的副本；主管部门开始审核前可以撤回。
        </ConfirmBox>
      )}
      <ErrorText>{submit.error && errorMessage(submit.error)}</ErrorText>
    </form>
  );
}

/**
 * 退回 with an opinion on the whole budget. Opinions on a table row or a line item are given on the
 * review page, where the row is chosen on screen; they go back to the unit with the return.
 */
function ReturnForm({ budgetRef }: { budgetRef: BudgetRef }) {
  const trpc = useTRPC();
  const verb = useVerb();
  const [comment, setComment] = useState("");
  const send = useMutation(trpc.workflow.return.mutationOptions(verb.handlers("已退回单位修改。")));
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      aria-label="退回"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <label htmlFor="return-comment" className={labelClass}>
        审核意见
      </label>
      <textarea id="return-comment" rows={3} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="mt-2 flex flex-wrap gap-2">
        <Link href={`/workspace/budgets/${budgetRef.budgetId}/review`} className="self-center text-sm text-brand hover:underline">
          对某行或某条明细提意见（审核与差异）
        </Link>
        <Button type="submit" variant="danger" disabled={send.isPending || confirming}>
          退回
        </Button>
      </div>
      {confirming && (
        <ConfirmBox
          verb="退回"
          pending={send.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            send.mutate(
              {
                ...budgetRef,
                comment,
                rowComments: [],
              },
              { onSettled: () => setConfirming(false) },
            )
          }
        >
          退回后单位可以修改并重新提交；审核中提出的意见会一并退回给单位。
        </ConfirmBox>
      )}
      <ErrorText>{send.error && errorMessage(send.error)}</ErrorText>
    </form>
  );
}

function ApproveForm({ budgetRef }: { budgetRef: BudgetRef }) {
  const trpc = useTRPC();
  const verb = useVerb();
  const [approvedOn, setApprovedOn] = useState(() => dateInChina(new Date()));
  const approve = useMutation(trpc.workflow.approve.mutationOptions(verb.handlers("已批复。请在批复后 20 日内公开。")));
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      aria-label="批复"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <div>
        <label htmlFor="approved-on" className={labelClass}>
          批复日期
        </label>
        <input id="approved-on" type="date" className={inputClass} value={approvedOn} onChange={(e) => setApprovedOn(e.target.value)} />
      </div>
      <Button type="submit" disabled={approve.isPending || confirming}>
        批复
      </Button>
      <div className="w-full">
        {confirming && (
          <ConfirmBox
            verb="批复"
            pending={approve.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => approve.mutate({ ...budgetRef, approvedOn }, { onSettled: () => setConfirming(false) })}
          >
            批复日期 {approvedOn}；须在批复后 20 日内公开。
          </ConfirmBox>
        )}
        <ErrorText>{approve.error && errorMessage(approve.error)}</ErrorText>
      </div>
    </form>
  );
}

function PublishForm({ budgetRef, needsNote, initialNote }: { budgetRef: BudgetRef; needsNote: boolean; initialNote: string }) {
  const trpc = useTRPC();
  const verb = useVerb();
  const [note, setNote] = useState(initialNote);
  const publish = useMutation(trpc.workflow.publish.mutationOptions(verb.handlers("已公开，公众现在可以查阅。")));
  const [confirming, setConfirming] = useState(false);
  return (
    <form
      aria-label="公开"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      {needsNote && (
        <>
          <label htmlFor="correction-note" className={labelClass}>
            更正说明
          </label>
          <textarea id="correction-note" rows={2} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} />
        </>
      )}
      <p className="mt-1 text-xs text-gray-600">公开后将保存不可修改的快照，公众看到的就是批复的内容。</p>
      <Button type="submit" className="mt-2" disabled={publish.isPending || confirming}>
        公开
      </Button>
      {confirming && (
        <ConfirmBox
          verb="公开"
          pending={publish.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => publish.mutate({ ...budgetRef, ...(needsNote ? { correctionNote: note } : {}) }, { onSettled: () => setConfirming(false) })}
        >
          公开后公众即可查阅，公开的内容不可再修改（如有错误只能发起更正）。
        </ConfirmBox>
      )}
      <ErrorText>{publish.error && errorMessage(publish.error)}</ErrorText>
    </form>
  );
}

function CorrectionButton({ budgetRef }: { budgetRef: BudgetRef }) {
  const trpc = useTRPC();
  const router = useRouter();
  const verb = useVerb<{ budgetId: number }>({ onSuccess: (created) => router.push(`/workspace/budgets/${created.budgetId}`) });
  const start = useMutation(trpc.workflow.startCorrection.mutationOptions(verb.handlers("已生成更正版本。")));
  const [confirming, setConfirming] = useState(false);
  return (
    <div>
      <p className="text-sm text-gray-700">发现已公开的预算有误时，可发起更正：生成新的版本（草稿），原公开版本在更正版本公开前保持不变。</p>
      <Button variant="secondary" className="mt-2" disabled={start.isPending || confirming} onClick={() => setConfirming(true)}>
        发起更正
      </Button>
      {confirming && (
        <ConfirmBox verb="发起更正" pending={start.isPending} onCancel={() => setConfirming(false)} onConfirm={() => start.mutate(budgetRef, { onSettled: () => setConfirming(false) })}>
          将生成第二个版本（草稿）供单位修改。
        </ConfirmBox>
      )}
      <ErrorText>{start.error && errorMessage(start.error)}</ErrorText>
    </div>
  );
}

/** 撤回: back to a draft while the department has not started reviewing. */
function WithdrawButton({ budgetRef, reviewStarted }: { budgetRef: BudgetRef; reviewStarted: boolean }) {
  const trpc = useTRPC();
  const verb = useVerb();
  const withdraw = useMutation(trpc.workflow.withdraw.mutationOptions(verb.handlers("已撤回，预算回到草稿状态，可以继续修改。")));
  const [confirming, setConfirming] = useState(false);
  if (reviewStarted) return <p className="text-sm text-gray-700">主管部门已开始审核，不能撤回；如需修改，请联系审核人退回。</p>;
  return (
    <div>
      <p className="text-sm text-gray-700">主管部门开始审核前，可以撤回本次提交，修改后再提交。</p>
      <Button variant="secondary" className="mt-2" disabled={withdraw.isPending || confirming} onClick={() => setConfirming(true)}>
        撤回
      </Button>
      {confirming && (
        <ConfirmBox verb="撤回" pending={withdraw.isPending} onCancel={() => setConfirming(false)} onConfirm={() => withdraw.mutate(budgetRef, { onSettled: () => setConfirming(false) })}>
          撤回后预算回到草稿状态。
        </ConfirmBox>
      )}
      <ErrorText>{withdraw.error && errorMessage(withdraw.error)}</ErrorText>
    </div>
  );
}
