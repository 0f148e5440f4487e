-- The content of a budget that has a published snapshot is frozen: a correction is a new revision.
-- Department consolidations read published budgets' line items in SQL; this keeps them equal to the snapshots.
CREATE OR REPLACE FUNCTION refuse_published_content_change() RETURNS trigger AS $$
DECLARE
  target_budget integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    target_budget := OLD.budget_id;
  ELSE
    target_budget := NEW.budget_id;
  END IF;
  IF EXISTS (SELECT 1 FROM published_snapshots WHERE budget_id = target_budget)
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM published_snapshots WHERE budget_id = OLD.budget_id)) THEN
    RAISE EXCEPTION '预算 % 已发布，内容不可修改；请发起更正（新修订版）（budget % is published and frozen）', target_budget, target_budget
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER line_items_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON line_items
  FOR EACH ROW EXECUTE FUNCTION refuse_published_content_change();
--> statement-breakpoint
CREATE TRIGGER projects_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION refuse_published_content_change();
--> statement-breakpoint
CREATE TRIGGER procurement_items_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON procurement_items
  FOR EACH ROW EXECUTE FUNCTION refuse_published_content_change();
--> statement-breakpoint
CREATE TRIGGER purchased_service_items_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON purchased_service_items
  FOR EACH ROW EXECUTE FUNCTION refuse_published_content_change();
--> statement-breakpoint
CREATE TRIGGER performance_targets_published_frozen BEFORE INSERT OR UPDATE OR DELETE ON performance_targets
  FOR EACH ROW EXECUTE FUNCTION refuse_published_content_change();
