CREATE TABLE "priority_cell_stats" (
	"cell" text NOT NULL,
	"category_id" integer NOT NULL,
	"slot_mask" smallint NOT NULL,
	"district_id" integer,
	"slot_0" double precision DEFAULT 0 NOT NULL,
	"slot_1" double precision DEFAULT 0 NOT NULL,
	"slot_2" double precision DEFAULT 0 NOT NULL,
	"slot_3" double precision DEFAULT 0 NOT NULL,
	"slot_4" double precision DEFAULT 0 NOT NULL,
	"slot_5" double precision DEFAULT 0 NOT NULL,
	"slot_6" double precision DEFAULT 0 NOT NULL,
	"slot_7" double precision DEFAULT 0 NOT NULL,
	"own_0" double precision DEFAULT 0 NOT NULL,
	"own_1" double precision DEFAULT 0 NOT NULL,
	"own_2" double precision DEFAULT 0 NOT NULL,
	"own_3" double precision DEFAULT 0 NOT NULL,
	"own_4" double precision DEFAULT 0 NOT NULL,
	"own_5" double precision DEFAULT 0 NOT NULL,
	"own_6" double precision DEFAULT 0 NOT NULL,
	"own_7" double precision DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"reporters" integer DEFAULT 0 NOT NULL,
	"feeling_sum" double precision DEFAULT 0 NOT NULL,
	"time_sum" double precision DEFAULT 0 NOT NULL,
	"newest_at" timestamp with time zone,
	CONSTRAINT "priority_cell_stats_cell_category_id_slot_mask_pk" PRIMARY KEY("cell","category_id","slot_mask")
);
--> statement-breakpoint
CREATE TABLE "priority_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"cell" text NOT NULL,
	"factor" real NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" integer,
	CONSTRAINT "priority_overrides_reason" CHECK (length(trim("priority_overrides"."reason")) > 0),
	CONSTRAINT "priority_overrides_factor" CHECK ("priority_overrides"."factor" >= 0 and "priority_overrides"."factor" <= 10)
);
--> statement-breakpoint
CREATE TABLE "priority_stats_meta" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"params" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "priority_cell_stats" ADD CONSTRAINT "priority_cell_stats_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_overrides" ADD CONSTRAINT "priority_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_overrides" ADD CONSTRAINT "priority_overrides_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "priority_cell_stats_district_idx" ON "priority_cell_stats" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "priority_overrides_cell_idx" ON "priority_overrides" USING btree ("cell","created_at");--> statement-breakpoint
CREATE INDEX "reports_reporter_hash_idx" ON "reports" USING btree ("reporter_hash") WHERE "reports"."reporter_hash" is not null;