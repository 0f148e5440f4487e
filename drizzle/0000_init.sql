CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit_type" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "organisations_kind_parent_ck" CHECK (("organisations"."kind" = 'region') = ("organisations"."parent_id" IS NULL)),
	CONSTRAINT "organisations_unit_type_ck" CHECK (("organisations"."kind" = 'unit') = ("organisations"."unit_type" IS NOT NULL)),
	CONSTRAINT "organisations_code_ck" CHECK ("organisations"."code" ~ '^[0-9]{3,12}$')
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_ck" CHECK ("users"."username" ~ '^[a-z0-9_.-]{2,40}$')
);
--> statement-breakpoint
CREATE TABLE "code_crosswalk" (
	"catalog" text NOT NULL,
	"from_year" integer NOT NULL,
	"from_code" text NOT NULL,
	"to_year" integer NOT NULL,
	"to_code" text NOT NULL,
	CONSTRAINT "code_crosswalk_catalog_from_year_from_code_to_year_pk" PRIMARY KEY("catalog","from_year","from_code","to_year")
);
--> statement-breakpoint
CREATE TABLE "dept_economic_codes" (
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	CONSTRAINT "dept_economic_codes_year_code_pk" PRIMARY KEY("year","code"),
	CONSTRAINT "dept_economic_codes_code_ck" CHECK ("dept_economic_codes"."code" ~ '^([0-9]{3}|[0-9]{5})$'),
	CONSTRAINT "dept_economic_codes_parent_ck" CHECK ((length("dept_economic_codes"."code") = 3 AND "dept_economic_codes"."parent_code" IS NULL) OR (length("dept_economic_codes"."code") = 5 AND "dept_economic_codes"."parent_code" = left("dept_economic_codes"."code", 3)))
);
--> statement-breakpoint
CREATE TABLE "economic_mappings" (
	"year" integer NOT NULL,
	"unit_type" text NOT NULL,
	"dept_code" text NOT NULL,
	"gov_code" text NOT NULL,
	CONSTRAINT "economic_mappings_year_unit_type_dept_code_pk" PRIMARY KEY("year","unit_type","dept_code"),
	CONSTRAINT "economic_mappings_level_ck" CHECK (length("economic_mappings"."dept_code") = 5 AND length("economic_mappings"."gov_code") = 5)
);
--> statement-breakpoint
CREATE TABLE "fiscal_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "fiscal_years_year_ck" CHECK ("fiscal_years"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "function_codes" (
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	CONSTRAINT "function_codes_year_code_pk" PRIMARY KEY("year","code"),
	CONSTRAINT "function_codes_code_ck" CHECK ("function_codes"."code" ~ '^([0-9]{3}|[0-9]{5}|[0-9]{7})$'),
	CONSTRAINT "function_codes_parent_ck" CHECK ((length("function_codes"."code") = 3 AND "function_codes"."parent_code" IS NULL) OR (length("function_codes"."code") > 3 AND "function_codes"."parent_code" = left("function_codes"."code", length("function_codes"."code") - 2)))
);
--> statement-breakpoint
CREATE TABLE "funding_sources" (
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"fiscal" boolean NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "funding_sources_year_code_pk" PRIMARY KEY("year","code"),
	CONSTRAINT "funding_sources_code_ck" CHECK ("funding_sources"."code" IN ('gpb','gf','soc','fsa','unit_business','unit_operating','unit_superior','unit_affiliated','unit_other'))
);
--> statement-breakpoint
CREATE TABLE "glossary_entries" (
	"year" integer NOT NULL,
	"sort" integer NOT NULL,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	CONSTRAINT "glossary_entries_year_sort_pk" PRIMARY KEY("year","sort")
);
--> statement-breakpoint
CREATE TABLE "gov_economic_codes" (
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	CONSTRAINT "gov_economic_codes_year_code_pk" PRIMARY KEY("year","code"),
	CONSTRAINT "gov_economic_codes_code_ck" CHECK ("gov_economic_codes"."code" ~ '^([0-9]{3}|[0-9]{5})$'),
	CONSTRAINT "gov_economic_codes_parent_ck" CHECK ((length("gov_economic_codes"."code") = 3 AND "gov_economic_codes"."parent_code" IS NULL) OR (length("gov_economic_codes"."code") = 5 AND "gov_economic_codes"."parent_code" = left("gov_economic_codes"."code", 3)))
);
--> statement-breakpoint
CREATE TABLE "region_year_settings" (
	"region_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount_unit" text DEFAULT 'wan' NOT NULL,
	CONSTRAINT "region_year_settings_region_id_year_pk" PRIMARY KEY("region_id","year")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"budget_id" integer PRIMARY KEY NOT NULL,
	"as_of" date NOT NULL,
	"vehicles_ministerial" integer DEFAULT 0 NOT NULL,
	"vehicles_general" integer DEFAULT 0 NOT NULL,
	"vehicles_enforcement" integer DEFAULT 0 NOT NULL,
	"vehicles_special" integer DEFAULT 0 NOT NULL,
	"vehicles_other" integer DEFAULT 0 NOT NULL,
	"large_equipment" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "assets_counts_ck" CHECK ("assets"."vehicles_ministerial" >= 0 AND "assets"."vehicles_general" >= 0 AND "assets"."vehicles_enforcement" >= 0 AND "assets"."vehicles_special" >= 0 AND "assets"."vehicles_other" >= 0 AND "assets"."large_equipment" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"budget_id" integer,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_on" date,
	"published_at" timestamp with time zone,
	"baseline_total" numeric,
	"baseline_sanggong" jsonb,
	"total_change_reason" text DEFAULT '' NOT NULL,
	"sanggong_change_reason" text DEFAULT '' NOT NULL,
	"overview" text DEFAULT '' NOT NULL,
	"correction_note" text DEFAULT '' NOT NULL,
	"acknowledged_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "budgets_id_year_uq" UNIQUE("id","year"),
	CONSTRAINT "budgets_revision_ck" CHECK ("budgets"."revision" >= 1),
	CONSTRAINT "budgets_baseline_ck" CHECK ("budgets"."baseline_total" IS NULL OR (baseline_total >= 0 AND baseline_total = round(baseline_total, 2) AND baseline_total < 1000000000000000))
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"table_number" integer,
	"row_code" text,
	"line_item_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_body_ck" CHECK (length(trim("comments"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "internal_departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"sort" integer NOT NULL,
	"name" text NOT NULL,
	"duties" text DEFAULT '' NOT NULL,
	"staffing" integer DEFAULT 0 NOT NULL,
	"leaders" text DEFAULT '' NOT NULL,
	CONSTRAINT "internal_departments_staffing_ck" CHECK ("internal_departments"."staffing" >= 0)
);
--> statement-breakpoint
CREATE TABLE "line_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"year" integer NOT NULL,
	"function_code" text NOT NULL,
	"economic_code" text NOT NULL,
	"kind" text NOT NULL,
	"project_id" integer,
	"source" text NOT NULL,
	"period" text NOT NULL,
	"amount" numeric NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "line_items_amount_ck" CHECK (amount >= 0 AND amount = round(amount, 2) AND amount < 1000000000000000),
	CONSTRAINT "line_items_function_level_ck" CHECK (length("line_items"."function_code") = 7),
	CONSTRAINT "line_items_economic_level_ck" CHECK (length("line_items"."economic_code") = 5),
	CONSTRAINT "line_items_project_ck" CHECK (("line_items"."kind" = 'project') = ("line_items"."project_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "performance_indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_id" integer NOT NULL,
	"sort" integer NOT NULL,
	"level1" text NOT NULL,
	"level2" text NOT NULL,
	"level3" text DEFAULT '' NOT NULL,
	"operator" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"deadline" text DEFAULT '' NOT NULL,
	CONSTRAINT "performance_indicators_operator_ck" CHECK ("performance_indicators"."operator" IN ('', '=', '>=', '<=', '>', '<'))
);
--> statement-breakpoint
CREATE TABLE "performance_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"project_id" integer,
	"goal" text DEFAULT '' NOT NULL,
	CONSTRAINT "performance_targets_budget_project_uq" UNIQUE NULLS NOT DISTINCT("budget_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "performance_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_id" integer NOT NULL,
	"sort" integer NOT NULL,
	"name" text NOT NULL,
	"amount" numeric NOT NULL,
	CONSTRAINT "performance_tasks_amount_ck" CHECK (amount >= 0 AND amount = round(amount, 2) AND amount < 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE "procurement_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"year" integer NOT NULL,
	"project_id" integer,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"period" text NOT NULL,
	"amount" numeric NOT NULL,
	"sme_reserved" numeric DEFAULT '0' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "procurement_items_amount_ck" CHECK (amount >= 0 AND amount = round(amount, 2) AND amount < 1000000000000000),
	CONSTRAINT "procurement_items_sme_ck" CHECK (sme_reserved >= 0 AND sme_reserved = round(sme_reserved, 2) AND sme_reserved < 1000000000000000 AND sme_reserved <= amount)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"debt_financed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "projects_id_budget_uq" UNIQUE("id","budget_id")
);
--> statement-breakpoint
CREATE TABLE "published_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"revision" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"correction_note" text DEFAULT '' NOT NULL,
	"total" numeric NOT NULL,
	"input" jsonb NOT NULL,
	CONSTRAINT "published_snapshots_total_ck" CHECK (total >= 0 AND total = round(total, 2) AND total < 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE "purchased_service_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"budget_id" integer NOT NULL,
	"year" integer NOT NULL,
	"function_class_code" text NOT NULL,
	"name" text NOT NULL,
	"catalogue_code" text DEFAULT '' NOT NULL,
	"catalogue_name" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"period" text NOT NULL,
	"amount" numeric NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purchased_service_items_amount_ck" CHECK (amount >= 0 AND amount = round(amount, 2) AND amount < 1000000000000000),
	CONSTRAINT "purchased_service_items_class_ck" CHECK (length("purchased_service_items"."function_class_code") = 3)
);
--> statement-breakpoint
CREATE TABLE "unit_profiles" (
	"budget_id" integer PRIMARY KEY NOT NULL,
	"duties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"composition" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_crosswalk" ADD CONSTRAINT "code_crosswalk_from_year_fiscal_years_year_fk" FOREIGN KEY ("from_year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "code_crosswalk" ADD CONSTRAINT "code_crosswalk_to_year_fiscal_years_year_fk" FOREIGN KEY ("to_year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_economic_codes" ADD CONSTRAINT "dept_economic_codes_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_economic_codes" ADD CONSTRAINT "dept_economic_codes_parent_fk" FOREIGN KEY ("year","parent_code") REFERENCES "public"."dept_economic_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economic_mappings" ADD CONSTRAINT "economic_mappings_dept_fk" FOREIGN KEY ("year","dept_code") REFERENCES "public"."dept_economic_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economic_mappings" ADD CONSTRAINT "economic_mappings_gov_fk" FOREIGN KEY ("year","gov_code") REFERENCES "public"."gov_economic_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_codes" ADD CONSTRAINT "function_codes_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_codes" ADD CONSTRAINT "function_codes_parent_fk" FOREIGN KEY ("year","parent_code") REFERENCES "public"."function_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD CONSTRAINT "funding_sources_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_entries" ADD CONSTRAINT "glossary_entries_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_economic_codes" ADD CONSTRAINT "gov_economic_codes_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_economic_codes" ADD CONSTRAINT "gov_economic_codes_parent_fk" FOREIGN KEY ("year","parent_code") REFERENCES "public"."gov_economic_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD CONSTRAINT "region_year_settings_region_id_organisations_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD CONSTRAINT "region_year_settings_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_unit_id_organisations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "internal_departments" ADD CONSTRAINT "internal_departments_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_budget_fk" FOREIGN KEY ("budget_id","year") REFERENCES "public"."budgets"("id","year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_function_fk" FOREIGN KEY ("year","function_code") REFERENCES "public"."function_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_economic_fk" FOREIGN KEY ("year","economic_code") REFERENCES "public"."dept_economic_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_source_fk" FOREIGN KEY ("year","source") REFERENCES "public"."funding_sources"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_project_fk" FOREIGN KEY ("project_id","budget_id") REFERENCES "public"."projects"("id","budget_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_indicators" ADD CONSTRAINT "performance_indicators_target_id_performance_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."performance_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_targets" ADD CONSTRAINT "performance_targets_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_targets" ADD CONSTRAINT "performance_targets_project_fk" FOREIGN KEY ("project_id","budget_id") REFERENCES "public"."projects"("id","budget_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_tasks" ADD CONSTRAINT "performance_tasks_target_id_performance_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."performance_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_items" ADD CONSTRAINT "procurement_items_budget_fk" FOREIGN KEY ("budget_id","year") REFERENCES "public"."budgets"("id","year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_items" ADD CONSTRAINT "procurement_items_source_fk" FOREIGN KEY ("year","source") REFERENCES "public"."funding_sources"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_items" ADD CONSTRAINT "procurement_items_project_fk" FOREIGN KEY ("project_id","budget_id") REFERENCES "public"."projects"("id","budget_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_unit_id_organisations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_snapshots" ADD CONSTRAINT "published_snapshots_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchased_service_items" ADD CONSTRAINT "purchased_service_items_budget_fk" FOREIGN KEY ("budget_id","year") REFERENCES "public"."budgets"("id","year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchased_service_items" ADD CONSTRAINT "purchased_service_items_function_fk" FOREIGN KEY ("year","function_class_code") REFERENCES "public"."function_codes"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchased_service_items" ADD CONSTRAINT "purchased_service_items_source_fk" FOREIGN KEY ("year","source") REFERENCES "public"."funding_sources"("year","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_profiles" ADD CONSTRAINT "unit_profiles_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_code_uq" ON "organisations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "audit_log_budget_idx" ON "audit_log" USING btree ("budget_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "budgets_unit_year_revision_uq" ON "budgets" USING btree ("unit_id","year","revision");--> statement-breakpoint
CREATE INDEX "budgets_year_status_idx" ON "budgets" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "comments_budget_id_index" ON "comments" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "internal_departments_budget_id_index" ON "internal_departments" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "line_items_budget_idx" ON "line_items" USING btree ("budget_id");--> statement-breakpoint
CREATE INDEX "performance_indicators_target_id_index" ON "performance_indicators" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "performance_tasks_target_id_index" ON "performance_tasks" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "procurement_items_budget_id_index" ON "procurement_items" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_budget_name_uq" ON "projects" USING btree ("budget_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "published_snapshots_budget_uq" ON "published_snapshots" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "published_snapshots_unit_year_rev_uq" ON "published_snapshots" USING btree ("unit_id","year","revision");--> statement-breakpoint
CREATE INDEX "published_snapshots_year_idx" ON "published_snapshots" USING btree ("year");--> statement-breakpoint
CREATE INDEX "purchased_service_items_budget_id_index" ON "purchased_service_items" USING btree ("budget_id");