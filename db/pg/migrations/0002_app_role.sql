-- Who may do what. The tables belong to the role that runs the migrations (the owner: IT's
-- "crm_owner", say). The server's everyday connections use another login role, which IT makes a
-- member of the group role below (GRANT jetinfo_crm_app TO crm_server): it holds only these grants,
-- so it can neither change nor empty audit_log, nor alter, disable the triggers of or drop any
-- table. A group role, not a login: the migration knows no login's name or password, IT keeps
-- those, and can swap the server's login (or add a read-only reporting role beside it) without a
-- migration. Role names are the cluster's: one CRM database per cluster shares this one.
-- IT may create the role beforehand; then the owner needs no CREATEROLE right.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jetinfo_crm_app') THEN
    BEGIN
      CREATE ROLE jetinfo_crm_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      -- Another database of the cluster was migrated at the same moment and created it first.
      NULL;
    END;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO jetinfo_crm_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  users, settings, companies, people, phones, emails, addresses, interactions, person_history,
  products, report_sequences, error_reports, error_report_events, user_preferences,
  training_courses, training_sessions, training_requests,
  privacy_requests, contact_preferences, contact_preference_changes, suppression_list, disclosures,
  people_search, error_reports_search
TO jetinfo_crm_app;
--> statement-breakpoint
-- Append-only evidence: written and read, never changed (the triggers of 0001 hold for the owner too).
GRANT SELECT, INSERT ON audit_log TO jetinfo_crm_app;
--> statement-breakpoint
GRANT SELECT ON audit_chain, schema_migrations TO jetinfo_crm_app;
