import { Alert, Anchor, Button, Checkbox, Grid, Group, Loader, Paper, Radio, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { personName } from "../../../../../common/person-name";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { ChoiceField, CountField } from "../shared/fields";
import { useFormDraft } from "../shared/useFormDraft";
import { courseTitle, useCourses } from "../shared/useCourses";
import { CompanyTypeahead, type PickedCompany } from "../../../ui/Typeahead";
import { COURSE_FORMATS, TRAINING_LANGUAGES, type CourseFormat, type TrainingLanguage } from "../../../../../common/enums";
import type { PersonCard } from "../trainingTypes";
import { PersonChooser } from "./PersonChooser";
import { UserText } from "../../../ui/UserText";

/** Whether "back" stays inside the app (the router numbers its own history entries). */
const canGoBack = () => ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;

/** /training/new?personId=…: the request an agent takes while the person is on the phone. */
export function RequestForm() {
  const [params, setParams] = useSearchParams();
  const personId = Number(params.get("personId"));
  if (!Number.isInteger(personId) || personId <= 0) return <PersonChooser onChoose={(id) => setParams({ personId: String(id) })} />;
  return <PersonRequestForm key={personId} personId={personId} />;
}

function PersonRequestForm({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const query = useApiQuery("people.get", { id: personId });
  const person = query.data;

  if (query.isError) {
    return (
      <Alert color="red" variant="light" title={t("training.form.personMissing")} maw={640}>
        {query.error.message}
      </Alert>
    );
  }
  if (!person) return <Loader size="sm" aria-label={t("training.loading")} />;
  return <RequestFields person={person} />;
}

function RequestFields({ person }: { person: PersonCard }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { courses } = useCourses();
  const active = (courses ?? []).filter((course) => course.active);
  const primaryPhone = person.phones[0]?.e164 ?? null;
  const { form, set, errors, general, check, refused } = useFormDraft(
    () => ({
      courseId: null as string | null,
      preferredPeriod: "",
      participants: 1 as number | string,
      language: person.language as TrainingLanguage,
      format: "premises" as CourseFormat,
      formatChosen: false,
      company: person.company as PickedCompany | null,
      companyChosen: false,
      notes: "",
      callbackConsent: false,
      callbackPhone: primaryPhone,
    }),
    // The company is sent as its id.
    { errorKey: (key) => (key === "company" ? "companyId" : key) },
  );
  const create = useApiMutation("training.create");
  const busy = create.isPending || create.isSuccess;
  const course = active.find((c) => String(c.id) === form.courseId) ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!form.courseId) missing.courseId = t("training.required");
    if (typeof form.participants !== "number") missing.participants = t("training.required");
    if (!check(missing)) return;
    create.mutate(
      {
        personId: person.id,
        courseId: Number(form.courseId),
        participants: form.participants as number,
        language: form.language,
        format: form.format,
        ...(form.preferredPeriod.trim() ? { preferredPeriod: form.preferredPeriod.trim() } : {}),
        ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
        // Left alone, the server puts the person's own company on the request.
        ...(form.companyChosen ? { companyId: form.company?.id ?? null } : {}),
        callbackConsent: form.callbackConsent,
        ...(form.callbackConsent && form.callbackPhone ? { callbackPhone: form.callbackPhone } : {}),
      },
      {
        onSuccess: (created) => {
          notifySuccess(t("training.form.created", { name: personName(person) }));
          void navigate(`/training/requests/${created.id}`);
        },
        onError: (error) => {
          const fields = fieldErrorOf(error);
          if (fields && !("personId" in fields)) refused(fields);
          else notifyError(error);
        },
      },
    );
  }

  const taught = course ? course.languages.map((l) => t(`training.language.${l}`)).join(", ") : null;

  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} mb="md">
            {t("training.form.title")}
          </Title>
          <form onSubmit={submit} noValidate aria-label={t("training.form.title")}>
            <Stack gap="md">
              <Select
                label={t("training.fields.course")}
                placeholder={t("training.form.coursePlaceholder")}
                withAsterisk
                searchable
                autoFocus
                // Focus lands here on arrival; the list opens on typing or ↓, not over the form.
                openOnFocus={false}
                data={active.map((c) => ({ value: String(c.id), label: `${c.code} — ${courseTitle(c, i18n.language)}` }))}
                value={form.courseId}
                onChange={(courseId) => {
                  const chosen = active.find((c) => String(c.id) === courseId);
                  // The course's usual format, unless the agent already picked one.
                  set({ courseId, ...(chosen && !form.formatChosen ? { format: chosen.format } : {}) });
                }}
                nothingFoundMessage={t("training.nothingFound")}
                error={errors.courseId}
                // Always one line, so choosing a course never moves the fields below.
                description={
                  <Text span inherit lineClamp={1} title={course?.description || undefined}>
                    {course?.description || t("training.form.courseHint")}
                  </Text>
                }
              />
              <Group grow align="flex-start">
                <TextInput
                  label={t("training.fields.preferredPeriod")}
                  description={t("training.form.periodHint")}
                  placeholder={t("training.form.periodPlaceholder")}
                  maxLength={200}
                  value={form.preferredPeriod}
                  onChange={(e) => set({ preferredPeriod: e.currentTarget.value })}
                  error={errors.preferredPeriod}
                />
                <CountField
                  label={t("training.fields.participants")}
                  description={t("training.form.participantsHint")}
                  max={200}
                  value={form.participants}
                  onChange={(participants) => set({ participants })}
                  error={errors.participants}
                />
              </Group>
              <Group grow align="flex-start">
                <ChoiceField
                  label={t("training.fields.language")}
                  description={taught ? t("training.form.taughtIn", { languages: taught }) : t("training.form.languageHint")}
                  values={TRAINING_LANGUAGES}
                  labelOf={(language) => t(`training.language.${language}`)}
                  value={form.language}
                  onChange={(language) => set({ language })}
                  error={errors.language}
                />
                <CompanyTypeahead
                  label={t("training.fields.company")}
                  description={t("training.form.companyHint")}
                  placeholder={t("training.form.noCompany")}
                  clearable
                  value={form.company}
                  onChange={(company) => set({ company, companyChosen: true })}
                  nothingFoundMessage={t("training.nothingFound")}
                  error={errors.companyId}
                />
              </Group>
              <Radio.Group label={t("training.fields.format")} value={form.format} onChange={(format) => set({ format: format as CourseFormat, formatChosen: true })} error={errors.format}>
                <Group gap="lg" mt={6}>
                  {COURSE_FORMATS.map((format) => (
                    <Radio key={format} value={format} label={t(`training.format.${format}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={t("training.fields.notes")}
                autosize
                minRows={3}
                maxRows={10}
                maxLength={4000}
                value={form.notes}
                onChange={(e) => set({ notes: e.currentTarget.value })}
                error={errors.notes}
              />
              <Stack gap={6}>
                <Checkbox
                  label={t("training.form.callbackConsent")}
                  checked={form.callbackConsent}
                  onChange={(e) => set({ callbackConsent: e.currentTarget.checked })}
                />
                {/* Reserved room: the numbers appear under the box without pushing the buttons around. */}
                <div style={{ minHeight: 56, paddingLeft: 32 }}>
                  {form.callbackConsent &&
                    (person.phones.length ? (
                      <Radio.Group label={t("training.form.callbackPhone")} value={form.callbackPhone ?? ""} onChange={(callbackPhone) => set({ callbackPhone })} error={errors.callbackPhone}>
                        <Group gap="lg" mt={6}>
                          {person.phones.map((phone) => (
                            <Radio key={phone.id} value={phone.e164} label={phone.display} />
                          ))}
                        </Group>
                      </Radio.Group>
                    ) : (
                      <Text fz="sm" c="dimmed">
                        {t("training.form.noPhones")}
                      </Text>
                    ))}
                </div>
              </Stack>
              {general && (
                <Alert color="red" variant="light" role="alert">
                  {general}
                </Alert>
              )}
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={() => void (canGoBack() ? navigate(-1) : navigate(`/people/${person.id}`))}>
                  {t("training.cancel")}
                </Button>
                <Button type="submit" loading={busy}>
                  {t("training.form.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <PersonSummary person={person} />
      </Grid.Col>
    </Grid>
  );
}

/** Who is on the phone, beside the form: enough to check it is the right person. */
function PersonSummary({ person }: { person: PersonCard }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="aside" aria-label={t("training.form.caller")}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
        {t("training.form.caller")}
      </Text>
      <Anchor component={Link} to={`/people/${person.id}`} fw={600} fz="lg">
        <UserText>{personName(person)}</UserText>
      </Anchor>
      {person.company && (
        <Text fz="sm">
          <UserText>{person.company.name}</UserText>
        </Text>
      )}
      <Stack gap={2} mt="sm">
        {person.phones.map((phone) => (
          <Text key={phone.id} fz="sm" ff="monospace">
            {phone.display}
          </Text>
        ))}
        {person.emails.map((email) => (
          <Text key={email.id} fz="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {email.email}
          </Text>
        ))}
      </Stack>
      {person.training.length > 0 && (
        <>
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mt="md">
            {t("training.form.earlier")}
          </Text>
          <Stack gap={2}>
            {person.training.slice(0, 5).map((request) => (
              <Anchor key={request.id} component={Link} to={`/training/requests/${request.id}`} fz="sm">
                {request.courseCode} · {t(`training.status.${request.status}`)}
              </Anchor>
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}
