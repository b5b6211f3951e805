import type { Language } from "../../../common/enums";
import { LABELS, type LabelTables } from "../../../common/labels";
import { MESSAGES, type Reason } from "../../../common/messages";
import { requiredMessage } from "../../../common/validation-messages";
import en from "./en.json";
import backupsEn from "./features/backups.en.json";
import backupsFr from "./features/backups.fr.json";
import callEn from "./features/call.en.json";
import callFr from "./features/call.fr.json";
import diagnosticsEn from "./features/diagnostics.en.json";
import diagnosticsFr from "./features/diagnostics.fr.json";
import dashboardEn from "./features/dashboard.en.json";
import dashboardFr from "./features/dashboard.fr.json";
import deskEn from "./features/desk.en.json";
import deskFr from "./features/desk.fr.json";
import exportsEn from "./features/exports.en.json";
import exportsFr from "./features/exports.fr.json";
import peopleEn from "./features/people.en.json";
import peopleFr from "./features/people.fr.json";
import privacyEn from "./features/privacy.en.json";
import privacyFr from "./features/privacy.fr.json";
import privacyToolsEn from "./features/privacyTools.en.json";
import privacyToolsFr from "./features/privacyTools.fr.json";
import reportsEn from "./features/reports.en.json";
import reportsFr from "./features/reports.fr.json";
import shortcutsEn from "./features/shortcuts.en.json";
import shortcutsFr from "./features/shortcuts.fr.json";
import trainingEn from "./features/training.en.json";
import trainingFr from "./features/training.fr.json";
import fr from "./fr.json";

/*
 * Each feature keeps its texts in its own pair of files (features/<name>.<lang>.json), reached as
 * t("people.…"), t("reports.…"), t("training.…"); the shell's texts stay in fr.json / en.json.
 *
 * The labels of enum values are not in those files: they come from common/labels.ts, the one
 * wording the exports and the access report use too. New code reads them as
 * t("labels.severity.low"); the key paths the features already used (t("reports.severity.low"),
 * t("exports.value.new"), …) are generated here from the same labels.
 */

/** The older flat list of the export filters and the dashboard (one key per code, all lists together). */
function exportValues(l: LabelTables) {
  // Later lists win where two share a code: the flat list cannot tell "completed" of a training
  // request from a privacy request's; t("labels.<group>.<code>") can.
  return {
    ...l.personLanguage,
    ...l.preferenceTopic,
    ...l.preferenceChannel,
    ...l.interactionChannel,
    ...l.interactionPurpose,
    ...l.privacyRequestKind,
    ...l.privacyStatus,
    ...l.sessionStatus,
    ...l.trainingStatus,
    ...l.severity,
    ...l.reportStatus,
  };
}

/**
 * t("errors.<reason>"): the catalogue's messages (common/messages.ts) for texts the renderer words
 * itself, their `{name}` placeholders as i18next's `{{name}}`.
 */
function reasonMessages(language: Language) {
  return Object.fromEntries((Object.keys(MESSAGES) as Reason[]).map((reason) => [reason, MESSAGES[reason][language].replace(/\{(\w+)\}/g, "{{$1}}")])) as Record<Reason, string>;
}

function compose(
  language: Language,
  l: LabelTables,
  texts: {
    shell: typeof fr;
    backups: typeof backupsFr;
    call: typeof callFr;
    shortcuts: typeof shortcutsFr;
    diagnostics: typeof diagnosticsFr;
    dashboard: typeof dashboardFr;
    desk: typeof deskFr;
    exports: typeof exportsFr;
    people: typeof peopleFr;
    privacy: typeof privacyFr;
    privacyTools: typeof privacyToolsFr;
    reports: typeof reportsFr;
    training: typeof trainingFr;
  },
) {
  const { shell, people, privacy, privacyTools, reports, training } = texts;
  return {
    ...shell,
    errors: { ...shell.errors, ...reasonMessages(language), required: requiredMessage(language) },
    roles: l.role,
    labels: l,
    backups: texts.backups,
    call: texts.call,
    shortcuts: texts.shortcuts,
    diagnostics: texts.diagnostics,
    dashboard: texts.dashboard,
    desk: texts.desk,
    exports: { ...texts.exports, value: exportValues(l) },
    people: {
      ...people,
      // "none" is the form's choice of no salutation, not a stored value: it stays in the feature's file.
      salutations: { ...people.salutations, ...l.salutation },
      languages: l.personLanguage,
      phoneKinds: l.phoneKind,
      channels: l.interactionChannel,
      purposes: l.interactionPurpose,
      reportStatuses: l.reportStatus,
      trainingStatuses: l.trainingStatus,
    },
    privacy: {
      ...privacy,
      kinds: l.privacyRequestKind,
      channels: l.privacyChannel,
      statuses: l.privacyStatus,
      identityMethods: l.identityMethod,
    },
    privacyTools: {
      ...privacyTools,
      topics: l.preferenceTopic,
      channels: l.preferenceChannel,
      // "none" (no choice recorded yet) is the screen's, not a stored value.
      status: { ...privacyTools.status, ...l.preferenceStatus },
      sources: l.preferenceSource,
      categories: l.category,
      retention: { ...privacyTools.retention, rules: l.retentionRule },
    },
    reports: { ...reports, status: l.reportStatus, severity: l.severity, frequency: l.frequency, outcome: l.callbackOutcome, phoneKind: l.phoneKind },
    training: {
      ...training,
      status: l.trainingStatus,
      sessionStatus: l.sessionStatus,
      format: l.courseFormat,
      language: l.trainingLanguage,
      unit: l.durationUnit,
      channel: l.interactionChannel,
    },
  };
}

export const french = compose("fr", LABELS.fr, {
  shell: fr,
  backups: backupsFr,
  call: callFr,
  shortcuts: shortcutsFr,
  diagnostics: diagnosticsFr,
  dashboard: dashboardFr,
  desk: deskFr,
  exports: exportsFr,
  people: peopleFr,
  privacy: privacyFr,
  privacyTools: privacyToolsFr,
  reports: reportsFr,
  training: trainingFr,
});

// Assigning through the French type makes a key missing from an English file a compile error.
export const english: typeof french = compose("en", LABELS.en, {
  shell: en,
  backups: backupsEn,
  call: callEn,
  shortcuts: shortcutsEn,
  diagnostics: diagnosticsEn,
  dashboard: dashboardEn,
  desk: deskEn,
  exports: exportsEn,
  people: peopleEn,
  privacy: privacyEn,
  privacyTools: privacyToolsEn,
  reports: reportsEn,
  training: trainingEn,
});
