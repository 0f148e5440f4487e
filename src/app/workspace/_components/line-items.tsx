"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatWan } from "@/lib/money";
import { EXPENSE_KINDS, KIND_LABELS, PERIOD_LABELS, PERIODS, type LineItemFields } from "@/lib/workflow/inputs";
import { Button, Card, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { AmountInput, readAmount, useAmountInput } from "./amount-input";
import { useRefreshBudget, type BudgetRef } from "./use-budget";

interface Line extends Omit<LineItemFields, "source"> {
  id: number;
  source: string;
  functionName: string | null;
  economicName: string | null;
  projectName: string | null;
}

interface Props {
  budgetRef: BudgetRef;
  year: number;
  lineItems: Line[];
  projects: { id: number; name: string }[];
  editable: boolean;
  /** The reviewer's comments on a line, shown under its row. */
  rowComments?: (lineItemId: number) => React.ReactNode;
}

export function LineItems({ budgetRef, lineItems, projects, editable, rowComments }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const options = useQuery({ ...trpc.budgets.formOptions.queryOptions({ budgetId: budgetRef.budgetId }), staleTime: 10 * 60_000 });
  const [editing, setEditing] = useState<number | null>(null);
  const remove = useMutation(trpc.editing.deleteLineItem.mutationOptions({ onSuccess: () => refresh() }));
  const sourceName = (code: string) => options.data?.sources.find((s) => s.code === code)?.name ?? code;

  return (
    <Card title={`预算明细（${lineItems.length} 条）`} id="lines">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">预算明细（金额单位：万元）</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-2 pr-2">支出功能分类</th>
              <th scope="col" className="py-2 pr-2">经济分类</th>
              <th scope="col" className="whitespace-nowrap py-2 pr-2">类型</th>
              <th scope="col" className="py-2 pr-2">项目</th>
              <th scope="col" className="whitespace-nowrap py-2 pr-2">资金来源</th>
              <th scope="col" className="whitespace-nowrap py-2 pr-2">期间</th>
              <th scope="col" className="num py-2 pr-2">金额（万元）</th>
              {editable && (
                <th scope="col" className="py-2">
                  <span className="sr-only">操作</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {lineItems.map((l) =>
              editing === l.id ? (
                <tr key={l.id} className="border-b bg-gray-50">
                  <td colSpan={8} className="p-2">
                    {options.data ? (
                      <LineItemForm
                        title="修改明细"
                        initial={l}
                        projects={projects}
                        options={options.data}
                        onCancel={() => setEditing(null)}
                        save={(item) => ({ kind: "update", input: { ...budgetRef, lineItemId: l.id, item } })}
                        onSaved={() => setEditing(null)}
                      />
                    ) : (
                      <p>正在加载科目…</p>
                    )}
                  </td>
                </tr>
              ) : (
                [<tr key={l.id} className="border-b last:border-0">
                  <td className="py-1.5 pr-2">
                    <span className="font-mono text-xs">{l.functionCode}</span> {l.functionName}
                  </td>
                  <td className="py-1.5 pr-2">
                    <span className="font-mono text-xs">{l.economicCode}</span> {l.economicName}
                  </td>
                  <td className="whitespace-nowrap py-1.5 pr-2">{KIND_LABELS[l.kind]}</td>
                  <td className="py-1.5 pr-2">{l.projectName ?? ""}</td>
                  <td className="whitespace-nowrap py-1.5 pr-2">{sourceName(l.source)}</td>
                  <td className="whitespace-nowrap py-1.5 pr-2">{PERIOD_LABELS[l.period]}</td>
                  <td className="num py-1.5 pr-2" title={`${l.amount} 元`}>
                    {formatWan(l.amount)}
                  </td>
                  {editable && (
                    <td className="whitespace-nowrap py-1.5">
                      <Button variant="secondary" onClick={() => setEditing(l.id)}>
                        编辑
                      </Button>{" "}
                      <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ ...budgetRef, lineItemId: l.id })}>
                        删除
                      </Button>
                    </td>
                  )}
                </tr>,
                rowComments?.(l.id) ? (
                  <tr key={`${l.id}-comments`} className="border-b">
                    <td colSpan={8} className="p-2">
                      {rowComments(l.id)}
                    </td>
                  </tr>
                ) : null,
                ]
              ),
            )}
          </tbody>
        </table>
      </div>
      <ErrorText>{remove.error && errorMessage(remove.error)}</ErrorText>
      <ErrorText>{options.error && errorMessage(options.error)}</ErrorText>
      {editable && options.data && (
        <div className="mt-4 border-t pt-4">
          <LineItemForm
            title="新增明细"
            initial={null}
            projects={projects}
            options={options.data}
            save={(item) => ({ kind: "add", input: { ...budgetRef, item } })}
          />
        </div>
      )}
    </Card>
  );
}

