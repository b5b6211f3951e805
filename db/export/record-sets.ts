import type Database from "better-sqlite3";
import type { Dialect } from "../engine";
import { AppError } from "../errors";
import {
  RECORD_SET_KEYS,
  type ColumnType,
  type ExportCodeStyle,
  type ExportFilterKey,
  type ExportFilters,
  type RecordSetDescription,
  type RecordSetKey,
} from "../../common/contract/exports";
import { label as codeLabel, type LabelGroup } from "../../common/labels";
import {
  INTERACTION_CHANNELS,
  INTERACTION_PURPOSES,
  PERSON_LANGUAGES,
  PREFERENCE_CHANNELS,
  PREFERENCE_TOPICS,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_STATUSES,
  REPORT_STATUSES,
  SESSION_STATUSES,
  SEVERITIES,
  TRAINING_STATUSES,
  type Language,
} from "../schema";
import { registerSuppressionCheck } from "./suppression-check";
import { formatInstant } from "./zurich-dates";

/**
 * What a manager can export: each record set names its columns (type, French and English label,
 * SQL expression), the filters it accepts and how they narrow the rows. Queries are built from
 * these declarations only — never from caller text — and run as prepared statements with
 * parameters, streamed row by row.
 */

export { RECORD_SET_KEYS, type ColumnType, type ExportFilters, type RecordSetKey } from "../../common/contract/exports";

export interface ColumnDef {
  key: string;
  type: ColumnType;
  fr: string;
  en: string;
  sql: string;
  /** A join this column needs (by name in the record set's `joins`), added only when it is chosen. */
  join?: string;
  /** Width in characters for the spreadsheet. */
  width?: number;
  /** The closed list a text column's codes belong to: CSV, Excel and the preview show its labels (common/labels.ts). */
  labels?: LabelGroup;
  /** A phone number stored in E.164: Excel shows it in international format (phone-cell.ts). */
  phone?: true;
}

type RangeFilter = { kind: "range"; column: string; type: "instant" | "day" };
/** `labels`: the closed list the values belong to, so the export screen can word them (common/labels.ts). */
type ListFilter = { kind: "list"; column: string; values: readonly string[]; labels: LabelGroup };
type IdFilter = { kind: "id"; column: string };
type FilterDef = RangeFilter | ListFilter | IdFilter;

export interface RecordSetDef {
  fr: string;
  en: string;
  from: string;
  joins?: Record<string, string>;
  /** Always applied (the mailing list's consent conditions). */
  where?: (filters: ExportFilters) => { sql: string; params: unknown[] };
  /** Rows whose person's primary email or phone is on the suppression list are left out (SUPPRESSION). */
  suppressed?: true;
  filters: Partial<Record<ExportFilterKey, FilterDef>>;
  /** Filters that must be given. */
  required?: readonly ExportFilterKey[];
  orderBy: string;
  columns: ColumnDef[];
  /** Columns chosen when the manager has not picked any. */
  defaults: string[];
}

