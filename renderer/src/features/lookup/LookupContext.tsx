import { createContext, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";

/** What the lookup screen lets the box drive while the cursor stays in the box. */
export interface LookupResultsHandle {
  /** id of the results grid (aria-controls). */
  listId: string;
  /** id of the active row (aria-activedescendant), if any. */
  activeId: string | null;
  move(delta: number): void;
  /** Enter: opens the active row; false when nothing could be opened. */
  open(): boolean;
}

interface LookupContextValue {
  query: string;
  setQuery(query: string): void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Ctrl+K / F2: put the cursor in the box with its text selected, ready to overwrite. */
  focus(): void;
  /** Set by the lookup screen while it shows results. */
  results: LookupResultsHandle | null;
  setResults(handle: LookupResultsHandle | null): void;
  /**
   * Enter in the box on another screen (F2 then Enter on a card): the lookup screen, once shown,
   * opens the first row of the answer to this text. Kept here because that screen is not mounted yet.
   */
  requestOpen(text: string): void;
  /** The lookup screen takes the request once (null when there is none). */
  takeOpenRequest(): string | null;
}

const LookupContext = createContext<LookupContextValue | null>(null);

/** The lookup text lives above the screens so switching section never loses it. */
export function LookupProvider({ children }: { children: ReactNode }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<LookupResultsHandle | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const openRequest = useRef<string | null>(null);
  const value = useMemo(
    () => ({
      query,
      setQuery,
      inputRef,
      focus: () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      },
      results,
      setResults,
      requestOpen: (text: string) => {
        openRequest.current = text;
      },
      takeOpenRequest: () => {
        const text = openRequest.current;
        openRequest.current = null;
        return text;
      },
    }),
    [query, results],
  );
  return <LookupContext.Provider value={value}>{children}</LookupContext.Provider>;
}

export function useLookup(): LookupContextValue {
  const value = useContext(LookupContext);
  if (!value) throw new Error("useLookup outside LookupProvider");
  return value;
}
