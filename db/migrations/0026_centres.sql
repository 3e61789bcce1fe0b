CREATE TABLE "centre_takeovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"partner_id" integer NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by" integer,
	"started_by_name" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_name" text,
	CONSTRAINT "centre_takeovers_partner_check" CHECK ("centre_takeovers"."partner_id" <> "centre_takeovers"."centre_id"),
	CONSTRAINT "centre_takeovers_reason_check" CHECK ("centre_takeovers"."reason" in ('overflow','night','evacuation','decision'))
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_sl" text NOT NULL,
	"name_en" text NOT NULL,
	"seat" geography(Point,4326) NOT NULL,
	"queue_threshold" integer DEFAULT 6 NOT NULL,
	"partner_id" integer,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "centres_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "incident_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"from_centre_id" integer NOT NULL,
	"to_centre_id" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by_name" text NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_name" text
);
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_role_check";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "routed_centre_id" integer;--> statement-breakpoint
-- The 13 regional 112 centres (ReCO) are reference data every installation has: their codes, names,
-- seats and default partners. Their regions (municipalities.centre_id) are set by the seed
-- (db/seed/regions.ts); rows written before this migration go to the centre nearest to them.
INSERT INTO "centres" ("code", "name_sl", "name_en", "seat", "sort") VALUES
  ('LJ', 'ReCO Ljubljana', 'Ljubljana 112 Centre', ST_SetSRID(ST_MakePoint(14.5051, 46.0511), 4326)::geography, 0),
  ('MB', 'ReCO Maribor', 'Maribor 112 Centre', ST_SetSRID(ST_MakePoint(15.6467, 46.5547), 4326)::geography, 1),
  ('CE', 'ReCO Celje', 'Celje 112 Centre', ST_SetSRID(ST_MakePoint(15.2604, 46.2309), 4326)::geography, 2),
  ('KR', 'ReCO Kranj', 'Kranj 112 Centre', ST_SetSRID(ST_MakePoint(14.3556, 46.2389), 4326)::geography, 3),
  ('KP', 'ReCO Koper', 'Koper 112 Centre', ST_SetSRID(ST_MakePoint(13.7302, 45.5481), 4326)::geography, 4),
  ('NG', 'ReCO Nova Gorica', 'Nova Gorica 112 Centre', ST_SetSRID(ST_MakePoint(13.648, 45.956), 4326)::geography, 5),
  ('NM', 'ReCO Novo mesto', 'Novo mesto 112 Centre', ST_SetSRID(ST_MakePoint(15.1689, 45.804), 4326)::geography, 6),
  ('MS', 'ReCO Murska Sobota', 'Murska Sobota 112 Centre', ST_SetSRID(ST_MakePoint(16.1664, 46.6625), 4326)::geography, 7),
  ('PO', 'ReCO Postojna', 'Postojna 112 Centre', ST_SetSRID(ST_MakePoint(14.2153, 45.7743), 4326)::geography, 8),
  ('PT', 'ReCO Ptuj', 'Ptuj 112 Centre', ST_SetSRID(ST_MakePoint(15.87, 46.42), 4326)::geography, 9),
  ('SG', 'ReCO Slovenj Gradec', 'Slovenj Gradec 112 Centre', ST_SetSRID(ST_MakePoint(15.0806, 46.5103), 4326)::geography, 10),
  ('TR', 'ReCO Trbovlje', 'Trbovlje 112 Centre', ST_SetSRID(ST_MakePoint(15.0533, 46.155), 4326)::geography, 11),
  ('BR', 'ReCO Brežice', 'Brežice 112 Centre', ST_SetSRID(ST_MakePoint(15.5911, 45.9033), 4326)::geography, 12);--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'KR') WHERE "code" = 'LJ';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'PT') WHERE "code" = 'MB';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'SG') WHERE "code" = 'CE';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "code" = 'KR';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'NG') WHERE "code" = 'KP';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'KP') WHERE "code" = 'NG';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'BR') WHERE "code" = 'NM';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'MB') WHERE "code" = 'MS';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "code" = 'PO';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'MB') WHERE "code" = 'PT';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'CE') WHERE "code" = 'SG';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "code" = 'TR';--> statement-breakpoint
UPDATE "centres" SET "partner_id" = (SELECT "id" FROM "centres" WHERE "code" = 'NM') WHERE "code" = 'BR';--> statement-breakpoint
-- The centre whose region contains a point (lib/centres/centre-at.ts): the municipality whose imported
-- area covers it, else the one with the nearest seat, else the centre with the nearest seat; null for
-- no point. Every writer gets it: the triggers below fill a row's centre when the insert names none.
CREATE FUNCTION centre_at(p geography) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p IS NULL THEN NULL ELSE coalesce(
    (SELECT m.centre_id FROM municipalities m
      WHERE m.area IS NOT NULL AND m.centre_id IS NOT NULL AND ST_Covers(m.area, p) LIMIT 1),
    (SELECT m.centre_id FROM municipalities m WHERE m.centre_id IS NOT NULL ORDER BY m.centroid <-> p LIMIT 1),
    (SELECT c.id FROM centres c ORDER BY c.seat <-> p LIMIT 1)) END
