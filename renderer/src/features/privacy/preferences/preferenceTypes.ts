import type { Api } from "../../../api/contract";

/** Shapes the contact-preference section reads, derived from the contract so they follow the registry. */
export type Preferences = Awaited<ReturnType<Api["preferences"]["get"]>>;
export type PreferenceChoice = Preferences["choices"][number];
export type PreferenceChange = Preferences["changes"][number];
export type Topic = PreferenceChoice["topic"];
export type PreferenceChannel = PreferenceChoice["channel"];
export type PreferenceStatus = NonNullable<PreferenceChoice["status"]>;
export type PreferenceSource = Parameters<Api["preferences"]["set"]>[0]["source"];

/** Rows and columns of the grid, in the order the call centre reads them. */
export const TOPICS = ["newsletter", "training_announcements", "product_updates", "service_messages"] as const satisfies readonly Topic[];
export const CHANNELS = ["email", "phone", "post"] as const satisfies readonly PreferenceChannel[];
/** The phone comes first: agents record choices while the caller is on the line. */
export const SOURCES = ["call", "email", "web_form", "letter", "in_person", "privacy_request"] as const satisfies readonly PreferenceSource[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const listed: [Exhaustive<Topic, (typeof TOPICS)[number]>, Exhaustive<PreferenceChannel, (typeof CHANNELS)[number]>, Exhaustive<PreferenceSource, (typeof SOURCES)[number]>] = [true, true, true];
void listed;
