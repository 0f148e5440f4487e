"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, Notice, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { TableSection } from "@/components/disclosure/TableSection";
import {
  BUNDLED_TEMPLATES,
  SECTION_HEADINGS,
  type DisclosureTemplate,
  type SectionDefinition,
  type SectionKey,
  type TableDefinition,
} from "@/lib/budget/template";

const EMPTY_CELL_LABELS = { blank: "留空", "0": "填 0", "0.00": "填 0.00" } as const;
const NUMBER_STYLE_LABELS = {
  plain: "两位小数（5114.04）",
  thousands: "两位小数、千位分隔（5,114.04）",
  whole: "取整（12,345）",
  trim: "去掉末尾的 0（1,230）",
} as const;
const SECTION_KEYS: SectionKey[] = ["overview", "sanggong", "other", "operating", "procurement", "assets", "performance"];

/** Every distinct table the bundled templates define: what "添加表格" offers. */
const TABLE_CATALOGUE: TableDefinition[] = (() => {
  const seen = new Set<string>();
  const out: TableDefinition[] = [];
  for (const t of BUNDLED_TEMPLATES)
    for (const def of t.tables) {
      // the table's shape, without what a copy may change
      const key = JSON.stringify({ ...def, id: null, title: null, number: null, unit: null, decimals: null, emptyNote: null });
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(def);
    }
  return out;
})();

export function TemplateLibrary() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.templates.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [copyFrom, setCopyFrom] = useState("standard-17");
  const [copyName, setCopyName] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
  const copy = useMutation(
    trpc.templates.copy.mutationOptions({
      onSuccess: (r) => {
        setNotice(`已复制为新模板“${copyName}”，可以修改。`);
        setCopyName("");
        setEditing(r.code);
        void refresh();
      },
    }),
  );
  return (
    <>
      <Card title="模板库" id="template-library">
        {list.isPending && <p>正在加载…</p>}
        <ErrorText>{list.error && errorMessage(list.error)}</ErrorText>
        <ul className="divide-y text-sm">
          {list.data?.map((t) => (
            <li key={t.code} className="py-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <span className="font-medium">{t.name}</span>{" "}
                  <span className="text-gray-600">
                    {t.tableCount} 张表 · {t.bundled ? "内置" : `自定义（复制自 ${t.basedOn ?? ""}）`}
                  </span>
                  {t.description ? <p className="text-gray-600">{t.description}</p> : null}
                </div>
                <div className="flex gap-2">
                  <Button variant="secondary" aria-label={`预览 ${t.name}`} onClick={() => setPreviewing(previewing === t.code ? null : t.code)}>
                    预览
                  </Button>
                  {!t.bundled && (
                    <Button variant="secondary" aria-label={`修改 ${t.name}`} onClick={() => setEditing(editing === t.code ? null : t.code)}>
                      修改
                    </Button>
                  )}
                </div>
              </div>
              {previewing === t.code && <SavedPreview code={t.code} />}
            </li>
          ))}
        </ul>
        <form
          className="mt-4 grid gap-3 sm:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            copy.mutate({ from: copyFrom, name: copyName });
          }}
        >
          <div>
            <label htmlFor="copy-from" className={labelClass}>
              复制模板
            </label>
            <select id="copy-from" className={inputClass} value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
              {list.data?.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="copy-name" className={labelClass}>
              新模板名称
            </label>
            <input id="copy-name" className={inputClass} value={copyName} onChange={(e) => setCopyName(e.target.value)} />
          </div>
          <div className="flex items-end">
            <Button type="submit" disabled={copy.isPending}>
              复制
            </Button>
          </div>
          <div className="sm:col-span-3">
            <ErrorText>{copy.error && errorMessage(copy.error)}</ErrorText>
            <Notice>{notice}</Notice>
          </div>
        </form>
      </Card>
      {editing && <TemplateEditor key={editing} code={editing} onSaved={() => void refresh()} />}
    </>
  );
}

function SavedPreview({ code }: { code: string }) {
  const trpc = useTRPC();
  const got = useQuery(trpc.templates.get.queryOptions({ code }));
  if (got.error) return <ErrorText>{errorMessage(got.error)}</ErrorText>;
  if (!got.data) return <p>正在加载…</p>;
  return <Preview definition={got.data.template} />;
}

