import { Anchor, Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useApiQuery } from "../../api/queries";
import { isoToSwiss } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { NewRequestModal } from "./NewRequestModal";
import { ShieldCheckIcon } from "./privacyIcons";
import { isPending } from "./privacyTypes";
import { DueDate, RequestStatusBadge } from "./RequestBadges";

/** On the person card's header: record an access, correction or erasure request while the caller is on the line. */
export function NewPrivacyRequestButton({ personId, name }: { personId: number; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<ShieldCheckIcon size={16} />} onClick={() => setOpen(true)}>
        {t("privacy.newRequest")}
      </Button>
      {open && (
        <NewRequestModal
          person={{ id: personId, name }}
          onClose={() => setOpen(false)}
          onCreated={(id) => {
            setOpen(false);
            void navigate(`/privacy/requests/${id}`);
          }}
        />
      )}
    </>
  );
}

/** The person's requests about their data, each opening the request. Self-contained (the person's id in): the shell puts it in the person card's slot. */
export function PersonPrivacyRequests({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const rows = useApiQuery("privacy.requests.list", { personId, status: "all", pageSize: 200 }).data?.rows ?? null;

  return (
    <CardSection title={t("privacy.card.title")} count={rows?.length || undefined}>
      {rows === null ? (
        <Text fz="sm" c="dimmed" py={4}>
          {t("common.loading")}
        </Text>
      ) : rows.length === 0 ? (
        <Text fz="sm" c="dimmed" py={4}>
          {t("privacy.card.none")}
        </Text>
      ) : (
        rows.map((row) => (
          <Group key={row.id} gap={8} wrap="nowrap" py={5} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Anchor component={Link} to={`/privacy/requests/${row.id}`} ff="monospace" fz="sm" style={{ flex: "none" }}>
              {row.reference}
            </Anchor>
            <Text fz="sm" truncate="end" style={{ flex: 1, minWidth: 0 }}>
              {t(`privacy.kinds.${row.kind}`)}
            </Text>
            <RequestStatusBadge status={row.status} />
            {/* Pending: when the answer is due; closed: when it was asked. */}
            {isPending(row.status) ? (
              <Group gap={4} wrap="nowrap" style={{ flex: "none" }}>
                <Text fz="xs" c="dimmed">
                  {t("privacy.card.due")}
                </Text>
                <DueDate dueOn={row.dueOn} status={row.status} overdue={row.overdue} />
              </Group>
            ) : (
              <Text fz="xs" c="dimmed" style={{ flex: "none", fontVariantNumeric: "tabular-nums" }}>
                {t("privacy.card.received", { date: isoToSwiss(row.receivedOn) })}
              </Text>
            )}
          </Group>
        ))
      )}
    </CardSection>
  );
}
