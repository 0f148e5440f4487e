/**
 * Navigation pieces shared by the public pages: breadcrumbs, the year switcher, headline
 * figures. Server components, plain links: they work without JavaScript.
 */
import Link from "next/link";

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="当前位置" className="breadcrumbs no-print">
      <ol>
        {items.map((item, i) => (
          <li key={i}>
            {item.href ? <Link href={item.href}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function YearSwitcher({
  label,
  years,
  current,
  href,
}: {
  label: string;
  years: number[];
  current: number;
  href: (year: number) => string;
}) {
  if (years.length === 0) return null;
  return (
    <nav aria-label={label} className="year-switcher no-print">
      <span className="year-switcher-label">{label}：</span>
      <ul>
        {years.map((y) => (
          <li key={y}>
            {y === current ? (
              <span aria-current="page" className="year-current">
                {y} 年
              </span>
            ) : (
              <Link href={href(y)}>{y} 年</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface Figure {
  label: string;
  value: string;
  unit?: string;
  note?: string;
}

export function Figures({ items, label }: { items: Figure[]; label: string }) {
  return (
    <dl className="figures" aria-label={label}>
      {items.map((f) => (
        <div key={f.label} className="figure">
          <dt>{f.label}</dt>
          <dd>
            <span className="figure-value">{f.value}</span>
            {f.unit ? <span className="figure-unit"> {f.unit}</span> : null}
            {f.note ? <span className="figure-note">{f.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className="search-form no-print">
      <label htmlFor="search-q" className="search-label">
        按单位名称或编码搜索，也可搜项目、分类（多个词用空格分隔）
      </label>
      <div className="search-row">
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder="例如：和平区 就业、网络租赁费、2080109"
          maxLength={100}
          className="search-input"
        />
        <button type="submit" className="button">
          搜索
        </button>
      </div>
    </form>
  );
}
