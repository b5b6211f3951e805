import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { storedValueLabel } from "../common/labels";
import type { AccessReport, ReportLanguage } from "./access-report";
import { formatDay, formatInstant } from "./export/zurich-dates";
import { isTimeColumn } from "./personal-data";

/**
 * The access report as a printable PDF (revFADP Art. 25), drawn with pdfkit under Node: the same
 * code runs in the Electron shell, the browser mode's server and the tests. DejaVu Sans covers
 * Latin, Greek, Cyrillic, Hebrew and Arabic letters; the JSON file carries every value exactly
 * (emoji included) for portability.
 */

// The CommonJS bundle has __filename; the ES modules the tests and the bench run have import.meta.
const requireHere = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
const FONT = requireHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = requireHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

type Bilingual = { fr: string; en: string };

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

const TEXT = {
  title: { fr: "Vos données personnelles", en: "Your personal data" },
  subtitle: { fr: "Rapport d'accès selon l'art. 25 de la loi fédérale sur la protection des données (LPD)", en: "Access report under Art. 25 of the Swiss Federal Act on Data Protection (FADP)" },
  controller: { fr: "Responsable du traitement", en: "Controller" },
  about: { fr: "Personne concernée", en: "Data subject" },
  request: { fr: "Demande", en: "Request" },
  generated: { fr: "Établi le", en: "Issued on" },
  recipients: { fr: "Destinataires (sous-traitants)", en: "Recipients (service providers)" },
  noRecipients: { fr: "Aucun : vos données ne sont communiquées à aucun tiers.", en: "None: your data is not passed on to any third party." },
  purpose: { fr: "Finalité", en: "Purpose" },
  source: { fr: "Origine", en: "Source" },
  retention: { fr: "Conservation", en: "Retention" },
  none: { fr: "Aucune donnée.", en: "No data." },
  yes: { fr: "Oui", en: "Yes" },
  no: { fr: "Non", en: "No" },
  rights: {
    fr: "Vous pouvez demander la correction ou l'effacement de ces données, ou vous opposer à leur traitement, en nous contactant aux coordonnées ci-dessus. Le fichier JSON joint contient les mêmes données dans un format électronique courant (art. 28 LPD).",
    en: "You may ask us to correct or erase this data, or object to its processing, using the contact details above. The attached JSON file holds the same data in a common electronic format (Art. 28 FADP).",
  },
} satisfies Record<string, Bilingual>;

/** Dates as everywhere in the app: Geneva time, dd.MM.yyyy (the JSON keeps ISO 8601). */
const swissTime = (iso: string) => {
  // A stored value no Date can hold reaches here as its bare number (rawInstantText): shown as is.
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatInstant(ms, "swiss");
};

/** A stored value as the person reads it: dates in Swiss style, yes/no, codes as their labels (common/labels.ts). */
function display(value: unknown, table: string, column: string, language: ReportLanguage): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? TEXT.yes[language] : TEXT.no[language];
  if (typeof value === "string" && isTimeColumn(column)) return swissTime(value);
  if (typeof value === "string" && column.endsWith("_on")) return formatDay(value, "swiss");
  if (typeof value === "string") return storedValueLabel(table, column, value, language);
  return String(value);
}

/** Renders the report; resolves with the PDF file's bytes. */
export function renderAccessReportPdf(report: AccessReport): Promise<Buffer> {
  const l = report.language;
  const doc = new PDFDocument({ size: "A4", margin: 56, font: FONT, lang: l, info: { Title: `${TEXT.title[l]} — ${report.subject.name}`, Author: report.controller.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);

  const heading = (text: string, size: number) => doc.moveDown(0.6).font("bold").fontSize(size).fillColor("#1c2b4a").text(text).font("body").fontSize(9.5).fillColor("#222");
  const line = (label: string, value: string) => doc.font("bold").text(`${label} : `, { continued: true }).font("body").text(value);

  doc.font("bold").fontSize(18).fillColor("#1c2b4a").text(TEXT.title[l]);
  doc.font("body").fontSize(10).fillColor("#555").text(TEXT.subtitle[l]).fillColor("#222").fontSize(9.5);

  const c = report.controller;
  heading(TEXT.controller[l], 12);
  doc.text([c.name, c.street, [c.postalCode, c.city].filter(Boolean).join(" "), c.country, c.phone, c.email].filter(Boolean).join("\n"));
  heading(TEXT.about[l], 12);
  line(TEXT.about[l], report.subject.name);
  line(TEXT.request[l], report.requestReference);
  line(TEXT.generated[l], swissTime(report.generatedAt));
  heading(TEXT.recipients[l], 12);
  if (report.recipients.length === 0) doc.text(TEXT.noRecipients[l]);
  for (const r of report.recipients) doc.text(`• ${[r.name, r.purpose, r.country].filter(Boolean).join(" — ")}`);

  for (const section of report.sections) {
    heading(section.title, 13);
    line(TEXT.purpose[l], section.purpose);
    line(TEXT.source[l], section.source);
    line(TEXT.retention[l], section.retention);
    for (const table of section.tables) {
      doc.moveDown(0.3).font("bold").fontSize(10.5).text(TABLE_TITLES[table.table]?.[l] ?? table.table).font("body").fontSize(9.5);
      if (table.rows.length === 0) doc.fillColor("#777").text(TEXT.none[l]).fillColor("#222");
      for (const row of table.rows) {
        for (const [column, value] of Object.entries(row)) line(COLUMN_LABELS[column]?.[l] ?? column, display(value, table.table, column, l));
        doc.moveDown(0.4);
      }
    }
  }
  doc.moveDown(1).fontSize(9).fillColor("#444").text(TEXT.rights[l]);
  doc.end();
  return done;
}
