import type { OpOutput } from "../../api/queries";

/** One row of the lookup's answer, as people.search declares it. */
export type SearchHit = OpOutput<"people.search">[number];
