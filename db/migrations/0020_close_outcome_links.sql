CREATE TABLE "incident_links" (
	"incident_id" integer NOT NULL,
	"linked_id" integer NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_links_incident_id_linked_id_pk" PRIMARY KEY("incident_id","linked_id"),
	CONSTRAINT "incident_links_order_check" CHECK ("incident_links"."incident_id" < "incident_links"."linked_id")
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_notes" ADD COLUMN "kind" text DEFAULT 'note' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "close_remark" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "merged_into" integer;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "en_route_limit_min" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "on_scene_limit_min" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "status_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_linked_id_incidents_id_fk" FOREIGN KEY ("linked_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_links_linked_idx" ON "incident_links" USING btree ("linked_id");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_merged_into_incidents_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_closed_at_idx" ON "incidents" USING btree ("closed_at") WHERE "incidents"."closed_at" is not null;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_outcome_check" CHECK ("incidents"."outcome" is null or "incidents"."outcome" in ('handled','false_alarm','no_action','handed_over','duplicate'));