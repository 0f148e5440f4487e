import type { Metadata } from "next";
import Link from "next/link";
import { TemplateLibrary } from "./template-library";

export const metadata: Metadata = { title: "公开模板" };

/** The admin layout has already refused anyone without rights; the procedures refuse again. */
export default function TemplatesPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">公开模板</h1>
      <p className="text-sm text-gray-700">
        公开模板决定部门预算公开的表格（张数、顺序、标题、行列、金额单位与小数位）、空白单元格的写法、情况说明的章节与金额写法。
        各区划每个年度选用的模板在
        <Link href="/admin/settings" className="text-brand hover:underline">
          公开设置
        </Link>
        中选择；已公开的预算保留公开时所用的模板。
      </p>
      <TemplateLibrary />
    </div>
  );
}
