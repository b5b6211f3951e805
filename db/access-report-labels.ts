import { label, STORED_CODES } from "../common/labels";
import { formatPhone } from "../common/phone";
import type { ReportLanguage } from "../common/contract/privacy";
import { jsonDateTime, reportDateTime, reportDay } from "./access-report-dates";
import { isTimeColumn } from "./personal-data";

/**
 * What the access report calls its tables and columns, and how a stored value reads for the
 * person: codes as their labels (common/labels.ts), dates in their language, phone numbers as
 * written in Switzerland, countries by name. The PDF and the JSON file both read these.
 */

export type Bilingual = { fr: string; en: string };

/** Labels of every column the report can show; a test checks none is missing. */
export const COLUMN_LABELS: Record<string, Bilingual> = {
  salutation: { fr: "Civilité", en: "Salutation" },
  first_name: { fr: "Prénom", en: "First name" },
  last_name: { fr: "Nom", en: "Last name" },
  language: { fr: "Langue", en: "Language" },
  company_id: { fr: "Entreprise", en: "Company" },
  created_at: { fr: "Créé le", en: "Created" },
  updated_at: { fr: "Modifié le", en: "Updated" },
  e164: { fr: "Numéro", en: "Number" },
  kind: { fr: "Type", en: "Kind" },
  is_primary: { fr: "Principal", en: "Primary" },
  email: { fr: "E-mail", en: "Email" },
  street: { fr: "Rue", en: "Street" },
  postal_code: { fr: "NPA", en: "Postcode" },
  city: { fr: "Localité", en: "City" },
  country: { fr: "Pays", en: "Country" },
  channel: { fr: "Canal", en: "Channel" },
  purpose: { fr: "Motif", en: "Purpose" },
  summary: { fr: "Résumé", en: "Summary" },
  at: { fr: "Date", en: "Date" },
  field: { fr: "Champ", en: "Field" },
  old_value: { fr: "Ancienne valeur", en: "Old value" },
  new_value: { fr: "Nouvelle valeur", en: "New value" },
  report_id: { fr: "Rapport n°", en: "Report no." },
  from_status: { fr: "Ancien statut", en: "Previous status" },
  to_status: { fr: "Nouveau statut", en: "New status" },
  outcome: { fr: "Résultat", en: "Outcome" },
  next_callback_at: { fr: "Prochain rappel", en: "Next call-back" },
  text: { fr: "Texte", en: "Text" },
  reference: { fr: "Référence", en: "Reference" },
  product_id: { fr: "Produit", en: "Product" },
  product_version: { fr: "Version", en: "Version" },
  environment: { fr: "Environnement", en: "Environment" },
  title: { fr: "Titre", en: "Title" },
  description: { fr: "Description", en: "Description" },
  steps: { fr: "Étapes", en: "Steps" },
  frequency: { fr: "Fréquence", en: "Frequency" },
  severity: { fr: "Gravité", en: "Severity" },
  status: { fr: "Statut", en: "Status" },
  callback_consent: { fr: "Accepte d'être rappelé", en: "Agrees to a call-back" },
  callback_phone: { fr: "Numéro de rappel", en: "Call-back number" },
  callback_window: { fr: "Disponibilités", en: "Availability" },
  resolution: { fr: "Résolution", en: "Resolution" },
  course_id: { fr: "Formation", en: "Course" },
  preferred_period: { fr: "Période souhaitée", en: "Preferred period" },
  participants: { fr: "Participants", en: "Participants" },
  format: { fr: "Format", en: "Format" },
  notes: { fr: "Remarques", en: "Notes" },
  cancel_reason: { fr: "Motif d'annulation", en: "Cancellation reason" },
  topic: { fr: "Sujet", en: "Topic" },
  source: { fr: "Source", en: "Source" },
  changed_at: { fr: "Date du choix", en: "Chosen on" },
  received_on: { fr: "Reçue le", en: "Received" },
  due_on: { fr: "Échéance", en: "Due" },
  original_due_on: { fr: "Échéance légale", en: "Legal due date" },
  details: { fr: "Demande", en: "Request" },
  extension_reason: { fr: "Motif de prolongation", en: "Reason for extension" },
  refusal_reason: { fr: "Motif du refus", en: "Reason for refusal" },
  identity_method: { fr: "Vérification d'identité", en: "Identity check" },
  identity_checked_at: { fr: "Identité vérifiée le", en: "Identity checked" },
  closed_at: { fr: "Close le", en: "Closed" },
  recipient: { fr: "Destinataire", en: "Recipient" },
  legal_basis: { fr: "Base légale", en: "Legal basis" },
  categories: { fr: "Catégories", en: "Categories" },
  disclosed_on: { fr: "Communiquées le", en: "Disclosed on" },
  note: { fr: "Note", en: "Note" },
  recorded_at: { fr: "Enregistré le", en: "Recorded" },
};

