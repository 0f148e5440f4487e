import type { Metadata } from "next";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "用户管理" };

/** The admin layout has already refused anyone without user.manage; the procedures refuse again. */
export default function UsersPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">用户管理</h1>
      <UsersAdmin />
    </div>
  );
}