$$;--> statement-breakpoint
CREATE FUNCTION fill_centre_by_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.centre_id IS NULL THEN
    NEW.centre_id := centre_at(NEW.position);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE FUNCTION fill_call_centre() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.centre_id IS NULL THEN
    NEW.centre_id := coalesce(centre_at(NEW.position), (SELECT id FROM centres ORDER BY sort, id LIMIT 1));
  END IF;
  IF NEW.routed_centre_id IS NULL THEN
    NEW.routed_centre_id := NEW.centre_id;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER incidents_fill_centre BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION fill_centre_by_position();--> statement-breakpoint
CREATE TRIGGER stations_fill_centre BEFORE INSERT ON stations FOR EACH ROW EXECUTE FUNCTION fill_centre_by_position();--> statement-breakpoint
CREATE TRIGGER calls_fill_centre BEFORE INSERT ON calls FOR EACH ROW EXECUTE FUNCTION fill_call_centre();--> statement-breakpoint
UPDATE "incidents" SET "centre_id" = (SELECT "id" FROM "centres" ORDER BY "seat" <-> "incidents"."position" LIMIT 1);--> statement-breakpoint
UPDATE "stations" SET "centre_id" = (SELECT "id" FROM "centres" ORDER BY "seat" <-> "stations"."position" LIMIT 1);--> statement-breakpoint
UPDATE "calls" SET "centre_id" = coalesce((SELECT "id" FROM "centres" ORDER BY "seat" <-> "calls"."position" LIMIT 1) , (SELECT "id" FROM "centres" WHERE "code" = 'LJ')) WHERE "position" IS NOT NULL;--> statement-breakpoint
UPDATE "calls" SET "centre_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "centre_id" IS NULL;--> statement-breakpoint
UPDATE "calls" SET "routed_centre_id" = "centre_id";--> statement-breakpoint
UPDATE "users" SET "centre_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "role" IN ('call_taker','dispatcher','supervisor');--> statement-breakpoint
UPDATE "api_tokens" SET "centre_id" = (SELECT "id" FROM "centres" WHERE "code" = 'LJ') WHERE "role" IN ('call_taker','dispatcher','supervisor');--> statement-breakpoint
ALTER TABLE "incidents" ALTER COLUMN "centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ALTER COLUMN "centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ALTER COLUMN "routed_centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_partner_id_centres_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."centres"("id");--> statement-breakpoint
ALTER TABLE "centre_takeovers" ADD CONSTRAINT "centre_takeovers_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_takeovers" ADD CONSTRAINT "centre_takeovers_partner_id_centres_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_takeovers" ADD CONSTRAINT "centre_takeovers_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_transfers" ADD CONSTRAINT "incident_transfers_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_transfers" ADD CONSTRAINT "incident_transfers_from_centre_id_centres_id_fk" FOREIGN KEY ("from_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_transfers" ADD CONSTRAINT "incident_transfers_to_centre_id_centres_id_fk" FOREIGN KEY ("to_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "centre_takeovers_open_idx" ON "centre_takeovers" USING btree ("centre_id") WHERE "centre_takeovers"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_transfers_pending_idx" ON "incident_transfers" USING btree ("incident_id") WHERE "incident_transfers"."accepted_at" is null;--> statement-breakpoint
CREATE INDEX "incident_transfers_to_idx" ON "incident_transfers" USING btree ("to_centre_id","accepted_at");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_routed_centre_id_centres_id_fk" FOREIGN KEY ("routed_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_centre_open_idx" ON "incidents" USING btree ("centre_id") WHERE "incidents"."status" in ('new','dispatched','in_progress');--> statement-breakpoint
CREATE INDEX "stations_centre_idx" ON "stations" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "calls_routed_waiting_idx" ON "calls" USING btree ("routed_centre_id") WHERE "calls"."state" = 'waiting';--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_centre_check" CHECK (("api_tokens"."role" in ('call_taker','dispatcher','supervisor')) = ("api_tokens"."centre_id" is not null));--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_role_check" CHECK ("api_tokens"."role" in ('call_taker','dispatcher','station','supervisor','national'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_centre_check" CHECK (("users"."role" in ('call_taker','dispatcher','supervisor')) = ("users"."centre_id" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('call_taker','dispatcher','station','supervisor','national'));