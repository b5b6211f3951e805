import { createContext, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";

interface LookupContextValue {
  query: string;
  setQuery(query: string): void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Ctrl+K / F2: put the cursor in the box with its text selected, ready to overwrite. */
  focus(): void;
}

const LookupContext = createContext<LookupContextValue | null>(null);

/** The lookup text lives above the screens so switching section never loses it. */
export function LookupProvider({ children }: { children: ReactNode }) {
  const [query, setQuery] = useState("");
  const inputRef = useRef<HTMLInputElement | null>(null);
  const value = useMemo(
    () => ({
      query,
      setQuery,
      inputRef,
      focus: () => {
        inputRef.current?.focus();
        inputRef.current?.select();
      },
    }),
    [query],
  );
  return <LookupContext.Provider value={value}>{children}</LookupContext.Provider>;
}

export function useLookup(): LookupContextValue {
  const value = useContext(LookupContext);
  if (!value) throw new Error("useLookup outside LookupProvider");
  return value;
}
