CREATE TABLE "ecall_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"vin" text NOT NULL,
	"message_identifier" integer NOT NULL,
	"msd_timestamp" timestamp with time zone NOT NULL,
	"automatic_activation" boolean NOT NULL,
	"test_call" boolean NOT NULL,
	"incident_id" integer,
	"msd" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "flagged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ecall_messages" ADD CONSTRAINT "ecall_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ecall_messages_identity_uq" ON "ecall_messages" USING btree ("vin","message_identifier","msd_timestamp");