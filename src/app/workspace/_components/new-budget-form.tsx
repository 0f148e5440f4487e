"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/** A preparer starts a year's budget: blank, or copied from the unit's prior-year budget. */
export function NewBudgetForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.budgets.createOptions.queryOptions());
  const [year, setYear] = useState<number | null>(null);
  const [from, setFrom] = useState<"prior" | "blank">("prior");
  const create = useMutation(
    trpc.budgets.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.budgets.list.queryKey() });
        router.push(`/workspace/budgets/${created.budgetId}`);
      },
    }),
  );
  const unit = options.data?.units[0];
  // Only the years this unit has no budget for yet, the next one first.
  const years = (unit?.freeYears ?? []).map((y) => ({ year: y }));
  const chosenYear = year ?? years[0]?.year ?? null;

  return (
    <Card title="新建预算" id="new-budget">
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosenYear !== null) create.mutate({ year: chosenYear, from, unitId: unit?.id });
        }}
      >
        <div>
          <label htmlFor="new-year" className={labelClass}>
            年度
          </label>
          <select id="new-year" className={inputClass} value={chosenYear ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className={labelClass}>内容</legend>
          <div className="mt-1 flex gap-4 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="from" value="prior" checked={from === "prior"} onChange={() => setFrom("prior")} />
              复制上年预算
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="from" value="blank" checked={from === "blank"} onChange={() => setFrom("blank")} />
              空白预算
            </label>
          </div>
        </fieldset>
        {options.data && years.length === 0 && <p className="text-sm text-gray-600">所有开放年度都已有预算。</p>}
        <Button type="submit" disabled={create.isPending || chosenYear === null}>
          {create.isPending ? "正在新建…" : "新建预算"}
        </Button>
      </form>
      {unit && <p className="mt-2 text-xs text-gray-500">单位：{unit.name}</p>}
      <ErrorText>{create.error && errorMessage(create.error)}</ErrorText>
    </Card>
  );
}
