-- The next human incident number (2026-000123), as a function the event log's append statement calls
-- (lib/events/write-tx.ts). Issue 20: the counter row is locked from its increment until the
-- transaction ends (that is what keeps the numbers gap-free), so every round trip between the increment
-- and the commit serialised the country's incident creations; drawn under the event-log lock, in the
-- statement that appends the incident.created event, it adds no wait of its own.
CREATE FUNCTION next_incident_number() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  y int;
  n int;
BEGIN
  INSERT INTO incident_counters AS c (year, last)
  VALUES (extract(year FROM now() AT TIME ZONE 'Europe/Ljubljana')::int, 1)
  ON CONFLICT (year) DO UPDATE SET last = c.last + 1
  RETURNING year, last INTO y, n;
  RETURN y::text || '-' || lpad(n::text, 6, '0');
END $$;
