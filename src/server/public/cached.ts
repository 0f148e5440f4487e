import "server-only";
import { cache, createElement } from "react";
import { getDb } from "../db";
import { PUBLIC_TAG, budgetTag } from "../cache-tags";
import { BoundedCache, megabytesFromEnv } from "../http/bounded-cache";
import { publicDataGeneration } from "../http/public-generation";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { renderToHtml } from "@/components/disclosure/static-html";
import { directData, type DepartmentRef, type PublicData, type UnitSnapshotRef } from "./data";
import { openPaths } from "@/lib/paths";
import type { ResponseBody } from "./open-api";
import * as views from "./views";

/**
 * The public data of this process, in memory and bounded in bytes (DATA_CACHE_MB, default 48):
 * lists, disclosures in outline, the documents' HTML. Not Next's data cache, whose files under
 * .next/cache were keyed per start and never removed. Publishing clears it together with the page
 * cache (`clearPublicPageCache`), so nothing here outlives the publication that changed it, and a
 * restart starts empty with nothing left on disk.
 */
const store: BoundedCache<unknown> = (() => {
  const key = Symbol.for("dept-budget.public-data-cache");
  const g = globalThis as Record<symbol, unknown>;
  if (!g[key]) g[key] = new BoundedCache<unknown>({ maxBytes: megabytesFromEnv("DATA_CACHE_MB", 48) });
  return g[key] as BoundedCache<unknown>;
})();

// Tags are kept in the signature for the callers' sake: a publication clears everything public.
function cached<T>(key: string[], _tags: string[], load: (data: PublicData) => Promise<T>): Promise<T> {
  // A publication seen by another process moves the generation on (h13): later reads miss.
  return store.getOrLoad(JSON.stringify([publicDataGeneration(), ...key]), async () => load(directData(await getDb()))) as Promise<T>;
}

/** Built downloads (JSON, CSV, xlsx) by ETag, bounded in bytes (DOWNLOAD_CACHE_MB, default 64). */
const responses: BoundedCache<ResponseBody> = (() => {
  const key = Symbol.for("dept-budget.public-download-cache");
  const g = globalThis as Record<symbol, unknown>;
  if (!g[key])
    g[key] = new BoundedCache<ResponseBody>({
      maxBytes: megabytesFromEnv("DOWNLOAD_CACHE_MB", 64),
      sizeOf: (v) => {
        const b = (v as ResponseBody).body;
        return (typeof b === "string" ? 2 * b.length : b.byteLength) + 1024;
      },
    });
  return g[key] as BoundedCache<ResponseBody>;
})();

/** The public data source of the running app: the database behind the in-memory caches. */
export const cachedData: PublicData = {
  responses,
  published: (filter = {}) =>
    cached(
      ["published", JSON.stringify(filter)],
      filter.unitCode && filter.year !== undefined ? [PUBLIC_TAG, budgetTag(filter.year, filter.unitCode)] : [PUBLIC_TAG],
      (d) => d.published(filter),
    ),
  publishedPage: (filter, page) => cached(["published-page", JSON.stringify(filter), JSON.stringify(page)], [PUBLIC_TAG], (d) => d.publishedPage(filter, page)),
  departmentTotals: () => cached(["department-totals"], [PUBLIC_TAG], (d) => d.departmentTotals()),
  latestPublications: (limit) => cached(["latest-publications", String(limit)], [PUBLIC_TAG], (d) => d.latestPublications(limit)),
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
