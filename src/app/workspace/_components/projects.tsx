"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { useRefreshBudget, type BudgetRef } from "./use-budget";

interface Project {
  id: number;
  name: string;
  content: string;
  debtFinanced: boolean;
}

export function Projects({
  budgetRef,
  projects,
  lineItems,
  editable,
}: {
  budgetRef: BudgetRef;
  projects: Project[];
  lineItems: { projectId: number | null }[];
  editable: boolean;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const remove = useMutation(trpc.editing.deleteProject.mutationOptions({ onSuccess: () => (setConfirming(null), refresh()) }));
  const [editing, setEditing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <Card title={`项目（${projects.length} 个）`} id="projects">
      {projects.length === 0 && <p className="text-sm text-gray-600">暂无项目。</p>}
      <ul className="space-y-2 text-sm">
        {projects.map((p) =>
          editing === p.id ? (
            <li key={p.id} className="rounded border p-2">
              <ProjectForm title="修改项目" budgetRef={budgetRef} initial={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 rounded border p-2">
              <div>
                <p className="font-medium">
                  {p.name}
                  {p.debtFinanced && <span className="ml-2 text-xs text-gray-600">（债务资金）</span>}
                </p>
                {p.content && <p className="text-gray-600">{p.content}</p>}
              </div>
              {editable && (
                <div className="flex gap-2">
                  <Button variant="secondary" onClick={() => setEditing(p.id)}>
                    编辑
                  </Button>
                  <Button variant="danger" disabled={remove.isPending} onClick={() => setConfirming(p.id)}>
                    删除
                  </Button>
                </div>
              )}
              {confirming === p.id && (
                <div role="alertdialog" aria-label={`确认删除项目“${p.name}”`} className="w-full rounded border border-red-200 bg-red-50 p-2">
                  <p>
                    删除项目“{p.name}”将同时删除它的 {lineItems.filter((l) => l.projectId === p.id).length} 条支出明细、政府采购条目、项目绩效目标和关联到它的整体绩效任务。
                  </p>
                  <div className="mt-2 flex gap-2">
                    <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ ...budgetRef, projectId: p.id })}>
                      确认删除项目
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      取消
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ),
        )}
      </ul>
      <ErrorText>{remove.error && errorMessage(remove.error)}</ErrorText>
      {editable && (
        <div className="mt-4 border-t pt-4">
          <ProjectForm title="新增项目" budgetRef={budgetRef} initial={null} />
        </div>
      )}
    </Card>
  );
}

function ProjectForm({ title, budgetRef, initial, onDone }: { title: string; budgetRef: BudgetRef; initial: Project | null; onDone?: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshBudget();
  const [name, setName] = useState(initial?.name ?? "");
  const [content, setContent] = useState(initial?.content ?? "");
  const [debtFinanced, setDebtFinanced] = useState(initial?.debtFinanced ?? false);
  const onSuccess = async () => {
    await refresh();
    if (!initial) {
      setName("");
      setContent("");
      setDebtFinanced(false);
    }
    onDone?.();
  };
  const add = useMutation(trpc.editing.addProject.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.editing.updateProject.mutationOptions({ onSuccess }));
  const prefix = initial ? `project-${initial.id}` : "project-new";
  const error = add.error ?? update.error;
  return (
    <form
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        const project = { name, content, debtFinanced };
        if (initial) update.mutate({ ...budgetRef, projectId: initial.id, project });
        else add.mutate({ ...budgetRef, project });
      }}
    >
      <h3 className="mb-2 font-medium">{title}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${prefix}-name`} className={labelClass}>
            项目名称
          </label>
          <input id={`${prefix}-name`} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${prefix}-content`} className={labelClass}>
            项目内容
          </label>
          <input id={`${prefix}-content`} className={inputClass} value={content} onChange={(e) => setContent(e.target.value)} />
        </div>
      </div>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={debtFinanced} onChange={(e) => setDebtFinanced(e.target.checked)} />
        债务资金安排
      </label>
      <div className="mt-2 flex gap-2">
        <Button type="submit" disabled={add.isPending || update.isPending}>
          保存项目
        </Button>
        {onDone && (
          <Button variant="secondary" onClick={onDone}>
            取消
          </Button>
        )}
      </div>
      <ErrorText>{error && errorMessage(error)}</ErrorText>
    </form>
  );
}
