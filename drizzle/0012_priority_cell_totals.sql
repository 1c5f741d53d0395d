CREATE TABLE "priority_cell_category_totals" (
	"category_id" integer NOT NULL,
	"cell" text NOT NULL,
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
	"reports_in_0" integer DEFAULT 0 NOT NULL,
	"reports_in_1" integer DEFAULT 0 NOT NULL,
	"reports_in_2" integer DEFAULT 0 NOT NULL,
	"reports_in_3" integer DEFAULT 0 NOT NULL,
	"reports_in_4" integer DEFAULT 0 NOT NULL,
	"reports_in_5" integer DEFAULT 0 NOT NULL,
	"reports_in_6" integer DEFAULT 0 NOT NULL,
	"reports_in_7" integer DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"reporters" integer DEFAULT 0 NOT NULL,
	"feeling_sum" double precision DEFAULT 0 NOT NULL,
	"time_sum" double precision DEFAULT 0 NOT NULL,
	"newest_at" timestamp with time zone,
	CONSTRAINT "priority_cell_category_totals_category_id_cell_pk" PRIMARY KEY("category_id","cell")
);
--> statement-breakpoint
CREATE TABLE "priority_cell_days" (
	"cell" text NOT NULL,
	"day" integer NOT NULL,
	"category_id" integer NOT NULL,
	"slot_0" double precision DEFAULT 0 NOT NULL,
	"slot_1" double precision DEFAULT 0 NOT NULL,
	"slot_2" double precision DEFAULT 0 NOT NULL,
	"slot_3" double precision DEFAULT 0 NOT NULL,
	"slot_4" double precision DEFAULT 0 NOT NULL,
	"slot_5" double precision DEFAULT 0 NOT NULL,
	"slot_6" double precision DEFAULT 0 NOT NULL,
	"slot_7" double precision DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"newest_at" timestamp with time zone,
	CONSTRAINT "priority_cell_days_cell_day_category_id_pk" PRIMARY KEY("cell","day","category_id")
);
--> statement-breakpoint
CREATE TABLE "priority_cell_totals" (
	"cell" text PRIMARY KEY NOT NULL,
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
	"reports_in_0" integer DEFAULT 0 NOT NULL,
	"reports_in_1" integer DEFAULT 0 NOT NULL,
	"reports_in_2" integer DEFAULT 0 NOT NULL,
	"reports_in_3" integer DEFAULT 0 NOT NULL,
	"reports_in_4" integer DEFAULT 0 NOT NULL,
	"reports_in_5" integer DEFAULT 0 NOT NULL,
	"reports_in_6" integer DEFAULT 0 NOT NULL,
	"reports_in_7" integer DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"reporters" integer DEFAULT 0 NOT NULL,
	"feeling_sum" double precision DEFAULT 0 NOT NULL,
	"time_sum" double precision DEFAULT 0 NOT NULL,
	"newest_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "reports_h3_r10_idx";--> statement-breakpoint
ALTER TABLE "priority_stats_meta" ADD COLUMN "weights" jsonb;--> statement-breakpoint
ALTER TABLE "priority_cell_category_totals" ADD CONSTRAINT "priority_cell_category_totals_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_cell_days" ADD CONSTRAINT "priority_cell_days_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_h3_r10_created_idx" ON "reports" USING btree ("h3_r10","created_at");--> statement-breakpoint
-- Existing aggregates: the per-category rollup from the rows per slot mask (as rebuildPriorityRollups
-- does). priority_cell_totals stays empty with weights null until the next recomputation or weight
-- change; ranking reads the per-category rollup meanwhile.
INSERT INTO "priority_cell_category_totals" ("category_id", "cell", "district_id",
	"slot_0", "slot_1", "slot_2", "slot_3", "slot_4", "slot_5", "slot_6", "slot_7",
	"own_0", "own_1", "own_2", "own_3", "own_4", "own_5", "own_6", "own_7",
	"reports_in_0", "reports_in_1", "reports_in_2", "reports_in_3", "reports_in_4", "reports_in_5", "reports_in_6", "reports_in_7",
	"reports", "reporters", "feeling_sum", "time_sum", "newest_at")
SELECT "category_id", "cell", max("district_id"),
	sum("slot_0"), sum("slot_1"), sum("slot_2"), sum("slot_3"), sum("slot_4"), sum("slot_5"), sum("slot_6"), sum("slot_7"),
	sum("own_0"), sum("own_1"), sum("own_2"), sum("own_3"), sum("own_4"), sum("own_5"), sum("own_6"), sum("own_7"),
	sum(CASE WHEN "slot_mask" & 1 <> 0 THEN "reports" ELSE 0 END), sum(CASE WHEN "slot_mask" & 2 <> 0 THEN "reports" ELSE 0 END),
	sum(CASE WHEN "slot_mask" & 4 <> 0 THEN "reports" ELSE 0 END), sum(CASE WHEN "slot_mask" & 8 <> 0 THEN "reports" ELSE 0 END),
	sum(CASE WHEN "slot_mask" & 16 <> 0 THEN "reports" ELSE 0 END), sum(CASE WHEN "slot_mask" & 32 <> 0 THEN "reports" ELSE 0 END),
	sum(CASE WHEN "slot_mask" & 64 <> 0 THEN "reports" ELSE 0 END), sum(CASE WHEN "slot_mask" & 128 <> 0 THEN "reports" ELSE 0 END),
	sum("reports"), sum("reporters"), sum("feeling_sum"), sum("time_sum"), max("newest_at")
FROM "priority_cell_stats"
GROUP BY "category_id", "cell";
