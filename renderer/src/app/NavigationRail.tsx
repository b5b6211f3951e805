import { Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { PrivacyRailBadge } from "../features/privacy/PrivacyRailBadge";
import type { Section } from "./sections";
import classes from "./NavigationRail.module.css";

/** Icon over label, one column: every section visible at once, no menu to open. */
export function NavigationRail({ sections }: { sections: readonly Section[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("shell.navigation")}>
      <Stack gap={4} p={8}>
        {sections.map((section, index) => {
          const Icon = section.icon;
          return (
            <UnstyledButton
              key={section.key}
              component={NavLink}
              to={section.path}
              end={section.path === "/"}
              className={classes.item}
              title={`${t(`nav.${section.key}`)} (Alt+${index + 1})`}
            >
              <Icon size={22} />
              <Text component="span" className={classes.label}>
                {t(`nav.${section.key}`)}
              </Text>
              {section.key === "privacy" && <PrivacyRailBadge />}
            </UnstyledButton>
          );
        })}
      </Stack>
    </nav>
  );
}
