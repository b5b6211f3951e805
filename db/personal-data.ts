import { sql, type SQL } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  addresses,
  contactPreferenceChanges,
  contactPreferences,
  disclosures,
  emails,
  errorReportEvents,
  errorReports,
  interactions,
  people,
  personHistory,
  phones,
  privacyRequests,
  trainingRequests,
} from "./schema";
import type { SettingKey } from "./settings";
import type { Category } from "../common/enums";
export { CATEGORIES, type Category } from "../common/enums";

/**
 * The personal-data map (DESIGN.md "Data"): every table that can hold data about a person, how
 * its rows link to that person, what the erasure does with them and which columns the access
 * report shows. The access report and the erasure both read this list; a test fails when a
 * table that references a person (directly or through a mapped table) or a column of a mapped
 * table is missing here, so nothing new can be forgotten.
 */


type Bilingual = { fr: string; en: string };

/** What Art. 25 revFADP asks beside the data: why, from where, for how long. */
export const CATEGORY_INFO: Record<Category, { title: Bilingual; purpose: Bilingual; source: Bilingual; retention: Bilingual | { setting: SettingKey; unit: "years" } }> = {
  identity: {
    title: { fr: "Identité", en: "Identity" },
    purpose: { fr: "Vous reconnaître lorsque vous nous contactez et vous répondre.", en: "Recognising you when you contact us and answering you." },
    source: { fr: "Vous-même, lors de vos contacts avec nous.", en: "Yourself, when you contacted us." },
    retention: { setting: "retention.inactivePeopleYears", unit: "years" },
  },
  contact: {
    title: { fr: "Coordonnées", en: "Contact details" },
    purpose: { fr: "Vous rappeler, vous écrire et vous envoyer ce que vous avez demandé.", en: "Calling you back, writing to you and sending what you asked for." },
    source: { fr: "Vous-même, lors de vos contacts avec nous.", en: "Yourself, when you contacted us." },
    retention: { setting: "retention.inactivePeopleYears", unit: "years" },
  },
  interactions: {
    title: { fr: "Journal des contacts", en: "Contact log" },
    purpose: { fr: "Assurer le suivi de vos appels et demandes.", en: "Following up your calls and requests." },
    source: { fr: "Notes de nos collaborateurs lors de vos contacts.", en: "Notes by our staff during your contacts." },
    retention: { setting: "retention.interactionsYears", unit: "years" },
  },
  history: {
    title: { fr: "Historique des corrections", en: "Correction history" },
    purpose: { fr: "Prouver quand et comment vos données ont été corrigées.", en: "Showing when and how your data was corrected." },
    source: { fr: "Nos collaborateurs, à votre demande ou lors d'une mise à jour.", en: "Our staff, at your request or during an update." },
    retention: { setting: "retention.inactivePeopleYears", unit: "years" },
  },
  error_reports: {
    title: { fr: "Rapports d'erreur", en: "Error reports" },
    purpose: { fr: "Corriger les erreurs que vous nous signalez et vous tenir informé.", en: "Fixing the errors you report and keeping you informed." },
    source: { fr: "Vous-même, et nos équipes de support pour le suivi.", en: "Yourself, and our support staff for the follow-up." },
    retention: { setting: "retention.closedReportsYears", unit: "years" },
  },
  training: {
    title: { fr: "Demandes de formation", en: "Training requests" },
    purpose: { fr: "Organiser les formations que vous demandez.", en: "Organising the training you ask for." },
    source: { fr: "Vous-même.", en: "Yourself." },
    retention: { setting: "retention.trainingRequestsYears", unit: "years" },
  },
  preferences: {
    title: { fr: "Préférences de contact et listes de diffusion", en: "Contact preferences and mailing lists" },
    purpose: { fr: "Respecter vos choix sur ce que nous vous envoyons et par quel canal.", en: "Respecting your choices about what we send you and how." },
    source: { fr: "Vous-même (la source de chaque choix est indiquée).", en: "Yourself (the source of each choice is shown)." },
    retention: { fr: "Tant que vous êtes dans nos fichiers.", en: "As long as you are in our records." },
  },
  privacy: {
    title: { fr: "Vos demandes relatives à vos données", en: "Your requests about your data" },
    purpose: { fr: "Traiter vos demandes (accès, correction, effacement…) et en garder la preuve.", en: "Handling your requests (access, correction, erasure…) and keeping proof of it." },
    source: { fr: "Vous-même, et nos collaborateurs pour la vérification d'identité.", en: "Yourself, and our staff for the identity check." },
    retention: { fr: "Trois ans après la clôture, sans données vous identifiant après un effacement.", en: "Three years after closing, without identifying data after an erasure." },
  },
  disclosures: {
    title: { fr: "Communications à des autorités", en: "Disclosures to authorities" },
    purpose: { fr: "Obligation légale de communiquer certaines données à une autorité.", en: "A legal obligation to disclose some data to an authority." },
    source: { fr: "Nos collaborateurs.", en: "Our staff." },
    retention: { fr: "Aussi longtemps que la loi l'exige.", en: "As long as the law requires." },
  },
};

/** How a row reaches its person: its own column, or its parent's (events through their report). */
export type Link = { column: SQLiteColumn } | { parent: SQLiteTable; parentColumn: SQLiteColumn; through: SQLiteColumn };

