"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/workspace/ui";

export function LogoutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="w-full py-2"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {pending ? "正在退出…" : "退出登录"}
    </Button>
  );
}
