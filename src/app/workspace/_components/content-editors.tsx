"use client";

/**
 * The editors of a budget's content beyond the line items: 单位概况, 绩效目标 (表16 with linked
 * tasks, 表17 per project), 政府采购 (表14), 政府购买服务 (表15), 国有资产, and the prior year
 * entered by hand. Each saves through `editing.applyChanges`.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { formatAmount, yuanToWan, type DisplayUnit } from "@/lib/money";
import { readAmountInput } from "@/lib/money-input";
import { PROCUREMENT_CATEGORIES, PROCUREMENT_CATEGORY_LABELS, SANGGONG_KEYS, SANGGONG_LABELS, type FieldIssue, type IndicatorRow } from "@/lib/workflow/content";
import { OPERATOR_LABELS, PROJECT_INDICATOR_LEVELS, UNIT_INDICATOR_LEVELS } from "@/lib/workflow/indicators";
import { PERIOD_LABELS, PERIODS, SOURCE_CODES } from "@/lib/workflow/inputs";
import { TASK_FIGURE_LABELS } from "@/lib/budget/tasks";
import { Button, Card, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { FieldMessage, SaveBar, TextField, useApplyChanges, useUnsavedWarning } from "./content-form";
import type { BudgetRef } from "./use-budget";

type Content = inferRouterOutputs<AppRouter>["budgets"]["content"];
type Indicator = Content["targets"][number]["indicators"][number];
type Source = (typeof SOURCE_CODES)[number];

const SOURCE_LABELS: Record<string, string> = {
  gpb: "一般公共预算",
  gf: "政府性基金预算",
  soc: "国有资本经营预算",
  fsa: "财政专户管理资金",
  unit_business: "事业收入",
  unit_operating: "事业单位经营收入",
  unit_superior: "上级补助收入",
  unit_affiliated: "附属单位上缴收入",
  unit_other: "其他收入",
  carryover: "上年结转结余",
};

/** A typed amount in the form's unit → exact 元, or an issue at `path`. */
function readMoney(raw: string, unit: DisplayUnit, path: string, label: string, issues: FieldIssue[]): string {
  const r = readAmountInput(raw, unit);
  if (r.ok) return r.yuan;
  issues.push({ path, message: `${label}：${r.message}` });
  return "0.00";
}
const shownMoney = (yuan: string, unit: DisplayUnit) => (unit === "wan" ? yuanToWan(yuan).toFixed() : yuan);

function UnitChoice({ id, unit, setUnit }: { id: string; unit: DisplayUnit; setUnit: (u: DisplayUnit) => void }) {
  return (
    <div className="mb-2 flex items-center gap-2 text-sm">
      <label htmlFor={id}>金额单位</label>
      <select id={id} className="rounded border border-gray-300 px-2 py-1" value={unit} onChange={(e) => setUnit(e.target.value as DisplayUnit)}>
        <option value="wan">万元</option>
        <option value="yuan">元</option>
      </select>
      <span className="text-xs text-gray-600">可粘贴带千分位的数字，也可在数字后写“万元”或“元”</span>
    </div>
  );
}

/** The editable content of a budget, read once for every editor below. */
export function ContentEditors({ budgetRef, editable }: { budgetRef: BudgetRef; editable: boolean }) {
  const trpc = useTRPC();
  const content = useQuery(trpc.budgets.content.queryOptions({ budgetId: budgetRef.budgetId }));
  const options = useQuery(trpc.budgets.formOptions.queryOptions({ budgetId: budgetRef.budgetId }));
  if (content.isPending) return <p>正在加载预算内容…</p>;
  if (content.error) return <ErrorText>{errorMessage(content.error)}</ErrorText>;
  const c = content.data;
  const classes = options.data?.functionClasses ?? [];
  // The forms keep what is typed across saves of other forms: nothing typed is lost by a refresh.
  return (
    <>
      <ProfileEditor budgetRef={budgetRef} content={c} editable={editable} />
      <TargetsEditor budgetRef={budgetRef} content={c} editable={editable} />
      <ProcurementEditor budgetRef={budgetRef} content={c} editable={editable} />
      <ServicesEditor budgetRef={budgetRef} content={c} editable={editable} classes={classes} />
      <AssetsEditor budgetRef={budgetRef} content={c} editable={editable} />
      <BaselineEditor budgetRef={budgetRef} content={c} editable={editable} classes={classes} />
    </>
  );
}

interface EditorProps {
  budgetRef: BudgetRef;
  content: Content;
  editable: boolean;
}

// ---------------------------------------------------------------------------- 单位概况

