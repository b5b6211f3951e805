import en from "./en.json";
import peopleEn from "./features/people.en.json";
import peopleFr from "./features/people.fr.json";
import reportsEn from "./features/reports.en.json";
import reportsFr from "./features/reports.fr.json";
import trainingEn from "./features/training.en.json";
import trainingFr from "./features/training.fr.json";
import fr from "./fr.json";

// Each feature keeps its texts in its own pair of files (features/<name>.<lang>.json), reached as
// t("people.…"), t("reports.…"), t("training.…"); the shell's texts stay in fr.json / en.json.
export const french = { ...fr, people: peopleFr, reports: reportsFr, training: trainingFr };

// Assigning through the French type makes a key missing from an English file a compile error.
export const english: typeof french = { ...en, people: peopleEn, reports: reportsEn, training: trainingEn };
