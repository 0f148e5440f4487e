"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EXPLANATION_SECTION_KEYS, type ExplanationSectionKey } from "@/lib/budget/types";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

const SECTION_LABELS: Record<ExplanationSectionKey, string> = {
  overview: "收支预算总体说明",
  fiscal: "财政拨款收支预算情况",
  gpb: "一般公共预算当年拨款情况",
  sanggong: "“三公”经费预算支出情况",
  other: "其他重要事项（机关运行经费、政府采购、国有资产、绩效目标）",
};

export function SettingsAdmin() {
  const trpc = useTRPC();
  const years = useQuery(trpc.admin.years.queryOptions());
  const [year, setYear] = useState<number | null>(null);
  // Until one is chosen, the newest year.
  const chosen = year ?? years.data?.[0]?.year ?? null;
  return (
    <>
      <div className="max-w-xs">
        <label htmlFor="settings-year" className={labelClass}>
          年度
        </label>
        <select id="settings-year" className={inputClass} value={chosen ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
          {years.data?.map((y) => (
            <option key={y.year} value={y.year}>
              {y.year}
            </option>
          ))}
        </select>
      </div>
      <ErrorText>{years.error && errorMessage(years.error)}</ErrorText>
      {chosen !== null && <YearSettings key={chosen} year={chosen} />}
    </>
  );
}

function YearSettings({ year }: { year: number }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.queryOptions({ year }));
  if (settings.isPending) return <p>正在加载…</p>;
  if (settings.error) return <ErrorText>{errorMessage(settings.error)}</ErrorText>;
  return (
    <>
      {settings.data.regions.map((r) => (
        <RegionSettings key={r.regionId} year={year} region={r} />
      ))}
      <GlossaryEditor year={year} entries={settings.data.glossary} />
    </>
  );
}

type RegionRow = {
  regionId: number;
  regionCode: string;
  regionName: string;
  amountUnit: "wan" | "yuan";
  titleWording: "department" | "unit";
  explanationSections: ExplanationSectionKey[];
};

function RegionSettings({ year, region }: { year: number; region: RegionRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ amountUnit: region.amountUnit, titleWording: region.titleWording, explanationSections: region.explanationSections });
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: () => {
        setSaved(`已保存 ${year} 年度的公开设置。`);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.settings.queryKey({ year }) });
      },
    }),
  );
  const id = `settings-${region.regionId}`;
  return (
    <Card title={`${region.regionCode} ${region.regionName} · ${year} 年度`} id={id}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          save.mutate({ regionId: region.regionId, year, ...form });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-unit`} className={labelClass}>
              金额单位
            </label>
            <select
              id={`${id}-unit`}
              className={inputClass}
              value={form.amountUnit}
              onChange={(e) => setForm({ ...form, amountUnit: e.target.value as "wan" | "yuan" })}
            >
              <option value="wan">万元</option>
              <option value="yuan">元</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-wording`} className={labelClass}>
              标题用语
            </label>
            <select
              id={`${id}-wording`}
              className={inputClass}
              value={form.titleWording}
              onChange={(e) => setForm({ ...form, titleWording: e.target.value as "department" | "unit" })}
            >
              <option value="department">部门预算</option>
              <option value="unit">单位预算</option>
            </select>
          </div>
        </div>
        <fieldset>
          <legend className={labelClass}>情况说明打印的部分</legend>
          <div className="mt-1 space-y-1">
            {EXPLANATION_SECTION_KEYS.map((k) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={form.explanationSections.includes(k)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      explanationSections: e.target.checked
                        ? EXPLANATION_SECTION_KEYS.filter((x) => x === k || form.explanationSections.includes(x))
                        : form.explanationSections.filter((x) => x !== k),
                    })
                  }
                />
                {SECTION_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="text-sm text-gray-600">设置只影响此后保存、公开的预算；已公开的预算保留公开时的设置。</p>
        <Button type="submit" disabled={save.isPending}>
          保存公开设置
        </Button>
        <ErrorText>{save.error && errorMessage(save.error)}</ErrorText>
        <Notice>{saved}</Notice>
      </form>
    </Card>
  );
}

function GlossaryEditor({ year, entries }: { year: number; entries: { term: string; definition: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(entries);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.updateGlossary.mutationOptions({
      onSuccess: (r) => {
        setSaved(`已保存 ${r.count} 条名词解释。`);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.settings.queryKey({ year }) });
      },
    }),
  );
  return (
    <Card title={`${year} 年度名词解释`} id="glossary">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          save.mutate({ year, entries: rows });
        }}
      >
        {rows.map((r, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]">
            <div>
              <label htmlFor={`glossary-term-${i}`} className="sr-only">
                第 {i + 1} 条名词
              </label>
              <input
                id={`glossary-term-${i}`}
                className={inputClass}
                value={r.term}
                onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, term: e.target.value } : x)))}
              />
            </div>
            <div>
              <label htmlFor={`glossary-definition-${i}`} className="sr-only">
                第 {i + 1} 条解释
              </label>
              <textarea
                id={`glossary-definition-${i}`}
                rows={2}
                className={inputClass}
                value={r.definition}
                onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, definition: e.target.value } : x)))}
              />
            </div>
            <div className="flex items-start pt-1">
              <Button variant="danger" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`删除第 ${i + 1} 条名词解释`}>
                删除
              </Button>
            </div>
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setRows([...rows, { term: "", definition: "" }])}>
            添加一条
          </Button>
          <Button type="submit" disabled={save.isPending}>
            保存名词解释
          </Button>
        </div>
        <ErrorText>{save.error && errorMessage(save.error)}</ErrorText>
        <Notice>{saved}</Notice>
      </form>
    </Card>
  );
}