function ProfileEditor({ budgetRef, content, editable }: EditorProps) {
  const apply = useApplyChanges(budgetRef);
  const [duties, setDuties] = useState(content.profile.duties.join("\n"));
  const [departments, setDepartments] = useState(content.profile.departments.map((d) => ({ ...d, staffing: String(d.staffing) })));
  const [dirty, setDirty] = useState(false);
  useUnsavedWarning(dirty);
  const touch = () => setDirty(true);
  return (
    <Card title="单位概况" id="profile">
      <form
        aria-label="单位概况"
        onSubmit={(e) => {
          e.preventDefault();
          apply.save(
            {
              profile: {
                duties: duties
                  .split("\n")
                  .map((d) => d.trim().replace(/^[（(][一二三四五六七八九十百]+[)）]\s*/, ""))
                  .filter(Boolean),
                composition: content.profile.composition,
                departments: departments.map((d) => ({ name: d.name, duties: d.duties, leaders: d.leaders, staffing: /^\d+$/.test(d.staffing.trim()) ? Number(d.staffing.trim()) : -1 })),
              },
            },
            () => setDirty(false),
          );
        }}
      >
        <fieldset disabled={!editable}>
          <TextField
            id="profile-duties"
            label="主要职责（每行一条，按顺序编号）"
            multiline
            value={duties}
            onChange={(v) => {
              setDuties(v);
              touch();
            }}
            error={apply.issueAt("profile.duties")}
          />
          <h3 className="mt-3 text-sm font-medium">内设机构</h3>
          {departments.map((d, i) => (
            <div key={i} className="mt-2 grid gap-2 rounded border p-2 sm:grid-cols-4">
              <TextField id={`dept-${i}-name`} label={`内设机构 ${i + 1} 名称`} value={d.name} error={apply.issueAt(`profile.departments.${i}.name`)} onChange={(v) => (setDepartments(departments.map((x, j) => (j === i ? { ...x, name: v } : x))), touch())} />
              <TextField id={`dept-${i}-duties`} label="职责" value={d.duties} onChange={(v) => (setDepartments(departments.map((x, j) => (j === i ? { ...x, duties: v } : x))), touch())} />
              <TextField id={`dept-${i}-staffing`} label="人员编制" inputMode="numeric" value={d.staffing} error={apply.issueAt(`profile.departments.${i}.staffing`)} onChange={(v) => (setDepartments(departments.map((x, j) => (j === i ? { ...x, staffing: v } : x))), touch())} />
              <div className="flex items-end">
                <Button variant="danger" onClick={() => (setDepartments(departments.filter((_, j) => j !== i)), touch())}>
                  移除内设机构 {i + 1}
                </Button>
              </div>
            </div>
          ))}
          <Button variant="secondary" className="mt-2" onClick={() => (setDepartments([...departments, { name: "", duties: "", staffing: "0", leaders: "" }]), touch())}>
            增加内设机构
          </Button>
          {editable && <SaveBar apply={apply} label="保存单位概况" dirty={dirty} />}
        </fieldset>
      </form>
    </Card>
  );
}

// ---------------------------------------------------------------------------- 绩效目标

interface TaskDraft {
  name: string;
  /** "" typed by hand; "personnel" | "public" | "projects" | "project:<id>" linked. */
  link: string;
  amount: string;
}

