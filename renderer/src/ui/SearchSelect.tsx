import { useMemo } from "react";
import { promiseSource, Typeahead, type TypeaheadProps } from "./Typeahead";

interface SearchSelectProps<T> extends Omit<TypeaheadProps<T>, "source"> {
  /** Asked on each pause in typing (and once on opening with an empty box). */
  search(query: string): Promise<readonly T[]>;
}

/**
 * The typeahead over a search function (kept for the screens that pass `search`): the server filters
 * and orders, the field shows only the answer to the text in the box. New code passes a `source`
 * to `Typeahead` (or uses PersonTypeahead / CompanyTypeahead / ProductTypeahead), which reads
 * through the query layer.
 */
export function SearchSelect<T>({ search, ...props }: SearchSelectProps<T>) {
  const source = useMemo(() => promiseSource(search), [search]);
  return <Typeahead<T> {...props} source={source} />;
}
