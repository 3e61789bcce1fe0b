CREATE TABLE "stats_incidents" (
	"incident_id" integer PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone,
	"call_started_at" timestamp with time zone,
	"priority" text,
	"type" text,
	"centre_id" integer,
	"snapshot_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_unit_times" (
	"incident_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"station_id" integer NOT NULL,
	"alerted_at" timestamp with time zone,
	"ack_at" timestamp with time zone,
	"on_scene_at" timestamp with time zone,
	CONSTRAINT "stats_unit_times_incident_id_unit_id_station_id_pk" PRIMARY KEY("incident_id","unit_id","station_id")
);
--> statement-breakpoint
CREATE INDEX "stats_incidents_created_idx" ON "stats_incidents" USING btree ("created_at");--> statement-breakpoint
-- The summary is kept by the appends themselves: each event of an incident is folded into its rows in
-- the appending transaction (after the chain trigger has accepted it). A snapshot of the incident
-- (created, updated, a hand-over between centres acknowledged) sets the latest priority, type and
-- centre; the first alert, acknowledgement and arrival on scene of each unit are kept. Events written
-- before protocol 2 had an assignment's status at the payload's top level.
CREATE FUNCTION stats_summary_fold() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  inc jsonb;
  status text;
BEGIN
  IF NEW.incident_id IS NULL THEN
    RETURN NULL;
  END IF;
  IF NEW.type IN ('incident.created', 'incident.updated', 'incident.transfer_accepted') AND NEW.payload ? 'incident' THEN
    inc := NEW.payload->'incident';
    INSERT INTO stats_incidents AS s (incident_id, created_at, call_started_at, priority, type, centre_id, snapshot_seq)
    VALUES (
      NEW.incident_id,
      CASE WHEN NEW.type = 'incident.created' THEN NEW.at END,
      CASE WHEN NEW.type = 'incident.created' THEN nullif(inc->>'callStartedAt', '')::timestamptz END,
      inc->>'priority', inc->>'type', (inc->>'centreId')::int, NEW.seq)
    ON CONFLICT (incident_id) DO UPDATE SET
      created_at = least(s.created_at, excluded.created_at),
      call_started_at = coalesce(s.call_started_at, excluded.call_started_at),
      priority = CASE WHEN excluded.snapshot_seq > s.snapshot_seq THEN excluded.priority ELSE s.priority END,
      type = CASE WHEN excluded.snapshot_seq > s.snapshot_seq THEN excluded.type ELSE s.type END,
      centre_id = CASE WHEN excluded.snapshot_seq > s.snapshot_seq THEN coalesce(excluded.centre_id, s.centre_id)
                       ELSE coalesce(s.centre_id, excluded.centre_id) END,
      snapshot_seq = greatest(s.snapshot_seq, excluded.snapshot_seq);
    RETURN NULL;
  END IF;
  IF NEW.unit_id IS NULL OR NEW.station_id IS NULL THEN
    RETURN NULL;
  END IF;
  IF NEW.type = 'alert.created' THEN
    INSERT INTO stats_unit_times AS u (incident_id, unit_id, station_id, alerted_at)
    VALUES (NEW.incident_id, NEW.unit_id, NEW.station_id, NEW.at)
    ON CONFLICT (incident_id, unit_id, station_id) DO UPDATE SET alerted_at = least(u.alerted_at, excluded.alerted_at);
  ELSIF NEW.type = 'alert.acknowledged' THEN
    INSERT INTO stats_unit_times AS u (incident_id, unit_id, station_id, ack_at)
    VALUES (NEW.incident_id, NEW.unit_id, NEW.station_id, NEW.at)
    ON CONFLICT (incident_id, unit_id, station_id) DO UPDATE SET ack_at = least(u.ack_at, excluded.ack_at);
  ELSIF NEW.type = 'assignment.updated' THEN
    status := coalesce(NEW.payload->'assignment'->>'status', NEW.payload->>'status');
    IF status = 'on_scene' THEN
      INSERT INTO stats_unit_times AS u (incident_id, unit_id, station_id, on_scene_at)
      VALUES (NEW.incident_id, NEW.unit_id, NEW.station_id, NEW.at)
      ON CONFLICT (incident_id, unit_id, station_id) DO UPDATE SET on_scene_at = least(u.on_scene_at, excluded.on_scene_at);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_stats_summary AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION stats_summary_fold();
--> statement-breakpoint
-- The rows for the log written before this migration, from the log.
INSERT INTO stats_incidents (incident_id, created_at, call_started_at, priority, type, centre_id, snapshot_seq)
SELECT e.incident_id,
       min(e.at) FILTER (WHERE e.type = 'incident.created'),
       min(nullif(e.payload->'incident'->>'callStartedAt', '')::timestamptz) FILTER (WHERE e.type = 'incident.created'),
       (array_agg(e.payload->'incident'->>'priority' ORDER BY e.seq DESC))[1],
       (array_agg(e.payload->'incident'->>'type' ORDER BY e.seq DESC))[1],
       (array_agg((e.payload->'incident'->>'centreId')::int ORDER BY e.seq DESC) FILTER (WHERE e.payload->'incident' ? 'centreId'))[1],
       max(e.seq)
  FROM events e
 WHERE e.incident_id IS NOT NULL
   AND e.type IN ('incident.created', 'incident.updated', 'incident.transfer_accepted') AND e.payload ? 'incident'
 GROUP BY e.incident_id;
--> statement-breakpoint
INSERT INTO stats_unit_times (incident_id, unit_id, station_id, alerted_at, ack_at, on_scene_at)
SELECT e.incident_id, e.unit_id, e.station_id,
       min(e.at) FILTER (WHERE e.type = 'alert.created'),
       min(e.at) FILTER (WHERE e.type = 'alert.acknowledged'),
       min(e.at) FILTER (WHERE e.type = 'assignment.updated'
                           AND coalesce(e.payload->'assignment'->>'status', e.payload->>'status') = 'on_scene')
  FROM events e
 WHERE e.incident_id IS NOT NULL AND e.unit_id IS NOT NULL AND e.station_id IS NOT NULL
   AND (e.type IN ('alert.created', 'alert.acknowledged')
        OR (e.type = 'assignment.updated'
            AND coalesce(e.payload->'assignment'->>'status', e.payload->>'status') = 'on_scene'))
 GROUP BY e.incident_id, e.unit_id, e.station_id;
