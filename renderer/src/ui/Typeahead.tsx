/**
 * One typeahead for people, companies and products: the user types, the server answers at each
 * keystroke, ↑/↓ move, Enter chooses, Esc closes.
 *
 * The rule it exists for: only an answer to the text now in the box can be chosen from. While the
 * answer to newer text has not come, the older list stays on view, dimmed, but nothing in it can be
 * marked or chosen. Enter pressed then (the agent pastes "Kolly" and presses Enter at once) is
 * remembered and chooses the top option of that text's answer when it comes — nothing if it holds
 * nobody, and typing on forgets it. Typed text + Enter chooses the top match (or the one marked by
 * ↑/↓). The list opens on typing, ↓ or a click, not on focus: a form's first field must not cover
 * the fields under it.
 *
 * Usage:
 *
 *   <PersonTypeahead label={t("privacy.form.person")} value={picked} onChange={setPicked} />
 *   <CompanyTypeahead label=… value={company} onChange={setCompany} clearable />
 *   <Typeahead source={mySource} keyOf=… labelOf=… value=… onChange=… />
 *
 * A source says where the options come from: `operationSource("companies.search", (q) => ({ q }),
 * (hits) => hits)` for a server search through the query layer, with the same cache, retries and
 * invalidation as every other read.
 */
