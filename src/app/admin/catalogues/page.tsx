import type { Metadata } from "next";
import { CataloguesAdmin } from "./catalogues-admin";

export const metadata: Metadata = { title: "科目管理" };

export default function CataloguesPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">科目管理</h1>
      <CataloguesAdmin />
    </div>
  );
}
