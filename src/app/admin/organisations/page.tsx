import type { Metadata } from "next";
import { OrganisationsAdmin } from "./organisations-admin";

export const metadata: Metadata = { title: "机构管理" };

export default function OrganisationsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">机构管理</h1>
      <OrganisationsAdmin />
    </div>
  );
}
