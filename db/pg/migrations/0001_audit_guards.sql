-- The audit trail is evidence: once written, an entry can neither change nor disappear. Triggers
-- fire for every role, the owner included (only a superuser can switch them off, with
-- session_replication_role); the app's role is further kept from the table's owner rights
-- (migration 0002). SQLite needs a third guard against INSERT OR REPLACE; PostgreSQL has no such
-- statement, and INSERT … ON CONFLICT DO UPDATE fires the UPDATE trigger.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_log is append-only');
--> statement-breakpoint
-- TRUNCATE fires no row trigger: a statement trigger refuses it (TRUNCATE users CASCADE included).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit_log is append-only');
--> statement-breakpoint
-- As SQLite's migration 0011: where the keyed chain starts. A new PostgreSQL database is keyed from
-- its first entry (0). Bringing a desk's log over, with its unkeyed start, is the owner's work
-- inside the import's transaction (the owner may set these triggers aside there; the app may not).
CREATE TABLE audit_chain (
  id integer PRIMARY KEY CHECK (id = 1),
  unkeyed_until bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO audit_chain (id, unkeyed_until) SELECT 1, coalesce(max(id), 0) FROM audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_chain is fixed');
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_chain is fixed');
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit_chain is fixed');
