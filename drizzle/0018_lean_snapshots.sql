-- Lean snapshots (issue 15): what many snapshots share is stored once. A snapshot part holds a
-- year's catalogues (for one unit type) or glossary, addressed by the SHA-256 of its jsonb text;
-- like a snapshot it is never updated or deleted. A snapshot names its parts and the prior year's
-- snapshot whose figures it states instead of copying them; headline figures for lists live in
-- columns so that lists never open the stored input.
CREATE TABLE "snapshot_parts" (
	"hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "snapshot_parts_kind_ck" CHECK ("snapshot_parts"."kind" IN ('catalogs', 'glossary'))
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_snapshot_part_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '已发布的预算快照不可修改或删除（snapshot part % is immutable）', OLD.hash
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER snapshot_parts_immutable
  BEFORE UPDATE OR DELETE ON snapshot_parts
  FOR EACH ROW EXECUTE FUNCTION refuse_snapshot_part_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_parts_no_truncate
  BEFORE TRUNCATE ON snapshot_parts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_snapshot_truncate();
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "catalogs_hash" text;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "glossary_hash" text;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "prior_snapshot_id" integer;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "basic_total" numeric;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "project_total" numeric;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD COLUMN "baseline_total" numeric;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_catalogs_hash_fk" FOREIGN KEY ("catalogs_hash") REFERENCES "public"."snapshot_parts"("hash") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_glossary_hash_fk" FOREIGN KEY ("glossary_hash") REFERENCES "public"."snapshot_parts"("hash") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_prior_fk" FOREIGN KEY ("prior_snapshot_id") REFERENCES "public"."published_snapshots"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_basic_total_ck" CHECK (basic_total IS NULL OR (basic_total >= 0 AND basic_total = round(basic_total, 2) AND basic_total < 1000000000000000));
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_project_total_ck" CHECK (project_total IS NULL OR (project_total >= 0 AND project_total = round(project_total, 2) AND project_total < 1000000000000000));
--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_baseline_total_ck" CHECK (baseline_total IS NULL OR (baseline_total >= 0 AND baseline_total = round(baseline_total, 2) AND baseline_total < 1000000000000000));
--> statement-breakpoint
CREATE INDEX "published_snapshots_year_unit_idx" ON "published_snapshots" USING btree ("year" DESC, "unit_id", "revision" DESC);
--> statement-breakpoint
CREATE INDEX "published_snapshots_published_at_idx" ON "published_snapshots" USING btree ("published_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id", "code");
