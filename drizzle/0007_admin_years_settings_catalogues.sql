ALTER TABLE "fiscal_years" ADD COLUMN "opened_from" integer;--> statement-breakpoint
ALTER TABLE "fiscal_years" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD COLUMN "title_wording" text DEFAULT 'department' NOT NULL;--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD COLUMN "explanation_sections" jsonb DEFAULT '["overview","sanggong","other"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD CONSTRAINT "region_year_settings_amount_unit_ck" CHECK ("region_year_settings"."amount_unit" IN ('wan', 'yuan'));--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD CONSTRAINT "region_year_settings_title_wording_ck" CHECK ("region_year_settings"."title_wording" IN ('department', 'unit'));--> statement-breakpoint
ALTER TABLE "function_codes" ADD COLUMN "retired" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dept_economic_codes" ADD COLUMN "retired" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "gov_economic_codes" ADD COLUMN "retired" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_sources" ADD COLUMN "retired" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "purchased_service_codes" (
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "purchased_service_codes_year_code_pk" PRIMARY KEY("year","code"),
	CONSTRAINT "purchased_service_codes_code_ck" CHECK ("purchased_service_codes"."code" ~ '^[A-Z][0-9]{0,10}$'),
	CONSTRAINT "purchased_service_codes_parent_ck" CHECK ("purchased_service_codes"."parent_code" IS NULL OR ("purchased_service_codes"."code" LIKE "purchased_service_codes"."parent_code" || '%' AND "purchased_service_codes"."code" <> "purchased_service_codes"."parent_code"))
);--> statement-breakpoint
ALTER TABLE "purchased_service_codes" ADD CONSTRAINT "purchased_service_codes_year_fiscal_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."fiscal_years"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchased_service_codes" ADD CONSTRAINT "purchased_service_codes_parent_fk" FOREIGN KEY ("year","parent_code") REFERENCES "public"."purchased_service_codes"("year","code") ON DELETE no action ON UPDATE no action;
