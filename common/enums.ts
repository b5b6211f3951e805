/**
 * Every closed list of values the contract knows, once: the database's CHECK constraints, the
 * operations' schemas and the screens' choices are all built from these arrays.
 */

// Staff
export const ROLES = ["agent", "support", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const LANGUAGES = ["fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

// People and the call log
export const SALUTATIONS = ["ms", "mr", "mx"] as const;
export type Salutation = (typeof SALUTATIONS)[number];
export const PERSON_LANGUAGES = ["fr", "de", "en", "it"] as const;
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];
export const PHONE_KINDS = ["mobile", "landline", "work", "home", "fax", "other"] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];
export const INTERACTION_CHANNELS = ["call_in", "call_out", "email", "web_form", "letter", "visit"] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];
export const INTERACTION_PURPOSES = ["information", "error_report", "training", "comment", "data_protection", "other"] as const;
export type InteractionPurpose = (typeof INTERACTION_PURPOSES)[number];

// Privacy requests and contact preferences
export const PRIVACY_REQUEST_KINDS = ["access", "rectification", "erasure", "portability", "objection", "information"] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export const PRIVACY_CHANNELS = ["phone", "email", "letter", "in_person"] as const;
export type PrivacyChannel = (typeof PRIVACY_CHANNELS)[number];
export const PRIVACY_STATUSES = ["open", "extended", "completed", "refused"] as const;
export type PrivacyStatus = (typeof PRIVACY_STATUSES)[number];
export const IDENTITY_METHODS = ["callback_on_file", "email_on_file", "identity_document", "in_person"] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];
export const PREFERENCE_TOPICS = ["newsletter", "training_announcements", "product_updates", "service_messages"] as const;
export type PreferenceTopic = (typeof PREFERENCE_TOPICS)[number];
export const PREFERENCE_CHANNELS = ["email", "phone", "post"] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export const PREFERENCE_STATUSES = ["opted_in", "opted_out"] as const;
export type PreferenceStatus = (typeof PREFERENCE_STATUSES)[number];
export const PREFERENCE_SOURCES = ["call", "email", "web_form", "letter", "in_person", "privacy_request"] as const;
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

// Error reports
export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FREQUENCIES = ["once", "sometimes", "often", "always"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const REPORT_STATUSES = ["new", "triaged", "in_progress", "waiting_for_customer", "resolved", "closed", "reopened"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const CALLBACK_OUTCOMES = ["reached", "no_answer", "left_message", "wrong_number"] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
export const REPORT_EVENT_KINDS = ["created", "comment", "status", "assignment", "callback", "update"] as const;
export type ReportEventKind = (typeof REPORT_EVENT_KINDS)[number];

// Training
export const COURSE_FORMATS = ["premises", "client", "online"] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];
export const DURATION_UNITS = ["days", "hours"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const SESSION_STATUSES = ["planned", "confirmed", "cancelled", "held"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const TRAINING_STATUSES = ["requested", "contacted", "scheduled", "confirmed", "completed", "cancelled"] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
export const TRAINING_LANGUAGES = ["fr", "de", "en", "it"] as const;
export type TrainingLanguage = (typeof TRAINING_LANGUAGES)[number];

// Retention
export const RETENTION_RULES = ["interactions", "closed_reports", "training_requests", "inactive_people"] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

// Personal-data categories (the access report's sections)
export const CATEGORIES = ["identity", "contact", "interactions", "history", "error_reports", "training", "preferences", "privacy", "disclosures"] as const;
export type Category = (typeof CATEGORIES)[number];

// Report queue
export const QUEUE_SORTS = ["createdAt", "updatedAt", "severity", "status", "nextCallbackAt", "reference"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
