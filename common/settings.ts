import { z } from "zod";

/*
 * The application's settings as the contract knows them: each key with its schema and its default.
 * The settings screen validates with the same schemas the server stores with; reading and writing
 * the stored values is db/settings.ts.
 */

const line = (max: number) => z.string().trim().max(max);

/** Who answers for the data (revFADP Art. 19/25): printed on every access report. */
const controller = z.strictObject({
  name: line(200).min(1),
  street: line(200),
  postalCode: line(12),
  city: line(100),
  country: line(100),
  phone: line(30),
  email: line(254),
});

/** A service provider that receives personal data (hosting, mailing, …), named in the access report. */
const recipient = z.strictObject({ name: line(200).min(1), purpose: line(300), country: line(100) });

const years = z.number().int().min(1).max(30);

/** Every known setting, its schema and its default. Unknown keys cannot be written. */
export const SETTINGS = {
  "session.idleMinutes": { schema: z.number().int().min(1).max(240), default: 15 },
  /** A session ends this long after the login, however active: the password is asked again. */
  "session.maxHours": { schema: z.number().int().min(1).max(24), default: 12 },
  /** Backup folder; empty means `backups/` in the user-data folder. */
  "backup.folder": { schema: line(1000), default: "" },
  "backup.intervalHours": { schema: z.number().int().min(1).max(168), default: 4 },
  /** How many automatic backups are kept (the newest ones). */
  "backup.keep": { schema: z.number().int().min(1).max(1000), default: 30 },
  /** Backups older than this are deleted: the date an erased person finally leaves every copy. */
  "backup.retentionDays": { schema: z.number().int().min(1).max(3650), default: 30 },
  "privacy.controller": {
    schema: controller,
    default: {
      name: "Jet Info Sàrl",
      street: "Rue de Lausanne 63",
      postalCode: "1202",
      city: "Genève",
      country: "Suisse",
      phone: "+41 22 735 33 92",
      email: "",
    },
  },
  "privacy.recipients": { schema: z.array(recipient).max(50), default: [] as z.infer<typeof recipient>[] },
  "retention.interactionsYears": { schema: years, default: 3 },
  "retention.closedReportsYears": { schema: years, default: 5 },
  "retention.trainingRequestsYears": { schema: years, default: 3 },
  "retention.inactivePeopleYears": { schema: years, default: 5 },
  /** Users other than managers and administrators whom an administrator allowed to export. */
  "exports.grantedUserIds": { schema: z.array(z.number().int().positive()).max(500), default: [] as number[] },
  /** Run the retention review at start-up and apply it without asking. */
  "retention.applyAtStartup": { schema: z.boolean(), default: false },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

/** The input of `settings.update`: any subset of the settings, each with its own schema. */
export const settingsPatch = z.strictObject(
  Object.fromEntries(Object.entries(SETTINGS).map(([key, def]) => [key, def.schema.optional()])) as {
    [K in SettingKey]: z.ZodOptional<(typeof SETTINGS)[K]["schema"]>;
  },
);