import { Combobox, Group, InputBase, Loader, Text, useCombobox, type ComboboxProps, type MantineSize } from "@mantine/core";
import { useEffect, useId, useMemo, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { fold } from "../../../common/person-name";
import { useApiQuery, useTypedQuery, type OpInput, type OpName, type OpOutput } from "../api/queries";
import { formatPhone } from "../../../common/phone";
import { UserText, UserTextList } from "./UserText";

/** What a source has for the text in the box: `options` is null until the answer to that very text has come. */
export interface TypeaheadAnswer<T> {
  options: readonly T[] | null;
  fetching: boolean;
  /** The latest options there are, maybe for older text: shown dimmed while `options` is on its way, never chosen from. */
  shown?: readonly T[] | null;
}

/** Where the options come from. `useOptions` is a hook: called on every render, with the text and whether the list is open. */
export interface TypeaheadSource<T> {
  /** Fewer characters ask nothing (0: the empty box asks too, e.g. for recent callers). */
  minLength: number;
  useOptions(text: string, enabled: boolean): TypeaheadAnswer<T>;
}

/**
 * A server search through the query layer, asked at each keystroke; the answer is handed over as
 * `options` only while it answers the text in the box (`toOptions` may filter it further).
 */
export function operationSource<N extends OpName, T>(
  name: N,
  toInput: (text: string) => OpInput<N>,
  toOptions: (output: OpOutput<N>, text: string) => readonly T[],
  { minLength = 1 }: { minLength?: number } = {},
): TypeaheadSource<T> {
  return {
    minLength,
    useOptions(text, enabled) {
      // The query layer's typed search: only the answer to the text now in the box comes back.
      const typed = useTypedQuery(name, text, (settled) => toInput(settled.trim()), { minLength, enabled });
      // One array per answer: the ↑/↓ mark is tied to the list it was made on.
      const data = typed.data ?? undefined;
      const options = useMemo(() => (data === undefined ? null : toOptions(data, text)), [data, text]);
      const latest = typed.shown;
      const shown = useMemo(() => (latest ? toOptions(latest.data, latest.text) : null), [latest]);
      return { options, fetching: enabled && text.trim().length >= minLength && typed.isFetching, shown };
    },
  };
}

/**
 * A short list the server sends whole (products), filtered by the box as it is typed: no typing
 * pause and no request per keystroke, so the options always answer the text in the box and typed
 * text + Enter chooses at once.
 */
export function listSource<N extends OpName, T>(name: N, input: OpInput<N>, toOptions: (output: OpOutput<N>, text: string) => readonly T[]): TypeaheadSource<T> {
  return {
    minLength: 0,
    useOptions(text) {
      // Asked as soon as the field shows, not when the list opens: it is there by the first Enter.
      const list = useApiQuery(name, input);
      const data = list.data;
      const options = useMemo(() => (data === undefined ? null : toOptions(data, text)), [data, text]);
      return { options, fetching: list.isFetching };
    },
  };
}


/** Options of an older answer: seen, not usable (the pointer passes through; Enter chooses from `options` only). */
const STALE_OPTIONS: CSSProperties = { opacity: 0.6, pointerEvents: "none" };
const markedOption: CSSProperties = { background: "var(--mantine-color-jet-0)", boxShadow: "inset 3px 0 0 var(--mantine-color-jet-7)" };

export interface TypeaheadProps<T> {
  value: T | null;
  onChange(next: T | null): void;
  source: TypeaheadSource<T>;
  keyOf(item: T): string;
  labelOf(item: T): string;
  /** A second, dimmed line under each option (company, city, number…). */
  detailOf?(item: T): ReactNode;
  label?: ReactNode;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  /** A × that empties the choice. */
  clearable?: boolean;
  autoFocus?: boolean;
  "data-autofocus"?: boolean;
  /** The answer came and holds nobody. */
  nothingFoundMessage?: ReactNode;
  maxDropdownHeight?: number;
  comboboxProps?: ComboboxProps;
  w?: number | string;
  size?: MantineSize;
  id?: string;
  style?: CSSProperties;
}

export function Typeahead<T>({
  value,
  onChange,
  source,
  keyOf,
  labelOf,
  detailOf,
  clearable,
  nothingFoundMessage,
  maxDropdownHeight = 300,
  comboboxProps,
  ...inputProps
}: TypeaheadProps<T>) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState(value ? labelOf(value) : "");
  const [opened, setOpened] = useState(false);
  // Follows outside changes of the choice (a form reset, filters cleared) without an effect.
  const chosenKey = value ? keyOf(value) : null;
  const [shownKey, setShownKey] = useState(chosenKey);
  if (shownKey !== chosenKey) {
    setShownKey(chosenKey);
    setText(value ? labelOf(value) : "");
  }

  // The chosen item's own label in the box is not a question.
  const term = value && text === labelOf(value) ? "" : text;
  const answer = source.useOptions(term, opened);
  const options = answer.options ?? [];
  const tooShort = term.trim().length < source.minLength;
  // While the answer to the text comes, the previous list stays (dimmed, inert) rather than blinking.
  const stale = answer.options === null && answer.fetching && !!answer.shown?.length;
  const listed = stale ? answer.shown! : options;

  // The mark made with ↑/↓ belongs to the list it was made on: a newer answer starts at the top.
  const [mark, setMark] = useState<{ options: readonly T[] | null; index: number }>({ options: null, index: 0 });
  const marked = answer.options && mark.options === answer.options ? Math.min(mark.index, options.length - 1) : 0;

  const combobox = useCombobox({ opened, onOpenedChange: setOpened });

  function choose(item: T) {
    setEnterFor(null);
    onChange(item);
    setText(labelOf(item));
    setOpened(false);
  }

  // Enter pressed while the answer to this text was on its way: the text it was pressed on. Any
  // change of text, Esc or leaving the field forgets it.
  const [enterFor, setEnterFor] = useState<string | null>(null);
  // What that Enter chose once the answer came; handed to onChange after the render (a parent's
  // state is not set while this component renders).
  const [lateChoice, setLateChoice] = useState<{ item: T } | null>(null);
  if (enterFor !== null && enterFor === term && answer.options !== null) {
    // The answer to the very text Enter was pressed on: its top option, or nothing when it is empty.
    setEnterFor(null);
    const first = answer.options[0];
    if (first !== undefined) {
      setText(labelOf(first));
      setOpened(false);
      setLateChoice({ item: first });
    }
  }
  useEffect(() => {
    if (lateChoice) onChange(lateChoice.item);
    // One call per late choice: onChange may be a new function on every render of the parent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lateChoice]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!opened) {
          setOpened(true);
          return;
        }
        if (options.length === 0) return;
        const next = Math.min(options.length - 1, Math.max(0, marked + (event.key === "ArrowDown" ? 1 : -1)));
        setMark({ options: answer.options, index: next });
        return;
      }
      case "Enter": {
        // A list open or a question typed: Enter belongs to the typeahead, never to the form.
        if (!opened && term === "") return;
        event.preventDefault();
        // Only from the answer to this very text. Not come yet: chosen from when it comes.
        if (answer.options === null) {
          if (tooShort) return;
          setEnterFor(term);
          // A list closed with Esc asks nothing: the awaited answer is asked for by opening it.
          setOpened(true);
          return;
        }
        const item = answer.options[marked];
        if (item !== undefined) choose(item);
        return;
      }
      case "Escape":
        setEnterFor(null);
        if (opened) {
          event.preventDefault();
          event.stopPropagation();
          setOpened(false);
        }
        return;
    }
  }

  let status: ReactNode = null;
  if (answer.options === null && !stale)
    status = tooShort ? (source.minLength > 1 ? t("common.typeahead.typeMore", { count: source.minLength }) : null) : t("common.typeahead.searching");
  else if (answer.options !== null && options.length === 0) status = nothingFoundMessage ?? t("common.typeahead.nothingFound");

  const rightSection =
    answer.fetching && opened ? (
      <Loader size={14} />
    ) : clearable && (value || text) ? (
      <Combobox.ClearButton
        aria-label={t("common.typeahead.clear")}
        onClear={() => {
          setText("");
          if (value) onChange(null);
        }}
      />
    ) : undefined;

  return (
    <Combobox
      store={combobox}
      withinPortal
      {...comboboxProps}
      onOptionSubmit={(key) => {
        const item = answer.options?.find((option) => keyOf(option) === key);
        if (item !== undefined) choose(item);
      }}
    >
      {/* The keys and the ARIA state are this component's: Mantine's would mark options of its own. */}
      <Combobox.Target withKeyboardNavigation={false} withAriaAttributes={false} autoComplete="off">
        <InputBase
          {...inputProps}
          autoComplete="off"
          value={text}
          rightSection={rightSection}
          rightSectionPointerEvents={rightSection && !answer.fetching ? "all" : "none"}
          role="combobox"
          aria-haspopup="listbox"
          aria-autocomplete="list"
          aria-expanded={opened}
          aria-controls={opened ? listId : undefined}
          aria-activedescendant={opened && options.length > 0 ? `${listId}-${marked}` : undefined}
          // Mantine's modal leaves Esc alone while the list is open: Esc closes the list first.
          data-mantine-stop-propagation={opened || undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setEnterFor(null);
            setOpened(true);
          }}
          onClick={() => setOpened(true)}
          onBlur={() => {
            setEnterFor(null);
            setOpened(false);
            // Half-typed text that chose nothing goes back to the choice.
            setText(value ? labelOf(value) : "");
          }}
          onKeyDown={onKeyDown}
        />
      </Combobox.Target>

      <Combobox.Dropdown hidden={!opened || (status === null && listed.length === 0)}>
        <Combobox.Options id={listId} mah={maxDropdownHeight} style={{ overflowY: "auto", ...(stale ? STALE_OPTIONS : {}) }} aria-busy={stale || undefined}>
          {status !== null ? (
            <Combobox.Empty>{status}</Combobox.Empty>
          ) : (
            listed.map((item, index) => (
              <Combobox.Option
                key={keyOf(item)}
                value={keyOf(item)}
                id={`${listId}-${index}`}
                aria-selected={!stale && index === marked}
                // The marked option as the tables mark their row: a light ground and a bar, so the
                // dimmed second line stays readable (Mantine's filled "selected" would hide it).
                style={!stale && index === marked ? markedOption : undefined}
                onMouseEnter={stale ? undefined : () => setMark({ options: answer.options, index })}
              >
                <Group gap={0} wrap="nowrap" style={{ flexDirection: "column", alignItems: "flex-start" }}>
                  {/* User text, isolated: a name cannot reorder what is shown beside it. */}
                  <Text fz="sm">
                    <UserText>{labelOf(item)}</UserText>
                  </Text>
                  {detailOf && (
                    <Text fz="xs" c="dimmed">
                      {detailOf(item)}
                    </Text>
                  )}
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

// ---- The three pickers of the application ----

/** A person chosen in a form: their id and the name the field shows. */
export interface PickedPerson {
  id: number;
  name: string;
  /** Company, city and number, shown under the name in the list (each isolated: see UserTextList). */
  detail?: readonly (string | null | undefined)[];
}

/** The caller lookup's own search (number, name, email, company), from two characters on. */
export const peopleSource = operationSource(
  "people.search",
  (q) => ({ q }),
  (hits): PickedPerson[] =>
    hits.map((hit) => ({
      id: hit.personId,
      // Surname first, as the lookup lists them.
      name: [hit.lastName, hit.firstName].filter(Boolean).join(" "),
      detail: [hit.company, hit.city, hit.primaryPhone && formatPhone(hit.primaryPhone)],
    })),
  { minLength: 2 },
);

type PickerProps<T> = Omit<TypeaheadProps<T>, "source" | "keyOf" | "labelOf" | "detailOf">;

/** A person picked with ↑/↓ and Enter from what the lookup finds; each option names company, city and number. */
export function PersonTypeahead({ onChange, ...props }: PickerProps<PickedPerson>) {
  return (
    <Typeahead<PickedPerson>
      {...props}
      onChange={(person) => onChange(person && { id: person.id, name: person.name })}
      source={peopleSource}
      keyOf={(person) => String(person.id)}
      labelOf={(person) => person.name}
      detailOf={(person) => person.detail && <UserTextList parts={person.detail} />}
    />
  );
}

/** A company chosen in a form or a filter. */
export interface PickedCompany {
  id: number;
  name: string;
}

/** Companies by name; the empty box lists the first ones, as the training filters expect. */
export const companySource = operationSource(
  "companies.search",
  (q) => ({ q }),
  (hits): PickedCompany[] => hits.map((hit) => ({ id: hit.id, name: hit.name })),
  { minLength: 0 },
);

export function CompanyTypeahead(props: PickerProps<PickedCompany>) {
  return <Typeahead<PickedCompany> {...props} source={companySource} keyOf={(company) => String(company.id)} labelOf={(company) => company.name} />;
}

/** A product chosen in a form: the list is short, the server sends it whole and the box filters it. */
export interface PickedProduct {
  id: number;
  name: string;
}

export const productSource = listSource("products.list", { includeInactive: false }, (products, text): PickedProduct[] => {
  const wanted = fold(text.trim());
  // The product whose name is the text first, then names that begin with it, then the others that hold it.
  const rank = (name: string) => (name === wanted ? 0 : name.startsWith(wanted) ? 1 : 2);
  return products
    .map((product) => ({ product, name: fold(product.name) }))
    .filter(({ name }) => name.includes(wanted))
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map(({ product }) => ({ id: product.id, name: product.name }));
});

export function ProductTypeahead(props: PickerProps<PickedProduct>) {
  return <Typeahead<PickedProduct> {...props} source={productSource} keyOf={(product) => String(product.id)} labelOf={(product) => product.name} />;
}
