CREATE TABLE "call_positions" (
	"position" text PRIMARY KEY NOT NULL,
	"contact" text,
	"registered_until" timestamp with time zone,
	"user_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_positions_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"sip_call_id" text NOT NULL,
	"state" text NOT NULL,
	"caller" text,
	"caller_uri" text,
	"caller_name" text,
	"offered_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"answered_by_position" text,
	"answered_by_user" integer,
	"ringing_positions" text[] DEFAULT '{}'::text[] NOT NULL,
	"end_reason" text,
	"position" geography(Point,4326),
	"accuracy_m" double precision,
	"location" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"doubts" text[] DEFAULT '{}'::text[] NOT NULL,
	"additional_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"language" text,
	"history" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"incident_id" integer,
	"from_tag" text,
	"to_tag" text,
	"transferred_to" text,
	"callback_at" timestamp with time zone,
	"callback_by" integer,
	"callback_outcome" text,
	"callback_note" text,
	"raw" text DEFAULT '' NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_sip_call_id_unique" UNIQUE("sip_call_id"),
	CONSTRAINT "calls_state_check" CHECK ("calls"."state" in ('waiting','answered','ended','abandoned','transferred'))
);
--> statement-breakpoint
CREATE TABLE "telephony_events" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "transfer_uri" text;--> statement-breakpoint
ALTER TABLE "call_positions" ADD CONSTRAINT "call_positions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_answered_by_user_users_id_fk" FOREIGN KEY ("answered_by_user") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_callback_by_users_id_fk" FOREIGN KEY ("callback_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calls_waiting_idx" ON "calls" USING btree ("offered_at") WHERE "calls"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX "calls_caller_idx" ON "calls" USING btree ("caller","offered_at");--> statement-breakpoint
CREATE INDEX "calls_offered_idx" ON "calls" USING btree ("offered_at");--> statement-breakpoint
CREATE INDEX "calls_incident_idx" ON "calls" USING btree ("incident_id") WHERE "calls"."incident_id" is not null;--> statement-breakpoint
CREATE INDEX "incident_callers_phone_tail_idx" ON "incident_callers" USING btree (right(regexp_replace("phone", '[^0-9]', '', 'g'), 8));--> statement-breakpoint
CREATE INDEX "incidents_caller_tail_idx" ON "incidents" USING btree (right(regexp_replace("caller_phone", '[^0-9]', '', 'g'), 8));