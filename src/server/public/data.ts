/**
 * The public side's data source: published snapshots in, lists and computed disclosures out.
 * `directData(db)` reads the database on every call (tests, scripts); `cachedData` in
 * ./cached.ts wraps the same calls in Next's data cache for the pages and the open-data routes.
 * Units come from published_snapshots (src/server/queries/public.ts); a department's 部门汇总
 * comes from the database's consolidation of the same published budgets, whose content the
 * database keeps frozen (src/server/queries/consolidation.ts).
 */
import { computeDisclosure } from "@/lib/budget";
import type { Disclosure } from "@/lib/budget/model";
import type { DbOrTx } from "../db/client";
import { loadConsolidatedInput } from "../queries/consolidation";
import {
  findDepartmentId,
  getSnapshotInput,
  listPublished,
  listRevisions,
  publishedSeries,
  type PublishedFilter,
  type PublishedRow,
  type RevisionRow,
  type SeriesPoint,
} from "../queries/public";
import { searchPublished, type SearchPage } from "../queries/public-search";

export type { PublishedFilter, PublishedRow, RevisionRow, SearchPage, SeriesPoint };

export interface UnitSnapshotRef {
  snapshotId: number;
  year: number;
  unitCode: string;
}

export interface DepartmentRef {
  year: number;
  departmentCode: string;
  departmentName: string;
  /**
   * The latest published snapshot of each member unit for the year, in display order: what the
   * consolidation adds up, and so the key of its cached result.
   */
  members: UnitSnapshotRef[];
}

export type SeriesScope = { unitCode: string } | { departmentCode: string };

export interface PublicData {
  published(filter?: PublishedFilter): Promise<PublishedRow[]>;
  revisions(year: number, unitCode: string): Promise<RevisionRow[]>;
  unitDisclosure(ref: UnitSnapshotRef): Promise<Disclosure | null>;
  departmentDisclosure(ref: DepartmentRef): Promise<Disclosure | null>;
  series(scope: SeriesScope): Promise<SeriesPoint[]>;
  /** The public search (src/server/queries/public-search.ts); never cached: user input is no cache key. */
  search(query: string, page: number): Promise<SearchPage>;
}

export function directData(db: DbOrTx): PublicData {
  return {
    published: (filter) => listPublished(db, filter),
    revisions: (year, unitCode) => listRevisions(db, year, unitCode),
    async unitDisclosure(ref) {
      const input = await getSnapshotInput(db, ref.snapshotId);
      if (!input || input.year !== ref.year || input.unit.code !== ref.unitCode) return null;
      return computeDisclosure(input);
    },
    async departmentDisclosure(ref) {
      // 部门汇总 by the database (src/server/queries/consolidation.ts): it sums the line items of
      // the same latest published revisions with GROUP BY and consolidates the prior year alike.
      const organisationId = await findDepartmentId(db, ref.departmentCode);
      if (organisationId === null) return null;
      const input = await loadConsolidatedInput(db, { organisationId, year: ref.year });
      return input ? computeDisclosure(input) : null;
    },
    series: (scope) => publishedSeries(db, scope),
    search: (query, page) => searchPublished(db, query, { page }),
  };
}
