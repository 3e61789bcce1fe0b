DROP INDEX "events_type_at_idx";--> statement-breakpoint
DROP INDEX "events_at_idx";--> statement-breakpoint
CREATE INDEX "events_created_at_idx" ON "events" USING btree ("at") WHERE "events"."type" = 'incident.created';--> statement-breakpoint
CREATE INDEX "events_at_brin" ON "events" USING brin ("at");