import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Scope } from "../auth/session";

/**
 * The scope as a SQL condition on a unit id column. Every query that reads or writes a budget
 * puts this in its `where`, so an id from outside the user's scope matches nothing (NOT_FOUND).
 */
export function unitInScope(scope: Scope, unitId: AnyColumn | SQL): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "unit":
      return sql`${unitId} = ${scope.unitId}`;
    case "department":
      return sql`${unitId} IN (SELECT o.id FROM organisations o WHERE o.kind = 'unit' AND o.parent_id = ${scope.departmentId})`;
  }
}
