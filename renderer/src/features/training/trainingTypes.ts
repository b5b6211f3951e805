import type { SessionStatus, TrainingStatus } from "../../../../common/enums";
import type { OpInput, OpOutput } from "../../api/queries";

/** Shapes of the training operations, derived from the contract so they follow the backend. */
export type Course = OpOutput<"courses.get">;
export type SessionRow = OpOutput<"sessions.list">[number];
export type SessionDetail = OpOutput<"sessions.get">;
export type RequestPage = OpOutput<"training.list">;
export type RequestRow = RequestPage["rows"][number];
export type RequestListInput = OpInput<"training.list">;
export type RequestDetail = OpOutput<"training.get">;
export type PurposeRow = OpOutput<"interactions.listByPurpose">["rows"][number];
export type PurposeQuery = OpInput<"interactions.listByPurpose">;
export type PersonCard = OpOutput<"people.get">;

/** The purposes the managers' lists show (the operation accepts exactly these). */
export { LISTED_PURPOSES, type ListedPurpose } from "../../../../common/contract/training";
/** Statuses a request can still be booked into a session from (db/training.ts assignSession). */
export const BOOKABLE_STATUSES: readonly TrainingStatus[] = ["requested", "contacted", "scheduled"];
/** Sessions that still take bookings. */
export const OPEN_SESSION_STATUSES: readonly SessionStatus[] = ["planned", "confirmed"];
