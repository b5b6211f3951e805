import type { ApiClient, OperationTypes } from "../../../electron/api/client";

/** The client's type, derived from the operation registry (types only cross into the renderer). */
export type Api = ApiClient;
export type Operations = OperationTypes;
