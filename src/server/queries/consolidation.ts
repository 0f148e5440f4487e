import { sql } from "drizzle-orm";
import { consolidate } from "@/lib/budget";
import type { BudgetInput, UnitInfo } from "@/lib/budget/types";
import { queryRows, type DbOrTx } from "../db/client";
import { loadBudgetInputs } from "./budget-input";

export interface ConsolidationScope {
  /** A department (its units) or a region (the units of all its departments). */
  organisationId: number;
  year: number;
}

interface OrgRow {
  id: number;
  kind: "region" | "department";
  code: string;
  name: string;
  region_code: string;
  region_name: string;
}

/**
 * The latest published revision of every unit under a department or region for one year. Public
 * consolidations only ever add up published budgets, whose content the database keeps frozen.
 */
export async function publishedBudgetIds(db: DbOrTx, scope: ConsolidationScope): Promise<number[]> {
  const rows = await queryRows<{ budget_id: number }>(
    db,
    sql`
    SELECT DISTINCT ON (p.unit_id) p.budget_id
    FROM published_snapshots p
    JOIN organisations u ON u.id = p.unit_id
    JOIN organisations d ON d.id = unit_department(u.id, p.year)
    WHERE p.year = ${scope.year} AND (d.id = ${scope.organisationId} OR d.parent_id = ${scope.organisationId})
    ORDER BY p.unit_id, p.revision DESC`,
  );
  return rows.map((r) => Number(r.budget_id)).sort((a, b) => a - b);
}

/**
 * The prior-year budgets the year's publications state (docs/year-over-year.md): for the latest
 * published revision of every unit in scope, the prior year's revision that was on file when it
 * was published (snapshots are numbered in the order they are written). A prior year published or
 * corrected later does not enter; units whose publication stated no prior budget add nothing.
 */
export async function statedPriorBudgetIds(db: DbOrTx, scope: ConsolidationScope): Promise<number[]> {
  const rows = await queryRows<{ budget_id: number }>(
    db,
    sql`
    WITH latest AS (
      SELECT DISTINCT ON (p.unit_id) p.id, p.unit_id
      FROM published_snapshots p
      JOIN organisations u ON u.id = p.unit_id
      JOIN organisations d ON d.id = u.parent_id
      WHERE p.year = ${scope.year} AND (d.id = ${scope.organisationId} OR d.parent_id = ${scope.organisationId})
      ORDER BY p.unit_id, p.revision DESC
    )
    SELECT prev.budget_id
    FROM latest l
    JOIN LATERAL (
      SELECT q.budget_id FROM published_snapshots q
      WHERE q.unit_id = l.unit_id AND q.year = ${scope.year - 1} AND q.id < l.id
      ORDER BY q.revision DESC LIMIT 1
    ) prev ON TRUE`,
  );
  return rows.map((r) => Number(r.budget_id)).sort((a, b) => a - b);
}

async function organisationAsUnit(db: DbOrTx, organisationId: number): Promise<UnitInfo | null> {
  const [org] = await queryRows<OrgRow>(
    db,
    sql`
    SELECT o.id, o.kind, o.code, o.name,
           coalesce(r.code, o.code) AS region_code, coalesce(r.name, o.name) AS region_name
    FROM organisations o
    LEFT JOIN organisations r ON r.id = o.parent_id AND r.kind = 'region'
    WHERE o.id = ${organisationId} AND o.kind IN ('department', 'region')`,
  );
  if (!org) return null;
  return {
    code: org.code,
    name: org.name,
    // A department's consolidated budget is classified like its 本级 administrative unit.
    type: "admin",
    departmentName: org.name,
    regionCode: org.region_code,
    regionName: org.region_name,
  };
}

/**
 * 部门汇总 computed by the database: line items are summed by PostgreSQL (GROUP BY budget,
 * function, economic, kind, project, source, period) and fed to the engine's consolidation,
 * together with each unit's projects, targets and other entities read in batches. The prior year
 * is consolidated the same way from the prior-year budgets the units' publications state
 * (statedPriorBudgetIds); outside a transaction
 * both years are read at the same time (on a server, on separate connections).
 */
export async function loadConsolidatedInput(db: DbOrTx, scope: ConsolidationScope): Promise<BudgetInput | null> {
  const asUnit = await organisationAsUnit(db, scope.organisationId);
  if (!asUnit) return null;
  const ids = await publishedBudgetIds(db, scope);
  if (ids.length === 0) return null;
  const priorIds = await statedPriorBudgetIds(db, scope);
  const options = { withPrior: false, aggregateLines: true } as const;
  const concurrent = typeof (db as { rollback?: unknown }).rollback !== "function";
  let priorLoad: Promise<BudgetInput[]> | null = null;
  if (priorIds.length > 0 && concurrent) {
    priorLoad = loadBudgetInputs(db, priorIds, options);
    priorLoad.catch(() => undefined); // awaited below
  }
  const inputs = await loadBudgetInputs(db, ids, options);
  const out = consolidate(inputs, asUnit, { withPrior: false });
  if (priorIds.length > 0) {
    const priorInputs = await (priorLoad ?? loadBudgetInputs(db, priorIds, options));
    out.priorBudget = consolidate(priorInputs, asUnit, { withPrior: false });
  }
  return out;
}
