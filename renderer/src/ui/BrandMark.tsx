import { Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The product name with a small monogram; the same on the sign-in screens and in the top bar. */
export function BrandMark({ withCompany = false }: { withCompany?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={10} wrap="nowrap">
      <div
        aria-hidden
        style={{
          width: 30,
          height: 30,
          borderRadius: 6,
          background: "var(--mantine-color-jet-7)",
          color: "white",
          display: "grid",
          placeItems: "center",
          fontWeight: 700,
          fontSize: 13,
          letterSpacing: 0.5,
          flex: "none",
        }}
      >
        JI
      </div>
      <div style={{ lineHeight: 1.15 }}>
        <Text fw={650} fz="md" c="dark.8" style={{ whiteSpace: "nowrap" }}>
          {t("app.name")}
        </Text>
        {withCompany && (
          <Text fz="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {t("app.company")}
          </Text>
        )}
      </div>
    </Group>
  );
}
