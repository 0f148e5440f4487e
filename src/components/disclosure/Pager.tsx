import Link from "next/link";

/** 上一页 / 第 n 页，共 m 页 / 下一页, as plain links (works without JavaScript, prints as text). */
export function Pager({ page, pages, href, label }: { page: number; pages: number; href: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="no-print mt-2 flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          上一页
        </Link>
      ) : null}
      <span aria-current="page">
        第 {page} 页，共 {pages} 页
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next">
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
