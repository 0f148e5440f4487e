-- Several app processes share one database: every new published snapshot (a publication or a correction)
-- notifies the channel dept_budget_public when its transaction commits, and each process clears its caches
-- of the public pages (src/server/http/publication-listener.ts). Payload: {"year":…,"unitId":…,"snapshotId":…}.
CREATE OR REPLACE FUNCTION notify_publication() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('dept_budget_public', json_build_object('year', NEW.year, 'unitId', NEW.unit_id, 'snapshotId', NEW.id)::text);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER published_snapshots_notify
  AFTER INSERT ON published_snapshots
  FOR EACH ROW EXECUTE FUNCTION notify_publication();
