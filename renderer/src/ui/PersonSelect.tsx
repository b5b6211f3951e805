import type { SelectProps } from "@mantine/core";
import { formatPhone } from "../../../common/phone";
import { api } from "../api/client";
import { SearchSelect } from "./SearchSelect";

/** A person chosen in a form: their id and the name the field shows. */
export interface PickedPerson {
  id: number;
  name: string;
}

interface Found extends PickedPerson {
  detail: string;
}

/** The caller lookup's own search (number, name, email, company): the server matches, the field shows. */
async function searchPeople(q: string): Promise<Found[]> {
  if (q.length < 2) return [];
  const hits = await api.people.search({ q });
  return hits.map((hit) => ({
    id: hit.personId,
    name: [hit.lastName, hit.firstName].filter(Boolean).join(" "),
    detail: [hit.company, hit.city, hit.primaryPhone && formatPhone(hit.primaryPhone)].filter(Boolean).join(" · "),
  }));
}

/** A person picked with ↑/↓ and Enter from what the lookup finds; each option names company, city and number. */
export function PersonSelect({
  value,
  onChange,
  ...props
}: Omit<SelectProps, "value" | "onChange" | "data" | "searchValue" | "onSearchChange" | "filter"> & { value: PickedPerson | null; onChange(person: PickedPerson | null): void }) {
  return (
    <SearchSelect<PickedPerson>
      {...props}
      value={value}
      onChange={(picked) => onChange(picked && { id: picked.id, name: picked.name })}
      search={searchPeople}
      keyOf={(person) => String(person.id)}
      labelOf={(person) => person.name}
      detailOf={(person) => ("detail" in person ? (person as Found).detail : null)}
    />
  );
}
