import { useState } from "react";

/**
 * The record's version when the form opened: what the user's edits are based on. A save carries
 * it, so if another desk saved in between the server answers CONFLICT — even though live updates
 * have meanwhile reloaded the record (and its newer version) under the open form, whose fields
 * still hold what the user saw and typed.
 */
export function useVersionAtOpen<V extends number | undefined>(version: V): V {
  return useState(version)[0];
}
