import { Alert, Button, Group, List, Radio, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { fieldErrorOf } from "../../api/fieldErrors";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { formatDateTime } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { formatPhone } from "../../../../common/phone";
import { ShieldCheckIcon } from "./privacyIcons";
import { IDENTITY_METHODS, type IdentityMethod } from "../../../../common/enums";
import { isPending, type RequestDetail } from "./privacyTypes";

/**
 * The identity check (DPO Art. 16): who checked, how and when. The method must rest on what we
 * already hold (a number or an address on file, a document, the person in front of us), never
 * on what the caller gives during the call, so the numbers and addresses on file are shown here.
 */
export function IdentityCheckPanel({ request, required }: { request: RequestDetail; required: boolean }) {
  const { t } = useTranslation();
  const title = t("privacy.identity.title");

  if (request.identityMethod)
    return (
      <CardSection title={title} actions={<ShieldCheckIcon size={18} />}>
        <Alert color="teal" variant="light" p="xs">
          <Text fz="sm">{t(`privacy.identityMethods.${request.identityMethod}`)}</Text>
          <Text fz="xs" c="dimmed">
            {t("privacy.identity.checkedBy", { name: request.identityCheckedByName ?? "—", date: request.identityCheckedAt ? formatDateTime(request.identityCheckedAt) : "—" })}
          </Text>
        </Alert>
      </CardSection>
    );

  if (!isPending(request.status) || !request.person)
    return (
      <CardSection title={title}>
        <Text fz="sm" c="dimmed">
          {t("privacy.identity.notRecorded")}
        </Text>
      </CardSection>
    );

  return (
    <CardSection title={title}>
      <IdentityForm request={request} personId={request.person.id} required={required} />
    </CardSection>
  );
}

function IdentityForm({ request, personId, required }: { request: RequestDetail; personId: number; required: boolean }) {
  const { t } = useTranslation();
  const card = useApiQuery("people.get", { id: personId }).data ?? null;
  const [method, setMethod] = useState<IdentityMethod | null>(null);
  const [error, setError] = useState<string | undefined>();
  // The request reads again once the check is recorded (every write refreshes every read).
  const verify = useApiMutation("privacy.requests.verifyIdentity", { onSuccess: () => notifySuccess(t("privacy.identity.recorded")) });
  const busy = verify.isPending;

  const unavailable = (m: IdentityMethod) => (m === "callback_on_file" && card?.phones.length === 0) || (m === "email_on_file" && card?.emails.length === 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!method) {
      setError(t("privacy.identity.chooseMethod"));
      return;
    }
    try {
      await verify.mutateAsync({ id: request.id, method });
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields?.method) setError(fields.method);
      else notifyError(failure);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text fz="sm" c={required ? "orange.9" : "dimmed"}>
          {required ? t("privacy.identity.required") : t("privacy.identity.optional")}
        </Text>
        {card && (
          <Group align="flex-start" grow gap="md">
            <OnFile title={t("privacy.identity.phonesOnFile")} empty={t("privacy.identity.noPhones")} items={card.phones.map((p) => formatPhone(p.e164))} />
            <OnFile title={t("privacy.identity.emailsOnFile")} empty={t("privacy.identity.noEmails")} items={card.emails.map((e) => e.email)} />
          </Group>
        )}
        <Radio.Group
          label={t("privacy.identity.method")}
          value={method}
          onChange={(value) => {
            setMethod(value as IdentityMethod);
            setError(undefined);
          }}
          error={error}
        >
          <Stack gap={10} mt={6}>
            {IDENTITY_METHODS.map((m) => (
              <Radio
                key={m}
                value={m}
                disabled={unavailable(m)}
                label={t(`privacy.identityMethods.${m}`)}
                description={unavailable(m) ? t(`privacy.identity.unavailable.${m === "email_on_file" ? "email" : "phone"}`) : t(`privacy.identityHints.${m}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={busy} leftSection={<ShieldCheckIcon size={16} />}>
            {t("privacy.identity.record")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OnFile({ title, empty, items }: { title: string; empty: string; items: string[] }) {
  return (
    <div aria-label={title} role="group">
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" mb={2}>
        {title}
      </Text>
      {items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="sm" spacing={2} listStyleType="none">
          {items.map((item) => (
            <List.Item key={item} style={{ fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" }}>
              {item}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
