import type { Language } from "./enums";

/**
 * The error reasons and their messages, in both UI languages, once for the server and the screens.
 * `reason` is the stable key an envelope carries; `{name}` placeholders take the parameters the
 * refusal gives (the same ones in both languages: a test checks it). The server answers in the
 * user's language; before login the renderer translates by reason.
 */
export const MESSAGES = {
  bad_credentials: { fr: "Nom d'utilisateur ou mot de passe incorrect.", en: "Wrong username or password." },
  account_inactive: { fr: "Ce compte est désactivé. Adressez-vous à un administrateur.", en: "This account is deactivated. Ask an administrator." },
  // The lock screen's words for bad_credentials: only the password was typed there.
  wrong_password: { fr: "Mot de passe incorrect.", en: "Wrong password." },
  setup_done: { fr: "L'administrateur a déjà été créé.", en: "The administrator already exists." },
  not_logged_in: { fr: "Veuillez vous connecter.", en: "Please log in." },
  session_expired: {
    fr: "Votre session a atteint sa durée maximale : reconnectez-vous.",
    en: "Your session reached its maximum length: please log in again.",
  },
  session_locked: { fr: "Session verrouillée : saisissez votre mot de passe.", en: "Session locked: enter your password." },
  // A page holding more live-update calls than one desk needs (its loop started twice).
  too_many_waits: {
    fr: "Cette session attend déjà les mises à jour en direct. Rechargez la page si elles n'arrivent plus.",
    en: "This session is already waiting for live updates. Reload the page if they stop coming.",
  },
  forbidden: { fr: "Votre rôle ne permet pas cette action.", en: "Your role does not allow this action." },
  unknown_operation: { fr: "Opération inconnue : {name}.", en: "Unknown operation: {name}." },
  not_found: { fr: "{entity} introuvable.", en: "{entity} not found." },
  stale: {
    fr: "Quelqu'un a modifié cet élément entre-temps. Rechargez et recommencez.",
    en: "Someone changed this item meanwhile. Reload and try again.",
  },
  duplicate_value: { fr: "Cette valeur est déjà enregistrée pour cette personne.", en: "This value is already recorded for this person." },
  merge_self: { fr: "Impossible de fusionner une personne avec elle-même.", en: "A person cannot be merged with itself." },
  not_reporter_phone: { fr: "Ce numéro n'est pas l'un de ceux de l'appelant.", en: "This number is not one of the caller's." },
  report_anonymised: { fr: "Ce rapport n'a plus d'auteur : personne à rappeler.", en: "This report has no reporter any more: nobody to call back." },
  date_in_past: { fr: "La date ne peut pas être dans le passé.", en: "The date cannot be in the past." },
  unknown_product: { fr: "Produit inconnu ou inactif.", en: "Unknown or inactive product." },
  transition: { fr: "Passage de « {from} » à « {to} » non autorisé.", en: "Moving from “{from}” to “{to}” is not allowed." },
  resolution_required: { fr: "Décrivez la résolution.", en: "Describe the resolution." },
  waiting_needs_callback: {
    fr: "En attente du client : indiquez une date de rappel ou une note.",
    en: "Waiting for customer: give a call-back date or a note.",
  },
  bad_assignee: { fr: "Assignez à un utilisateur actif du support.", en: "Assign to an active support user." },
  unknown_course: { fr: "Formation inconnue.", en: "Unknown course." },
  inactive_course: { fr: "Cette formation n'est plus proposée.", en: "This course is no longer offered." },
  end_before_start: { fr: "La fin précède le début.", en: "The end is before the start." },
  capacity_below_booked: { fr: "Déjà {taken} places réservées : capacité trop petite.", en: "{taken} seats already booked: capacity too small." },
  schedule_through_session: { fr: "Planifiez en choisissant une session.", en: "Schedule by choosing a session." },
  cancel_reason_required: { fr: "Indiquez le motif de l'annulation.", en: "Give the reason for cancelling." },
  other_course: { fr: "Cette session est celle d'une autre formation.", en: "This session belongs to another course." },
  session_closed: { fr: "Cette session est annulée ou déjà tenue.", en: "This session is cancelled or already held." },
  no_seats: { fr: "Plus assez de places : {left} restante(s).", en: "Not enough seats: {left} left." },
  username_taken: { fr: "Ce nom d'utilisateur existe déjà.", en: "This username already exists." },
  last_admin: {
    fr: "Il doit rester au moins un administrateur actif.",
    en: "At least one active administrator must remain.",
  },
  backup_not_found: { fr: "Cette sauvegarde n'existe pas (ou plus) dans le dossier des sauvegardes.", en: "This backup is not (or no longer) in the backup folder." },
  backup_not_sqlite: { fr: "Ce fichier n'est pas une base de données SQLite.", en: "This file is not an SQLite database." },
  backup_corrupt: {
    fr: "Ce fichier est endommagé (contrôle d'intégrité échoué) ; la base actuelle n'a pas été modifiée.",
    en: "This file is damaged (integrity check failed); the current database was not changed.",
  },
  backup_not_crm: { fr: "Ce fichier n'est pas une base Jet Info CRM.", en: "This file is not a Jet Info CRM database." },
  backup_no_admin: {
    fr: "Cette sauvegarde n'a aucun compte administrateur actif (elle a été prise avant la configuration) : la restaurer rouvrirait la configuration initiale à n'importe qui. La base actuelle n'a pas été modifiée.",
    en: "This backup has no active administrator account (it was taken before setup): restoring it would reopen first-run setup to anyone. The current database was not changed.",
  },
  backup_from_future: {
    fr: "Cette sauvegarde vient d'une version plus récente (schéma {version}, cette version connaît jusqu'au {supported}). Mettez l'application à jour ; la base actuelle n'a pas été modifiée.",
    en: "This backup comes from a newer version (schema {version}; this version knows up to {supported}). Update the application; the current database was not changed.",
  },
  backup_folder_characters: { fr: "Le nom du dossier contient des caractères de contrôle.", en: "The folder name contains control characters." },
  backup_folder_system: { fr: "C'est un dossier du système (/proc, /sys, /dev), pas un lieu pour des sauvegardes.", en: "This is a system folder (/proc, /sys, /dev), not a place for backups." },
  backup_folder_database: { fr: "Ce chemin est celui de la base de données elle-même.", en: "This path is the database file itself." },
  backup_folder_not_folder: { fr: "Ce chemin désigne un fichier, pas un dossier.", en: "This path is a file, not a folder." },
  backup_folder_not_writable: { fr: "Ce dossier ne peut pas être créé ou n'accepte pas d'écriture.", en: "This folder cannot be created or written to." },
  backup_folder_unusable: {
    fr: "Le dossier des sauvegardes choisi est inutilisable : {problem} Les sauvegardes vont dans le dossier par défaut ; choisissez-en un autre dans les réglages.",
    en: "The chosen backup folder is unusable: {problem} Backups go to the default folder; choose another one in the settings.",
  },
  export_column: { fr: "Colonne inconnue pour cette liste : {column}.", en: "Unknown column for this list: {column}." },
  export_filter: { fr: "Ce filtre ne s'applique pas à cette liste.", en: "This filter does not apply to this list." },
  export_filter_required: { fr: "Choisissez une valeur pour ce filtre.", en: "Choose a value for this filter." },
  export_filter_value: { fr: "Valeur de filtre inconnue : {value}.", en: "Unknown filter value: {value}." },
  export_not_ready: { fr: "L'export n'est pas terminé.", en: "The export has not finished." },
  date_in_future: { fr: "La date ne peut pas être dans le futur.", en: "The date cannot be in the future." },
  request_closed: { fr: "Cette demande est déjà close.", en: "This request is already closed." },
  identity_already_checked: { fr: "L'identité a déjà été vérifiée pour cette demande.", en: "The identity was already checked for this request." },
  no_phone_on_file: { fr: "Aucun numéro enregistré pour rappeler cette personne.", en: "No number on file to call this person back." },
  no_email_on_file: { fr: "Aucune adresse e-mail enregistrée pour cette personne.", en: "No email address on file for this person." },
  wrong_request_kind: { fr: "Il faut une demande de type : {kinds}.", en: "This needs a request of kind: {kinds}." },
  identity_not_checked: {
    fr: "Vérifiez d'abord l'identité du demandeur et enregistrez la vérification.",
    en: "Check the requester's identity and record the check first.",
  },
  extension_not_later: { fr: "La nouvelle échéance doit être après le {due}.", en: "The new due date must be after {due}." },
  extension_too_long: { fr: "Une prolongation ne peut dépasser 60 jours.", en: "An extension cannot exceed 60 days." },
  confirm_name_mismatch: { fr: "Le nom saisi ne correspond pas au nom de famille de la personne.", en: "The name typed does not match the person's last name." },
  not_requester: { fr: "Cette demande concerne une autre personne.", en: "This request is about another person." },
  // The database's own constraints, behind the schemas and the handlers' checks: words for the
  // user, never SQLite's text.
  missing_reference: {
    fr: "L'élément choisi n'existe pas (ou plus). Rechargez et choisissez-en un autre.",
    en: "The chosen item does not exist (any more). Reload and choose another one.",
  },
  invalid_value: { fr: "Valeur non valable.", en: "Invalid value." },
  already_exists: { fr: "Cette valeur existe déjà.", en: "This value already exists." },
  // The storage failed under an operation (logged with its incident number, which the message gets).
  database_busy: {
    fr: "La base de données est occupée par une autre opération. Réessayez dans un instant.",
    en: "The database is busy with another operation. Try again in a moment.",
  },
  // An operation on a SQLite file (a backup by copy, the integrity check) asked of a PostgreSQL server.
  not_on_postgres: {
    fr: "Ce serveur garde ses données dans PostgreSQL : cette opération sur un fichier n'y existe pas, le service informatique s'en charge avec les outils de PostgreSQL.",
    en: "This server keeps its data in PostgreSQL: this operation on a file does not exist there; IT does it with PostgreSQL's own tools.",
  },
  // A heavy job (a preview, a verification, a report) running in a worker when a restore replaced the file.
  interrupted_by_restore: {
    fr: "Une restauration de sauvegarde a interrompu cette opération. Reconnectez-vous, puis recommencez.",
    en: "A backup restore interrupted this operation. Log in again, then start over.",
  },
  disk_full: {
    fr: "Le disque est plein : rien n'a été enregistré. Libérez de la place, puis réessayez.",
    en: "The disk is full: nothing was saved. Free some space, then try again.",
  },
  storage_failed: {
    fr: "La base de données n'a pas pu être lue ou écrite ; rien n'a été enregistré. Réessayez ; si cela se répète, contactez le support.",
    en: "The database could not be read or written; nothing was saved. Try again; if this happens again, contact support.",
  },
  // Refusals made before the dispatcher (the IPC bridge, the loopback server) or by the renderer
  // itself when no answer came: the renderer translates them by reason.
  sender_not_allowed: { fr: "Cette page ne peut pas utiliser l'application.", en: "This page may not use the application." },
  operation_name_required: { fr: "Nom d'opération manquant.", en: "The operation name is missing." },
  unreachable: { fr: "Le serveur de l'application ne répond pas. Vérifiez qu'il tourne, puis réessayez.", en: "The application server does not answer. Check that it is running, then try again." },
  launch_token: { fr: "Cette page n'a pas le jeton de lancement de l'application : rouvrez-la depuis l'application.", en: "This page lacks the application's launch token: open it again from the application." },
  transport: { fr: "La demande n'a pas pu être transmise. Réessayez.", en: "The request could not be delivered. Please try again." },
  // The team server and a desk of another version: the contract may differ, so nothing is served.
  version_mismatch: {
    fr: "Ce poste a la version {client} de Jet Info CRM et le serveur d'équipe la version {server} : les deux doivent avoir la même version. Adressez-vous à un administrateur.",
    en: "This desk runs Jet Info CRM {client} and the team server runs {server}: both must run the same version. Ask an administrator.",
  },
  // Input the schemas refused, when no single issue says more (common/validation-messages.ts words each issue).
  validation: { fr: "Saisie non valable.", en: "Invalid input." },
  unexpected: { fr: "Erreur inattendue dans l'application. Réessayez ; si elle revient, signalez-la.", en: "Unexpected error in the application. Try again; if it comes back, report it." },
  database_from_future: {
    fr: "Cette base de données a été écrite par une version plus récente de Jet Info CRM (schéma {version} ; cette version connaît jusqu'au {supported}). Mettez l'application à jour ; le fichier n'a pas été modifié.",
    en: "This database was written by a newer version of Jet Info CRM (schema {version}; this version knows up to {supported}). Update the application; the file was not changed.",
  },
  upgrade_broken_references: {
    fr: "La mise à niveau laisserait {count} référence(s) cassée(s) ; rien n'a été modifié. Contactez le support.",
    en: "The upgrade would leave {count} broken reference(s); nothing was changed. Contact support.",
  },
  data_folder_in_use: {
    fr: "Jet Info CRM est déjà ouvert sur ce dossier de données ({folder}). Passez à la fenêtre ouverte, ou fermez-la avant de relancer.",
    en: "Jet Info CRM is already running on this data folder ({folder}). Switch to the open window, or close it before starting again.",
  },
  migrations_missing: {
    fr: "L'installation est incomplète : les migrations de la base de données manquent ({folder}). Réinstallez Jet Info CRM.",
    en: "The installation is incomplete: the database migrations are missing ({folder}). Reinstall Jet Info CRM.",
  },
  import_source_missing: {
    fr: "Le fichier à importer est introuvable ({file}).",
    en: "The file to import was not found ({file}).",
  },
  import_not_crm: {
    fr: "Ce fichier n'est pas une base Jet Info CRM ({file}) ; rien n'a été importé.",
    en: "This file is not a Jet Info CRM database ({file}); nothing was imported.",
  },
  import_corrupt: {
    fr: "La base à importer est endommagée (contrôle d'intégrité échoué) ; rien n'a été importé.",
    en: "The database to import is damaged (integrity check failed); nothing was imported.",
  },
  import_target_has_database: {
    fr: "Le dossier de données du serveur contient déjà une base ({folder}) : l'import ne remplace jamais les données d'un serveur. Choisissez un dossier vide.",
    en: "The server's data folder already holds a database ({folder}): an import never replaces a server's data. Choose an empty folder.",
  },
  import_target_other_key: {
    fr: "Le dossier de données du serveur contient déjà une autre clé du journal d'audit ({folder}) : l'import ne la remplace pas. Choisissez un dossier vide.",
    en: "The server's data folder already holds another audit-log key ({folder}): the import does not replace it. Choose an empty folder.",
  },
  import_target_in_use: {
    fr: "Un serveur ou une application Jet Info CRM est ouvert sur le dossier de données {folder} ; arrêtez-le avant d'importer.",
    en: "A Jet Info CRM server or app is running on the data folder {folder}; stop it before importing.",
  },
  import_source_in_use: {
    fr: "Jet Info CRM est encore ouvert sur le poste dont vient cette base ({folder}) : fermez-le sur ce poste, puis relancez l'import. Rien n'a été importé.",
    en: "Jet Info CRM is still running on the desk this database belongs to ({folder}): close it on that desk, then import again. Nothing was imported.",
  },
  import_audit_key_missing: {
    fr: "La clé du journal d'audit (audit.key) manque à côté de la base ({folder}) : sans elle, le journal ne peut pas être vérifié. Copiez audit.key du dossier de données du poste à côté du fichier. Rien n'a été importé.",
    en: "The audit-log key (audit.key) is missing beside the database ({folder}): without it the log cannot be verified. Copy audit.key from the desk's data folder next to the file. Nothing was imported.",
  },
  import_audit_key_unreadable: {
    fr: "La clé du journal d'audit à côté de la base est illisible ({file}) ; rien n'a été importé.",
    en: "The audit-log key beside the database cannot be read ({file}); nothing was imported.",
  },
  import_audit_broken: {
    fr: "Le journal d'audit de la base à importer ne se vérifie pas ({problems}) : il a été modifié ou la clé ne correspond pas. Rien n'a été importé.",
    en: "The audit log of the database to import does not verify ({problems}): it was altered, or the key does not match. Nothing was imported.",
  },
  import_counts_differ: {
    fr: "La copie ne compte pas les mêmes lignes que la base d'origine ({tables}) ; rien n'a été importé.",
    en: "The copy does not hold the same number of rows as the original ({tables}); nothing was imported.",
  },
  startup_failed: {
    fr: "La base de données n'a pas pu être ouverte (fichier verrouillé, illisible ou endommagé). Fermez les autres fenêtres de l'application et relancez-la ; si cela se répète, contactez le support.",
    en: "The database could not be opened (file locked, unreadable or damaged). Close the application's other windows and start it again; if this happens again, contact support.",
  },
  // A desk in team mode (electron/desk/): what the desk itself says when it cannot reach the team
  // server or will not trust it. No parameters, so the page words them in the reader's language.
  team_unreachable: {
    fr: "Le serveur d'équipe ne répond pas. Vérifiez la connexion au réseau et que le serveur tourne, puis réessayez.",
    en: "The team server does not answer. Check the network connection and that the server is running, then try again.",
  },
  team_timeout: {
    fr: "Le serveur d'équipe n'a pas répondu à temps. Réessayez ; si cela se répète, prévenez l'administrateur.",
    en: "The team server did not answer in time. Try again; if this happens again, tell the administrator.",
  },
  team_certificate_changed: {
    fr: "Le serveur d'équipe présente un autre certificat que celui confirmé pour ce poste : rien ne lui a été envoyé. Un administrateur doit vérifier le serveur et reconfirmer sa connexion.",
    en: "The team server presents another certificate than the one confirmed for this desk: nothing was sent to it. An administrator must check the server and confirm its connection again.",
  },
  team_certificate_untrusted: {
    fr: "Le certificat du serveur d'équipe n'est pas signé par le certificat d'entreprise choisi pour ce poste, ou ne porte pas ce nom : rien ne lui a été envoyé.",
    en: "The team server's certificate is not signed by the company certificate chosen for this desk, or does not carry this name: nothing was sent to it.",
  },
  team_bad_answer: {
    fr: "Cette adresse répond, mais pas comme un serveur d'équipe Jet Info CRM. Vérifiez l'adresse et le port.",
    en: "This address answers, but not as a Jet Info CRM team server. Check the address and the port.",
  },
  team_url_invalid: {
    fr: "Adresse non valable : indiquez celle du serveur d'équipe, par exemple https://crm-serveur:8443/.",
    en: "Invalid address: give the team server's, for example https://crm-server:8443/.",
  },
  team_not_tls: {
    fr: "Cette adresse ne répond pas en HTTPS : vérifiez le port, c'est celui qu'affiche le serveur d'équipe.",
    en: "This address does not answer over HTTPS: check the port, it is the one the team server prints.",
  },
  team_fingerprint_invalid: {
    fr: "Empreinte non valable : 64 chiffres hexadécimaux (SHA-256), tels que le serveur d'équipe les affiche.",
    en: "Invalid fingerprint: 64 hexadecimal digits (SHA-256), as the team server prints them.",
  },
  company_certificate_invalid: {
    fr: "Ce fichier n'est pas un certificat lisible (format PEM attendu, « -----BEGIN CERTIFICATE----- »).",
    en: "This file is not a readable certificate (PEM format expected, “-----BEGIN CERTIFICATE-----”).",
  },
  desk_not_configured: {
    fr: "Ce poste n'est pas encore configuré : choisissez une base locale ou un serveur d'équipe.",
    en: "This desk is not set up yet: choose a local database or a team server.",
  },
  desk_switch_failed: {
    fr: "La nouvelle connexion n'a pas pu s'ouvrir ; ce poste garde la précédente.",
    en: "The new connection could not be opened; this desk keeps the previous one.",
  },
  desk_not_a_desk: {
    fr: "Cette page est servie directement par le serveur d'équipe : il n'y a pas de poste à configurer.",
    en: "This page is served by the team server itself: there is no desk to set up.",
  },
  internal: {
    fr: "Erreur interne. L'incident a été journalisé ; réessayez.",
    en: "Internal error. It has been logged; please try again.",
  },
} as const;

