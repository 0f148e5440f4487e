"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLE_LABELS, ROLE_ORGANISATION_KIND, ROLES, type Role } from "@/lib/auth/permissions";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

export function UsersAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const toggle = useMutation(trpc.users.setDisabled.mutationOptions({ onSuccess: refresh }));
  const [resetting, setResetting] = useState<number | null>(null);

  return (
    <>
      <Card title="用户" id="users">
        {users.isPending && <p>正在加载…</p>}
        <ErrorText>{(users.error && errorMessage(users.error)) || (toggle.error && errorMessage(toggle.error))}</ErrorText>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">用户名</th>
                <th scope="col" className="py-2 pr-2">姓名</th>
                <th scope="col" className="py-2 pr-2">角色</th>
                <th scope="col" className="py-2 pr-2">机构</th>
                <th scope="col" className="py-2 pr-2">状态</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data?.map((u) => (
                <tr key={u.id} className="border-b last:border-0 align-top">
                  <td className="py-2 pr-2 font-mono">{u.username}</td>
                  <td className="py-2 pr-2">{u.displayName}</td>
                  <td className="py-2 pr-2">{ROLE_LABELS[u.role]}</td>
                  <td className="py-2 pr-2">{u.organisationName}</td>
                  <td className="py-2 pr-2">{u.disabled ? "已停用" : "正常"}</td>
                  <td className="py-2">
                    <div className="flex flex-wrap gap-2">
                      <Button variant={u.disabled ? "secondary" : "danger"} onClick={() => toggle.mutate({ userId: u.id, disabled: !u.disabled })}>
                        {u.disabled ? "启用" : "停用"}
                      </Button>
                      <Button variant="secondary" onClick={() => setResetting(resetting === u.id ? null : u.id)}>
                        重置密码
                      </Button>
                    </div>
                    {resetting === u.id && <ResetPassword userId={u.id} onDone={() => setResetting(null)} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <NewUserForm onCreated={refresh} />
    </>
  );
}

function ResetPassword({ userId, onDone }: { userId: number; onDone: () => void }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: onDone }));
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ userId, password });
      }}
    >
      <div>
        <label htmlFor={`reset-${userId}`} className={labelClass}>
          新密码
        </label>
        <input id={`reset-${userId}`} type="password" autoComplete="new-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <Button type="submit" disabled={reset.isPending}>
        确定
      </Button>
      <ErrorText>{reset.error && errorMessage(reset.error)}</ErrorText>
    </form>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const organisations = useQuery(trpc.users.organisations.queryOptions());
  const [form, setForm] = useState({ username: "", displayName: "", role: "preparer" as Role, organisationId: 0, password: "" });
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        setCreated(`已创建用户 ${form.username}。`);
        setForm((f) => ({ ...f, username: "", displayName: "", password: "" }));
        onCreated();
      },
    }),
  );
  const kind = ROLE_ORGANISATION_KIND[form.role];
  const choices = organisations.data?.filter((o) => o.kind === kind) ?? [];
  return (
    <Card title="新建用户" id="new-user">
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate(form);
        }}
      >
        <div>
          <label htmlFor="new-username" className={labelClass}>
            用户名
          </label>
          <input id="new-username" className={inputClass} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </div>
        <div>
          <label htmlFor="new-display-name" className={labelClass}>
            姓名
          </label>
          <input id="new-display-name" className={inputClass} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </div>
        <div>
          <label htmlFor="new-role" className={labelClass}>
            角色
          </label>
          <select id="new-role" className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role, organisationId: 0 })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="new-organisation" className={labelClass}>
            机构
          </label>
          <select id="new-organisation" className={inputClass} value={form.organisationId} onChange={(e) => setForm({ ...form, organisationId: Number(e.target.value) })}>
            <option value={0}>请选择</option>
            {choices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="new-user-password" className={labelClass}>
            初始密码
          </label>
          <input id="new-user-password" type="password" autoComplete="new-password" className={inputClass} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </div>
        <div className="flex items-end">
          <Button type="submit" disabled={create.isPending}>
            创建用户
          </Button>
        </div>
        <div className="sm:col-span-2">
          <ErrorText>{create.error && errorMessage(create.error)}</ErrorText>
          <Notice>{created}</Notice>
        </div>
      </form>
    </Card>
  );
}
