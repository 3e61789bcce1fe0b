ALTER TABLE "messages" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "gateway_id" text;--> statement-breakpoint
CREATE INDEX "messages_retry_idx" ON "messages" USING btree ("next_attempt_at") WHERE "messages"."next_attempt_at" is not null;