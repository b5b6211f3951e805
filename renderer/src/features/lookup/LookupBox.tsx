import { Kbd, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { SearchIcon } from "../../app/icons";
import { useLookup } from "./LookupContext";

/** The one box in the top bar that takes whatever the caller says. */
export function LookupBox() {
  const { t } = useTranslation();
  const { query, setQuery, inputRef } = useLookup();
  const navigate = useNavigate();
  const location = useLocation();

  return (
    <form
      role="search"
      style={{ flex: "1 1 680px", maxWidth: 680 }}
      onSubmit={(event) => {
        event.preventDefault();
        if (location.pathname !== "/") void navigate("/");
      }}
    >
      <TextInput
        ref={inputRef}
        size="md"
        aria-label={t("lookup.label")}
        placeholder={t("lookup.placeholder")}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setQuery("");
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
