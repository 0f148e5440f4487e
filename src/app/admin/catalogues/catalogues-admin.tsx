"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { CsvPanel } from "@/components/admin/csv-panel";
import { CATALOGUES, CATALOGUE_COLUMNS, CATALOGUE_TITLES, type CatalogueName, type CodeCatalogue } from "@/lib/admin/catalogues";
import { UNIT_TYPE_NAMES } from "@/lib/admin/organisations";

export function CataloguesAdmin() {
  const trpc = useTRPC();
  const years = useQuery(trpc.admin.years.queryOptions());
  const [year, setYear] = useState<number | null>(null);
  const [catalogue, setCatalogue] = useState<CatalogueName>("function");
  // Until one is chosen, the newest year.
  const chosen = year ?? years.data?.[0]?.year ?? null;
  return (
    <>
      <div className="grid max-w-xl gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="catalogue-year" className={labelClass}>年度</label>
          <select id="catalogue-year" className={inputClass} value={chosen ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
            {years.data?.map((y) => (
              <option key={y.year} value={y.year}>{y.year}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="catalogue-name" className={labelClass}>目录</label>
          <select id="catalogue-name" className={inputClass} value={catalogue} onChange={(e) => setCatalogue(e.target.value as CatalogueName)}>
            {CATALOGUES.map((c) => (
              <option key={c} value={c}>{CATALOGUE_TITLES[c]}</option>
            ))}
          </select>
        </div>
      </div>
      <ErrorText>{years.error && errorMessage(years.error)}</ErrorText>
      {chosen !== null && <CatalogueView key={`${chosen}-${catalogue}`} year={chosen} catalogue={catalogue} />}
      <CrosswalkCard />
    </>
  );
}

function CatalogueView({ year, catalogue }: { year: number; catalogue: CatalogueName }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const data = useQuery(trpc.admin.catalogue.queryOptions({ year, catalogue }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.queryKey({ year, catalogue }) });
  const [search, setSearch] = useState("");
  const change = useMutation(trpc.admin.changeCode.mutationOptions({ onSuccess: refresh }));
  const [renaming, setRenaming] = useState<string | null>(null);
  const q = search.trim();
  const title = `${year} 年度${CATALOGUE_TITLES[catalogue]}`;
  return (
    <>
      <Card title={title} id="catalogue">
        <div className="mb-3 max-w-sm">
          <label htmlFor="catalogue-search" className={labelClass}>搜索编码或名称</label>
          <input id="catalogue-search" type="search" className={inputClass} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {data.isPending && <p>正在加载…</p>}
        <ErrorText>{(data.error && errorMessage(data.error)) || (change.error && errorMessage(change.error))}</ErrorText>
        <div className="max-h-[32rem] overflow-auto">
          {data.data?.kind === "codes" && (
            <table className="w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">编码</th>
                  <th scope="col" className="py-1 pr-2">名称</th>
                  <th scope="col" className="py-1 pr-2">状态</th>
                  <th scope="col" className="num py-1 pr-2">使用</th>
                  <th scope="col" className="py-1"><span className="sr-only">操作</span></th>
                </tr>
              </thead>
              <tbody>
                {data.data.rows
                  .filter((r) => q === "" || r.code.includes(q) || r.name.includes(q))
                  .slice(0, 500)
                  .map((r) => (
                    <tr key={r.code} className="border-b last:border-0 align-top">
                      <td className="py-1 pr-2 font-mono">{r.code}</td>
                      <td className="py-1 pr-2" style={{ paddingLeft: `${(r.code.length - 3) * 0.4}rem` }}>
                        {renaming === r.code ? (
                          <RenameForm
                            code={r.code}
                            name={r.name}
                            onSave={(name) => change.mutate({ year, catalogue: catalogue as CodeCatalogue, code: r.code, name }, { onSuccess: () => setRenaming(null) })}
                          />
                        ) : (
                          r.name
                        )}
                      </td>
                      <td className="py-1 pr-2">{r.retired ? "停用" : "在用"}</td>
                      <td className="num py-1 pr-2">{r.uses}</td>
                      <td className="py-1">
                        <div className="flex flex-wrap gap-1">
                          <Button variant="secondary" onClick={() => setRenaming(renaming === r.code ? null : r.code)} aria-label={`更名 ${r.code}`}>更名</Button>
                          <Button
                            variant={r.retired ? "secondary" : "danger"}
                            onClick={() => change.mutate({ year, catalogue: catalogue as CodeCatalogue, code: r.code, retired: !r.retired })}
                            aria-label={`${r.retired ? "启用" : "停用"} ${r.code}`}
                          >
                            {r.retired ? "启用" : "停用"}
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {data.data?.kind === "mapping" && (
            <table className="w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">单位类型</th>
                  <th scope="col" className="py-1 pr-2">部门经济分类编码</th>
                  <th scope="col" className="py-1">政府经济分类编码</th>
                </tr>
              </thead>
              <tbody>
                {data.data.rows
                  .filter((r) => q === "" || r.deptCode.includes(q) || r.govCode.includes(q))
                  .map((r) => (
                    <tr key={`${r.unitType}-${r.deptCode}`} className="border-b last:border-0">
                      <td className="py-1 pr-2">{UNIT_TYPE_NAMES[r.unitType]}</td>
                      <td className="py-1 pr-2 font-mono">{r.deptCode}</td>
                      <td className="py-1 font-mono">{r.govCode}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {data.data?.kind === "sources" && (
            <table className="w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">编码</th>
                  <th scope="col" className="py-1 pr-2">名称</th>
                  <th scope="col" className="py-1 pr-2">财政拨款</th>
                  <th scope="col" className="py-1">状态</th>
                </tr>
              </thead>
              <tbody>
                {data.data.rows.map((r) => (
                  <tr key={r.code} className="border-b last:border-0">
                    <td className="py-1 pr-2 font-mono">{r.code}</td>
                    <td className="py-1 pr-2">{r.name}</td>
                    <td className="py-1 pr-2">{r.fiscal ? "是" : "否"}</td>
                    <td className="py-1">{r.retired ? "停用" : "在用"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Card>
      {data.data?.kind === "codes" && <AddCodeForm year={year} catalogue={catalogue as CodeCatalogue} onAdded={refresh} />}
      <Card title={`${CATALOGUE_TITLES[catalogue]}：批量导入与导出`} id="catalogue-csv">
        <p className="mb-2 text-sm text-gray-600">列：{CATALOGUE_COLUMNS[catalogue].join(", ")}。文件中的编码新增或更新，未列出的不变；停用而非删除。</p>
        <CsvPanel url={`/api/admin/v1/catalogues/${year}/${catalogue}.csv`} label={CATALOGUE_TITLES[catalogue]} onImported={refresh} />
      </Card>
    </>
  );
}

function RenameForm({ code, name, onSave }: { code: string; name: string; onSave: (name: string) => void }) {
  const [value, setValue] = useState(name);
  return (
    <form
      className="flex gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value);
      }}
    >
      <label htmlFor={`rename-${code}`} className="sr-only">{code} 的新名称</label>
      <input id={`rename-${code}`} className={inputClass} value={value} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit">保存</Button>
    </form>
  );
}

function AddCodeForm({ year, catalogue, onAdded }: { year: number; catalogue: CodeCatalogue; onAdded: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ code: "", name: "", parentCode: "" });
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation(
    trpc.admin.addCode.mutationOptions({
      onSuccess: (r) => {
        setAdded(`已添加 ${r.code} ${r.name}。`);
        setForm({ code: "", name: "", parentCode: "" });
        onAdded();
      },
    }),
  );
  return (
    <Card title={`添加${CATALOGUE_TITLES[catalogue]}`} id="add-code">
      <form
        className="grid gap-3 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(null);
          add.mutate({ year, catalogue, code: form.code, name: form.name, parentCode: form.parentCode || null });
        }}
      >
        <div>
          <label htmlFor="add-code-code" className={labelClass}>科目编码</label>
          <input id="add-code-code" className={inputClass} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.trim() })} />
        </div>
        <div>
          <label htmlFor="add-code-name" className={labelClass}>科目名称</label>
          <input id="add-code-name" className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        {catalogue === "purchased-services" && (
          <div>
            <label htmlFor="add-code-parent" className={labelClass}>上级编码（可不填）</label>
            <input id="add-code-parent" className={inputClass} value={form.parentCode} onChange={(e) => setForm({ ...form, parentCode: e.target.value.trim() })} />
          </div>
        )}
        <div className="flex items-end">
          <Button type="submit" disabled={add.isPending}>添加科目</Button>
        </div>
        <div className="sm:col-span-4">
          <p className="text-sm text-gray-600">功能分类与经济分类的上级由编码决定（如 2100407 的上级为 21004），须先有上级。</p>
          <ErrorText>{add.error && errorMessage(add.error)}</ErrorText>
          <Notice>{added}</Notice>
        </div>
      </form>
    </Card>
  );
}

function CrosswalkCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.crosswalk.queryOptions());
  const [form, setForm] = useState({ catalogue: "function" as "function" | "dept-economic" | "gov-economic", fromYear: "", fromCode: "", toYear: "", toCode: "" });
  const add = useMutation(trpc.admin.addCrosswalk.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.admin.crosswalk.queryKey() }) }));
  return (
    <Card title="科目对照（更名、改码、合并）" id="crosswalk">
      <p className="mb-2 text-sm text-gray-600">历年对比时，上年的旧编码按此对照计入本年的新编码。拆分的科目对照到承接的主要新编码。</p>
      <ul className="mb-3 text-sm">
        {list.data?.map((r) => (
          <li key={`${r.catalog}-${r.fromYear}-${r.fromCode}-${r.toYear}`}>
            {r.catalog === "function" ? "功能分类" : r.catalog === "dept_economic" ? "部门经济分类" : "政府经济分类"}：{r.fromYear} 年 {r.fromCode} → {r.toYear} 年 {r.toCode}
          </li>
        ))}
      </ul>
      <form
        className="grid gap-2 sm:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ catalogue: form.catalogue, fromYear: Number(form.fromYear), fromCode: form.fromCode, toYear: Number(form.toYear), toCode: form.toCode });
        }}
      >
        <div>
          <label htmlFor="cw-catalogue" className={labelClass}>对照目录</label>
          <select id="cw-catalogue" className={inputClass} value={form.catalogue} onChange={(e) => setForm({ ...form, catalogue: e.target.value as typeof form.catalogue })}>
            <option value="function">功能分类</option>
            <option value="dept-economic">部门经济分类</option>
            <option value="gov-economic">政府经济分类</option>
          </select>
        </div>
        {(
          [
            ["fromYear", "原年度"],
            ["fromCode", "原编码"],
            ["toYear", "新年度"],
            ["toCode", "新编码"],
          ] as const
        ).map(([k, label]) => (
          <div key={k}>
            <label htmlFor={`cw-${k}`} className={labelClass}>{label}</label>
            <input id={`cw-${k}`} className={inputClass} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value.trim() })} />
          </div>
        ))}
        <div className="flex items-end">
          <Button type="submit" disabled={add.isPending}>保存对照</Button>
        </div>
        <div className="sm:col-span-6">
          <ErrorText>{add.error && errorMessage(add.error)}</ErrorText>
          <Notice>{add.isSuccess ? "已保存对照。" : null}</Notice>
        </div>
      </form>
    </Card>
  );
}
