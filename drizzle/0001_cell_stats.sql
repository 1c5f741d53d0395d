CREATE TABLE "cell_stats" (
	"resolution" smallint NOT NULL,
	"cell" text NOT NULL,
	"category_id" integer NOT NULL,
	"time_of_day" text NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"lat" real NOT NULL,
	"lon" real NOT NULL,
	CONSTRAINT "cell_stats_resolution_cell_category_id_time_of_day_pk" PRIMARY KEY("resolution","cell","category_id","time_of_day")
);
--> statement-breakpoint
ALTER TABLE "cell_stats" ADD CONSTRAINT "cell_stats_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cell_stats_lookup_idx" ON "cell_stats" USING btree ("resolution","time_of_day","lat","lon");