function IndicatorRows({
  prefix,
  pathPrefix,
  rows,
  setRows,
  levels,
  issueAt,
}: {
  prefix: string;
  pathPrefix: string;
  rows: Indicator[];
  setRows: (rows: Indicator[]) => void;
  levels: Record<string, readonly string[]>;
  issueAt: (path: string) => string | null;
}) {
  const set = (i: number, patch: Partial<Indicator>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: number) => {
    const j = i + d;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setRows(next);
  };
  return (
    <div className="mt-2">
      <datalist id={`${prefix}-l1-options`}>
        {Object.keys(levels).map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      {rows.map((r, i) => (
        <fieldset key={i} className="mt-2 grid gap-2 rounded border p-2 sm:grid-cols-4 lg:grid-cols-8">
          <legend className="px-1 text-xs text-gray-600">指标 {i + 1}</legend>
          <TextField id={`${prefix}-${i}-l1`} label="一级指标" list={`${prefix}-l1-options`} value={r.level1} error={issueAt(`${pathPrefix}.${i}.level1`)} onChange={(v) => set(i, { level1: v })} />
          <datalist id={`${prefix}-${i}-l2-options`}>
            {(levels[r.level1] ?? []).map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
          <TextField id={`${prefix}-${i}-l2`} label="二级指标" list={`${prefix}-${i}-l2-options`} value={r.level2} error={issueAt(`${pathPrefix}.${i}.level2`)} onChange={(v) => set(i, { level2: v })} />
          <TextField id={`${prefix}-${i}-l3`} label="三级指标" value={r.level3} onChange={(v) => set(i, { level3: v })} />
          <div>
            <label htmlFor={`${prefix}-${i}-op`} className={labelClass}>
              运算符号
            </label>
            <select id={`${prefix}-${i}-op`} className={inputClass} value={r.operator} onChange={(e) => set(i, { operator: e.target.value })}>
              {Object.entries(OPERATOR_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <TextField id={`${prefix}-${i}-value`} label="指标值" value={r.value} onChange={(v) => set(i, { value: v })} />
          <TextField id={`${prefix}-${i}-unit`} label="度量单位" value={r.unit} onChange={(v) => set(i, { unit: v })} />
          <TextField id={`${prefix}-${i}-deadline`} label="完成时限" value={r.deadline} onChange={(v) => set(i, { deadline: v })} />
          <div className="flex items-end gap-1">
            <Button variant="secondary" aria-label={`指标 ${i + 1} 上移`} onClick={() => move(i, -1)}>
              ↑
            </Button>
            <Button variant="secondary" aria-label={`指标 ${i + 1} 下移`} onClick={() => move(i, 1)}>
              ↓
            </Button>
            <Button variant="danger" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              删除指标 {i + 1}
            </Button>
          </div>
        </fieldset>
      ))}
    </div>
  );
}

const emptyIndicator = (year: number): Indicator => ({ level1: "", level2: "", level3: "", operator: "", value: "", unit: "", deadline: `${year}-12` });

function TargetsEditor({ budgetRef, content, editable }: EditorProps) {
  const unitTarget = content.targets.find((t) => t.projectId === null) ?? null;
  return (
    <Card title="绩效目标" id="targets">
      <UnitTargetForm budgetRef={budgetRef} content={content} editable={editable} target={unitTarget} />
      {content.projects.map((p) => (
        <ProjectTargetForm
          key={p.id}
          budgetRef={budgetRef}
          content={content}
          editable={editable}
          project={p}
          target={content.targets.find((t) => t.projectId === p.id) ?? null}
        />
      ))}
      {content.projects.length === 0 && <p className="mt-3 text-sm text-gray-600">暂无项目；新增项目后在此填写项目绩效目标（表17）。</p>}
    </Card>
  );
}

function UnitTargetForm({ budgetRef, content, editable, target }: EditorProps & { target: Content["targets"][number] | null }) {
  const apply = useApplyChanges(budgetRef);
  const [unit, setUnit] = useState<DisplayUnit>("wan");
  const [goal, setGoal] = useState(target?.goal ?? "");
  const [tasks, setTasks] = useState<TaskDraft[]>(
    (target?.tasks ?? []).map((k) => ({
      name: k.name,
      link: k.link ? (k.link.figure === "project" ? `project:${k.link.projectId}` : k.link.figure) : "",
      amount: k.link ? "" : shownMoney(k.amount, "wan"),
    })),
  );
  const [indicators, setIndicators] = useState<Indicator[]>(target?.indicators ?? []);
  const [dirty, setDirty] = useState(false);
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  useUnsavedWarning(dirty);
  const issueAt = (path: string) => localIssues.find((i) => i.path === path)?.message ?? apply.issueAt(path);
  const linkedAmount = (i: number) => target?.tasks[i]?.link && tasks[i]?.link ? target.tasks[i]!.amount : null;
  return (
    <form
      aria-label="整体绩效目标（表16）"
      className="rounded border p-3"
      onChange={() => setDirty(true)}
      onSubmit={(e) => {
        e.preventDefault();
        const issues: FieldIssue[] = [];
        const rows = tasks.map((k, i) => {
          const link =
            k.link === ""
              ? null
              : k.link.startsWith("project:")
                ? { figure: "project" as const, projectId: Number(k.link.slice(8)) }
                : { figure: k.link as "personnel" | "public" | "projects", projectId: null };
          return {
            name: k.name,
            amount: link ? "0.00" : readMoney(k.amount, unit, `targets.upsert.0.tasks.${i}.amount`, `任务“${k.name || i + 1}”的预算资金`, issues),
            link,
          };
        });
        setLocalIssues(issues);
        if (issues.length) return;
        apply.save({ targets: { upsert: [{ ...(target ? { id: target.id } : {}), projectId: null, goal, tasks: rows, indicators: indicators as IndicatorRow[] }] } }, () => setDirty(false));
      }}
    >
      <h3 className="font-medium">整体绩效目标（表16）</h3>
      <fieldset disabled={!editable}>
        <TextField id="unit-goal" label="年度绩效目标" multiline value={goal} onChange={setGoal} error={issueAt("targets.upsert.0.goal")} />
        <h4 className="mt-3 text-sm font-medium">年度主要任务</h4>
        <p className="text-xs text-gray-600">任务可关联到预算数据，金额随支出明细自动计算，不会与预算不一致；也可手工填写金额。</p>
        <UnitChoice id="unit-target-unit" unit={unit} setUnit={setUnit} />
        {tasks.map((k, i) => (
          <div key={i} className="mt-2 grid gap-2 rounded border p-2 sm:grid-cols-4">
            <TextField id={`task-${i}-name`} label={`任务 ${i + 1} 名称`} value={k.name} error={issueAt(`targets.upsert.0.tasks.${i}.name`)} onChange={(v) => setTasks(tasks.map((x, j) => (j === i ? { ...x, name: v } : x)))} />
            <div>
              <label htmlFor={`task-${i}-link`} className={labelClass}>
                任务 {i + 1} 金额来源
              </label>
              <select id={`task-${i}-link`} className={inputClass} value={k.link} onChange={(e) => setTasks(tasks.map((x, j) => (j === i ? { ...x, link: e.target.value } : x)))}>
                <option value="">手工填写</option>
                <option value="personnel">{TASK_FIGURE_LABELS.personnel}</option>
                <option value="public">{TASK_FIGURE_LABELS.public}</option>
                <option value="projects">{TASK_FIGURE_LABELS.projects}</option>
                {content.projects.map((p) => (
                  <option key={p.id} value={`project:${p.id}`}>
                    项目：{p.name}
                  </option>
                ))}
              </select>
              <FieldMessage id={`task-${i}-link-error`} message={issueAt(`targets.upsert.0.tasks.${i}.link`)} />
            </div>
            {k.link === "" ? (
              <TextField id={`task-${i}-amount`} label={`任务 ${i + 1} 预算资金（${unit === "wan" ? "万元" : "元"}）`} inputMode="decimal" value={k.amount} error={issueAt(`targets.upsert.0.tasks.${i}.amount`)} onChange={(v) => setTasks(tasks.map((x, j) => (j === i ? { ...x, amount: v } : x)))} />
            ) : (
              <p className="self-end text-sm text-gray-700">
                按预算自动计算{linkedAmount(i) !== null && <>：<span className="num">{formatAmount(linkedAmount(i)!, "wan")}</span> 万元</>}
              </p>
            )}
            <div className="flex items-end">
              <Button variant="danger" onClick={() => (setTasks(tasks.filter((_, j) => j !== i)), setDirty(true))}>
                删除任务 {i + 1}
              </Button>
            </div>
          </div>
        ))}
        <Button variant="secondary" className="mt-2" onClick={() => (setTasks([...tasks, { name: "", link: "", amount: "" }]), setDirty(true))}>
          增加任务
        </Button>
        <h4 className="mt-3 text-sm font-medium">绩效指标</h4>
        <IndicatorRows prefix="unit-ind" pathPrefix="targets.upsert.0.indicators" rows={indicators} setRows={(r) => (setIndicators(r), setDirty(true))} levels={UNIT_INDICATOR_LEVELS} issueAt={issueAt} />
        <Button variant="secondary" className="mt-2" onClick={() => (setIndicators([...indicators, emptyIndicator(content.year)]), setDirty(true))}>
          增加整体绩效指标
        </Button>
        {editable && <SaveBar apply={apply} label="保存整体绩效目标" dirty={dirty} />}
      </fieldset>
    </form>
  );
}

function ProjectTargetForm({ budgetRef, content, editable, project, target }: EditorProps & { project: Content["projects"][number]; target: Content["targets"][number] | null }) {
  const apply = useApplyChanges(budgetRef);
  const [goal, setGoal] = useState(target?.goal ?? "");
  const [indicators, setIndicators] = useState<Indicator[]>(target?.indicators ?? []);
  const [dirty, setDirty] = useState(false);
  useUnsavedWarning(dirty);
  const prior = content.priorTargets.find((t) => t.projectName === project.name);
  const prefix = `project-${project.id}`;
  return (
    <form
      aria-label={`项目绩效目标：${project.name}`}
      className="mt-3 rounded border p-3"
      onChange={() => setDirty(true)}
      onSubmit={(e) => {
        e.preventDefault();
        apply.save({ targets: { upsert: [{ ...(target ? { id: target.id } : {}), projectId: project.id, goal, indicators: indicators as IndicatorRow[] }] } }, () => setDirty(false));
      }}
    >
      <h3 className="font-medium">项目绩效目标（表17）：{project.name}</h3>
      <fieldset disabled={!editable}>
        {prior && editable && (
          <Button
            variant="secondary"
            className="mt-1"
            onClick={() => {
              setGoal(prior.goal);
              setIndicators(prior.indicators.map((i) => ({ ...i, deadline: i.deadline.replace(/^\d{4}/, String(content.year)) })));
              setDirty(true);
            }}
          >
            复制上年绩效目标
          </Button>
        )}
        <TextField id={`${prefix}-goal`} label={`${project.name} 总体目标`} multiline value={goal} onChange={setGoal} error={apply.issueAt("targets.upsert.0.goal")} />
        <IndicatorRows prefix={`${prefix}-ind`} pathPrefix="targets.upsert.0.indicators" rows={indicators} setRows={(r) => (setIndicators(r), setDirty(true))} levels={PROJECT_INDICATOR_LEVELS} issueAt={apply.issueAt} />
        <Button variant="secondary" className="mt-2" onClick={() => (setIndicators([...indicators, emptyIndicator(content.year)]), setDirty(true))}>
          增加 {project.name} 绩效指标
        </Button>
        {editable && <SaveBar apply={apply} label={`保存 ${project.name} 绩效目标`} dirty={dirty} />}
      </fieldset>
    </form>
  );
}

// ---------------------------------------------------------------------------- 政府采购 (表14)

function ProcurementEditor({ budgetRef, content, editable }: EditorProps) {
  const apply = useApplyChanges(budgetRef);
  const [unit, setUnit] = useState<DisplayUnit>("wan");
  const blank = { name: "", category: "goods", source: "gpb", period: "current", amount: "", smeReserved: "", projectId: "" };
  const [draft, setDraft] = useState(blank);
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const issueAt = (p: string) => localIssues.find((i) => i.path === p)?.message ?? apply.issueAt(p);
  const [confirming, setConfirming] = useState<number | null>(null);
  useUnsavedWarning(draft.name !== "" || draft.amount !== "");
  return (
    <Card title={`政府采购（表14，${content.procurement.length} 项）`} id="procurement">
      <ul className="space-y-1 text-sm">
        {content.procurement.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded border p-2">
            <span>
              {PROCUREMENT_CATEGORY_LABELS[p.category]} · {p.name} · <span className="num">{formatAmount(p.amount, "wan")}</span> 万元
              {p.smeReserved !== "0.00" && <>（面向中小企业预留 <span className="num">{formatAmount(p.smeReserved, "wan")}</span> 万元）</>}
            </span>
            {editable &&
              (confirming === p.id ? (
                <span className="flex gap-2">
                  <Button variant="danger" onClick={() => apply.save({ procurement: { delete: [p.id] } })}>
                    确认删除“{p.name}”
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    取消
                  </Button>
                </span>
              ) : (
                <Button variant="danger" onClick={() => setConfirming(p.id)}>
                  删除“{p.name}”
                </Button>
              ))}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          aria-label="新增政府采购"
          className="mt-3 border-t pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            const issues: FieldIssue[] = [];
            const amount = readMoney(draft.amount, unit, "procurement.upsert.0.amount", "采购金额", issues);
            const sme = draft.smeReserved.trim() === "" ? "0.00" : readMoney(draft.smeReserved, unit, "procurement.upsert.0.smeReserved", "面向中小企业预留", issues);
            setLocalIssues(issues);
            if (issues.length) return;
            apply.save(
              {
                procurement: {
                  upsert: [
                    {
                      name: draft.name,
                      category: draft.category as "goods",
                      source: draft.source as Source,
                      period: draft.period as "current",
                      amount,
                      smeReserved: sme,
                      projectId: draft.projectId ? Number(draft.projectId) : null,
                    },
                  ],
                },
              },
              () => setDraft(blank),
            );
          }}
        >
          <UnitChoice id="procurement-unit" unit={unit} setUnit={setUnit} />
          <div className="grid gap-2 sm:grid-cols-3">
            <div>
              <label htmlFor="procurement-category" className={labelClass}>
                采购类别
              </label>
              <select id="procurement-category" className={inputClass} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
                {PROCUREMENT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {PROCUREMENT_CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            </div>
            <TextField id="procurement-name" label="采购品目" value={draft.name} error={issueAt("procurement.upsert.0.name")} onChange={(v) => setDraft({ ...draft, name: v })} />
            <SourceSelect id="procurement-source" value={draft.source} onChange={(v) => setDraft({ ...draft, source: v })} />
            <TextField id="procurement-amount" label={`采购金额（${unit === "wan" ? "万元" : "元"}）`} inputMode="decimal" value={draft.amount} error={issueAt("procurement.upsert.0.amount")} onChange={(v) => setDraft({ ...draft, amount: v })} />
            <TextField id="procurement-sme" label={`面向中小企业预留（${unit === "wan" ? "万元" : "元"}）`} inputMode="decimal" value={draft.smeReserved} error={issueAt("procurement.upsert.0.smeReserved")} onChange={(v) => setDraft({ ...draft, smeReserved: v })} />
            <div>
              <label htmlFor="procurement-project" className={labelClass}>
                所属项目
              </label>
              <select id="procurement-project" className={inputClass} value={draft.projectId} onChange={(e) => setDraft({ ...draft, projectId: e.target.value })}>
                <option value="">（基本支出）</option>
                {content.projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <PeriodSelect id="procurement-period" value={draft.period} onChange={(v) => setDraft({ ...draft, period: v })} />
          </div>
          <SaveBar apply={apply} label="添加政府采购" dirty={draft.name !== ""} />
        </form>
      )}
    </Card>
  );
}

function SourceSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        资金来源
      </label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {SOURCE_CODES.map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

function PeriodSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        期间
      </label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {PERIOD_LABELS[p]}
          </option>
        ))}
      </select>
    </div>
  );
}

