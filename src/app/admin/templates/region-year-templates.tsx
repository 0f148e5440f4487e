"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Card, ErrorText, Notice, inputClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/**
 * The template of each region and year: one select per region-year, saved when changed. What
 * the budgets of that region and year show from now on (preview, public page, downloads).
 */
export function RegionYearTemplates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rows = useQuery(trpc.templates.regionYears.queryOptions());
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const set = useMutation(
    trpc.templates.setRegionYear.mutationOptions({
      onSuccess: (r) => {
        const name = templates.data?.find((t) => t.code === r.template)?.name ?? r.template;
        setNotice(`已将 ${r.year} 年公开模板设为“${name}”。`);
        void queryClient.invalidateQueries({ queryKey: trpc.templates.regionYears.queryKey() });
      },
    }),
  );
  return (
    <Card title="各年度选用的模板" id="region-year-templates">
      {rows.isPending && <p>正在加载…</p>}
      <ErrorText>{(rows.error && errorMessage(rows.error)) || (set.error && errorMessage(set.error))}</ErrorText>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-2 pr-2">区划</th>
              <th scope="col" className="py-2 pr-2">年度</th>
              <th scope="col" className="py-2">公开模板</th>
            </tr>
          </thead>
          <tbody>
            {rows.data?.map((r) => {
              const id = `template-${r.regionId}-${r.year}`;
              return (
                <tr key={id} className="border-b last:border-0">
                  <td className="py-2 pr-2">
                    {r.regionCode} {r.regionName}
                  </td>
                  <th scope="row" className="py-2 pr-2 text-left font-normal">
                    {r.year} 年
                  </th>
                  <td className="py-2">
                    <label htmlFor={id} className="sr-only">
                      {r.year} 年公开模板（{r.regionCode} {r.regionName}）
                    </label>
                    <select
                      id={id}
                      className={inputClass}
                      value={r.template}
                      disabled={set.isPending}
                      onChange={(e) => {
                        setNotice(null);
                        set.mutate({ regionId: r.regionId, year: r.year, template: e.target.value });
                      }}
                    >
                      {templates.data?.map((t) => (
                        <option key={t.code} value={t.code}>
                          {t.name}（{t.tableCount} 张表{t.bundled ? "，内置" : ""}）
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Notice>{notice}</Notice>
    </Card>
  );
}
