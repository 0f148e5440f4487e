"use client";

import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      // The change ended this session too: sign in again with the new password.
      onSuccess: () => signOut({ callbackUrl: "/login" }),
    }),
  );
  return (
    <form
      className="space-y-3 rounded bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (next !== repeat) return setLocalError("两次输入的新密码不一致");
        setLocalError(null);
        change.mutate({ currentPassword: current, newPassword: next });
      }}
    >
      <div>
        <label htmlFor="current-password" className={labelClass}>
          当前密码
        </label>
        <input id="current-password" type="password" autoComplete="current-password" className={inputClass} value={current} onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div>
        <label htmlFor="new-password" className={labelClass}>
          新密码（至少 8 位，含字母和数字）
        </label>
        <input id="new-password" type="password" autoComplete="new-password" className={inputClass} value={next} onChange={(e) => setNext(e.target.value)} />
      </div>
      <div>
        <label htmlFor="repeat-password" className={labelClass}>
          再次输入新密码
        </label>
        <input id="repeat-password" type="password" autoComplete="new-password" className={inputClass} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </div>
      <Button type="submit" disabled={change.isPending}>
        修改密码
      </Button>
      <ErrorText>{localError ?? (change.error && errorMessage(change.error))}</ErrorText>
    </form>
  );
}
