/**
 * Published snapshots in their lean form (migrations 0018, 0019). A snapshot row stores the
 * engine input it was approved with, minus what many snapshots share: the year's catalogues and
 * glossary live once in `snapshot_parts` (addressed by the SHA-256 of their jsonb text), and the
 * prior year's figures it states are the prior year's snapshot, named by `prior_snapshot_id`.
 * Every part is immutable like the snapshot itself, so the expanded input is exactly what was
 * approved. A row may still embed a part (null column): then the embedded copy is used.
 */
import { sql } from "drizzle-orm";
import type { BudgetInput, Catalogs, GlossaryEntry } from "@/lib/budget/types";
import { queryRows, type DbOrTx } from "../db/client";

type Part = Catalogs | GlossaryEntry[];

/** Parts never change once stored: a small in-process map keyed by hash is always right. */
const PART_CACHE_MAX = 64;
const partCache = new Map<string, Part>();

function rememberPart(hash: string, body: Part) {
  partCache.set(hash, body);
  while (partCache.size > PART_CACHE_MAX) {
    const oldest = partCache.keys().next().value;
    if (oldest === undefined) break;
    partCache.delete(oldest);
  }
}

function parse<T>(v: T | string): T {
  // node-postgres and PGlite parse jsonb; a driver that hands back text is tolerated too.
  return typeof v === "string" ? (JSON.parse(v) as T) : v;
}

/** Store a part once (or find it stored) and return its hash, computed by the database. */
export async function storeSnapshotPart(tx: DbOrTx, kind: "catalogs" | "glossary", body: Part): Promise<string> {
  const [row] = await queryRows<{ hash: string }>(
    tx,
    sql`
    WITH h AS (
      SELECT encode(sha256(convert_to(b::text, 'UTF8')), 'hex') AS hash, b AS body
      FROM (SELECT ${JSON.stringify(body)}::jsonb AS b) v
    ), ins AS (
      INSERT INTO snapshot_parts (hash, kind, body) SELECT hash, ${kind}, body FROM h
      ON CONFLICT (hash) DO NOTHING
    )
    SELECT hash FROM h`,
  );
  if (!row) throw new Error("snapshot part not stored");
  return row.hash;
}

async function loadParts(db: DbOrTx, hashes: string[]): Promise<Map<string, Part>> {
  const out = new Map<string, Part>();
  const missing: string[] = [];
  for (const h of new Set(hashes)) {
    const hit = partCache.get(h);
    if (hit) out.set(h, hit);
    else missing.push(h);
  }
  if (missing.length > 0) {
    const rows = await queryRows<{ hash: string; body: Part | string }>(
      db,
      sql`SELECT hash, body FROM snapshot_parts WHERE hash = ANY(${`{${missing.join(",")}}`}::text[])`,
    );
    for (const r of rows) {
      const body = parse(r.body);
      out.set(r.hash, body);
      rememberPart(r.hash, body);
    }
  }
  return out;
}

interface SnapshotRow {
  id: number;
  input: Record<string, unknown> | string;
  prior_snapshot_id: number | null;
  catalogs_hash: string | null;
  glossary_hash: string | null;
}

async function loadRows(db: DbOrTx, ids: number[]): Promise<SnapshotRow[]> {
  if (ids.length === 0) return [];
  const list = ids.map((id) => {
    if (!Number.isSafeInteger(Number(id))) throw new Error(`invalid id ${String(id)}`);
    return Number(id);
  });
  return queryRows<SnapshotRow>(
    db,
    sql`SELECT id, input, prior_snapshot_id, catalogs_hash, glossary_hash
        FROM published_snapshots WHERE id = ANY(${`{${list.join(",")}}`}::int[])`,
  );
}

function expand(row: SnapshotRow, parts: Map<string, Part>, prior: BudgetInput | null | undefined): BudgetInput {
  const input = parse(row.input) as unknown as BudgetInput;
  const catalogs = row.catalogs_hash ? (parts.get(row.catalogs_hash) as Catalogs | undefined) : input.catalogs;
  const glossary = row.glossary_hash ? (parts.get(row.glossary_hash) as GlossaryEntry[] | undefined) : input.glossary;
  if (!catalogs || !glossary) throw new Error(`snapshot ${row.id}: its catalogues or glossary are neither named nor embedded`);
  return {
    ...input,
    catalogs,
    glossary,
    // Referenced prior year, else the embedded one (older snapshots), else none.
    priorBudget: prior !== undefined ? prior : (input.priorBudget ?? null),
  };
}

export interface LoadSnapshotOptions {
  /** Attach the prior year's input the snapshot states (default true); false: priorBudget null. */
  withPrior?: boolean;
}

