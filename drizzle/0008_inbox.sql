-- Trigram matching for the inbox's text search (trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "reports_status_created_idx";--> statement-breakpoint
DROP INDEX "reports_h3_r9_idx";--> statement-breakpoint
DROP INDEX "reports_district_idx";--> statement-breakpoint
DROP INDEX "reports_category_idx";--> statement-breakpoint
CREATE INDEX "reports_status_created_id_idx" ON "reports" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_h3_r9_created_id_idx" ON "reports" USING btree ("h3_r9","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_district_created_id_idx" ON "reports" USING btree ("district_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_category_created_id_idx" ON "reports" USING btree ("category_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reports_duplicate_of_idx" ON "reports" USING btree ("duplicate_of") WHERE "reports"."duplicate_of" is not null;--> statement-breakpoint
CREATE INDEX "reports_description_trgm_idx" ON "reports" USING gin ("description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "reports_public_description_trgm_idx" ON "reports" USING gin ("public_description" gin_trgm_ops);