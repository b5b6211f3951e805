import { Alert, Anchor, Button, Checkbox, Grid, Group, Kbd, Paper, Radio, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { personName } from "../../../../common/person-name";
import { isApiError } from "../../api/ApiError";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { callbackPresets } from "./callbackPresets";
import { DateTimeField, readDateTime } from "./DateTimeField";
import { dateTimeError } from "../../i18n/dateTimeProblem";
import { PersonPicker } from "./PersonPicker";
import { ReferencePanel } from "./ReferencePanel";
import { ClassificationFields, clearChanged, EMPTY_PROBLEM, fieldId, PROBLEM_FIELDS, ProblemFields, showErrors, type ProblemDraft } from "./ReportFields";
import { PersonIcon } from "./reportIcons";
import type { NewReportInput, PersonCard } from "./reportTypes";
import { UserText } from "../../ui/UserText";

interface Created {
  id: number;
  reference: string;
  title: string;
  person: PersonCard;
}

/**
 * Taking an error report during the call: /reports/new?personId=… (the person card and Alt+R
 * open it so); without a person, the agent first finds the caller.
 */
export function NewReportScreen() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const personId = Number(params.get("personId")) || null;
  const [created, setCreated] = useState<Created | null>(null);

  if (created) {
    return (
      <>
        <PageHeader title={t("reports.new.savedTitle")} />
        <ReferencePanel
          reportId={created.id}
          reference={created.reference}
          title={created.title}
          person={{ id: created.person.id, name: personName(created.person) }}
          onAnother={() => {
            setCreated(null);
            setParams({ personId: String(created.person.id) });
          }}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("reports.new.title")} subtitle={t("reports.new.subtitle")} />
      {personId ? (
        <ReportForm key={personId} personId={personId} onChangePerson={() => setParams({})} onCreated={setCreated} />
      ) : (
        <PersonPicker onPick={(id) => setParams({ personId: String(id) })} />
      )}
    </>
  );
}

interface CallbackDraft {
  consent: boolean;
  /** Undefined until the agent picks one: the person's first number then. */
  phone: string | null | undefined;
  window: string;
  before: string;
}

const CALLBACK_FIELD: Record<keyof CallbackDraft, string> = { consent: "callbackConsent", phone: "callbackPhone", window: "callbackWindow", before: "callbackBefore" };

const FIELD_ORDER = [...PROBLEM_FIELDS, "callbackPhone", "callbackWindow", "callbackBefore"] as const;

