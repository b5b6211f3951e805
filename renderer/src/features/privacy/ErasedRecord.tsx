import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { ErasureCountTable } from "./erasureCounts";
import type { RequestDetail } from "./privacyTypes";

/** What the register keeps after an erasure: no name, only what was removed, when and by whom. */
export function ErasedRecord({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  if (!request.erasedCounts) return null;
  return (
    <CardSection title={t("privacy.erasure.recordTitle")}>
      <Alert color="gray" variant="light" p="xs" mb="xs">
        <Text fz="sm">{t("privacy.erasure.recordText", { name: request.erasedByName ?? "—", date: request.erasedAt ? formatDateTime(request.erasedAt) : "—" })}</Text>
      </Alert>
      <ErasureCountTable counts={request.erasedCounts} label={t("privacy.erasure.recordTitle")} />
    </CardSection>
  );
}
