-- Which incidents concern a station: those it was alerted to, and those handed over to it. The one
-- definition of a station's view of the centre's work (lib/stations/station-scope.ts): the incident
-- list, the single-incident check and the event replay all read it.
CREATE VIEW "station_incidents" AS
  SELECT "station_id", "incident_id" FROM "alerts"
  UNION ALL
  SELECT "station_id", "incident_id" FROM "handovers";
