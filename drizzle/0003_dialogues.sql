CREATE TABLE "dialogue_concerns" (
	"id" serial PRIMARY KEY NOT NULL,
	"dialogue_id" integer NOT NULL,
	"text" jsonb NOT NULL,
	"geometry" jsonb,
	"cells" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialogues" (
	"id" serial PRIMARY KEY NOT NULL,
	"district_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"venue" text NOT NULL,
	"participants" integer,
	"organisers" text,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"corrected_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"text" jsonb NOT NULL,
	"status_to" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"dialogue_id" integer,
	"district_id" integer,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"responsible" text NOT NULL,
	"responsible_name" text,
	"lat" real,
	"lon" real,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"rejection_reason" jsonb,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dialogue_concerns" ADD CONSTRAINT "dialogue_concerns_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dialogues" ADD CONSTRAINT "dialogues_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_updates" ADD CONSTRAINT "measure_updates_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_dialogue_id_dialogues_id_fk" FOREIGN KEY ("dialogue_id") REFERENCES "public"."dialogues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dialogue_concerns_dialogue_idx" ON "dialogue_concerns" USING btree ("dialogue_id");--> statement-breakpoint
CREATE INDEX "dialogues_district_idx" ON "dialogues" USING btree ("district_id","held_on");--> statement-breakpoint
CREATE INDEX "dialogues_status_idx" ON "dialogues" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "measure_updates_measure_idx" ON "measure_updates" USING btree ("measure_id","created_at");--> statement-breakpoint
CREATE INDEX "measures_dialogue_idx" ON "measures" USING btree ("dialogue_id");--> statement-breakpoint
CREATE INDEX "measures_district_idx" ON "measures" USING btree ("district_id","status");