const col = (key: string, type: ColumnType, fr: string, en: string, sql: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({ key, type, fr, en, sql, ...extra });

// The reporter of an error report may have been erased (person_id NULL): always LEFT JOIN people.
const personName = (alias: string) => `trim(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, ''))`;

const PRIMARY_PHONE = "(SELECT e164 FROM phones WHERE person_id = p.id ORDER BY is_primary DESC, id LIMIT 1)";
const PRIMARY_EMAIL = "(SELECT email FROM emails WHERE person_id = p.id ORDER BY is_primary DESC, id LIMIT 1)";

/** Contact columns of a person `p`: primary (else first) phone and email, first address. */
const contactColumns: ColumnDef[] = [
  col("phone", "text", "Téléphone", "Phone", PRIMARY_PHONE, { width: 17, phone: true }),
  col("email", "text", "E-mail", "Email", PRIMARY_EMAIL, { width: 30 }),
  col("street", "text", "Rue", "Street", "a.street", { join: "address", width: 28 }),
  col("postalCode", "text", "NPA", "Postal code", "a.postal_code", { join: "address", width: 8 }),
  col("city", "text", "Localité", "City", "a.city", { join: "address", width: 18 }),
  col("country", "text", "Pays", "Country", "a.country", { join: "address", width: 6 }),
];
const addressJoin = "LEFT JOIN addresses a ON a.id = (SELECT min(id) FROM addresses WHERE person_id = p.id)";

const REPORT_FILTERS = {
  from: { kind: "range", column: "r.created_at", type: "instant" },
  to: { kind: "range", column: "r.created_at", type: "instant" },
  status: { kind: "list", column: "r.status", values: REPORT_STATUSES, labels: "reportStatus" },
  severity: { kind: "list", column: "r.severity", values: SEVERITIES, labels: "severity" },
  productId: { kind: "id", column: "r.product_id" },
  assigneeId: { kind: "id", column: "r.assignee_id" },
} as const satisfies RecordSetDef["filters"];

const reportColumns: ColumnDef[] = [
  col("reference", "text", "Référence", "Reference", "r.reference", { width: 15 }),
  col("createdAt", "instant", "Créé le", "Created", "r.created_at", { width: 17 }),
  col("updatedAt", "instant", "Modifié le", "Updated", "r.updated_at", { width: 17 }),
  col("status", "text", "Statut", "Status", "r.status", { width: 14, labels: "reportStatus" }),
  col("severity", "text", "Gravité", "Severity", "r.severity", { width: 10, labels: "severity" }),
  col("frequency", "text", "Fréquence", "Frequency", "r.frequency", { width: 10, labels: "frequency" }),
  col("product", "text", "Produit", "Product", "pr.name", { join: "product", width: 20 }),
  col("productVersion", "text", "Version", "Version", "r.product_version", { width: 10 }),
  col("title", "text", "Titre", "Title", "r.title", { width: 40 }),
  col("description", "text", "Description", "Description", "r.description", { width: 50 }),
  col("reporterId", "integer", "N° personne", "Person no.", "r.person_id", { width: 10 }),
  col("reporter", "text", "Rapporteur", "Reporter", personName("p"), { join: "person", width: 24 }),
  col("callbackPhone", "text", "Tél. de rappel", "Call-back phone", "r.callback_phone", { width: 17, phone: true }),
  col("nextCallbackAt", "instant", "Prochain rappel", "Next call-back", "r.next_callback_at", { width: 17 }),
  col("assignee", "text", "Assigné à", "Assignee", "u.display_name", { join: "assignee", width: 20 }),
  col("resolution", "text", "Résolution", "Resolution", "r.resolution", { width: 40 }),
];
const reportJoins = {
  product: "JOIN products pr ON pr.id = r.product_id",
  person: "LEFT JOIN people p ON p.id = r.person_id",
  assignee: "LEFT JOIN users u ON u.id = r.assignee_id",
};

export const RECORD_SETS = {
  people: {
    fr: "Personnes et coordonnées",
    en: "People with contact details",
    from: "people p",
    joins: { company: "LEFT JOIN companies c ON c.id = p.company_id", address: addressJoin },
    filters: {
      from: { kind: "range", column: "p.created_at", type: "instant" },
      to: { kind: "range", column: "p.created_at", type: "instant" },
      language: { kind: "list", column: "p.language", values: PERSON_LANGUAGES, labels: "personLanguage" },
    },
    orderBy: "p.id",
    columns: [
      col("id", "integer", "N°", "No.", "p.id", { width: 9 }),
      col("salutation", "text", "Civilité", "Salutation", "p.salutation", { width: 8, labels: "salutation" }),
      col("firstName", "text", "Prénom", "First name", "p.first_name", { width: 16 }),
      col("lastName", "text", "Nom", "Last name", "p.last_name", { width: 18 }),
      col("language", "text", "Langue", "Language", "p.language", { width: 7, labels: "personLanguage" }),
      col("company", "text", "Entreprise", "Company", "c.name", { join: "company", width: 24 }),
      ...contactColumns,
      col("lastContactAt", "instant", "Dernier contact", "Last contact", "p.last_contact_at", { width: 17 }),
      col("createdAt", "instant", "Créé le", "Created", "p.created_at", { width: 17 }),
    ],
    defaults: ["id", "salutation", "firstName", "lastName", "language", "company", "phone", "email", "street", "postalCode", "city", "country", "lastContactAt", "createdAt"],
  },

  companies: {
    fr: "Entreprises",
    en: "Companies",
    from: "companies c",
    filters: {
      from: { kind: "range", column: "c.created_at", type: "instant" },
      to: { kind: "range", column: "c.created_at", type: "instant" },
    },
    orderBy: "c.id",
    columns: [
      col("id", "integer", "N°", "No.", "c.id", { width: 8 }),
      col("name", "text", "Nom", "Name", "c.name", { width: 30 }),
      col("phone", "text", "Téléphone", "Phone", "c.phone", { width: 17, phone: true }),
      col("street", "text", "Rue", "Street", "c.street", { width: 28 }),
      col("postalCode", "text", "NPA", "Postal code", "c.postal_code", { width: 8 }),
      col("city", "text", "Localité", "City", "c.city", { width: 18 }),
      col("country", "text", "Pays", "Country", "c.country", { width: 6 }),
      col("website", "text", "Site web", "Website", "c.website", { width: 28 }),
      col("people", "integer", "Personnes", "People", "(SELECT count(*) FROM people WHERE company_id = c.id)", { width: 10 }),
      col("createdAt", "instant", "Créée le", "Created", "c.created_at", { width: 17 }),
    ],
    defaults: ["id", "name", "phone", "street", "postalCode", "city", "country", "website", "people", "createdAt"],
  },

  interactions: {
    fr: "Journal des appels",
    en: "Call log",
    from: "interactions i",
    joins: { person: "JOIN people p ON p.id = i.person_id", agent: "LEFT JOIN users u ON u.id = i.agent_id" },
    filters: {
      from: { kind: "range", column: "i.at", type: "instant" },
      to: { kind: "range", column: "i.at", type: "instant" },
      purpose: { kind: "list", column: "i.purpose", values: INTERACTION_PURPOSES, labels: "interactionPurpose" },
      channel: { kind: "list", column: "i.channel", values: INTERACTION_CHANNELS, labels: "interactionChannel" },
      agentId: { kind: "id", column: "i.agent_id" },
    },
    orderBy: "i.id",
    columns: [
      col("at", "instant", "Date", "Date", "i.at", { width: 17 }),
      col("channel", "text", "Canal", "Channel", "i.channel", { width: 10, labels: "interactionChannel" }),
      col("purpose", "text", "Motif", "Purpose", "i.purpose", { width: 14, labels: "interactionPurpose" }),
      col("personId", "integer", "N° personne", "Person no.", "i.person_id", { width: 10 }),
      col("person", "text", "Personne", "Person", personName("p"), { join: "person", width: 24 }),
      col("agent", "text", "Agent", "Agent", "u.display_name", { join: "agent", width: 20 }),
      col("summary", "text", "Résumé", "Summary", "i.summary", { width: 50 }),
    ],
    defaults: ["at", "channel", "purpose", "personId", "person", "agent", "summary"],
  },

  errorReports: {
    fr: "Rapports d'erreur",
    en: "Error reports",
    from: "error_reports r",
    joins: reportJoins,
    filters: REPORT_FILTERS,
    orderBy: "r.id",
    columns: reportColumns,
    defaults: ["reference", "createdAt", "status", "severity", "product", "productVersion", "title", "reporter", "assignee", "nextCallbackAt", "updatedAt"],
  },

  errorReportEvents: {
    fr: "Rapports d'erreur avec leur historique",
    en: "Error reports with their events",
    from: "error_report_events e JOIN error_reports r ON r.id = e.report_id",
    joins: { ...reportJoins, eventUser: "LEFT JOIN users eu ON eu.id = e.user_id" },
    filters: REPORT_FILTERS,
    orderBy: "r.id, e.at, e.id",
    columns: [
      ...reportColumns.filter((c) => ["reference", "createdAt", "status", "severity", "product", "title", "reporter", "assignee"].includes(c.key)),
      col("eventAt", "instant", "Événement le", "Event date", "e.at", { width: 17 }),
      col("eventKind", "text", "Événement", "Event", "e.kind", { width: 12, labels: "reportEventKind" }),
      col("eventUser", "text", "Par", "By", "eu.display_name", { join: "eventUser", width: 20 }),
      col("fromStatus", "text", "De", "From", "e.from_status", { width: 14, labels: "reportStatus" }),
      col("toStatus", "text", "À", "To", "e.to_status", { width: 14, labels: "reportStatus" }),
      col("outcome", "text", "Résultat du rappel", "Call-back outcome", "e.outcome", { width: 14, labels: "callbackOutcome" }),
      col("eventText", "text", "Texte", "Text", "e.text", { width: 50 }),
    ],
    defaults: ["reference", "title", "status", "eventAt", "eventKind", "eventUser", "fromStatus", "toStatus", "outcome", "eventText"],
  },

  trainingRequests: {
    fr: "Demandes de formation",
    en: "Training requests",
    from: "training_requests t",
    joins: {
      course: "JOIN training_courses tc ON tc.id = t.course_id",
      person: "JOIN people p ON p.id = t.person_id",
      company: "LEFT JOIN companies c ON c.id = t.company_id",
      session: "LEFT JOIN training_sessions s ON s.id = t.session_id",
    },
    filters: {
      from: { kind: "range", column: "t.created_at", type: "instant" },
      to: { kind: "range", column: "t.created_at", type: "instant" },
      status: { kind: "list", column: "t.status", values: TRAINING_STATUSES, labels: "trainingStatus" },
      courseId: { kind: "id", column: "t.course_id" },
    },
    orderBy: "t.id",
    columns: [
      col("id", "integer", "N°", "No.", "t.id", { width: 8 }),
      col("createdAt", "instant", "Demandée le", "Requested", "t.created_at", { width: 17 }),
      col("status", "text", "Statut", "Status", "t.status", { width: 12, labels: "trainingStatus" }),
      col("courseCode", "text", "Code formation", "Course code", "tc.code", { join: "course", width: 12 }),
      col("courseTitle", "text", "Formation", "Course", "tc.title_fr", { join: "course", width: 30 }),
      col("personId", "integer", "N° personne", "Person no.", "t.person_id", { width: 10 }),
      col("person", "text", "Personne", "Person", personName("p"), { join: "person", width: 24 }),
      col("company", "text", "Entreprise", "Company", "c.name", { join: "company", width: 24 }),
      col("participants", "integer", "Participants", "Participants", "t.participants", { width: 12 }),
      col("language", "text", "Langue", "Language", "t.language", { width: 7, labels: "trainingLanguage" }),
      col("format", "text", "Format", "Format", "t.format", { width: 10, labels: "courseFormat" }),
      col("preferredPeriod", "text", "Période souhaitée", "Preferred period", "t.preferred_period", { width: 20 }),
      col("sessionStartsOn", "day", "Session du", "Session on", "s.starts_on", { join: "session", width: 11 }),
      col("callbackConsent", "boolean", "Accepte le rappel", "Call-back consent", "t.callback_consent", { width: 10 }),
      col("notes", "text", "Notes", "Notes", "t.notes", { width: 40 }),
    ],
    defaults: ["id", "createdAt", "status", "courseCode", "courseTitle", "person", "company", "participants", "language", "format", "sessionStartsOn"],
  },

  trainingSessions: {
    fr: "Formations et sessions",
    en: "Courses and sessions",
    from: "training_sessions s JOIN training_courses tc ON tc.id = s.course_id",
    filters: {
      from: { kind: "range", column: "s.starts_on", type: "day" },
      to: { kind: "range", column: "s.starts_on", type: "day" },
      status: { kind: "list", column: "s.status", values: SESSION_STATUSES, labels: "sessionStatus" },
      courseId: { kind: "id", column: "s.course_id" },
    },
    orderBy: "s.starts_on, s.id",
    columns: [
      col("courseCode", "text", "Code formation", "Course code", "tc.code", { width: 12 }),
      col("courseTitleFr", "text", "Titre (FR)", "Title (FR)", "tc.title_fr", { width: 30 }),
      col("courseTitleEn", "text", "Titre (EN)", "Title (EN)", "tc.title_en", { width: 30 }),
      col("format", "text", "Format", "Format", "tc.format", { width: 10, labels: "courseFormat" }),
      col("duration", "integer", "Durée", "Duration", "tc.duration_value", { width: 8 }),
      col("durationUnit", "text", "Unité", "Unit", "tc.duration_unit", { width: 8, labels: "durationUnit" }),
      col("startsOn", "day", "Début", "Starts", "s.starts_on", { width: 11 }),
      col("endsOn", "day", "Fin", "Ends", "s.ends_on", { width: 11 }),
      col("place", "text", "Lieu", "Place", "s.place", { width: 20 }),
      col("trainer", "text", "Formateur", "Trainer", "s.trainer", { width: 20 }),
      col("capacity", "integer", "Places", "Seats", "s.capacity", { width: 8 }),
      col("booked", "integer", "Participants inscrits", "Participants booked", "(SELECT coalesce(sum(participants), 0) FROM training_requests WHERE session_id = s.id AND status <> 'cancelled')", { width: 10 }),
      col("status", "text", "Statut", "Status", "s.status", { width: 11, labels: "sessionStatus" }),
    ],
    defaults: ["courseCode", "courseTitleFr", "format", "startsOn", "endsOn", "place", "trainer", "capacity", "booked", "status"],
  },

  privacyRequests: {
    fr: "Demandes de protection des données",
    en: "Data-protection requests",
    from: "privacy_requests q",
    joins: { person: "LEFT JOIN people p ON p.id = q.person_id" },
    filters: {
      from: { kind: "range", column: "q.received_on", type: "day" },
      to: { kind: "range", column: "q.received_on", type: "day" },
      status: { kind: "list", column: "q.status", values: PRIVACY_STATUSES, labels: "privacyStatus" },
      kind: { kind: "list", column: "q.kind", values: PRIVACY_REQUEST_KINDS, labels: "privacyRequestKind" },
    },
    orderBy: "q.id",
    columns: [
      col("reference", "text", "Référence", "Reference", "q.reference", { width: 14 }),
      col("kind", "text", "Type", "Kind", "q.kind", { width: 14, labels: "privacyRequestKind" }),
      col("channel", "text", "Canal", "Channel", "q.channel", { width: 10, labels: "privacyChannel" }),
      col("receivedOn", "day", "Reçue le", "Received", "q.received_on", { width: 11 }),
      col("dueOn", "day", "Échéance", "Due", "q.due_on", { width: 11 }),
      col("status", "text", "Statut", "Status", "q.status", { width: 11, labels: "privacyStatus" }),
      col("personId", "integer", "N° personne", "Person no.", "q.person_id", { width: 10 }),
      col("person", "text", "Personne", "Person", `nullif(${personName("p")}, '')`, { join: "person", width: 24 }),
      col("identityMethod", "text", "Vérification d'identité", "Identity check", "q.identity_method", { width: 18, labels: "identityMethod" }),
      col("closedAt", "instant", "Clôturée le", "Closed", "q.closed_at", { width: 17 }),
      col("erasedAt", "instant", "Effacement le", "Erased", "q.erased_at", { width: 17 }),
    ],
    defaults: ["reference", "kind", "channel", "receivedOn", "dueOn", "status", "person", "closedAt"],
  },

  mailingList: {
    fr: "Liste d'envoi (personnes inscrites à un thème)",
    en: "Mailing list (people opted in to a topic)",
    from: "people p",
    joins: { address: addressJoin },
    // Opted in (the current choice per person × topic × channel) on a chosen topic through a chosen
    // channel the person can be reached on; and (`suppressed`) no contact of theirs on the suppression list.
    where: (f) => {
      const topics = f.topic ?? [];
      const channels = f.channel ?? ["email"];
      const marks = (n: number) => Array(n).fill("?").join(", ");
      return {
        sql: `EXISTS (SELECT 1 FROM contact_preferences cp WHERE cp.person_id = p.id AND cp.status = 'opted_in' AND cp.topic IN (${marks(topics.length)}) AND cp.channel IN (${marks(channels.length)})
                AND ((cp.channel = 'email' AND EXISTS (SELECT 1 FROM emails WHERE person_id = p.id))
                  OR (cp.channel = 'phone' AND EXISTS (SELECT 1 FROM phones WHERE person_id = p.id))
                  OR (cp.channel = 'post' AND EXISTS (SELECT 1 FROM addresses WHERE person_id = p.id))))`,
        params: [...topics, ...channels],
      };
    },
    suppressed: true,
    filters: {
      topic: { kind: "list", column: "", values: PREFERENCE_TOPICS, labels: "preferenceTopic" },
      channel: { kind: "list", column: "", values: PREFERENCE_CHANNELS, labels: "preferenceChannel" },
      language: { kind: "list", column: "p.language", values: PERSON_LANGUAGES, labels: "personLanguage" },
    },
    required: ["topic"],
    orderBy: "p.id",
    columns: [
      col("id", "integer", "N°", "No.", "p.id", { width: 9 }),
      col("salutation", "text", "Civilité", "Salutation", "p.salutation", { width: 8, labels: "salutation" }),
      col("firstName", "text", "Prénom", "First name", "p.first_name", { width: 16 }),
      col("lastName", "text", "Nom", "Last name", "p.last_name", { width: 18 }),
      col("language", "text", "Langue", "Language", "p.language", { width: 7, labels: "personLanguage" }),
      ...contactColumns,
    ],
    defaults: ["salutation", "firstName", "lastName", "language", "email", "street", "postalCode", "city", "country"],
  },

  auditLog: {
    fr: "Journal d'audit",
    en: "Audit log",
    from: "audit_log l",
    joins: { user: "LEFT JOIN users u ON u.id = l.user_id" },
    filters: {
      from: { kind: "range", column: "l.at", type: "instant" },
      to: { kind: "range", column: "l.at", type: "instant" },
      userId: { kind: "id", column: "l.user_id" },
    },
    orderBy: "l.id",
    columns: [
      col("id", "integer", "N°", "No.", "l.id", { width: 9 }),
      col("at", "instant", "Date", "Date", "l.at", { width: 17 }),
      col("user", "text", "Utilisateur", "User", "u.username", { join: "user", width: 16 }),
      col("operation", "text", "Opération", "Operation", "l.operation", { width: 22 }),
      col("entityType", "text", "Type d'élément", "Entity type", "l.entity_type", { width: 16 }),
      col("entityId", "text", "N° d'élément", "Entity id", "l.entity_id", { width: 12 }),
      col("fields", "text", "Champs", "Fields", "l.fields", { width: 40 }),
      col("hash", "text", "Empreinte", "Hash", "l.hash", { width: 20 }),
    ],
    defaults: ["id", "at", "user", "operation", "entityType", "entityId", "fields"],
  },
} satisfies Record<RecordSetKey, RecordSetDef>;

/** Labels follow the user's language (course titles too). */
function label(c: ColumnDef, language: Language): string {
  return language === "fr" ? c.fr : c.en;
}

function columnSql(c: ColumnDef, language: Language): string {
  return c.key === "courseTitle" && language === "en" ? "tc.title_en" : c.sql;
}

export interface ExportColumn {
  key: string;
  type: ColumnType;
  label: string;
  width: number;
  /** Set on a column of codes: the people-facing formats show `label(labels, code)` (JSON keeps the code). */
  labels?: LabelGroup;
  /** E.164 phone numbers: international format in Excel; CSV and JSON keep E.164. */
  phone?: true;
}

/** What the export screen shows to choose from. */
export function describeRecordSets(language: Language): RecordSetDescription[] {
  return RECORD_SET_KEYS.map((key) => {
    const set: RecordSetDef = RECORD_SETS[key];
    return {
      key,
      label: language === "fr" ? set.fr : set.en,
      columns: set.columns.map((c) => ({ key: c.key, type: c.type, label: label(c, language), ...(c.labels ? { coded: true } : {}) })),
      defaults: set.defaults,
      filters: Object.entries(set.filters).map(([name, def]) => ({
        key: name as ExportFilterKey,
        values: def.kind === "list" ? [...def.values] : undefined,
        // Each value's label in the reader's language: a flat list of codes cannot tell a training
        // request's "completed" from a privacy request's.
        labels: def.kind === "list" ? Object.fromEntries(def.values.map((v) => [v, codeLabel(def.labels, v, language)])) : undefined,
      })),
      required: [...(set.required ?? [])],
    };
  });
}

export interface ExportStatements {
  /** The rows, in column order (`c0`, `c1`, …). On PostgreSQL a suppression-checked set adds the contacts to check after them. */
  rows: string;
  count: string;
  /** PostgreSQL, a suppression-checked set: the candidates' contacts, counted in JavaScript after the check. */
  contacts?: string;
}

export interface ExportQuery {
  columns: ExportColumn[];
  /** The reader's language: column titles and code labels. */
  language: Language;
  /** SQLite's statements (as `statements.sqlite`; the export bench runs `sql` in the sqlite3 CLI). */
  sql: string;
  countSql: string;
  /** Each engine's statements over the same parameters: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
  statements: Record<Dialect, ExportStatements>;
  params: unknown[];
  /** Rows whose primary email or phone is on the suppression list are left out (the mailing list). */
  suppressed: boolean;
}

/**
 * The one place the engines differ: how the mailing list leaves out suppressed contacts. The list
 * holds keyed hashes (HMAC-SHA256, db/suppression.ts `contactHash`).
 * - SQLite: `export_suppressed()`, a JavaScript function registered on the connection
 *   (suppression-check.ts), inside the WHERE. CASE, not AND: SQLite may evaluate AND's terms in any
 *   order, and it ran the check (two subqueries and a call into JavaScript) for each of a million
 *   people first — 160 s for a list of none. CASE evaluates in order: only people opted in are checked.
 * - PostgreSQL: no function can call back into JavaScript, and HMAC needs the pgcrypto extension
 *   (not every server's role may create it) and contactHash's normalisation written again in SQL,
 *   where a drift would silently let a suppressed contact through. So the query selects the
 *   candidates' primary email and phone after the columns, and the export checks them with
 *   `contactHash` itself on each row before it is written (export-source.ts); the count streams the
 *   same two contacts and counts those that pass (only when the list is not empty).
 */
const SUPPRESSION: Record<Dialect, { where: (candidates: string) => string; contacts?: string }> = {
  sqlite: { where: (candidates) => `CASE WHEN ${candidates} THEN NOT export_suppressed(${PRIMARY_EMAIL}, ${PRIMARY_PHONE}) ELSE 0 END` },
  pg: { where: (candidates) => candidates, contacts: `${PRIMARY_EMAIL} AS suppression_email, ${PRIMARY_PHONE} AS suppression_phone` },
};

/**
 * Each engine's placeholders: `?` as written, or PostgreSQL's `$1`, `$2`, … in order. The
 * statements are built from the declarations above, whose SQL holds no `?` but the parameters'
 * (no literal, no operator), so the numbering is exact.
 */
const PLACEHOLDERS: Record<Dialect, (text: string) => string> = {
  sqlite: (text) => text,
  pg: (text) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  },
};