function ReportForm({ personId, onChangePerson, onCreated }: { personId: number; onChangePerson(): void; onCreated(created: Created): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const personQuery = useApiQuery("people.get", { id: personId });
  const person = personQuery.data ?? null;
  const missing = isApiError(personQuery.error) && personQuery.error.code === "NOT_FOUND";
  const products = useApiQuery("products.list", {}).data ?? null;
  const [drafted, setProblem] = useState<ProblemDraft>(EMPTY_PROBLEM);
  const [drafting, setCallback] = useState<CallbackDraft>({ consent: false, phone: undefined, window: "", before: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useApiMutation("reports.create");
  const busy = create.isPending || create.isSuccess;
  // One product only: nothing to choose.
  const only = products?.length === 1 ? products[0] : undefined;
  const problem = drafted.product === null && only ? { ...drafted, product: { id: only.id, name: only.name } } : drafted;
  const callback = drafting.phone === undefined ? { ...drafting, phone: person?.phones[0]?.e164 ?? null } : drafting;

  const editProblem = (next: ProblemDraft) => {
    setErrors((e) => clearChanged(e, problem, next));
    setProblem(next);
  };
  const editCallback = (next: CallbackDraft) => {
    setErrors((e) => clearChanged(e, callback, next, (key) => CALLBACK_FIELD[key as keyof CallbackDraft]));
    setCallback(next);
  };

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!problem.product) found.productId = t("errors.required");
    if (!problem.title.trim()) found.title = t("errors.required");
    if (callback.consent) {
      const before = readDateTime(callback.before);
      if (before === "invalid") found.callbackBefore = dateTimeError(t, callback.before) ?? t("reports.dateTime.invalid");
      else if (before !== null && before < Date.now()) found.callbackBefore = t("reports.dateTime.past");
    }
    return found;
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || !person || showErrors(check(), FIELD_ORDER, setErrors) || !problem.product) return;
    const before = readDateTime(callback.before);
    const input: NewReportInput = {
      personId,
      productId: problem.product.id,
      productVersion: problem.productVersion,
      environment: problem.environment,
      title: problem.title,
      description: problem.description,
      steps: problem.steps,
      frequency: problem.frequency,
      severity: problem.severity,
      callbackConsent: callback.consent,
      ...(callback.consent
        ? { callbackPhone: callback.phone ?? null, callbackWindow: callback.window, callbackBefore: typeof before === "number" ? before : null }
        : {}),
    };
    create.mutate(input, {
      onSuccess: ({ id, reference }) => onCreated({ id, reference, title: problem.title.trim(), person }),
      onError: (error) => {
        const fields = fieldErrorOf(error);
        if (fields) showErrors(fields, FIELD_ORDER, setErrors);
        else notifyError(error);
      },
    });
  }

  if (missing || personQuery.isError) {
    return (
      <Alert color="orange" variant="light" title={missing ? t("reports.new.personMissing") : personQuery.error?.message} maw={720}>
        <Button mt="xs" variant="default" onClick={onChangePerson}>
          {t("reports.new.changePerson")}
        </Button>
      </Alert>
    );
  }

  const loaded = person !== null && products !== null;
  const phones = person?.phones ?? [];

  return (
    <form onSubmit={submit} noValidate aria-label={t("reports.new.title")}>
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={2} fz="h3" mb="sm">
              {t("reports.new.problem")}
            </Title>
            {loaded ? <ProblemFields draft={problem} onChange={editProblem} errors={errors} autoFocus /> : <Skeleton h={420} />}
            {products?.length === 0 && (
              <Alert color="orange" variant="light" mt="sm">
                {t("reports.new.noProducts")}
              </Alert>
            )}
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md" aria-label={t("reports.new.reporter")} component="section">
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
                {t("reports.new.reporter")}
              </Text>
              {person ? (
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <PersonIcon size={18} />
                      <Anchor component={Link} to={`/people/${person.id}`} fw={600} truncate="end">
                        {personName(person)}
                      </Anchor>
                    </Group>
                    {person.company && (
                      <Text fz="sm" c="dimmed" truncate="end">
                        <UserText>{person.company.name}</UserText>
                      </Text>
                    )}
                  </div>
                  <Button size="compact-sm" variant="subtle" onClick={onChangePerson} style={{ flex: "none" }}>
                    {t("reports.new.changePerson")}
                  </Button>
                </Group>
              ) : (
                <Skeleton h={24} />
              )}
            </Paper>

            <Paper withBorder radius="md" p="md">
              <ClassificationFields draft={problem} onChange={editProblem} errors={errors} />
            </Paper>

            <Paper withBorder radius="md" p="md" component="fieldset" style={{ margin: 0, minWidth: 0 }}>
              <Text component="legend" fw={600} px={4}>
                {t("reports.callback.title")}
              </Text>
              <Stack gap="sm">
                <Checkbox
                  label={t("reports.callback.consent")}
                  checked={callback.consent}
                  onChange={(e) => editCallback({ ...callback, consent: e.currentTarget.checked })}
                />
                {/* Always shown, enabled by the consent: the agent sees what to ask, and nothing moves. */}
                <Radio.Group
                  id={fieldId("callbackPhone")}
                  label={t("reports.callback.phone")}
                  value={callback.phone}
                  onChange={(value) => editCallback({ ...callback, phone: value })}
                  error={errors.callbackPhone}
                >
                  <Stack gap={6} mt={6}>
                    {phones.map((phone) => (
                      <Radio
                        key={phone.id}
                        value={phone.e164}
                        disabled={!callback.consent}
                        label={`${phone.display} · ${t(`reports.phoneKind.${phone.kind}`)}`}
                      />
                    ))}
                    {person && phones.length === 0 && (
                      <Text fz="sm" c="dimmed">
                        {t("reports.callback.noPhone")}
                      </Text>
                    )}
                  </Stack>
                </Radio.Group>
                <TextInput
                  id={fieldId("callbackWindow")}
                  label={t("reports.callback.window")}
                  placeholder={t("reports.callback.windowPlaceholder")}
                  maxLength={500}
                  disabled={!callback.consent}
                  value={callback.window}
                  onChange={(e) => editCallback({ ...callback, window: e.currentTarget.value })}
                  error={errors.callbackWindow}
                />
                <DateTimeField
                  id={fieldId("callbackBefore")}
                  label={t("reports.callback.before")}
                  description={t("reports.dateTime.zone")}
                  text={callback.before}
                  onTextChange={(before) => editCallback({ ...callback, before })}
                  error={errors.callbackBefore}
                  presets={callbackPresets(t)}
                  disabled={!callback.consent}
                />
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <Group justify="flex-end" gap="sm" mt="md">
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">{t("reports.new.enterKey")}</Kbd>
        </Text>
        <Button variant="default" onClick={() => void navigate(-1)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={busy} disabled={!loaded}>
          {t("reports.new.submit")}
        </Button>
      </Group>
    </form>
  );
}
