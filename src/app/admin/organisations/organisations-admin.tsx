"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { CsvPanel } from "@/components/admin/csv-panel";
import { KIND_NAMES, UNIT_TYPE_NAMES, typeLabel, type OrganisationKind } from "@/lib/admin/organisations";
import type { UnitType } from "@/lib/budget/types";

const UNIT_TYPES = Object.keys(UNIT_TYPE_NAMES) as UnitType[];

export function OrganisationsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tree = useQuery(trpc.admin.organisations.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.organisations.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  };
  const [editing, setEditing] = useState<number | null>(null);
  const [moving, setMoving] = useState<number | null>(null);
  const toggle = useMutation(trpc.admin.setOrganisationActive.mutationOptions({ onSuccess: refresh }));
  const orgs = tree.data?.organisations ?? [];
  const children = (parentId: number | null) => orgs.filter((o) => o.parentId === parentId);
  const moves = tree.data?.moves ?? [];
  const byId = new Map(orgs.map((o) => [o.id, o]));

  const row = (o: (typeof orgs)[number], depth: number) => (
    <li key={o.id} className={depth > 0 ? "ml-4 border-l pl-3" : ""}>
      <div className="flex flex-wrap items-center gap-2 py-1 text-sm">
        <span className="font-mono">{o.code}</span>
        <span className={o.active ? "" : "text-gray-500 line-through"}>{o.name}</span>
        {o.shortName && <span className="text-gray-600">（简称 {o.shortName}）</span>}
        <span className="rounded bg-gray-100 px-1.5 text-xs">{typeLabel(o.kind, o.unitType)}</span>
        {!o.active && <span className="text-xs text-gray-600">已停用</span>}
        {moves
          .filter((m) => m.unitId === o.id)
          .map((m) => (
            <span key={m.fromYear} className="text-xs text-gray-600">
              {m.fromYear} 年起属 {byId.get(m.departmentId)?.name ?? m.departmentId}
            </span>
          ))}
        <Button variant="secondary" onClick={() => setEditing(editing === o.id ? null : o.id)} aria-label={`修改 ${o.name}`}>
          修改
        </Button>
        {o.kind === "unit" && (
          <Button variant="secondary" onClick={() => setMoving(moving === o.id ? null : o.id)} aria-label={`调整 ${o.name} 的主管部门`}>
            调整主管部门
          </Button>
        )}
        {o.kind !== "region" && (
          <Button variant={o.active ? "danger" : "secondary"} onClick={() => toggle.mutate({ id: o.id, active: !o.active })} aria-label={`${o.active ? "停用" : "启用"} ${o.name}`}>
            {o.active ? "停用" : "启用"}
          </Button>
        )}
      </div>
      {editing === o.id && <EditForm org={o} onDone={() => { setEditing(null); refresh(); }} />}
      {moving === o.id && (
        <MoveForm unit={o} departments={orgs.filter((d) => d.kind === "department" && d.active && d.id !== o.parentId)} onDone={() => { setMoving(null); refresh(); }} />
      )}
      {children(o.id).length > 0 && <ul>{children(o.id).map((c) => row(c, depth + 1))}</ul>}
    </li>
  );

  return (
    <>
      <Card title="机构树（区划 → 主管部门 → 预算单位）" id="tree">
        {tree.isPending && <p>正在加载…</p>}
        <ErrorText>{(tree.error && errorMessage(tree.error)) || (toggle.error && errorMessage(toggle.error))}</ErrorText>
        <p className="mb-2 text-sm text-gray-600">改名不影响已公开的预算：公开文本保留公开时的名称。调整主管部门按年度生效，审核员按年度看到所属单位。</p>
        <ul>{children(null).map((o) => row(o, 0))}</ul>
      </Card>
      <NewOrganisationForm orgs={orgs} onCreated={refresh} />
      <Card title="批量导入与导出" id="csv">
        <p className="mb-2 text-sm text-gray-600">列：编码, 名称, 简称, 类型, 上级编码。类型为 区划、主管部门、行政单位、参照公务员法管理事业单位 或 事业单位。</p>
        <CsvPanel url="/api/admin/v1/organisations.csv" label="机构" onImported={refresh} />
      </Card>
    </>
  );
}

type Org = {
  id: number;
  kind: OrganisationKind;
  parentId: number | null;
  code: string;
  name: string;
  shortName: string | null;
  unitType: UnitType | null;
  active: boolean;
};

function EditForm({ org, onDone }: { org: Org; onDone: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ name: org.name, shortName: org.shortName ?? "", unitType: org.unitType });
  const save = useMutation(trpc.admin.updateOrganisation.mutationOptions({ onSuccess: onDone }));
  const id = `edit-${org.id}`;
  return (
    <form
      className="my-2 grid gap-2 rounded border p-2 sm:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: org.id, name: form.name, shortName: form.shortName || null, ...(org.kind === "unit" ? { unitType: form.unitType } : {}) });
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>名称</label>
        <input id={`${id}-name`} className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </div>
      <div>
        <label htmlFor={`${id}-short`} className={labelClass}>简称</label>
        <input id={`${id}-short`} className={inputClass} value={form.shortName} onChange={(e) => setForm({ ...form, shortName: e.target.value })} />
      </div>
      {org.kind === "unit" && (
        <div>
          <label htmlFor={`${id}-type`} className={labelClass}>单位类型</label>
          <select id={`${id}-type`} className={inputClass} value={form.unitType ?? ""} onChange={(e) => setForm({ ...form, unitType: e.target.value as UnitType })}>
            {UNIT_TYPES.map((t) => (
              <option key={t} value={t}>{UNIT_TYPE_NAMES[t]}</option>
            ))}
          </select>
        </div>
      )}
      <div className="flex items-end">
        <Button type="submit" disabled={save.isPending}>保存</Button>
      </div>
      <div className="sm:col-span-4">
        <ErrorText>{save.error && errorMessage(save.error)}</ErrorText>
      </div>
    </form>
  );
}

