CREATE TABLE "aeds" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"position" geography(Point,4326) NOT NULL,
	"access" text DEFAULT '' NOT NULL,
	"opening_hours" text,
	"always_open" boolean DEFAULT false NOT NULL,
	"indoor" boolean,
	"owner" text DEFAULT '' NOT NULL,
	"phone" text,
	"last_check" date,
	"doubts" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aeds_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "dangerous_goods" (
	"id" serial PRIMARY KEY NOT NULL,
	"un_number" text NOT NULL,
	"name_en" text NOT NULL,
	"name_sl" text DEFAULT '' NOT NULL,
	"adr_class" text NOT NULL,
	"guide" smallint,
	"hazard_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"tih" boolean DEFAULT false NOT NULL,
	"small_isolate_m" integer,
	"small_day_km" double precision,
	"small_night_km" double precision,
	"large_isolate_m" integer,
	"large_day_km" double precision,
	"large_night_km" double precision,
	"source" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erg_guides" (
	"guide" smallint PRIMARY KEY NOT NULL,
	"title_sl" text NOT NULL,
	"title_en" text NOT NULL,
	"isolate_m" integer NOT NULL,
	"large_spill_m" integer,
	"fire_m" integer,
	"hazards_sl" text NOT NULL,
	"hazards_en" text NOT NULL,
	"action_sl" text NOT NULL,
	"action_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hospitals" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"name" text NOT NULL,
	"position" geography(Point,4326) NOT NULL,
	"capabilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text,
	"address" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hospitals_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "incident_substances" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"un_number" text NOT NULL,
	"hazard_id" text,
	"note" text DEFAULT '' NOT NULL,
	"added_by" integer,
	"added_by_name" text NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "location_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text,
	"position" geography(Point,4326) NOT NULL,
	"radius_m" integer DEFAULT 50 NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"text" text NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"author_id" integer,
	"author_name" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "location_notes_source_key_unique" UNIQUE("source_key"),
	CONSTRAINT "location_notes_radius_check" CHECK ("location_notes"."radius_m" between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"name" text NOT NULL,
	"search" text NOT NULL,
	"centroid" geography(Point,4326) NOT NULL,
	"area" geography(MultiPolygon,4326),
	CONSTRAINT "municipalities_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "oncall_exceptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"officer" text NOT NULL,
	"phone" text,
	"email" text,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oncall_exceptions_order_check" CHECK ("oncall_exceptions"."ends_at" > "oncall_exceptions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "oncall_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"service_name" text NOT NULL,
	"officer" text,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"error" text,
	"ack_token_hash" text,
	"acknowledged_at" timestamp with time zone,
	"ack_via" text,
	"ack_note" text,
	"created_by" integer,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oncall_notifications_ack_token_hash_unique" UNIQUE("ack_token_hash"),
	CONSTRAINT "oncall_notifications_state_check" CHECK ("oncall_notifications"."state" in ('sent','failed','acknowledged'))
);
--> statement-breakpoint
CREATE TABLE "oncall_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"incident_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"national" boolean DEFAULT false NOT NULL,
	"municipality_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"area" geography(Polygon,4326),
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handover_station_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oncall_services_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "oncall_shifts" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"starts" time NOT NULL,
	"ends" time NOT NULL,
	"officer" text NOT NULL,
	"phone" text,
	"email" text,
	CONSTRAINT "oncall_shifts_weekday_check" CHECK ("oncall_shifts"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "water_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text NOT NULL,
	"kind" text NOT NULL,
	"ref" text DEFAULT '' NOT NULL,
	"position" geography(Point,4326) NOT NULL,
	"diameter_mm" integer,
	"pressure_bar" double precision,
	"flow_lpm" integer,
	"state" text DEFAULT 'unknown' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"doubts" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "water_sources_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
ALTER TABLE "dangerous_goods" ADD CONSTRAINT "dangerous_goods_guide_erg_guides_guide_fk" FOREIGN KEY ("guide") REFERENCES "public"."erg_guides"("guide") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_substances" ADD CONSTRAINT "incident_substances_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_substances" ADD CONSTRAINT "incident_substances_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_notes" ADD CONSTRAINT "location_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_exceptions" ADD CONSTRAINT "oncall_exceptions_service_id_oncall_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."oncall_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_exceptions" ADD CONSTRAINT "oncall_exceptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_notifications" ADD CONSTRAINT "oncall_notifications_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_notifications" ADD CONSTRAINT "oncall_notifications_service_id_oncall_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."oncall_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_notifications" ADD CONSTRAINT "oncall_notifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_services" ADD CONSTRAINT "oncall_services_handover_station_id_stations_id_fk" FOREIGN KEY ("handover_station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_shifts" ADD CONSTRAINT "oncall_shifts_service_id_oncall_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."oncall_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "aeds_position_gist" ON "aeds" USING gist ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "dangerous_goods_un_name_uq" ON "dangerous_goods" USING btree ("un_number","name_en");--> statement-breakpoint
CREATE INDEX "dangerous_goods_un_idx" ON "dangerous_goods" USING btree ("un_number");--> statement-breakpoint
CREATE INDEX "hospitals_position_gist" ON "hospitals" USING gist ("position");--> statement-breakpoint
CREATE INDEX "incident_substances_incident_idx" ON "incident_substances" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "location_notes_position_gist" ON "location_notes" USING gist ("position");--> statement-breakpoint
CREATE INDEX "municipalities_centroid_gist" ON "municipalities" USING gist ("centroid");--> statement-breakpoint
CREATE INDEX "municipalities_area_gist" ON "municipalities" USING gist ("area");--> statement-breakpoint
CREATE INDEX "oncall_exceptions_service_idx" ON "oncall_exceptions" USING btree ("service_id","starts_at");--> statement-breakpoint
CREATE INDEX "oncall_notifications_incident_idx" ON "oncall_notifications" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "oncall_services_municipalities_gin" ON "oncall_services" USING gin ("municipality_ids");--> statement-breakpoint
CREATE INDEX "oncall_shifts_service_idx" ON "oncall_shifts" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "water_sources_position_gist" ON "water_sources" USING gist ("position");