import Link from "next/link";
import { publicPaths } from "@/lib/paths";
import { dateText } from "./format";

export interface RevisionInfo {
  revision: number;
  publishedAt: string;
  correctionNote: string;
}

/**
 * Shown when a correction has been published: every revision with its date and 更正说明, links to
 * the others, and on an earlier revision a link back to the current one.
 */
export function RevisionNotice({
  year,
  unitCode,
  revisions,
  shown,
}: {
  year: number;
  unitCode: string;
  /** Newest first. */
  revisions: RevisionInfo[];
  shown: number;
}) {
  const latest = revisions[0];
  if (!latest || revisions.length < 2) return null;
  const isLatest = shown === latest.revision;
  const href = (r: number) => (r === latest.revision ? publicPaths.unit(year, unitCode) : publicPaths.unitRevision(year, unitCode, r));
  return (
    <aside aria-labelledby="revisions-title" className="notice">
      <h2 id="revisions-title" className="notice-title">
        {isLatest ? `本预算已更正，当前为第 ${latest.revision} 版` : `您正在查看已被更正的第 ${shown} 版`}
      </h2>
      {!isLatest ? (
        <p className="no-print">
          <Link href={href(latest.revision)}>查看最新版本（第 {latest.revision} 版）</Link>
        </p>
      ) : null}
      <ol className="revision-list">
        {revisions.map((r) => (
          <li key={r.revision}>
            {r.revision === shown ? <strong>第 {r.revision} 版（本页）</strong> : <Link href={href(r.revision)}>第 {r.revision} 版</Link>}
            ，{dateText(r.publishedAt)}发布
            {r.correctionNote ? <span className="correction-note">。更正说明：{r.correctionNote}</span> : null}
          </li>
        ))}
      </ol>
    </aside>
  );
}
