/**
 * The public search, in PostgreSQL: over public_search_entries (migration 0014), which holds the
 * unit, its projects (name and content) and the 功能分类 / 部门经济分类 codes and names of every
 * published snapshot with their amounts. Only the latest revision of each (unit, year) is searched,
 * and nothing here reads a working table: drafts never appear.
 *
 * Every word must match somewhere in the same (unit, year): "和平区 就业" finds the units whose name
 * says 和平区 and that spend on 社会保障和就业支出 (or have a project about 就业). A word of digits
 * matches codes by prefix (unit codes, 2080109, 302); any other word is matched with ILIKE '%word%',
 * which pg_trgm's GIN index serves where the extension exists; without it the same ILIKE runs
 * unindexed, so the results are the same on both engines.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../db/client";
import { normalizeYuan } from "../db/schema/common";

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGE_SIZE = 100;
/** Words beyond this are ignored; longer words are cut. */
export const SEARCH_MAX_WORDS = 5;
const MAX_WORD_LENGTH = 50;
/** Matching entries shown per result. */
const MAX_MATCHES = 6;

export type SearchKind = "unit" | "project" | "function" | "economic";

export interface SearchMatch {
  kind: SearchKind;
  code: string;
  name: string;
  detail: string;
  /** Exact 元. */
  amount: string;
}

export interface SearchHit {
  year: number;
  revision: number;
  unitCode: string;
  unitName: string;
  departmentCode: string;
  departmentName: string;
  /** The unit's 收支总预算 that year, exact 元. */
  total: string;
  /** What matched besides the unit itself, projects first, at most a few. */
  matches: SearchMatch[];
  /** How many entries matched in all. */
  matchCount: number;
}

export interface SearchPage {
  words: string[];
  page: number;
  pageSize: number;
  /** Number of (unit, year) results in all. */
  total: number;
  hits: SearchHit[];
}

/** The words of a query: split on white space (also the full-width space), at most SEARCH_MAX_WORDS. */
export function searchWords(query: string): string[] {
  const words = query
    .split(/[\s\u3000,，、;；]+/u)
    .map((w) => w.trim().slice(0, MAX_WORD_LENGTH))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, SEARCH_MAX_WORDS);
}

function likeEscape(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function matchOf(word: string): SQL {
  if (/^\d+$/.test(word)) return sql`e.code LIKE ${`${word}%`}`;
  return sql`e.haystack ILIKE ${`%${likeEscape(word)}%`}`;
}

export async function searchPublished(
  db: DbOrTx,
  query: string,
  options: { page?: number; pageSize?: number } = {},
): Promise<SearchPage> {
  const words = searchWords(query);
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? SEARCH_PAGE_SIZE), 1), SEARCH_MAX_PAGE_SIZE);
  const page = Math.max(Math.trunc(options.page ?? 1), 1);
  if (words.length === 0) return { words, page, pageSize, total: 0, hits: [] };
  const matches = words.map(matchOf);
  const rows = await queryRows<{
    snapshot_id: number;
    year: number;
    revision: number;
    unit_code: string;
    unit_name: string;
    department_code: string;
    department_name: string;
    total: string;
    full_count: number;
    match_count: number;
    matches: SearchMatch[] | string | null;
  }>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id, p.year) p.id, p.unit_id, p.year, p.revision, p.total
      FROM published_snapshots p
      ORDER BY p.unit_id, p.year, p.revision DESC
    ),
    hits AS (
      SELECT e.snapshot_id, e.kind, e.code, e.name, e.detail, e.amount,
             ${sql.join(
               matches.map((m, i) => sql`(${m}) AS ${sql.raw(`w${i}`)}`),
               sql`, `,
             )}
      FROM public_search_entries e
      JOIN latest l ON l.id = e.snapshot_id
      WHERE ${sql.join(matches, sql` OR `)}
    ),
    found AS (
      SELECT h.snapshot_id, count(*)::int AS match_count
      FROM hits h
      GROUP BY h.snapshot_id
      HAVING ${sql.join(
        matches.map((_, i) => sql`bool_or(${sql.raw(`h.w${i}`)})`),
        sql` AND `,
      )}
    ),
    paged AS (
      SELECT f.snapshot_id, f.match_count, l.year, l.revision, l.total,
             u.code AS unit_code, u.name AS unit_name, d.code AS department_code, d.name AS department_name,
             count(*) OVER ()::int AS full_count
      FROM found f
      JOIN latest l ON l.id = f.snapshot_id
      JOIN organisations u ON u.id = l.unit_id
      JOIN organisations d ON d.id = u.parent_id
      ORDER BY l.year DESC, d.code, u.sort, u.code
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT pg.snapshot_id, pg.year, pg.revision, pg.unit_code, pg.unit_name, pg.department_code, pg.department_name,
           pg.total::text AS total, pg.full_count, pg.match_count,
           (SELECT json_agg(json_build_object('kind', m.kind, 'code', m.code, 'name', m.name, 'detail', m.detail,
                                              'amount', m.amount::text)
                            ORDER BY m.ord, m.code, m.name)
            FROM (
              SELECT h.kind, h.code, h.name, h.detail, h.amount, CASE h.kind WHEN 'project' THEN 0 WHEN 'function' THEN 1 WHEN 'economic' THEN 2 ELSE 3 END AS ord
              FROM hits h
              WHERE h.snapshot_id = pg.snapshot_id AND h.kind <> 'unit'
              ORDER BY ord, h.code, h.name LIMIT ${MAX_MATCHES}
            ) m) AS matches
    FROM paged pg
    ORDER BY pg.year DESC, pg.department_code, pg.unit_code`,
  );
  // A page past the end still needs the count.
  let total = rows[0] ? Number(rows[0].full_count) : 0;
  if (rows.length === 0 && page > 1) {
    const again = await searchPublished(db, query, { page: 1, pageSize });
    total = again.total;
  }
  return {
    words,
    page,
    pageSize,
    total,
    hits: rows.map((r) => {
      const list = typeof r.matches === "string" ? (JSON.parse(r.matches) as SearchMatch[]) : (r.matches ?? []);
      return {
        year: Number(r.year),
        revision: Number(r.revision),
        unitCode: r.unit_code,
        unitName: r.unit_name,
        departmentCode: r.department_code,
        departmentName: r.department_name,
        total: r.total,
        matches: list.map((m) => ({ ...m, amount: normalizeYuan(m.amount) })),
        matchCount: Number(r.match_count),
      };
    }),
  };
}

