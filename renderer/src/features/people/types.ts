import type { OpInput, OpOutput } from "../../api/queries";

/** Shapes of the person screens, derived from the operations' declared outputs. */
export type PersonCard = OpOutput<"people.get">;
export type Phone = PersonCard["phones"][number];
export type Email = PersonCard["emails"][number];
export type Address = PersonCard["addresses"][number];
export type CardReport = PersonCard["reports"][number];
export type CardTraining = PersonCard["training"][number];
export type Interaction = PersonCard["timeline"][number];
export type DuplicateCandidate = OpOutput<"people.duplicates">[number];
export type DuplicateProbe = OpInput<"people.duplicates">;
export type HistoryEntry = OpOutput<"people.history">[number];
export type Company = OpOutput<"companies.get">;