/** Geneva's calendar day of an instant, for day-typed columns filtered by a date range. */
const dayOf = (ms: number) => formatInstant(ms, "iso").slice(0, 10);

/**
 * The statement for one export: chosen columns (in the chosen order; the defaults when none),
 * joins only for those columns, and the filters the record set accepts. A filter it does not
 * accept is refused rather than ignored — an export must be exactly what was asked.
 */
export function buildExportQuery(key: RecordSetKey, chosen: readonly string[], filters: ExportFilters, language: Language, codes: ExportCodeStyle = "labels"): ExportQuery {
  const set: RecordSetDef = RECORD_SETS[key];
  const keys = chosen.length ? chosen : set.defaults;
  const seen = new Set<string>();
  const columns = keys.map((k, i) => {
    const def = set.columns.find((c) => c.key === k);
    if (!def || seen.has(k)) throw new AppError("VALIDATION", "export_column", { column: k.slice(0, 40) }, `columns.${i}`);
    seen.add(k);
    return def;
  });

  const where: string[] = [];
  const params: unknown[] = [];
  for (const name of set.required ?? []) {
    if (filters[name] === undefined) throw new AppError("VALIDATION", "export_filter_required", {}, `filters.${name}`);
  }
  for (const [name, value] of Object.entries(filters) as [ExportFilterKey, unknown][]) {
    if (value === undefined) continue;
    const def = set.filters[name];
    if (!def) throw new AppError("VALIDATION", "export_filter", {}, `filters.${name}`);
    if (def.kind === "range") {
      const bound = def.type === "day" ? dayOf(value as number) : value;
      where.push(`${def.column} ${name === "from" ? ">=" : "<="} ?`);
      params.push(bound);
    } else if (def.kind === "list") {
      const list = value as string[];
      list.forEach((v, i) => {
        if (!def.values.includes(v)) throw new AppError("VALIDATION", "export_filter_value", { value: v }, `filters.${name}.${i}`);
      });
      // The mailing list's topic and channel are applied inside its consent condition.
      if (!def.column) continue;
      where.push(`${def.column} IN (${list.map(() => "?").join(", ")})`);
      params.push(...list);
    } else {
      where.push(`${def.column} = ?`);
      params.push(value);
    }
  }
  let candidates = "";
  if (set.where) {
    const extra = set.where(filters);
    candidates = extra.sql;
    params.push(...extra.params);
  }

  const joins = [...new Set(columns.flatMap((c) => (c.join ? [c.join] : [])))].map((j) => set.joins![j]!);
  // Named c0, c1, …: the export bench has the sqlite3 CLI write the same cells over this statement.
  const select = columns.map((c, i) => `${columnSql(c, language)} AS c${i}`).join(", ");
  const statementsFor = (dialect: Dialect): ExportStatements => {
    const suppression = set.suppressed ? SUPPRESSION[dialect] : undefined;
    const conditions = candidates ? [...where, suppression ? suppression.where(candidates) : candidates] : where;
    const whereSql = conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
    const text = PLACEHOLDERS[dialect];
    return {
      rows: text(`SELECT ${select}${suppression?.contacts ? `, ${suppression.contacts}` : ""} FROM ${set.from} ${joins.join(" ")}${whereSql} ORDER BY ${set.orderBy}`),
      count: text(`SELECT count(*) FROM ${set.from}${whereSql}`),
      ...(suppression?.contacts ? { contacts: text(`SELECT ${suppression.contacts} FROM ${set.from}${whereSql}`) } : {}),
    };
  };
  const statements = { sqlite: statementsFor("sqlite"), pg: statementsFor("pg") };
  return {
    // Codes asked for: the column is plain text, its codes written as stored.
    columns: columns.map((c) => ({ key: c.key, type: c.type, label: label(c, language), width: c.width ?? 14, ...(c.labels && codes === "labels" ? { labels: c.labels } : {}), ...(c.phone ? { phone: c.phone } : {}) })),
    language,
    sql: statements.sqlite.rows,
    countSql: statements.sqlite.count,
    statements,
    params,
    suppressed: set.suppressed === true,
  };
}

