CREATE TABLE "disclosure_templates" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"based_on" text NOT NULL,
	"definition" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_templates_code_ck" CHECK ("disclosure_templates"."code" ~ '^custom-[0-9]+$'),
	CONSTRAINT "disclosure_templates_version_ck" CHECK ("disclosure_templates"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "disclosure_templates" ADD CONSTRAINT "disclosure_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "region_year_settings" ADD COLUMN "template" text DEFAULT 'standard-17' NOT NULL;