// ---------------------------------------------------------------------------- 政府购买服务 (表15)

function ServicesEditor({ budgetRef, content, editable, classes }: EditorProps & { classes: { code: string; name: string }[] }) {
  const apply = useApplyChanges(budgetRef);
  const [unit, setUnit] = useState<DisplayUnit>("wan");
  const blank = { functionClassCode: classes[0]?.code ?? "", name: "", catalogueCode: "", catalogueName: "", source: "gpb", period: "current", amount: "" };
  const [draft, setDraft] = useState(blank);
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const issueAt = (p: string) => localIssues.find((i) => i.path === p)?.message ?? apply.issueAt(p);
  const [confirming, setConfirming] = useState<number | null>(null);
  useUnsavedWarning(draft.name !== "" || draft.amount !== "");
  return (
    <Card title={`政府购买服务（表15，${content.purchasedServices.length} 项）`} id="purchased-services">
      <ul className="space-y-1 text-sm">
        {content.purchasedServices.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded border p-2">
            <span>
              {p.functionClassCode} · {p.name} · {p.catalogueCode} {p.catalogueName} · <span className="num">{formatAmount(p.amount, "wan")}</span> 万元
            </span>
            {editable &&
              (confirming === p.id ? (
                <span className="flex gap-2">
                  <Button variant="danger" onClick={() => apply.save({ purchasedServices: { delete: [p.id] } })}>
                    确认删除“{p.name}”
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    取消
                  </Button>
                </span>
              ) : (
                <Button variant="danger" onClick={() => setConfirming(p.id)}>
                  删除“{p.name}”
                </Button>
              ))}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          aria-label="新增政府购买服务"
          className="mt-3 border-t pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            const issues: FieldIssue[] = [];
            const amount = readMoney(draft.amount, unit, "purchasedServices.upsert.0.amount", "购买服务金额", issues);
            setLocalIssues(issues);
            if (issues.length) return;
            apply.save(
              { purchasedServices: { upsert: [{ ...draft, source: draft.source as Source, period: draft.period as "current", amount }] } },
              () => setDraft(blank),
            );
          }}
        >
          <UnitChoice id="services-unit" unit={unit} setUnit={setUnit} />
          <div className="grid gap-2 sm:grid-cols-3">
            <div>
              <label htmlFor="service-class" className={labelClass}>
                支出功能分类（类）
              </label>
              <select id="service-class" className={inputClass} value={draft.functionClassCode} onChange={(e) => setDraft({ ...draft, functionClassCode: e.target.value })}>
                {classes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} {c.name}
                  </option>
                ))}
              </select>
              <FieldMessage id="service-class-error" message={issueAt("purchasedServices.upsert.0.functionClassCode")} />
            </div>
            <TextField id="service-name" label="购买服务项目名称" value={draft.name} error={issueAt("purchasedServices.upsert.0.name")} onChange={(v) => setDraft({ ...draft, name: v })} />
            <TextField id="service-catalogue-code" label="指导目录代码" value={draft.catalogueCode} onChange={(v) => setDraft({ ...draft, catalogueCode: v })} />
            <TextField id="service-catalogue-name" label="指导目录名称" value={draft.catalogueName} onChange={(v) => setDraft({ ...draft, catalogueName: v })} />
            <SourceSelect id="service-source" value={draft.source} onChange={(v) => setDraft({ ...draft, source: v })} />
            <PeriodSelect id="service-period" value={draft.period} onChange={(v) => setDraft({ ...draft, period: v })} />
            <TextField id="service-amount" label={`购买服务金额（${unit === "wan" ? "万元" : "元"}）`} inputMode="decimal" value={draft.amount} error={issueAt("purchasedServices.upsert.0.amount")} onChange={(v) => setDraft({ ...draft, amount: v })} />
          </div>
          <SaveBar apply={apply} label="添加政府购买服务" dirty={draft.name !== ""} />
        </form>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------- 国有资产

