CREATE TABLE "patrol_logs" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"stop_id" integer NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"findings" jsonb NOT NULL,
	"note" text,
	"moved_reports" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"shift_date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"team" jsonb NOT NULL,
	"start" jsonb NOT NULL,
	"dwell_minutes" integer NOT NULL,
	"revisit_minutes" integer NOT NULL,
	"seed" integer NOT NULL,
	"ungated" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patrol_plans_status_known" CHECK ("patrol_plans"."status" in ('draft', 'published', 'done')),
	CONSTRAINT "patrol_plans_ends_after_start" CHECK ("patrol_plans"."ends_at" > "patrol_plans"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "patrol_stops" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"cell" text NOT NULL,
	"lat" real NOT NULL,
	"lon" real NOT NULL,
	"source" text NOT NULL,
	"reasons" jsonb
);
--> statement-breakpoint
ALTER TABLE "patrol_logs" ADD CONSTRAINT "patrol_logs_plan_id_patrol_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."patrol_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_logs" ADD CONSTRAINT "patrol_logs_stop_id_patrol_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."patrol_stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_logs" ADD CONSTRAINT "patrol_logs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_plans" ADD CONSTRAINT "patrol_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_stops" ADD CONSTRAINT "patrol_stops_plan_id_patrol_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."patrol_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patrol_logs_plan_idx" ON "patrol_logs" USING btree ("plan_id","visited_at");--> statement-breakpoint
CREATE INDEX "patrol_logs_stop_idx" ON "patrol_logs" USING btree ("stop_id");--> statement-breakpoint
CREATE INDEX "patrol_plans_starts_idx" ON "patrol_plans" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "patrol_stops_plan_idx" ON "patrol_stops" USING btree ("plan_id","position");