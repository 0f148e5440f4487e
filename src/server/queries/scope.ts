import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Scope } from "../auth/session";

/**
 * The scope as a SQL condition on a unit id column. Every query that reads or writes a budget
 * puts this in its `where`, so an id from outside the user's scope matches nothing (NOT_FOUND).
 */
export function unitInScope(scope: Scope, unitId: AnyColumn | SQL, year?: AnyColumn | SQL): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "unit":
      return sql`${unitId} = ${scope.unitId}`;
    case "department":
      // With a year: the department the unit belonged to that year (a unit moved from a year on
      // is seen by its old department for the years before, by the new one from then on).
      if (year !== undefined) return sql`unit_department(${unitId}, ${year}) = ${scope.departmentId}`;
      return sql`${unitId} IN (SELECT o.id FROM organisations o WHERE o.kind = 'unit' AND o.parent_id = ${scope.departmentId})`;
  }
}