const VEHICLE_LABELS = {
  ministerial: "省部级领导干部用车",
  general: "一般公务用车",
  enforcement: "一般执法执勤用车",
  special: "特种专业技术用车",
  other: "其他用车",
} as const;

function AssetsEditor({ budgetRef, content, editable }: EditorProps) {
  const apply = useApplyChanges(budgetRef);
  const a = content.assets;
  const [asOf, setAsOf] = useState(a?.asOf ?? `${content.year - 1}-12-31`);
  const [vehicles, setVehicles] = useState<Record<keyof typeof VEHICLE_LABELS, string>>({
    ministerial: String(a?.vehicles.ministerial ?? 0),
    general: String(a?.vehicles.general ?? 0),
    enforcement: String(a?.vehicles.enforcement ?? 0),
    special: String(a?.vehicles.special ?? 0),
    other: String(a?.vehicles.other ?? 0),
  });
  const [equipment, setEquipment] = useState(String(a?.largeEquipment ?? 0));
  const [note, setNote] = useState(a?.note ?? "");
  const [dirty, setDirty] = useState(false);
  useUnsavedWarning(dirty);
  const count = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : -1);
  return (
    <Card title="国有资产占有使用情况" id="assets">
      <form
        aria-label="国有资产占有使用情况"
        onChange={() => setDirty(true)}
        onSubmit={(e) => {
          e.preventDefault();
          apply.save(
            {
              assets: {
                asOf,
                vehicles: {
                  ministerial: count(vehicles.ministerial),
                  general: count(vehicles.general),
                  enforcement: count(vehicles.enforcement),
                  special: count(vehicles.special),
                  other: count(vehicles.other),
                },
                largeEquipment: count(equipment),
                note,
              },
            },
            () => setDirty(false),
          );
        }}
      >
        <fieldset disabled={!editable} className="grid gap-2 sm:grid-cols-3">
          <TextField id="assets-as-of" label="截至日期（YYYY-MM-DD）" value={asOf} error={apply.issueAt("assets.asOf")} onChange={setAsOf} />
          {(Object.keys(VEHICLE_LABELS) as (keyof typeof VEHICLE_LABELS)[]).map((k) => (
            <TextField key={k} id={`assets-${k}`} label={`${VEHICLE_LABELS[k]}（辆）`} inputMode="numeric" value={vehicles[k]} error={apply.issueAt(`assets.vehicles.${k}`)} onChange={(v) => setVehicles({ ...vehicles, [k]: v })} />
          ))}
          <TextField id="assets-equipment" label="单价 50 万元以上设备（台、套）" inputMode="numeric" value={equipment} error={apply.issueAt("assets.largeEquipment")} onChange={setEquipment} />
          <TextField id="assets-note" label="说明" value={note} onChange={setNote} className="sm:col-span-3" />
        </fieldset>
        {editable && <SaveBar apply={apply} label="保存国有资产情况" dirty={dirty} />}
      </form>
    </Card>
  );
}

