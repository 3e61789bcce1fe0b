CREATE TABLE "emsi_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"context_id" text NOT NULL,
	"event_id" text NOT NULL,
	"origin_org" text DEFAULT '' NOT NULL,
	"msg_type" text NOT NULL,
	"incident_id" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emsi_messages_context_uq" ON "emsi_messages" USING btree ("context_id");--> statement-breakpoint
CREATE INDEX "emsi_messages_event_idx" ON "emsi_messages" USING btree ("origin_org","event_id");