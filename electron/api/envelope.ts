export type { ApiErrorBody, Envelope, ErrorCode } from "../../common/envelope";
