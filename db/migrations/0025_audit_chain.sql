CREATE TABLE "login_devices" (
	"token_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_devices_token_hash_user_id_pk" PRIMARY KEY("token_hash","user_id")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_anchors" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"destinations" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_devices" ADD CONSTRAINT "login_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_devices_user_idx" ON "login_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "login_devices_used_idx" ON "login_devices" USING btree ("last_used_at");--> statement-breakpoint
CREATE INDEX "login_throttle_last_idx" ON "login_throttle" USING btree ("last_failure_at");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
-- The event log's hash chain (docs/proof.md). hash(n) = SHA-256(hash(n-1) || content(n)), where content is
-- the row's columns as text joined by U+001F: seq, type, at in microseconds since 1970 (UTC), incident_id,
-- unit_id, station_id, actor_user_id (empty when null), actor, payload as jsonb text (canonical: PostgreSQL
-- orders keys and spaces jsonb itself). The first row's previous hash is empty. lib/audit/chain.ts
-- recomputes the same thing outside the database.
ALTER TABLE "events" ADD COLUMN "hash" bytea;
--> statement-breakpoint
CREATE FUNCTION event_chain_hash(
  prev bytea, seq bigint, type text, at timestamptz, incident_id int, unit_id int, station_id int,
  actor_user_id int, actor text, payload jsonb
) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(coalesce(prev, ''::bytea) || convert_to(concat_ws(chr(31),
    seq::text, type, ((extract(epoch from at) * 1000000)::bigint)::text,
    coalesce(incident_id::text, ''), coalesce(unit_id::text, ''), coalesce(station_id::text, ''),
    coalesce(actor_user_id::text, ''), actor, payload::text), 'UTF8'))
$$;
--> statement-breakpoint
-- Every append, whoever makes it, takes the event-log lock (lib/events/write-tx.ts takes it already, before
-- the row's seq is drawn) and links to the newest row; a row whose seq is not after it is refused, so the
-- chain in seq order is the chain in append order.
CREATE FUNCTION events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  PERFORM pg_advisory_xact_lock(112000000);
  SELECT e.seq, e.hash INTO head FROM events e ORDER BY e.seq DESC LIMIT 1;
  IF head.seq IS NOT NULL AND NEW.seq <= head.seq THEN
    RAISE EXCEPTION 'events: seq % is not after the newest row %', NEW.seq, head.seq
      USING ERRCODE = 'check_violation';
  END IF;
  NEW.hash := event_chain_hash(head.hash, NEW.seq, NEW.type, NEW.at, NEW.incident_id, NEW.unit_id,
    NEW.station_id, NEW.actor_user_id, NEW.actor, NEW.payload);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
ALTER TABLE events DISABLE TRIGGER events_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r record;
  prev bytea := NULL;
BEGIN
  FOR r IN SELECT * FROM events ORDER BY seq LOOP
    prev := event_chain_hash(prev, r.seq, r.type, r.at, r.incident_id, r.unit_id, r.station_id,
      r.actor_user_id, r.actor, r.payload);
    UPDATE events SET hash = prev WHERE seq = r.seq;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE events ENABLE TRIGGER events_no_update_delete;
--> statement-breakpoint
ALTER TABLE events ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
CREATE TRIGGER events_chain BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_chain();
--> statement-breakpoint
-- Anchors are evidence too: appended, never changed.
CREATE TRIGGER audit_anchors_no_update_delete BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
