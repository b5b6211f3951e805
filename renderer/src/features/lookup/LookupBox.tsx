import { Kbd, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { SearchIcon } from "../../ui/icons";
import { useLookup } from "./LookupContext";

/** Longest query the server takes (people.search refuses more). */
export const MAX_QUERY = 200;

/**
 * The one box in the top bar that takes whatever the caller says. Typing shows the results screen;
 * the cursor stays here: ↑/↓ move through the results, Enter opens, Esc clears.
 */
export function LookupBox() {
  const { t } = useTranslation();
  const { query, setQuery, inputRef, results, requestOpen } = useLookup();
  const navigate = useNavigate();
  const location = useLocation();

  return (
    <form
      role="search"
      style={{ flex: "1 1 680px", maxWidth: 680 }}
      onSubmit={(event) => {
        event.preventDefault();
        if (results?.open()) return;
        if (location.pathname === "/") return;
        // F2 then Enter on another screen (a card, a report): the first row of the answer to the
        // text in the box opens, as Enter does on the lookup screen, once that screen has the answer.
        if (query.trim() !== "") requestOpen(query.trim());
        void navigate("/");
      }}
    >
      <TextInput
        ref={inputRef}
        size="md"
        aria-label={t("people.lookup.label")}
        placeholder={t("people.lookup.placeholder")}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_QUERY}
        value={query}
        aria-controls={results?.listId}
        aria-activedescendant={results?.activeId ?? undefined}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          if (location.pathname !== "/") void navigate("/");
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setQuery("");
          } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !e.altKey && !e.ctrlKey && !e.shiftKey && results) {
            e.preventDefault();
            results.move(e.key === "ArrowDown" ? 1 : -1);
          }
        }}
        leftSection={<SearchIcon size={18} />}
        rightSectionWidth={86}
        rightSection={
          <span aria-hidden style={{ display: "flex", gap: 3, color: "var(--mantine-color-dimmed)" }}>
            <Kbd size="xs">Ctrl</Kbd>
            <Kbd size="xs">K</Kbd>
          </span>
        }
        rightSectionPointerEvents="none"
      />
    </form>
  );
}