export interface PersonalTable {
  table: SQLiteTable;
  category: Category;
  link: Link;
  /**
   * `delete`: the rows go with the person. `unlink`: the row is a record the company must keep
   * (the request register, disclosures); the link is cut and the listed free-text columns blanked.
   */
  erase: { kind: "delete" } | { kind: "unlink"; blank: SQLiteColumn[] };
  /** Shown in the access report: every column but the technical ones below. */
  internal: SQLiteColumn[];
}

const own = (column: SQLiteColumn): Link => ({ column });

/** Children before parents: the erasure deletes in this order. */
export const PERSONAL_DATA: readonly PersonalTable[] = [
  { table: phones, category: "contact", link: own(phones.personId), erase: { kind: "delete" }, internal: [phones.id, phones.personId, phones.digitsReversed] },
  { table: emails, category: "contact", link: own(emails.personId), erase: { kind: "delete" }, internal: [emails.id, emails.personId] },
  { table: addresses, category: "contact", link: own(addresses.personId), erase: { kind: "delete" }, internal: [addresses.id, addresses.personId] },
  { table: interactions, category: "interactions", link: own(interactions.personId), erase: { kind: "delete" }, internal: [interactions.id, interactions.personId, interactions.agentId, interactions.createdAt] },
  { table: personHistory, category: "history", link: own(personHistory.personId), erase: { kind: "delete" }, internal: [personHistory.id, personHistory.personId, personHistory.userId] },
  {
    table: errorReportEvents,
    category: "error_reports",
    link: { parent: errorReports, parentColumn: errorReports.personId, through: errorReportEvents.reportId },
    erase: { kind: "delete" },
    internal: [errorReportEvents.id, errorReportEvents.userId, errorReportEvents.assigneeId],
  },
  {
    table: errorReports,
    category: "error_reports",
    link: own(errorReports.personId),
    erase: { kind: "delete" },
    internal: [errorReports.id, errorReports.personId, errorReports.severityRank, errorReports.assigneeId, errorReports.createdBy, errorReports.version, errorReports.keepForProduct],
  },
  {
    table: trainingRequests,
    category: "training",
    link: own(trainingRequests.personId),
    erase: { kind: "delete" },
    internal: [trainingRequests.id, trainingRequests.personId, trainingRequests.sessionId, trainingRequests.createdBy, trainingRequests.version],
  },
  { table: contactPreferences, category: "preferences", link: own(contactPreferences.personId), erase: { kind: "delete" }, internal: [contactPreferences.personId, contactPreferences.changedBy] },
  {
    table: contactPreferenceChanges,
    category: "preferences",
    link: own(contactPreferenceChanges.personId),
    erase: { kind: "delete" },
    internal: [contactPreferenceChanges.id, contactPreferenceChanges.personId, contactPreferenceChanges.changedBy],
  },
  {
    table: privacyRequests,
    category: "privacy",
    link: own(privacyRequests.personId),
    erase: { kind: "unlink", blank: [privacyRequests.details, privacyRequests.outcome, privacyRequests.extensionReason, privacyRequests.refusalReason] },
    internal: [
      privacyRequests.id,
      privacyRequests.personId,
      privacyRequests.identityCheckedBy,
      privacyRequests.createdBy,
      privacyRequests.closedBy,
      privacyRequests.erasedBy,
      privacyRequests.erasedAt,
      privacyRequests.erasedCounts,
      privacyRequests.version,
    ],
  },
  {
    table: disclosures,
    category: "disclosures",
    link: own(disclosures.personId),
    erase: { kind: "unlink", blank: [disclosures.note] },
    internal: [disclosures.id, disclosures.personId, disclosures.recordedBy],
  },
  {
    table: people,
    category: "identity",
    link: own(people.id),
    erase: { kind: "delete" },
    internal: [people.id, people.version, people.lastContactAt],
  },
];

export function tableName(table: SQLiteTable): string {
  return getTableConfig(table).name;
}

/** `WHERE` clause selecting a mapped table's rows of one person (one `?` parameter). */
export function linkCondition(entry: PersonalTable, alias?: string): string {
  const { link } = entry;
  const prefix = alias ? `${alias}.` : "";
  if ("column" in link) return `${prefix}${link.column.name} = ?`;
  return `${prefix}${link.through.name} IN (SELECT id FROM ${tableName(link.parent)} WHERE ${link.parentColumn.name} = ?)`;
}

/**
 * The same condition as a query for the engine (db/engine.ts), the person's id bound. One text
 * with `linkCondition`: table and column names come from the map, never from input.
 */
export function linkWhere(entry: PersonalTable, personId: number, alias?: string): SQL {
  const [before, after] = linkCondition(entry, alias).split("?") as [string, string];
  return sql`${sql.raw(before)}${personId}${sql.raw(after)}`;
}

/** A column holding epoch milliseconds, by the schema's naming rule (`at`, `created_at`, …). */
export function isTimeColumn(name: string): boolean {
  return name === "at" || name.endsWith("_at");
}

/** The columns the access report shows for a mapped table, with how to turn each value into JSON. */
export function reportedColumns(entry: PersonalTable): { name: string; kind: "text" | "number" | "boolean" | "time" }[] {
  const internal = new Set(entry.internal.map((c) => c.name));
  return getTableConfig(entry.table)
    .columns.filter((c) => !internal.has(c.name))
    .map((c) => ({
      name: c.name,
      // Epoch milliseconds in `at` and `*_at` columns; dates as YYYY-MM-DD text stay text.
      kind: c.dataType === "boolean" ? "boolean" : c.dataType === "number" && isTimeColumn(c.name) ? "time" : c.dataType === "number" ? "number" : "text",
    }));
}