function MoveForm({ unit, departments, onDone }: { unit: Org; departments: Org[]; onDone: () => void }) {
  const trpc = useTRPC();
  const years = useQuery(trpc.admin.years.queryOptions());
  const [departmentId, setDepartmentId] = useState(0);
  const [fromYear, setFromYear] = useState(0);
  const move = useMutation(trpc.admin.moveUnit.mutationOptions({ onSuccess: onDone }));
  const id = `move-${unit.id}`;
  return (
    <form
      className="my-2 grid gap-2 rounded border p-2 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        move.mutate({ unitId: unit.id, departmentId, fromYear });
      }}
    >
      <div>
        <label htmlFor={`${id}-dept`} className={labelClass}>新主管部门</label>
        <select id={`${id}-dept`} className={inputClass} value={departmentId} onChange={(e) => setDepartmentId(Number(e.target.value))}>
          <option value={0}>请选择</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>{d.code} {d.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-year`} className={labelClass}>自年度起</label>
        <select id={`${id}-year`} className={inputClass} value={fromYear} onChange={(e) => setFromYear(Number(e.target.value))}>
          <option value={0}>请选择</option>
          {years.data?.map((y) => (
            <option key={y.year} value={y.year}>{y.year}</option>
          ))}
        </select>
      </div>
      <div className="flex items-end">
        <Button type="submit" disabled={move.isPending || !departmentId || !fromYear}>确定调整</Button>
      </div>
      <div className="sm:col-span-3">
        <ErrorText>{move.error && errorMessage(move.error)}</ErrorText>
      </div>
    </form>
  );
}

function NewOrganisationForm({ orgs, onCreated }: { orgs: Org[]; onCreated: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ kind: "unit" as OrganisationKind, code: "", name: "", shortName: "", unitType: "admin" as UnitType, parentId: 0 });
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.admin.createOrganisation.mutationOptions({
      onSuccess: () => {
        setCreated(`已新建${KIND_NAMES[form.kind]} ${form.code} ${form.name}。`);
        setForm((f) => ({ ...f, code: "", name: "", shortName: "" }));
        onCreated();
      },
    }),
  );
  const parentKind = form.kind === "unit" ? "department" : form.kind === "department" ? "region" : null;
  const parents = orgs.filter((o) => o.kind === parentKind && o.active);
  return (
    <Card title="新建机构" id="new-organisation">
      <form
        className="grid gap-3 sm:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate({
            kind: form.kind,
            code: form.code,
            name: form.name,
            shortName: form.shortName || null,
            unitType: form.kind === "unit" ? form.unitType : null,
            parentId: parentKind ? form.parentId : null,
          });
        }}
      >
        <div>
          <label htmlFor="org-kind" className={labelClass}>类别</label>
          <select id="org-kind" className={inputClass} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as OrganisationKind, parentId: 0 })}>
            <option value="region">区划</option>
            <option value="department">主管部门</option>
            <option value="unit">预算单位</option>
          </select>
        </div>
        {parentKind && (
          <div>
            <label htmlFor="org-parent" className={labelClass}>上级{KIND_NAMES[parentKind]}</label>
            <select id="org-parent" className={inputClass} value={form.parentId} onChange={(e) => setForm({ ...form, parentId: Number(e.target.value) })}>
              <option value={0}>请选择</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>{p.code} {p.name}</option>
              ))}
            </select>
          </div>
        )}
        {form.kind === "unit" && (
          <div>
            <label htmlFor="org-unit-type" className={labelClass}>单位类型</label>
            <select id="org-unit-type" className={inputClass} value={form.unitType} onChange={(e) => setForm({ ...form, unitType: e.target.value as UnitType })}>
              {UNIT_TYPES.map((t) => (
                <option key={t} value={t}>{UNIT_TYPE_NAMES[t]}</option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="org-code" className={labelClass}>编码</label>
          <input id="org-code" inputMode="numeric" className={inputClass} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.trim() })} />
        </div>
        <div>
          <label htmlFor="org-name" className={labelClass}>名称</label>
          <input id="org-name" className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div>
          <label htmlFor="org-short-name" className={labelClass}>简称（情况说明中使用，可不填）</label>
          <input id="org-short-name" className={inputClass} value={form.shortName} onChange={(e) => setForm({ ...form, shortName: e.target.value })} />
        </div>
        <div className="flex items-end">
          <Button type="submit" disabled={create.isPending}>新建</Button>
        </div>
        <div className="sm:col-span-3">
          <ErrorText>{create.error && errorMessage(create.error)}</ErrorText>
          <Notice>{created}</Notice>
        </div>
      </form>
    </Card>
  );
}
