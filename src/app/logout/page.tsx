import type { Metadata } from "next";
import { LogoutButton } from "./logout-button";

export const metadata: Metadata = { title: "退出登录" };

export default function LogoutPage() {
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-4 text-2xl font-bold">退出登录</h1>
      <div className="rounded bg-white p-4 shadow-sm">
        <p className="mb-4 text-sm">退出后需要重新输入用户名和密码才能使用工作台。</p>
        <LogoutButton />
      </div>
    </div>
  );
}
