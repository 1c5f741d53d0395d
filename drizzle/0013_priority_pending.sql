CREATE TABLE "priority_pending" (
	"report_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "priority_pending" ADD CONSTRAINT "priority_pending_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;