"use client";

/**
 * What every content editor shares: saving a batch through `editing.applyChanges` after checking
 * it with the same schema as the server, messages next to the field they concern, and a warning
 * before leaving with unsaved edits.
 */
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState, type ReactNode } from "react";
import { contentChanges, describeIssuePath, type ContentChanges, type FieldIssue } from "@/lib/workflow/content";
import { useTRPC } from "@/components/workspace/trpc";
import { inputClass, labelClass } from "@/components/workspace/ui";
import { useRefreshBudget, type BudgetRef } from "./use-budget";

export function useApplyChanges(budgetRef: BudgetRef) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const mutation = useMutation(trpc.editing.applyChanges.mutationOptions({ onSuccess: () => refresh() }));
  const [local, setLocal] = useState<FieldIssue[]>([]);
  const serverIssues: FieldIssue[] =
    mutation.error instanceof TRPCClientError
      ? ((mutation.error.data as { details?: { fieldErrors?: FieldIssue[] } } | undefined)?.details?.fieldErrors ?? [])
      : [];
  const issues = local.length ? local : serverIssues;
  const message = local.length ? (local[0]?.message ?? "") : mutation.error ? mutation.error.message : "";
  return {
    pending: mutation.isPending,
    saved: mutation.isSuccess && !local.length,
    issues,
    message,
    /** The message for one field ("lineItems.upsert.0.amount"), or for anything under a prefix. */
    issueAt: (path: string) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message ?? null,
    /** Validate with the shared schema, then save; `onSaved` gets the new ids by clientKey. */
    save(changes: ContentChanges, onSaved?: (ids: Record<string, number>) => void) {
      const parsed = contentChanges.safeParse(changes);
      if (!parsed.success) {
        setLocal(
          parsed.error.issues.map((i) => {
            const path = i.path.join(".");
            const where = describeIssuePath(path);
            return { path, message: where ? `${where}：${i.message}` : i.message };
          }),
        );
        return;
      }
      setLocal([]);
      mutation.mutate({ ...budgetRef, changes }, { onSuccess: (r) => onSaved?.(r.ids) });
    },
    reset: () => {
      setLocal([]);
      mutation.reset();
    },
  };
}
export type ApplyChanges = ReturnType<typeof useApplyChanges>;

/** Warn before the page is left (closed, reloaded, navigated away) while `dirty`. */
export function useUnsavedWarning(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);
}

/** A message under a field, tied to it for screen readers by id. */
export function FieldMessage({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  multiline = false,
  list,
  inputMode,
  className = "",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  multiline?: boolean;
  list?: string;
  inputMode?: "decimal" | "numeric" | "text";
  className?: string;
}) {
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {multiline ? (
        <textarea id={id} rows={3} className={inputClass} value={value} aria-invalid={!!error} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          className={`${inputClass} ${inputMode === "decimal" ? "num" : ""}`}
          value={value}
          list={list}
          inputMode={inputMode}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <FieldMessage id={`${id}-error`} message={error ?? null} />
    </div>
  );
}

export function SaveBar({ apply, label, dirty, children }: { apply: ApplyChanges; label: string; dirty: boolean; children?: ReactNode }) {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <button type="submit" disabled={apply.pending} className="rounded bg-brand px-3 py-1.5 text-sm text-white hover:bg-brand-dark disabled:opacity-50">
        {label}
      </button>
      {children}
      {dirty && <span className="text-xs text-amber-800">有未保存的修改</span>}
      {apply.saved && !dirty && (
        <span role="status" className="text-xs text-green-800">
          已保存
        </span>
      )}
      {apply.message && (
        <span role="alert" className="text-sm text-red-800">
          {apply.message}
        </span>
      )}
    </div>
  );
}
