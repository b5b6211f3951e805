import * as enums from "./enums";
import type { Language } from "./enums";

/**
 * One label per enum value, in French and English, for every screen, export and access report:
 * a severity reads "Faible" / "Low" wherever it is shown. The renderer feeds these to i18next
 * (renderer/src/i18n/resources.ts), the exports and the access report's PDF read them here.
 * A value is written [French, English].
 */
type Pair = readonly [fr: string, en: string];
type Table<V extends string> = { readonly [K in V]: Pair };

const role: Table<enums.Role> = {
  agent: ["Agent", "Agent"],
  support: ["Support technique", "Technical support"],
  manager: ["Responsable", "Manager"],
  admin: ["Administrateur", "Administrator"],
};
const language: Table<enums.Language> = { fr: ["Français", "French"], en: ["Anglais", "English"] };
const salutation: Table<enums.Salutation> = { ms: ["Mme", "Ms"], mr: ["M.", "Mr"], mx: ["Mx", "Mx"] };
const spokenLanguage: Table<enums.PersonLanguage> = {
  fr: ["Français", "French"],
  de: ["Allemand", "German"],
  en: ["Anglais", "English"],
  it: ["Italien", "Italian"],
};
const phoneKind: Table<enums.PhoneKind> = {
  mobile: ["Mobile", "Mobile"],
  landline: ["Fixe", "Landline"],
  work: ["Professionnel", "Work"],
  home: ["Domicile", "Home"],
  fax: ["Fax", "Fax"],
  other: ["Autre", "Other"],
};
const interactionChannel: Table<enums.InteractionChannel> = {
  call_in: ["Appel entrant", "Incoming call"],
  call_out: ["Appel sortant", "Outgoing call"],
  email: ["E-mail", "Email"],
  web_form: ["Formulaire web", "Web form"],
  letter: ["Courrier", "Letter"],
  visit: ["Visite", "Visit"],
};
const interactionPurpose: Table<enums.InteractionPurpose> = {
  information: ["Demande d'information", "Information request"],
  error_report: ["Rapport d'erreur", "Error report"],
  training: ["Demande de formation", "Training request"],
  comment: ["Commentaire ou suggestion", "Comment or suggestion"],
  data_protection: ["Protection des données", "Data protection"],
  other: ["Autre", "Other"],
};
const privacyRequestKind: Table<enums.PrivacyRequestKind> = {
  access: ["Accès aux données", "Access to data"],
  rectification: ["Rectification", "Rectification"],
  erasure: ["Effacement", "Erasure"],
  portability: ["Portabilité", "Portability"],
  objection: ["Opposition / plus de contact", "Objection / stop contact"],
  information: ["Information", "Information"],
};
const privacyChannel: Table<enums.PrivacyChannel> = {
  phone: ["Téléphone", "Phone"],
  email: ["E-mail", "Email"],
  letter: ["Courrier", "Letter"],
  in_person: ["En personne", "In person"],
};
const privacyStatus: Table<enums.PrivacyStatus> = {
  open: ["Ouverte", "Open"],
  extended: ["Prolongée", "Extended"],
  completed: ["Traitée", "Completed"],
  refused: ["Refusée", "Refused"],
};
const identityMethod: Table<enums.IdentityMethod> = {
  callback_on_file: ["Rappel à un numéro déjà enregistré", "Call-back to a number on file"],
  email_on_file: ["Confirmation depuis un e-mail déjà enregistré", "Confirmation from an email on file"],
  identity_document: ["Pièce d'identité vue", "Identity document seen"],
  in_person: ["En personne", "In person"],
};
const preferenceTopic: Table<enums.PreferenceTopic> = {
  newsletter: ["Newsletter", "Newsletter"],
  training_announcements: ["Annonces de formation", "Training announcements"],
  product_updates: ["Nouveautés produits", "Product updates"],
  service_messages: ["Messages de service", "Service messages"],
};
const preferenceChannel: Table<enums.PreferenceChannel> = { email: ["E-mail", "Email"], phone: ["Téléphone", "Phone"], post: ["Courrier", "Post"] };
const preferenceStatus: Table<enums.PreferenceStatus> = { opted_in: ["Inscrit", "Opted in"], opted_out: ["Désinscrit", "Opted out"] };
const preferenceSource: Table<enums.PreferenceSource> = {
  call: ["Appel", "Call"],
  email: ["E-mail", "Email"],
  web_form: ["Formulaire web", "Web form"],
  letter: ["Courrier", "Letter"],
  in_person: ["En personne", "In person"],
  privacy_request: ["Demande LPD", "Data-protection request"],
};
// "Faible", not "Basse": the word the report form and the queue always used.
const severity: Table<enums.Severity> = { low: ["Faible", "Low"], normal: ["Normale", "Normal"], high: ["Haute", "High"], critical: ["Critique", "Critical"] };
const frequency: Table<enums.Frequency> = { once: ["Une fois", "Once"], sometimes: ["Parfois", "Sometimes"], often: ["Souvent", "Often"], always: ["Toujours", "Always"] };
const reportStatus: Table<enums.ReportStatus> = {
  new: ["Nouveau", "New"],
  triaged: ["Trié", "Triaged"],
  in_progress: ["En cours", "In progress"],
  waiting_for_customer: ["En attente du client", "Waiting for customer"],
  resolved: ["Résolu", "Resolved"],
  closed: ["Clos", "Closed"],
  reopened: ["Rouvert", "Reopened"],
};
const callbackOutcome: Table<enums.CallbackOutcome> = {
  reached: ["Joint", "Reached"],
  no_answer: ["Pas de réponse", "No answer"],
  left_message: ["Message laissé", "Left a message"],
  wrong_number: ["Faux numéro", "Wrong number"],
};
const reportEventKind: Table<enums.ReportEventKind> = {
  created: ["Création", "Created"],
  comment: ["Commentaire", "Comment"],
  status: ["Changement de statut", "Status change"],
  assignment: ["Assignation", "Assignment"],
  callback: ["Rappel", "Call-back"],
  update: ["Modification", "Update"],
};
const courseFormat: Table<enums.CourseFormat> = {
  premises: ["Dans nos locaux à Genève", "At our Geneva premises"],
  client: ["Chez le client", "At the client's"],
  online: ["En ligne", "Online"],
};
const durationUnit: Table<enums.DurationUnit> = { days: ["Jours", "Days"], hours: ["Heures", "Hours"] };
const sessionStatus: Table<enums.SessionStatus> = {
  planned: ["Prévue", "Planned"],
  confirmed: ["Confirmée", "Confirmed"],
  cancelled: ["Annulée", "Cancelled"],
  held: ["Tenue", "Held"],
};
const trainingStatus: Table<enums.TrainingStatus> = {
  requested: ["Demandée", "Requested"],
  contacted: ["Contactée", "Contacted"],
  scheduled: ["Planifiée", "Scheduled"],
  confirmed: ["Confirmée", "Confirmed"],
  completed: ["Terminée", "Completed"],
  cancelled: ["Annulée", "Cancelled"],
};
const retentionRule: Table<enums.RetentionRule> = {
  interactions: ["Contacts (journal des appels)", "Contacts (call log)"],
  closed_reports: ["Rapports d'erreur clôturés", "Closed error reports"],
  training_requests: ["Demandes de formation terminées ou annulées", "Completed or cancelled training requests"],
  inactive_people: ["Personnes sans activité", "People with no activity"],
};
const category: Table<enums.Category> = {
  identity: ["Identité", "Identity"],
  contact: ["Coordonnées", "Contact details"],
  interactions: ["Journal des contacts", "Contact log"],
  history: ["Historique des corrections", "Correction history"],
  error_reports: ["Rapports d'erreur", "Error reports"],
  training: ["Demandes de formation", "Training requests"],
  preferences: ["Préférences de contact", "Contact preferences"],
  privacy: ["Demandes LPD", "Data-protection requests"],
  disclosures: ["Communications aux autorités", "Disclosures to authorities"],
};
const queueSort: Table<enums.QueueSort> = {
  createdAt: ["Date de création", "Created"],
  updatedAt: ["Dernière modification", "Last updated"],
  severity: ["Gravité", "Severity"],
  status: ["Statut", "Status"],
  nextCallbackAt: ["Prochain rappel", "Next call-back"],
  reference: ["Référence", "Reference"],
};

