CREATE TABLE "unit_departments" (
	"unit_id" integer NOT NULL,
	"from_year" integer NOT NULL,
	"department_id" integer NOT NULL,
	CONSTRAINT "unit_departments_unit_id_from_year_pk" PRIMARY KEY("unit_id","from_year"),
	CONSTRAINT "unit_departments_from_year_ck" CHECK ("unit_departments"."from_year" BETWEEN 2000 AND 2100)
);--> statement-breakpoint
ALTER TABLE "unit_departments" ADD CONSTRAINT "unit_departments_unit_id_organisations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_departments" ADD CONSTRAINT "unit_departments_department_id_organisations_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE OR REPLACE FUNCTION unit_department(p_unit integer, p_year integer) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT ud.department_id FROM unit_departments ud WHERE ud.unit_id = p_unit AND ud.from_year <= p_year ORDER BY ud.from_year DESC LIMIT 1),
    (SELECT o.parent_id FROM organisations o WHERE o.id = p_unit)
  )
$$;
