CREATE TABLE "location_fixes" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"source" text NOT NULL,
	"position" geography(Point,4326),
	"accuracy_m" integer,
	"confidence_pct" integer,
	"method" text,
	"fix_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imei" text,
	"imsi" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raw" text NOT NULL,
	CONSTRAINT "location_fixes_source_check" CHECK ("location_fixes"."source" in ('aml_sms','aml_https','ecall'))
);
--> statement-breakpoint
CREATE INDEX "location_fixes_phone_idx" ON "location_fixes" USING btree ("phone","received_at");