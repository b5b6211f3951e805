import type { OpOutput } from "../../../api/queries";

/** Shapes the contact-preference section reads, as the contract declares them. */
export type Preferences = OpOutput<"preferences.get">;
export type PreferenceChoice = Preferences["choices"][number];
export type PreferenceChange = Preferences["changes"][number];
