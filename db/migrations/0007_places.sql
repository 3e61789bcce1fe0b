CREATE TABLE "places" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"label" text NOT NULL,
	"search" text NOT NULL,
	"street" text,
	"house_number" text,
	"settlement" text,
	"postcode" text,
	"population" integer,
	"position" geography(Point,4326) NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_kind_check" CHECK ("places"."kind" in ('settlement','address'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "places_source_key_uq" ON "places" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "places_search_trgm" ON "places" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "places_position_gist" ON "places" USING gist ("position");