export type Reason = keyof typeof MESSAGES;

export function isReason(value: unknown): value is Reason {
  return typeof value === "string" && Object.hasOwn(MESSAGES, value);
}

/** The placeholders a reason's message takes, e.g. ["from", "to"] for `transition`. */
export function reasonParameters(reason: Reason): string[] {
  return [...MESSAGES[reason].fr.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** What `not_found` names, in the reader's language ("person introuvable" otherwise). */
const ENTITY_NAMES: Record<string, Record<Language, string>> = {
  person: { fr: "Personne", en: "Person" },
  company: { fr: "Entreprise", en: "Company" },
  phone: { fr: "Numéro de téléphone", en: "Phone number" },
  email: { fr: "Adresse e-mail", en: "Email address" },
  address: { fr: "Adresse", en: "Address" },
  "privacy request": { fr: "Demande", en: "Request" },
  product: { fr: "Produit", en: "Product" },
  report: { fr: "Rapport", en: "Report" },
  course: { fr: "Formation", en: "Course" },
  session: { fr: "Session", en: "Session" },
  "training request": { fr: "Demande de formation", en: "Training request" },
  user: { fr: "Utilisateur", en: "User" },
};

/** A reason's message in one language, its `{placeholders}` filled from `params`. */
export function message(reason: Reason, language: Language, params: Record<string, string> = {}): string {
  const entity = params.entity !== undefined && Object.hasOwn(ENTITY_NAMES, params.entity) ? ENTITY_NAMES[params.entity]![language] : params.entity;
  return MESSAGES[reason][language].replace(/\{(\w+)\}/g, (_, k: string) => (k === "entity" ? entity : params[k]) ?? "");
}