const TABLES = {
  role,
  language,
  salutation,
  personLanguage: spokenLanguage,
  phoneKind,
  interactionChannel,
  interactionPurpose,
  privacyRequestKind,
  privacyChannel,
  privacyStatus,
  identityMethod,
  preferenceTopic,
  preferenceChannel,
  preferenceStatus,
  preferenceSource,
  severity,
  frequency,
  reportStatus,
  callbackOutcome,
  reportEventKind,
  courseFormat,
  durationUnit,
  sessionStatus,
  trainingStatus,
  trainingLanguage: spokenLanguage,
  retentionRule,
  category,
  queueSort,
};

/** A closed list with labels: "severity", "reportStatus", … */
export type LabelGroup = keyof typeof TABLES;
export type LabelValue<G extends LabelGroup> = keyof (typeof TABLES)[G] & string;

/** Which array of common/enums.ts each group labels (a test checks every array has its group). */
export const LABELLED_ENUMS: { readonly [G in LabelGroup]: readonly LabelValue<G>[] } = {
  role: enums.ROLES,
  language: enums.LANGUAGES,
  salutation: enums.SALUTATIONS,
  personLanguage: enums.PERSON_LANGUAGES,
  phoneKind: enums.PHONE_KINDS,
  interactionChannel: enums.INTERACTION_CHANNELS,
  interactionPurpose: enums.INTERACTION_PURPOSES,
  privacyRequestKind: enums.PRIVACY_REQUEST_KINDS,
  privacyChannel: enums.PRIVACY_CHANNELS,
  privacyStatus: enums.PRIVACY_STATUSES,
  identityMethod: enums.IDENTITY_METHODS,
  preferenceTopic: enums.PREFERENCE_TOPICS,
  preferenceChannel: enums.PREFERENCE_CHANNELS,
  preferenceStatus: enums.PREFERENCE_STATUSES,
  preferenceSource: enums.PREFERENCE_SOURCES,
  severity: enums.SEVERITIES,
  frequency: enums.FREQUENCIES,
  reportStatus: enums.REPORT_STATUSES,
  callbackOutcome: enums.CALLBACK_OUTCOMES,
  reportEventKind: enums.REPORT_EVENT_KINDS,
  courseFormat: enums.COURSE_FORMATS,
  durationUnit: enums.DURATION_UNITS,
  sessionStatus: enums.SESSION_STATUSES,
  trainingStatus: enums.TRAINING_STATUSES,
  trainingLanguage: enums.TRAINING_LANGUAGES,
  retentionRule: enums.RETENTION_RULES,
  category: enums.CATEGORIES,
  queueSort: enums.QUEUE_SORTS,
};