export const TABLE_TITLES: Record<string, Bilingual> = {
  people: { fr: "Identité", en: "Identity" },
  phones: { fr: "Téléphones", en: "Phones" },
  emails: { fr: "Adresses e-mail", en: "Email addresses" },
  addresses: { fr: "Adresses postales", en: "Postal addresses" },
  interactions: { fr: "Contacts", en: "Contacts" },
  person_history: { fr: "Corrections", en: "Corrections" },
  error_reports: { fr: "Rapports", en: "Reports" },
  error_report_events: { fr: "Suivi des rapports", en: "Report follow-up" },
  training_requests: { fr: "Demandes", en: "Requests" },
  contact_preferences: { fr: "Choix actuels", en: "Current choices" },
  contact_preference_changes: { fr: "Historique des choix", en: "History of choices" },
  privacy_requests: { fr: "Demandes", en: "Requests" },
  disclosures: { fr: "Communications", en: "Disclosures" },
};

/** What a change in the corrections history (person_history.field) was about. */
export const HISTORY_FIELDS: Record<string, Bilingual> = {
  salutation: { fr: "Civilité", en: "Salutation" },
  firstName: { fr: "Prénom", en: "First name" },
  lastName: { fr: "Nom", en: "Last name" },
  language: { fr: "Langue", en: "Language" },
  companyId: { fr: "Entreprise", en: "Company" },
  phones: { fr: "Numéro de téléphone", en: "Phone number" },
  "phones.kind": { fr: "Type de numéro", en: "Kind of number" },
  emails: { fr: "Adresse e-mail", en: "Email address" },
  addresses: { fr: "Adresse postale", en: "Postal address" },
};

/** Which closed list a history entry's old and new values come from, by the field changed. */
const CODED_HISTORY_VALUES: Record<string, (value: string, l: ReportLanguage) => string> = {
  salutation: (v, l) => label("salutation", v, l),
  language: (v, l) => label("personLanguage", v, l),
  "phones.kind": (v, l) => label("phoneKind", v, l),
};

const PHONE_COLUMNS = new Set(["e164", "callback_phone"]);
const regionNames: Record<ReportLanguage, Intl.DisplayNames> = { fr: new Intl.DisplayNames(["fr"], { type: "region" }), en: new Intl.DisplayNames(["en"], { type: "region" }) };

function countryName(code: string, l: ReportLanguage): string {
  try {
    return regionNames[l].of(code.toUpperCase()) ?? code;
  } catch {
    return code; // not a region code: shown as stored
  }
}

type Row = Record<string, string | number | boolean | null>;

/**
 * The label of a coded value (a code of a closed list, a history field, a country), or null when
 * the value is no code. The JSON file puts it beside the code as `<column>_label`.
 */
export function codeLabel(table: string, column: string, value: unknown, row: Row, l: ReportLanguage): string | null {
  if (typeof value !== "string" || value === "") return null;
  if (table === "person_history" && column === "field") return HISTORY_FIELDS[value]?.[l] ?? null;
  if (table === "person_history" && (column === "old_value" || column === "new_value")) {
    const read = CODED_HISTORY_VALUES[String(row.field)];
    return read ? read(value, l) : null;
  }
  if (column === "country") return countryName(value, l);
  const group = Object.hasOwn(STORED_CODES, `${table}.${column}`) ? STORED_CODES[`${table}.${column}`]! : null;
  return group ? label(group, value, l) : null;
}

/** A stored value as the person reads it in the PDF. */
export function readable(table: string, column: string, value: unknown, row: Row, l: ReportLanguage, yesNo: { yes: string; no: string }): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? yesNo.yes : yesNo.no;
  if (typeof value !== "string") return String(value);
  if (isTimeColumn(column)) return reportDateTime(value, l);
  if (column.endsWith("_on")) return reportDay(value, l);
  if (PHONE_COLUMNS.has(column) || (table === "person_history" && row.field === "phones" && column !== "field")) return formatPhone(value);
  return codeLabel(table, column, value, row, l) ?? value;
}

/** A stored value for the JSON file: times with Geneva's offset, everything else as stored. */
export function jsonValue(column: string, value: unknown): string | number | boolean | null {
  if (typeof value === "string" && isTimeColumn(column)) return jsonDateTime(value);
  return value as string | number | boolean | null;
}
