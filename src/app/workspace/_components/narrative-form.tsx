"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { NarrativeFields } from "@/lib/workflow/inputs";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { useRefreshBudget, type BudgetRef } from "./use-budget";

interface Budget {
  revision: number;
  totalChangeReason: string;
  sanggongChangeReason: string;
  overview: string;
  correctionNote: string;
  baselineTotal: string | null;
}

const TEXTS = [
  { key: "totalChangeReason", label: "收支总预算增减原因" },
  { key: "sanggongChangeReason", label: "“三公”经费增减原因" },
  { key: "overview", label: "收支预算补充说明" },
] as const;

/** The preparer's words the 情况说明 quotes, the entered prior-year total, and a correction's 更正说明. */
export function NarrativeForm({ budgetRef, budget, editable }: { budgetRef: BudgetRef; budget: Budget; editable: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const [texts, setTexts] = useState({
    totalChangeReason: budget.totalChangeReason,
    sanggongChangeReason: budget.sanggongChangeReason,
    overview: budget.overview,
    correctionNote: budget.correctionNote,
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.editing.updateNarrative.mutationOptions({
      onSuccess: async () => {
        setSaved("说明已保存。");
        await refresh();
      },
    }),
  );

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(null);
    setLocalError(null);
    const narrative: NarrativeFields = {
      totalChangeReason: texts.totalChangeReason,
      sanggongChangeReason: texts.sanggongChangeReason,
      overview: texts.overview,
      ...(budget.revision > 1 ? { correctionNote: texts.correctionNote } : {}),
    };
    save.mutate({ ...budgetRef, narrative });
  }

  return (
    <Card title="情况说明" id="narrative">
      <form aria-label="情况说明" onSubmit={onSubmit} className="space-y-3">
        <fieldset disabled={!editable} className="space-y-3">
          {TEXTS.map((t) => (
            <div key={t.key}>
              <label htmlFor={`narrative-${t.key}`} className={labelClass}>
                {t.label}
              </label>
              <textarea
                id={`narrative-${t.key}`}
                rows={2}
                className={inputClass}
                value={texts[t.key]}
                onChange={(e) => setTexts((x) => ({ ...x, [t.key]: e.target.value }))}
              />
            </div>
          ))}
          {budget.revision > 1 && (
            <div>
              <label htmlFor="narrative-correction" className={labelClass}>
                更正说明
              </label>
              <textarea
                id="narrative-correction"
                rows={2}
                className={inputClass}
                value={texts.correctionNote}
                onChange={(e) => setTexts((x) => ({ ...x, correctionNote: e.target.value }))}
              />
            </div>
          )}
          <p className="text-xs text-gray-600">上年预算不在本平台时，上年数在“上年预算基数”中填写。</p>
          {editable && (
            <Button type="submit" disabled={save.isPending}>
              保存说明
            </Button>
          )}
        </fieldset>
        <ErrorText>{localError ?? (save.error && errorMessage(save.error))}</ErrorText>
        <Notice>{saved}</Notice>
      </form>
    </Card>
  );
}
