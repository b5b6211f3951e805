import en from "./en.json";
import backupsEn from "./features/backups.en.json";
import backupsFr from "./features/backups.fr.json";
import callEn from "./features/call.en.json";
import callFr from "./features/call.fr.json";
import diagnosticsEn from "./features/diagnostics.en.json";
import diagnosticsFr from "./features/diagnostics.fr.json";
import dashboardEn from "./features/dashboard.en.json";
import dashboardFr from "./features/dashboard.fr.json";
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

// Each feature keeps its texts in its own pair of files (features/<name>.<lang>.json), reached as
// t("people.…"), t("reports.…"), t("training.…"); the shell's texts stay in fr.json / en.json.
export const french = { ...fr, backups: backupsFr, call: callFr, shortcuts: shortcutsFr, diagnostics: diagnosticsFr, dashboard: dashboardFr, exports: exportsFr, people: peopleFr, privacy: privacyFr, privacyTools: privacyToolsFr, reports: reportsFr, training: trainingFr };

// Assigning through the French type makes a key missing from an English file a compile error.
export const english: typeof french = { ...en, backups: backupsEn, call: callEn, shortcuts: shortcutsEn, diagnostics: diagnosticsEn, dashboard: dashboardEn, exports: exportsEn, people: peopleEn, privacy: privacyEn, privacyTools: privacyToolsEn, reports: reportsEn, training: trainingEn };
