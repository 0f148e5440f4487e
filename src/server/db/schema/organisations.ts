import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** region → department (主管部门) → budget unit (预算单位). */
export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ["region", "department", "unit"] }).notNull(),
    parentId: integer("parent_id"),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** The short form used in running text, e.g. 和平区人力资源和社会保障事务服务中心. */
    shortName: text("short_name"),
    /** 行政 / 参公 / 事业; required for units, null otherwise. */
    unitType: text("unit_type", { enum: ["admin", "civil_servant_managed", "institution"] }),
    sort: integer("sort").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    uniqueIndex("organisations_code_uq").on(t.code),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: "organisations_parent_fk" }),
    check("organisations_kind_parent_ck", sql`(${t.kind} = 'region') = (${t.parentId} IS NULL)`),
    check("organisations_unit_type_ck", sql`(${t.kind} = 'unit') = (${t.unitType} IS NOT NULL)`),
    check("organisations_code_ck", sql`${t.code} ~ '^[0-9]{3,12}$'`),
  ],
);

/**
 * A unit's department by year: from `fromYear` on (until the next row) the unit belongs to
 * `departmentId`. Written when a unit moves; `organisations.parent_id` is its latest department.
 * The SQL function unit_department(unit, year) answers with these rows, else parent_id.
 */
export const unitDepartments = pgTable(
  "unit_departments",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => organisations.id),
    fromYear: integer("from_year").notNull(),
    departmentId: integer("department_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.fromYear] }), check("unit_departments_from_year_ck", sql`${t.fromYear} BETWEEN 2000 AND 2100`)],
);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["preparer", "reviewer", "admin"] }).notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    disabled: boolean("disabled").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Moved on by sign-out, password change, disable and enable: sessions signed in under an older one end. */
    sessionVersion: integer("session_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(t.username),
    check("users_username_ck", sql`${t.username} ~ '^[a-z0-9_.-]{2,40}$'`),
  ],
);

/** Sign-in attempts, for slowing down and locking repeated failures per account and per address. */
export const signInAttempts = pgTable("sign_in_attempts", {
  id: serial("id").primaryKey(),
  username: text("username").notNull(),
  address: text("address").notNull(),
  succeeded: boolean("succeeded").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});