/** The count on a SQLite connection (the preview job's, in its synchronous transaction). */
export function countExportRows(sqlite: Database.Database, query: ExportQuery): number {
  registerSuppressionCheck(sqlite);
  return sqlite.prepare(query.countSql).pluck().get(...query.params) as number;
}

/** The rows as arrays in column order, one at a time: memory stays flat whatever the count. */
export function iterateExportRows(sqlite: Database.Database, query: ExportQuery): IterableIterator<unknown[]> {
  registerSuppressionCheck(sqlite);
  return sqlite.prepare(query.sql).raw().iterate(...query.params) as IterableIterator<unknown[]>;
}

/** The first rows, for the preview: codes already as their labels, as the CSV and Excel files show them. */
export function previewExportRows(sqlite: Database.Database, query: ExportQuery, limit: number): unknown[][] {
  registerSuppressionCheck(sqlite);
  return labelPreviewRows(query, sqlite.prepare(`${query.sql} LIMIT ${previewLimit(limit)}`).raw().all(...query.params) as unknown[][]);
}

export const previewLimit = (limit: number) => Math.max(1, Math.floor(limit));

/**
 * Preview rows as shown: the columns only, codes as their labels, flags as booleans (SQLite stores
 * 1/0, PostgreSQL has true/false: one answer whichever engine read it).
 */
export function labelPreviewRows(query: ExportQuery, rows: unknown[][]): unknown[][] {
  const n = query.columns.length;
  const flag = (v: unknown) => (v === null || v === undefined ? null : Boolean(v));
  const labelled = query.columns.flatMap((c, i) => (c.labels ? [[i, codeCell(c.labels, query.language)] as const] : c.type === "boolean" ? [[i, flag] as const] : []));
  return rows.map((row) => {
    const shown = row.length === n ? row : row.slice(0, n);
    for (const [i, cell] of labelled) shown[i] = cell(shown[i]);
    return shown;
  });
}

/** A code as its label in the reader's language; NULL stays empty, an unknown code stays itself. */
export function codeCell(group: LabelGroup, language: Language): (value: unknown) => unknown {
  return (v) => (typeof v === "string" ? codeLabel(group, v, language) : v);
}