/** The sample budget (023002, 2024) under a template: every table and the 情况说明. */
function Preview({ definition }: { definition: DisclosureTemplate }) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.templates.preview.queryOptions({ definition }));
  if (preview.error) return <ErrorText>{errorMessage(preview.error)}</ErrorText>;
  if (!preview.data) return <p>正在生成预览…</p>;
  const d = preview.data;
  return (
    <div className="mt-3 space-y-4 rounded border border-gray-200 p-3" aria-label={`预览：${definition.name}`} role="region">
      <p className="text-sm text-gray-600">示例预算：{d.unit.name} {d.year} 年（共 {d.tables.length} 张表）</p>
      {d.tables.map((t) => (
        <TableSection key={t.number} table={t} />
      ))}
      <section className="space-y-2 text-sm">
        <h3 className="font-semibold">{d.explanation.title}</h3>
        {d.explanation.sections.map((s) => (
          <div key={s.heading}>
            <h4 className="font-medium">{s.heading}</h4>
            {s.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
            {s.subsections?.map((sub) => (
              <div key={sub.heading}>
                <h5>{sub.heading}</h5>
                {sub.paragraphs.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            ))}
          </div>
        ))}
      </section>
    </div>
  );
}

/** The definition to save: table numbers follow the order shown. */
function numbered(t: DisclosureTemplate): DisclosureTemplate {
  return {
    ...t,
    tables: t.tables.map((x) => {
      const copy = { ...x };
      delete copy.number;
      return copy;
    }),
  };
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  const [x] = out.splice(i, 1);
  out.splice(j, 0, x as T);
  return out;
}

/** Edits a custom template: name, tables (order, titles, units, decimals), text style, sections. */
function TemplateEditor({ code, onSaved }: { code: string; onSaved: () => void }) {
  const trpc = useTRPC();
  const got = useQuery(trpc.templates.get.queryOptions({ code }));
  if (got.error) return <ErrorText>{errorMessage(got.error)}</ErrorText>;
  if (!got.data) return <p>正在加载…</p>;
  return <EditorForm code={code} initial={got.data.template} version={got.data.version ?? 1} onSaved={onSaved} />;
}

function EditorForm({ code, initial, version, onSaved }: { code: string; initial: DisclosureTemplate; version: number; onSaved: () => void }) {
  const trpc = useTRPC();
  const [t, setT] = useState<DisclosureTemplate>(initial);
  const [at, setAt] = useState(version);
  const [notice, setNotice] = useState<string | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const [adding, setAdding] = useState(0);
  const save = useMutation(
    trpc.templates.update.mutationOptions({
      onSuccess: (r) => {
        setAt(r.version);
        setNotice("模板已保存。");
        onSaved();
      },
    }),
  );
  const setTable = (i: number, patch: Partial<TableDefinition>) =>
    setT({ ...t, tables: t.tables.map((x, j) => (j === i ? ({ ...x, ...patch } as TableDefinition) : x)) });
  const setSections = (sections: SectionDefinition[]) => setT({ ...t, sections });
  return (
    <Card title={`修改模板：${t.name}`} id="template-editor">
      <form
        className="space-y-4 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          // numbers follow the order shown
          save.mutate({ code, version: at, definition: numbered(t) });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-4">
          <div>
            <label htmlFor="tpl-name" className={labelClass}>
              模板名称
            </label>
            <input id="tpl-name" className={inputClass} value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} />
          </div>
          <div>
            <label htmlFor="tpl-empty" className={labelClass}>
              金额为零的单元格
            </label>
            <select id="tpl-empty" className={inputClass} value={t.emptyCell} onChange={(e) => setT({ ...t, emptyCell: e.target.value as DisclosureTemplate["emptyCell"] })}>
              {Object.entries(EMPTY_CELL_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="tpl-text-unit" className={labelClass}>
              情况说明金额单位
            </label>
            <select
              id="tpl-text-unit"
              className={inputClass}
              value={t.text.unit ?? ""}
              onChange={(e) => {
                const text = { ...t.text };
                if (e.target.value) text.unit = e.target.value as "wan" | "yuan";
                else delete text.unit;
                setT({ ...t, text });
              }}
            >
              <option value="">随区划年度设置</option>
              <option value="wan">万元</option>
              <option value="yuan">元</option>
            </select>
          </div>
          <div>
            <label htmlFor="tpl-text-style" className={labelClass}>
              情况说明金额写法
            </label>
            <select
              id="tpl-text-style"
              className={inputClass}
              value={t.text.number}
              onChange={(e) => setT({ ...t, text: { ...t.text, number: e.target.value as DisclosureTemplate["text"]["number"] } })}
            >
              {Object.entries(NUMBER_STYLE_LABELS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        </div>

        <fieldset className="space-y-2">
          <legend className="font-semibold">表格（按顺序编号）</legend>
          {t.tables.map((def, i) => (
            <div key={`${def.id}-${i}`} className="grid items-end gap-2 border-b pb-2 sm:grid-cols-[3rem_1fr_8rem_8rem_auto]">
              <span className="pb-2">表{i + 1}</span>
              <div>
                <label htmlFor={`tpl-title-${i}`} className={labelClass}>
                  表{i + 1} 标题
                </label>
                <input id={`tpl-title-${i}`} className={inputClass} value={def.title} onChange={(e) => setTable(i, { title: e.target.value })} />
              </div>
              <div>
                <label htmlFor={`tpl-unit-${i}`} className={labelClass}>
                  表{i + 1} 单位
                </label>
                <select
                  id={`tpl-unit-${i}`}
                  className={inputClass}
                  value={def.unit ?? ""}
                  onChange={(e) => setTable(i, { unit: e.target.value ? (e.target.value as "wan" | "yuan") : undefined })}
                >
                  <option value="">随区划年度设置</option>
                  <option value="wan">万元</option>
                  <option value="yuan">元</option>
                </select>
              </div>
              <div>
                <label htmlFor={`tpl-decimals-${i}`} className={labelClass}>
                  表{i + 1} 小数位
                </label>
                <select
                  id={`tpl-decimals-${i}`}
                  className={inputClass}
                  value={def.decimals ?? 2}
                  onChange={(e) => setTable(i, { decimals: e.target.value === "0" ? 0 : 2 })}
                >
                  <option value={2}>两位小数</option>
                  <option value={0}>取整</option>
                </select>
              </div>
              <div className="flex gap-1 pb-1">
                <Button variant="secondary" aria-label={`表${i + 1} 上移`} onClick={() => setT({ ...t, tables: move(t.tables, i, -1) })}>
                  ↑
                </Button>
                <Button variant="secondary" aria-label={`表${i + 1} 下移`} onClick={() => setT({ ...t, tables: move(t.tables, i, 1) })}>
                  ↓
                </Button>
                <Button variant="danger" aria-label={`删除表${i + 1}`} onClick={() => setT({ ...t, tables: t.tables.filter((_, j) => j !== i) })}>
                  删除
                </Button>
              </div>
            </div>
          ))}
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="tpl-add" className={labelClass}>
                添加表格
              </label>
              <select id="tpl-add" className={inputClass} value={adding} onChange={(e) => setAdding(Number(e.target.value))}>
                {TABLE_CATALOGUE.map((def, i) => (
                  <option key={i} value={i}>
                    {def.title}
                    {def.kind === "summary" && def.expenditure === "classKinds" ? "（支出分人员/公用/项目）" : ""}
                    {def.kind === "grid" && def.rows === "govEconomic" ? "（政府经济分类）" : ""}
                  </option>
                ))}
              </select>
            </div>
            <Button
              variant="secondary"
              onClick={() => {
                const def = TABLE_CATALOGUE[adding];
                if (!def) return;
                let id = def.id;
                for (let n = 2; t.tables.some((x) => x.id === id); n++) id = `${def.id}-${n}`;
                setT({ ...t, tables: [...t.tables, { ...def, id }] });
              }}
            >
              添加
            </Button>
          </div>
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="font-semibold">情况说明章节</legend>
          {t.sections.map((sec, i) => (
            <div key={`${sec.key}-${i}`} className="space-y-1 border-b pb-2">
              <div className="grid items-end gap-2 sm:grid-cols-[1fr_auto]">
                <div>
                  <label htmlFor={`tpl-section-${i}`} className={labelClass}>
                    第 {i + 1} 节标题（{"{单位}"}、{"{年度}"} 自动替换）
                  </label>
                  <input
                    id={`tpl-section-${i}`}
                    className={inputClass}
                    value={sec.heading ?? SECTION_HEADINGS[sec.key]}
                    onChange={(e) => setSections(t.sections.map((x, j) => (j === i ? { ...x, heading: e.target.value } : x)))}
                  />
                </div>
                <div className="flex gap-1 pb-1">
                  <Button variant="secondary" aria-label={`第 ${i + 1} 节上移`} onClick={() => setSections(move(t.sections, i, -1))}>
                    ↑
                  </Button>
                  <Button variant="secondary" aria-label={`第 ${i + 1} 节下移`} onClick={() => setSections(move(t.sections, i, 1))}>
                    ↓
                  </Button>
                  <Button variant="danger" aria-label={`删除第 ${i + 1} 节`} onClick={() => setSections(t.sections.filter((_, j) => j !== i))}>
                    删除
                  </Button>
                </div>
              </div>
              {sec.children?.map((c, k) => (
                <div key={`${c.key}-${k}`} className="ml-6 flex items-end gap-2">
                  <span className="pb-2">（{k + 1}）{SECTION_HEADINGS[c.key]}</span>
                  <Button
                    variant="danger"
                    aria-label={`删除第 ${i + 1} 节第 ${k + 1} 小节`}
                    onClick={() => setSections(t.sections.map((x, j) => (j === i ? { ...x, children: (x.children ?? []).filter((_, m) => m !== k) } : x)))}
                  >
                    删除
                  </Button>
                </div>
              ))}
            </div>
          ))}
          <div className="flex flex-wrap items-end gap-2">
            <label htmlFor="tpl-add-section" className={labelClass}>
              添加章节
            </label>
            <select
              id="tpl-add-section"
              className={inputClass + " max-w-xs"}
              value=""
              onChange={(e) => {
                const key = e.target.value as SectionKey;
                if (key) setSections([...t.sections, key === "other" ? { key, children: [] } : { key }]);
              }}
            >
              <option value="">请选择</option>
              {SECTION_KEYS.map((k) => (
                <option key={k} value={k}>
                  {SECTION_HEADINGS[k]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>

        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            保存模板
          </Button>
          <Button variant="secondary" onClick={() => setShowPreview(!showPreview)}>
            {showPreview ? "收起预览" : "预览当前修改"}
          </Button>
        </div>
        <ErrorText>{save.error && errorMessage(save.error)}</ErrorText>
        <Notice>{notice}</Notice>
      </form>
      {showPreview && <Preview definition={numbered(t)} />}
    </Card>
  );
}
