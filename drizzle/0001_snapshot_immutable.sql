-- A published snapshot is what the public read: it is never updated or deleted, not even by an admin in SQL.
CREATE OR REPLACE FUNCTION refuse_snapshot_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '已发布的预算快照不可修改或删除（published snapshot % is immutable）', OLD.id
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER published_snapshots_immutable
  BEFORE UPDATE OR DELETE ON published_snapshots
  FOR EACH ROW EXECUTE FUNCTION refuse_snapshot_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_snapshot_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '已发布的预算快照不可清空（published snapshots are immutable）'
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER published_snapshots_no_truncate
  BEFORE TRUNCATE ON published_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_snapshot_truncate();