// ---------------------------------------------------------------------------- 上年预算基数

function BaselineEditor({ budgetRef, content, editable, classes }: EditorProps & { classes: { code: string; name: string }[] }) {
  const apply = useApplyChanges(budgetRef);
  const [unit, setUnit] = useState<DisplayUnit>("wan");
  const b = content.baseline;
  const show = (v: string | undefined) => (v === undefined ? "" : shownMoney(v, "wan"));
  const [total, setTotal] = useState(show(b?.total));
  const [bySource, setBySource] = useState<Record<string, string>>(
    Object.fromEntries([...SOURCE_CODES, "carryover"].map((s) => [s, show((b?.bySource as Record<string, string> | undefined)?.[s])])),
  );
  const [basic, setBasic] = useState(show(b?.byKind?.basic));
  const [project, setProject] = useState(show(b?.byKind?.project));
  const [byClass, setByClass] = useState<{ code: string; amount: string }[]>((b?.byFunctionClass ?? []).map((f) => ({ code: f.code, amount: show(f.amount) })));
  const [sanggong, setSanggong] = useState<Record<string, string>>(Object.fromEntries(SANGGONG_KEYS.map((k) => [k, show(b?.sanggong?.[k])])));
  const [dirty, setDirty] = useState(false);
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  useUnsavedWarning(dirty);
  const issueAt = (p: string) => localIssues.find((i) => i.path === p)?.message ?? apply.issueAt(p);
  const u = unit === "wan" ? "万元" : "元";
  return (
    <Card title="上年预算基数（上年预算不在本平台时填写）" id="baseline">
      {content.priorOnPlatform ? (
        <p className="mb-2 rounded border border-blue-200 bg-blue-50 p-2 text-sm">
          {content.priorOnPlatform.year} 年度预算已在本平台公开，情况说明与它比较；此处填写的基数不会被使用。
        </p>
      ) : (
        <p className="mb-2 text-sm text-gray-700">上年预算不在本平台，情况说明按此处填写的上年数说明增减变化（按资金来源、支出类型和功能分类“类”）。</p>
      )}
      <form
        aria-label="上年预算基数"
        onChange={() => setDirty(true)}
        onSubmit={(e) => {
          e.preventDefault();
          const issues: FieldIssue[] = [];
          if (total.trim() === "") {
            setLocalIssues([]);
            apply.save({ baseline: null }, () => setDirty(false));
            return;
          }
          const m = (raw: string, path: string, label: string) => readMoney(raw, unit, path, label, issues);
          const sources = Object.fromEntries(
            Object.entries(bySource)
              .filter(([, v]) => v.trim() !== "")
              .map(([k, v]) => [k, m(v, `baseline.bySource.${k}`, `上年${SOURCE_LABELS[k]}`)]),
          );
          const filledSanggong = SANGGONG_KEYS.some((k) => (sanggong[k] ?? "").trim() !== "");
          const baseline = {
            total: m(total, "baseline.total", "上年收支总预算"),
            ...(Object.keys(sources).length ? { bySource: sources } : {}),
            ...(basic.trim() || project.trim()
              ? { byKind: { basic: m(basic || "0", "baseline.byKind.basic", "上年基本支出"), project: m(project || "0", "baseline.byKind.project", "上年项目支出") } }
              : {}),
            ...(byClass.length ? { byFunctionClass: byClass.map((f, i) => ({ code: f.code, amount: m(f.amount, `baseline.byFunctionClass.${i}.amount`, `上年功能分类 ${f.code}`) })) } : {}),
            ...(filledSanggong
              ? {
                  sanggong: Object.fromEntries(SANGGONG_KEYS.map((k) => [k, m(sanggong[k] || "0", `baseline.sanggong.${k}`, `上年${SANGGONG_LABELS[k]}`)])) as Record<(typeof SANGGONG_KEYS)[number], string>,
                }
              : {}),
          };
          setLocalIssues(issues);
          if (issues.length) return;
          apply.save({ baseline }, () => setDirty(false));
        }}
      >
        <fieldset disabled={!editable}>
          <UnitChoice id="baseline-unit" unit={unit} setUnit={setUnit} />
          <TextField id="baseline-total" label={`上年收支总预算（${u}）`} inputMode="decimal" value={total} error={issueAt("baseline.total")} onChange={setTotal} />
          <h3 className="mt-3 text-sm font-medium">按收入来源</h3>
          <div className="grid gap-2 sm:grid-cols-3">
            {[...SOURCE_CODES, "carryover"].map((s) => (
              <TextField key={s} id={`baseline-source-${s}`} label={`上年${SOURCE_LABELS[s]}（${u}）`} inputMode="decimal" value={bySource[s] ?? ""} error={issueAt(`baseline.bySource.${s}`)} onChange={(v) => setBySource({ ...bySource, [s]: v })} />
            ))}
          </div>
          <FieldMessage id="baseline-bysource-error" message={issueAt("baseline.bySource")} />
          <h3 className="mt-3 text-sm font-medium">按支出类型</h3>
          <div className="grid gap-2 sm:grid-cols-2">
            <TextField id="baseline-basic" label={`上年基本支出（${u}）`} inputMode="decimal" value={basic} error={issueAt("baseline.byKind.basic")} onChange={setBasic} />
            <TextField id="baseline-project" label={`上年项目支出（${u}）`} inputMode="decimal" value={project} error={issueAt("baseline.byKind.project")} onChange={setProject} />
          </div>
          <FieldMessage id="baseline-bykind-error" message={issueAt("baseline.byKind")} />
          <h3 className="mt-3 text-sm font-medium">按支出功能分类（类）</h3>
          {byClass.map((f, i) => (
            <div key={i} className="mt-1 grid gap-2 sm:grid-cols-3">
              <div>
                <label htmlFor={`baseline-class-${i}`} className={labelClass}>
                  功能分类（类）{i + 1}
                </label>
                <select id={`baseline-class-${i}`} className={inputClass} value={f.code} onChange={(e) => setByClass(byClass.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}>
                  {classes.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <TextField id={`baseline-class-${i}-amount`} label={`上年金额 ${i + 1}（${u}）`} inputMode="decimal" value={f.amount} error={issueAt(`baseline.byFunctionClass.${i}.amount`) ?? issueAt(`baseline.byFunctionClass.${i}.code`)} onChange={(v) => setByClass(byClass.map((x, j) => (j === i ? { ...x, amount: v } : x)))} />
              <div className="flex items-end">
                <Button variant="danger" onClick={() => (setByClass(byClass.filter((_, j) => j !== i)), setDirty(true))}>
                  删除功能分类 {i + 1}
                </Button>
              </div>
            </div>
          ))}
          <FieldMessage id="baseline-byclass-error" message={issueAt("baseline.byFunctionClass")} />
          <Button variant="secondary" className="mt-2" onClick={() => (setByClass([...byClass, { code: classes[0]?.code ?? "", amount: "" }]), setDirty(true))}>
            增加功能分类
          </Button>
          <h3 className="mt-3 text-sm font-medium">上年“三公”经费</h3>
          <div className="grid gap-2 sm:grid-cols-4">
            {SANGGONG_KEYS.map((k) => (
              <TextField key={k} id={`baseline-sg-${k}`} label={`上年${SANGGONG_LABELS[k]}（${u}）`} inputMode="decimal" value={sanggong[k] ?? ""} error={issueAt(`baseline.sanggong.${k}`)} onChange={(v) => setSanggong({ ...sanggong, [k]: v })} />
            ))}
          </div>
          {editable && <SaveBar apply={apply} label="保存上年预算基数" dirty={dirty} />}
        </fieldset>
      </form>
    </Card>
  );
}