/** The label of one value; a stored value outside the list (an older database) is shown as it is. */
export function label<G extends LabelGroup>(group: G, value: string, language: Language): string {
  const table = TABLES[group] as Record<string, Pair>;
  return Object.hasOwn(table, value) ? table[value]![language === "fr" ? 0 : 1] : value;
}

export type LabelTables = { [G in LabelGroup]: Record<LabelValue<G>, string> };

function tablesIn(language: Language): LabelTables {
  const index = language === "fr" ? 0 : 1;
  const out: Record<string, Record<string, string>> = {};
  for (const [group, table] of Object.entries(TABLES)) {
    out[group] = Object.fromEntries(Object.entries(table as Record<string, Pair>).map(([value, pair]) => [value, pair[index]]));
  }
  return out as LabelTables;
}

/** Every group's labels in one language, as plain objects: what i18next is fed. */
export const LABELS: Readonly<Record<Language, LabelTables>> = { fr: tablesIn("fr"), en: tablesIn("en") };

/**
 * Which stored column holds which closed list, by "table.column": the access report (PDF and
 * screen) and anything else showing stored rows read their labels through this.
 */
export const STORED_CODES: Readonly<Record<string, LabelGroup>> = {
  "people.salutation": "salutation",
  "people.language": "personLanguage",
  "phones.kind": "phoneKind",
  "interactions.channel": "interactionChannel",
  "interactions.purpose": "interactionPurpose",
  "error_reports.status": "reportStatus",
  "error_reports.severity": "severity",
  "error_reports.frequency": "frequency",
  "error_report_events.kind": "reportEventKind",
  "error_report_events.from_status": "reportStatus",
  "error_report_events.to_status": "reportStatus",
  "error_report_events.outcome": "callbackOutcome",
  "training_requests.status": "trainingStatus",
  "training_requests.language": "trainingLanguage",
  "training_requests.format": "courseFormat",
  "contact_preferences.topic": "preferenceTopic",
  "contact_preferences.channel": "preferenceChannel",
  "contact_preferences.status": "preferenceStatus",
  "contact_preferences.source": "preferenceSource",
  "contact_preference_changes.topic": "preferenceTopic",
  "contact_preference_changes.channel": "preferenceChannel",
  "contact_preference_changes.status": "preferenceStatus",
  "contact_preference_changes.source": "preferenceSource",
  "privacy_requests.kind": "privacyRequestKind",
  "privacy_requests.channel": "privacyChannel",
  "privacy_requests.status": "privacyStatus",
  "privacy_requests.identity_method": "identityMethod",
};

/** The label of a stored code by its table and column; other values unchanged. */
export function storedValueLabel(table: string, column: string, value: string, language: Language): string {
  const key = `${table}.${column}`;
  return Object.hasOwn(STORED_CODES, key) ? label(STORED_CODES[key]!, value, language) : value;
}
