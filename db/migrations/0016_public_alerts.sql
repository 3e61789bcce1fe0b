CREATE TABLE "public_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"msg_type" text NOT NULL,
	"cancels" integer,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"urgency" text NOT NULL,
	"severity" text NOT NULL,
	"certainty" text NOT NULL,
	"event_sl" text NOT NULL,
	"event_en" text NOT NULL,
	"headline_sl" text NOT NULL,
	"headline_en" text NOT NULL,
	"description_sl" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"instruction_sl" text DEFAULT '' NOT NULL,
	"instruction_en" text DEFAULT '' NOT NULL,
	"area_desc" text NOT NULL,
	"area" geography(Polygon,4326) NOT NULL,
	"sent" timestamp with time zone DEFAULT now() NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	"created_by" integer,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_alerts" ADD CONSTRAINT "public_alerts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_alerts_identifier_uq" ON "public_alerts" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "public_alerts_sent_idx" ON "public_alerts" USING btree ("sent");