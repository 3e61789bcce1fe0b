ALTER TABLE "location_fixes" ALTER COLUMN "accuracy_m" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "ecall_messages" ADD COLUMN "msd_version" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "ecall_messages" ADD COLUMN "encoding" text DEFAULT 'json' NOT NULL;--> statement-breakpoint
ALTER TABLE "ecall_messages" ADD COLUMN "raw" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ecall_messages" ADD COLUMN "doubts" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "location_fixes" ADD COLUMN "doubts" text[] DEFAULT '{}'::text[] NOT NULL;