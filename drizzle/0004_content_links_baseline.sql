ALTER TABLE "performance_tasks" ADD COLUMN "link" text;
--> statement-breakpoint
ALTER TABLE "performance_tasks" ADD COLUMN "link_project_id" integer;
--> statement-breakpoint
ALTER TABLE "performance_tasks" ADD CONSTRAINT "performance_tasks_link_ck" CHECK ("link" IS NULL OR "link" IN ('personnel', 'public', 'project', 'projects'));
--> statement-breakpoint
ALTER TABLE "performance_tasks" ADD CONSTRAINT "performance_tasks_link_project_ck" CHECK (("link" IS NOT DISTINCT FROM 'project') = ("link_project_id" IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "performance_tasks" ADD CONSTRAINT "performance_tasks_link_project_fk" FOREIGN KEY ("link_project_id") REFERENCES "projects"("id") ON DELETE CASCADE;
--> statement-breakpoint
CREATE INDEX "performance_tasks_link_project_idx" ON "performance_tasks" ("link_project_id");
--> statement-breakpoint
ALTER TABLE "budgets" ADD COLUMN "baseline_detail" jsonb;
