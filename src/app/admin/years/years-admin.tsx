"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

export function YearsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const years = useQuery(trpc.admin.years.queryOptions());
  const [year, setYear] = useState("");
  const [from, setFrom] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const open = useMutation(
    trpc.admin.openYear.mutationOptions({
      onSuccess: (r) => {
        setDone(
          `已开设 ${r.year} 年度（复制自 ${r.from} 年度）：功能分类 ${r.copied.functionCodes} 个、部门经济分类 ${r.copied.deptEconomicCodes} 个、` +
            `政府经济分类 ${r.copied.govEconomicCodes} 个、对照 ${r.copied.economicMappings} 条、资金来源 ${r.copied.fundingSources} 个、名词解释 ${r.copied.glossaryEntries} 条、公开设置 ${r.copied.settings} 条。`,
        );
        setYear("");
        void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.budgets.pathKey() });
      },
    }),
  );
  return (
    <>
      <Card title="已开设的年度" id="years">
        {years.isPending && <p>正在加载…</p>}
        <ErrorText>{years.error && errorMessage(years.error)}</ErrorText>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">已开设的年度</caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">年度</th>
                <th scope="col" className="py-2 pr-2">复制自</th>
                <th scope="col" className="num py-2 pr-2">功能分类科目</th>
                <th scope="col" className="num py-2 pr-2">预算</th>
                <th scope="col" className="num py-2 pr-2">已公开单位</th>
              </tr>
            </thead>
            <tbody>
              {years.data?.map((y) => (
                <tr key={y.year} className="border-b last:border-0">
                  <th scope="row" className="py-2 pr-2 text-left font-normal">{y.label}</th>
                  <td className="py-2 pr-2">{y.openedFrom ?? "—"}</td>
                  <td className="num py-2 pr-2">{y.functionCodes}</td>
                  <td className="num py-2 pr-2">{y.budgets}</td>
                  <td className="num py-2 pr-2">{y.published}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="开设新年度" id="open-year">
        <p className="mb-3 text-sm text-gray-600">
          新年度复制来源年度的功能分类、经济分类、对照关系、资金来源、购买服务目录、名词解释和公开设置（已停用的科目不复制）。
          可开设早于现有年度的历史年度，用于补录平台上线前已公开的预算。
        </p>
        <form
          className="grid gap-3 sm:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            setDone(null);
            open.mutate({ year: Number(year), ...(from ? { from: Number(from) } : {}) });
          }}
        >
          <div>
            <label htmlFor="open-year-year" className={labelClass}>
              新年度
            </label>
            <input id="open-year-year" inputMode="numeric" className={inputClass} value={year} onChange={(e) => setYear(e.target.value.trim())} />
          </div>
          <div>
            <label htmlFor="open-year-from" className={labelClass}>
              复制来源年度
            </label>
            <select id="open-year-from" className={inputClass} value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">相邻年度（上一年，或下一年）</option>
              {years.data?.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end">
            <Button type="submit" disabled={open.isPending || !/^\d{4}$/.test(year)}>
              开设年度
            </Button>
          </div>
          <div className="sm:col-span-3">
            <ErrorText>{open.error && errorMessage(open.error)}</ErrorText>
            <Notice>{done}</Notice>
          </div>
        </form>
      </Card>
    </>
  );
}
