import type { Api } from "../../api/contract";

/** Shapes of the training operations, derived from the contract so they follow the backend. */
export type Course = Awaited<ReturnType<Api["courses"]["get"]>>;
export type CourseInput = Parameters<Api["courses"]["save"]>[0];
export type SessionRow = Awaited<ReturnType<Api["sessions"]["list"]>>[number];
export type SessionDetail = Awaited<ReturnType<Api["sessions"]["get"]>>;
export type SessionInput = Parameters<Api["sessions"]["save"]>[0];
export type RequestPage = Awaited<ReturnType<Api["training"]["list"]>>;
export type RequestRow = RequestPage["rows"][number];
export type RequestListInput = Parameters<Api["training"]["list"]>[0];
export type RequestDetail = Awaited<ReturnType<Api["training"]["get"]>>;
export type ParticipantRow = SessionDetail["participants"][number];
export type PurposePage = Awaited<ReturnType<Api["interactions"]["listByPurpose"]>>;
export type PurposeRow = PurposePage["rows"][number];
export type ListedPurpose = Parameters<Api["interactions"]["listByPurpose"]>[0]["purpose"];
export type PersonCard = Awaited<ReturnType<Api["people"]["get"]>>;
export type PersonHit = Awaited<ReturnType<Api["people"]["search"]>>[number];
export type CompanyHit = Awaited<ReturnType<Api["companies"]["search"]>>[number];

export type TrainingStatus = RequestRow["status"];
export type SessionStatus = SessionRow["status"];
export type CourseFormat = Course["format"];
export type TrainingLanguage = RequestRow["language"];
export type DurationUnit = Course["durationUnit"];

// The enums again as values (the renderer cannot import db/); the checks below fail to compile
// when the contract gains a value that is not listed here.
export const TRAINING_STATUSES = ["requested", "contacted", "scheduled", "confirmed", "completed", "cancelled"] as const satisfies readonly TrainingStatus[];
export const SESSION_STATUSES = ["planned", "confirmed", "cancelled", "held"] as const satisfies readonly SessionStatus[];
export const COURSE_FORMATS = ["premises", "client", "online"] as const satisfies readonly CourseFormat[];
export const TRAINING_LANGUAGES = ["fr", "de", "en", "it"] as const satisfies readonly TrainingLanguage[];
export const DURATION_UNITS = ["days", "hours"] as const satisfies readonly DurationUnit[];
export const LISTED_PURPOSES = ["information", "comment"] as const satisfies readonly ListedPurpose[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const statusesListed: Exhaustive<TrainingStatus, (typeof TRAINING_STATUSES)[number]> = true;
const sessionStatusesListed: Exhaustive<SessionStatus, (typeof SESSION_STATUSES)[number]> = true;
const formatsListed: Exhaustive<CourseFormat, (typeof COURSE_FORMATS)[number]> = true;
const languagesListed: Exhaustive<TrainingLanguage, (typeof TRAINING_LANGUAGES)[number]> = true;
const unitsListed: Exhaustive<DurationUnit, (typeof DURATION_UNITS)[number]> = true;
const purposesListed: Exhaustive<ListedPurpose, (typeof LISTED_PURPOSES)[number]> = true;
void [statusesListed, sessionStatusesListed, formatsListed, languagesListed, unitsListed, purposesListed];

/** Statuses a request can still be booked into a session from (db/training.ts assignSession). */
export const BOOKABLE_STATUSES: readonly TrainingStatus[] = ["requested", "contacted", "scheduled"];
/** Sessions that still take bookings. */
export const OPEN_SESSION_STATUSES: readonly SessionStatus[] = ["planned", "confirmed"];