/** The engine inputs of snapshots by id, expanded; a missing id is absent from the map. */
export async function loadSnapshotInputs(
  db: DbOrTx,
  ids: number[],
  options: LoadSnapshotOptions = {},
): Promise<Map<number, BudgetInput>> {
  const rows = await loadRows(db, ids);
  const withPrior = options.withPrior !== false;
  const priorIds = withPrior ? [...new Set(rows.flatMap((r) => (r.prior_snapshot_id === null ? [] : [Number(r.prior_snapshot_id)])))] : [];
  const priorRows = await loadRows(db, priorIds);
  const hashes = [...rows, ...priorRows].flatMap((r) => [r.catalogs_hash, r.glossary_hash].filter((h): h is string => h !== null));
  const parts = await loadParts(db, hashes);
  const priors = new Map(priorRows.map((r) => [Number(r.id), expand(r, parts, null)]));
  const out = new Map<number, BudgetInput>();
  for (const r of rows) {
    const prior = !withPrior ? null : r.prior_snapshot_id === null ? undefined : (priors.get(Number(r.prior_snapshot_id)) ?? null);
    out.set(Number(r.id), expand(r, parts, prior));
  }
  return out;
}

/** The latest published revision of (unit, year), or null. */
export async function latestSnapshotIds(db: DbOrTx, pairs: { unitId: number; year: number }[]): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const rows = await queryRows<{ id: number; unit_id: number; year: number }>(
    db,
    sql`
    SELECT DISTINCT ON (unit_id, year) id, unit_id, year
    FROM published_snapshots
    WHERE (unit_id, year) IN (${sql.join(pairs.map((p) => sql`(${p.unitId}::int, ${p.year}::int)`), sql`, `)})
    ORDER BY unit_id, year, revision DESC`,
  );
  return new Map(rows.map((r) => [`${r.unit_id}:${r.year}`, Number(r.id)]));
}

export interface NewSnapshot {
  budgetId: number;
  unitId: number;
  year: number;
  revision: number;
  publishedAt: Date;
  publishedBy: number | null;
  correctionNote: string;
  total: string;
  /** The approved input with the prior year it states (loadBudgetInput with the prior year). */
  input: BudgetInput;
}

/**
 * Insert a lean snapshot: the catalogues and glossary as shared parts, the prior year as a
 * reference to its latest published snapshot, line sums for the lists. Returns the new id.
 */
export async function insertSnapshot(tx: DbOrTx, s: NewSnapshot): Promise<number> {
  const catalogsHash = await storeSnapshotPart(tx, "catalogs", s.input.catalogs);
  const glossaryHash = await storeSnapshotPart(tx, "glossary", s.input.glossary);
  const latest = (await latestSnapshotIds(tx, [{ unitId: s.unitId, year: s.year - 1 }])).get(`${s.unitId}:${s.year - 1}`) ?? null;
  // The prior year is referenced only when what the budget states is exactly that snapshot (codes
  // recoded by a crosswalk, for one, are not): otherwise the stated prior year stays embedded.
  let prior: number | null = null;
  const lean: Partial<BudgetInput> = { ...s.input };
  delete lean.catalogs;
  delete lean.glossary;
  if (s.input.priorBudget === null) delete lean.priorBudget;
  else if (latest !== null) {
    const raw = (await loadSnapshotInputs(tx, [latest], { withPrior: false })).get(latest);
    if (raw && canonical(raw) === canonical(s.input.priorBudget)) {
      prior = latest;
      delete lean.priorBudget;
    }
  }
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`
    INSERT INTO published_snapshots
      (budget_id, unit_id, year, revision, published_at, published_by, correction_note, total,
       basic_total, project_total, baseline_total, input, catalogs_hash, glossary_hash, prior_snapshot_id)
    SELECT ${s.budgetId}, ${s.unitId}, ${s.year}, ${s.revision}, ${s.publishedAt.toISOString()}::timestamptz, ${s.publishedBy},
           ${s.correctionNote}, ${s.total}::numeric,
           coalesce((SELECT sum((li->>'amount')::numeric) FROM jsonb_array_elements(v.input->'lineItems') li WHERE li->>'kind' <> 'project'), 0),
           coalesce((SELECT sum((li->>'amount')::numeric) FROM jsonb_array_elements(v.input->'lineItems') li WHERE li->>'kind' = 'project'), 0),
           (v.input->'baseline'->>'total')::numeric,
           v.input, ${catalogsHash}, ${glossaryHash}, ${prior}::int
    FROM (SELECT ${JSON.stringify(lean)}::jsonb AS input) v
    RETURNING id`,
  );
  if (!row) throw new Error("snapshot not stored");
  return Number(row.id);
}

/** JSON with object keys sorted: equal texts for equal values whatever the key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
