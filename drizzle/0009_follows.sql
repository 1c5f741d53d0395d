CREATE TABLE "follows" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_kind" text NOT NULL,
	"district_id" integer,
	"measure_id" integer,
	"email" text NOT NULL,
	"locale" text DEFAULT 'de' NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_target_known" CHECK (("follows"."target_kind" = 'district' and "follows"."district_id" is not null and "follows"."measure_id" is null) or ("follows"."target_kind" = 'measure' and "follows"."measure_id" is not null and "follows"."district_id" is null))
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "follow_id" integer;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_district_email_idx" ON "follows" USING btree ("district_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_measure_email_idx" ON "follows" USING btree ("measure_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_confirm_token_idx" ON "follows" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "follows_confirm_expires_idx" ON "follows" USING btree ("confirm_expires_at");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_follow_id_follows_id_fk" FOREIGN KEY ("follow_id") REFERENCES "public"."follows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_follow_idx" ON "outbox" USING btree ("follow_id");