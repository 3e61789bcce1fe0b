CREATE TABLE "kb_articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"title_sl" text NOT NULL,
	"title_en" text NOT NULL,
	"body_sl" text NOT NULL,
	"body_en" text NOT NULL,
	"incident_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_title" text NOT NULL,
	"search" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_articles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "incident_types" ADD COLUMN "needs" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_types" ADD COLUMN "questions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_types" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "triage" jsonb;--> statement-breakpoint
CREATE INDEX "kb_articles_fts" ON "kb_articles" USING gin ((setweight(to_tsvector('simple', "search_title"), 'A') || setweight(to_tsvector('simple', "search"), 'B')));--> statement-breakpoint
CREATE INDEX "kb_articles_trgm" ON "kb_articles" USING gin ("search" gin_trgm_ops);