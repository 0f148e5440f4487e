import "server-only";
import { cache, createElement } from "react";
import { unstable_cache } from "next/cache";
import { getDb } from "../db";
import { PUBLIC_TAG, budgetTag } from "../cache-tags";
import { publicDataGeneration } from "../http/public-generation";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { renderToHtml } from "@/components/disclosure/static-html";
import { directData, type DepartmentRef, type PublicData, type UnitSnapshotRef } from "./data";
import { openPaths } from "@/lib/paths";
import * as views from "./views";

/**
 * Next keeps unstable_cache entries on disk across restarts, but remembers tag revalidations
 * only in memory. A budget published while no request touched its entry, followed by a restart,
 * would then be served stale. Keying every entry by the process's data generation makes a restart
 * start afresh; within the process, publishing revalidates PUBLIC_TAG and the budget's tag, and a
 * publication in another process moves the generation on (src/server/http/publication-listener.ts).
 */
function cached<T>(key: string[], tags: string[], load: (data: PublicData) => Promise<T>): Promise<T> {
  return unstable_cache(async () => load(directData(await getDb())), ["public-v1", publicDataGeneration(), ...key], { tags })();
}

/** The public data source of the running app: the database behind Next's data cache. */
export const cachedData: PublicData = {
  published: (filter = {}) =>
    cached(
      ["published", JSON.stringify(filter)],
      filter.unitCode && filter.year !== undefined ? [PUBLIC_TAG, budgetTag(filter.year, filter.unitCode)] : [PUBLIC_TAG],
      (d) => d.published(filter),
    ),
  revisions: (year, unitCode) =>
    cached(["revisions", String(year), unitCode], [PUBLIC_TAG, budgetTag(year, unitCode)], (d) => d.revisions(year, unitCode)),
  unitDisclosure: (ref) =>
    cached(["unit", String(ref.snapshotId), String(ref.year), ref.unitCode], [PUBLIC_TAG, budgetTag(ref.year, ref.unitCode)], (d) =>
      d.unitDisclosure(ref),
    ),
  departmentDisclosure: (ref) =>
    cached(
      ["department", String(ref.year), ref.departmentCode, ref.departmentName, ref.members.map((m) => m.snapshotId).join(",")],
      [PUBLIC_TAG, ...ref.members.map((m) => budgetTag(m.year, m.unitCode))],
      (d) => d.departmentDisclosure(ref),
    ),
  series: (scope) =>
    cached(["series", JSON.stringify(scope)], [PUBLIC_TAG], (d) => d.series(scope)),
  // Straight to the database: a query is not a cache key.
  search: async (query, page) => directData(await getDb()).search(query, page),
};

/** For the pages: disclosures in outline (no table rows); the document itself comes as cached HTML. */
const outlineData: PublicData = {
  ...cachedData,
  unitDisclosure: (ref) =>
    cached(["unit-outline", String(ref.snapshotId), String(ref.year), ref.unitCode], [PUBLIC_TAG, budgetTag(ref.year, ref.unitCode)], (d) =>
      d.unitDisclosure(ref).then((x) => (x ? views.outline(x) : null)),
    ),
  departmentDisclosure: (ref) =>
    cached(
      ["department-outline", String(ref.year), ref.departmentCode, ref.departmentName, ref.members.map((m) => m.snapshotId).join(",")],
      [PUBLIC_TAG, ...ref.members.map((m) => budgetTag(m.year, m.unitCode))],
      (d) => d.departmentDisclosure(ref).then((x) => (x ? views.outline(x) : null)),
    ),
};

// Per-request memoisation, so generateMetadata and the page share one lookup.
export const getHomeView = cache(() => views.homeView(cachedData));
export const getYearView = cache((year: number) => views.yearView(cachedData, year));
export const getSearchView = cache((q: string, page: number) => views.searchView(cachedData, q, page));
export const getUnitView = cache((year: number, unitCode: string, revision?: number) =>
  views.unitView(outlineData, year, unitCode, revision),
);
export const getDepartmentView = cache((year: number, departmentCode: string) =>
  views.departmentView(outlineData, year, departmentCode),
);

/**
 * The disclosure document (第一部分 … 第四部分, the 17 tables) of one published snapshot as HTML,
 * rendered once and cached: the pages send it as is instead of rendering thousands of cells
 * through React on every request. `revisionQuery` ("" or "?revision=N") goes into its CSV links.
 */
export function getUnitDocumentHtml(ref: UnitSnapshotRef, revisionQuery: string): Promise<string | null> {
  return cached(
    ["unit-html", String(ref.snapshotId), String(ref.year), ref.unitCode, revisionQuery],
    [PUBLIC_TAG, budgetTag(ref.year, ref.unitCode)],
    async (data) => {
      const d = await data.unitDisclosure(ref);
      if (!d) return null;
      const csvHref = (n: number) => `${openPaths.unitCsv(ref.year, ref.unitCode, n)}${revisionQuery}`;
      return renderToHtml(createElement(DisclosureDocument, { d, options: { csvHref } }));
    },
  );
}

export function getDepartmentDocumentHtml(ref: DepartmentRef): Promise<string | null> {
  return cached(
    ["department-html", String(ref.year), ref.departmentCode, ref.departmentName, ref.members.map((m) => m.snapshotId).join(",")],
    [PUBLIC_TAG, ...ref.members.map((m) => budgetTag(m.year, m.unitCode))],
    async (data) => {
      const d = await data.departmentDisclosure(ref);
      if (!d) return null;
      const csvHref = (n: number) => openPaths.departmentCsv(ref.year, ref.departmentCode, n);
      return renderToHtml(createElement(DisclosureDocument, { d, options: { csvHref } }));
    },
  );
}
