-- Review: a frozen copy of the budget at each submission, review start, threaded and resolvable comments.
CREATE TABLE "budget_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"kind" text NOT NULL,
	"seq" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"total" numeric NOT NULL,
	"input" jsonb NOT NULL,
	CONSTRAINT "budget_snapshots_kind_ck" CHECK ("kind" IN ('submission')),
	CONSTRAINT "budget_snapshots_seq_ck" CHECK ("seq" >= 1),
	CONSTRAINT "budget_snapshots_total_ck" CHECK (total >= 0 AND total = round(total, 2) AND total < 1000000000000000)
);
--> statement-breakpoint
ALTER TABLE "budget_snapshots" ADD CONSTRAINT "budget_snapshots_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "budget_snapshots" ADD CONSTRAINT "budget_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "budget_snapshots_budget_kind_seq_uq" ON "budget_snapshots" USING btree ("budget_id","kind","seq");
--> statement-breakpoint
-- What was submitted stays as it was submitted: a snapshot is never updated.
CREATE OR REPLACE FUNCTION refuse_budget_snapshot_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '提交时的预算快照不可修改（budget snapshot % is immutable）', OLD.id
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER budget_snapshots_immutable
  BEFORE UPDATE ON budget_snapshots
  FOR EACH ROW EXECUTE FUNCTION refuse_budget_snapshot_update();
--> statement-breakpoint
ALTER TABLE "budgets" ADD COLUMN "review_started_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "parent_id" integer;
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "snapshot_id" integer;
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "anchor_label" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "resolved_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "resolved_by" integer;
--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_snapshot_id_budget_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."budget_snapshots"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "comments_parent_id_index" ON "comments" USING btree ("parent_id");
