import Link from "next/link";

export default function BudgetNotFound() {
  return (
    <div className="public-page">
      <h1 className="page-title">未找到已公开的预算</h1>
      <p className="mt-2">该年度、部门或单位没有已公开的部门预算，或地址有误。预算须经主管部门批复并发布后才会在本平台公开。</p>
      <p className="mt-4">
        <Link href="/">返回首页</Link> · <Link href="/search">搜索单位</Link>
      </p>
    </div>
  );
}