type Options = { functions: { code: string; name: string }[]; economics: { code: string; name: string }[]; sources: { code: string; name: string }[] };
type Save =
  | { kind: "add"; input: BudgetRef & { item: LineItemFields } }
  | { kind: "update"; input: BudgetRef & { lineItemId: number; item: LineItemFields } };

function LineItemForm(props: {
  title: string;
  initial: Line | null;
  projects: { id: number; name: string }[];
  /** The selects are only rendered with their options, so a controlled value always has its option. */
  options: Options;
  save: (item: LineItemFields) => Save;
  onCancel?: () => void;
  onSaved?: () => void;
}) {
  const { initial, options, projects } = props;
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const prefix = initial ? `line-${initial.id}` : "line-new";
  const [functionCode, setFunctionCode] = useState(initial?.functionCode ?? "");
  const [economicCode, setEconomicCode] = useState(initial?.economicCode ?? "");
  const [kind, setKind] = useState<LineItemFields["kind"]>(initial?.kind ?? "personnel");
  const [projectId, setProjectId] = useState<number | null>(initial?.projectId ?? null);
  const [source, setSource] = useState(initial?.source ?? "gpb");
  const [period, setPeriod] = useState<LineItemFields["period"]>(initial?.period ?? "current");
  const amount = useAmountInput(initial?.amount ?? null);
  const [localError, setLocalError] = useState<string | null>(null);
  const onSuccess = async () => {
    await refresh();
    props.onSaved?.();
    if (!initial) amount.setRaw("");
  };
  const add = useMutation(trpc.editing.addLineItem.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.editing.updateLineItem.mutationOptions({ onSuccess }));
  const pending = add.isPending || update.isPending;
  const error = add.error ?? update.error;

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const read = readAmount(amount);
    if (!read.ok) return setLocalError(read.message);
    setLocalError(null);
    const item: LineItemFields = {
      functionCode,
      economicCode,
      kind,
      projectId: kind === "project" ? projectId : null,
      source: source as LineItemFields["source"],
      period,
      amount: read.yuan,
    };
    const save = props.save(item);
    if (save.kind === "add") add.mutate(save.input);
    else update.mutate(save.input);
  }

  const field = (name: string) => `${prefix}-${name}`;
  return (
    <form aria-label={props.title} onSubmit={onSubmit}>
      <h3 className="mb-2 font-medium">{props.title}</h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <CodeSelect id={field("function")} label="支出功能分类" value={functionCode} onChange={setFunctionCode} entries={options.functions} />
        <CodeSelect id={field("economic")} label="经济分类" value={economicCode} onChange={setEconomicCode} entries={options.economics} />
        <div>
          <label htmlFor={field("kind")} className={labelClass}>
            支出类型
          </label>
          <select id={field("kind")} className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as LineItemFields["kind"])}>
            {EXPENSE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={field("project")} className={labelClass}>
            项目
          </label>
          <select
            id={field("project")}
            className={inputClass}
            value={projectId ?? ""}
            disabled={kind !== "project"}
            onChange={(e) => setProjectId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{kind === "project" ? "请选择项目" : "（基本支出不挂项目）"}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={field("source")} className={labelClass}>
            资金来源
          </label>
          <select id={field("source")} className={inputClass} value={source} onChange={(e) => setSource(e.target.value)}>
            {options.sources.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={field("period")} className={labelClass}>
            期间
          </label>
          <select id={field("period")} className={inputClass} value={period} onChange={(e) => setPeriod(e.target.value as LineItemFields["period"])}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-2">
          <AmountInput id={field("amount")} label="金额" state={amount} />
        </div>
      </div>
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "正在保存…" : "保存"}
        </Button>
        {props.onCancel && (
          <Button variant="secondary" onClick={props.onCancel}>
            取消
          </Button>
        )}
      </div>
      <ErrorText>{localError ?? (error && errorMessage(error))}</ErrorText>
    </form>
  );
}

/** A required catalogue choice, code before name. */
function CodeSelect({
  id,
  label,
  value,
  onChange,
  entries,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  entries: { code: string; name: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">请选择</option>
        {entries.map((f) => (
          <option key={f.code} value={f.code}>
            {f.code} {f.name}
          </option>
        ))}
      </select>
    </div>
  );
}
