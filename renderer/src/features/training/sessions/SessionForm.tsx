import { Group, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SESSION_STATUSES, type SessionStatus } from "../../../../../common/enums";
import type { FieldErrors } from "../../../api/fieldErrors";
import { useApiMutation } from "../../../api/queries";
import { FormDialog } from "../../../ui/FormDialog";
import { useVersionAtOpen } from "../../../ui/useVersionAtOpen";
import { isoToSwiss, swissToIso } from "../shared/dates";
import { ChoiceField, CountField } from "../shared/fields";
import { useFormDraft } from "../shared/useFormDraft";
import { courseTitle } from "../shared/useCourses";
import type { Course, SessionDetail } from "../trainingTypes";

/**
 * Planning a session of a course, or changing one (managers). Dates are typed the Swiss way; the
 * server's refusals (a start in the past, a capacity below the seats already booked) land under
 * their field.
 */
export function SessionForm({
  course,
  session,
  onClose,
  onSaved,
}: {
  course: Pick<Course, "id" | "code" | "titleFr" | "titleEn">;
  session: SessionDetail | null;
  onClose(): void;
  onSaved(session: SessionDetail): void;
}) {
  const versionAtOpen = useVersionAtOpen(session?.version);
  const { t, i18n } = useTranslation();
  const { form, set, errors, general, check, refused } = useFormDraft(() => ({
    startsOn: isoToSwiss(session?.startsOn),
    endsOn: isoToSwiss(session?.endsOn),
    place: session?.place ?? "",
    capacity: (session?.capacity ?? 10) as number | string,
    trainer: session?.trainer ?? "",
    status: (session?.status ?? "planned") as SessionStatus,
  }));
  const save = useApiMutation("sessions.save");

  async function submit() {
    const missing: FieldErrors = {};
    const startsOn = swissToIso(form.startsOn);
    // A one-day session needs only its start.
    const endsOn = form.endsOn.trim() ? swissToIso(form.endsOn) : startsOn;
    if (!form.startsOn.trim()) missing.startsOn = t("training.required");
    else if (!startsOn) missing.startsOn = t("training.dates.invalid");
    if (form.endsOn.trim() && !endsOn) missing.endsOn = t("training.dates.invalid");
    if (typeof form.capacity !== "number") missing.capacity = t("training.required");
    if (!check(missing) || !startsOn || !endsOn) return;
    onSaved(
      await save.mutateAsync({
        ...(session ? { id: session.id, version: versionAtOpen ?? session.version } : {}),
        courseId: course.id,
        startsOn,
        endsOn,
        place: form.place.trim(),
        capacity: form.capacity as number,
        trainer: form.trainer.trim(),
        status: form.status,
      }),
    );
  }

  return (
    <FormDialog
      title={session ? t("training.session.editTitle") : t("training.session.createTitle")}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={refused}
      error={general}
      cancelLabel={t("training.cancel")}
      submitLabel={session ? t("training.save") : t("training.session.create")}
    >
      <Text fz="sm">
        <Text span ff="monospace" fz="xs" c="dimmed" mr={6}>
          {course.code}
        </Text>
        {courseTitle(course, i18n.language)}
      </Text>
      <Group align="flex-start" gap="md">
        <TextInput
          label={t("training.session.startsOn")}
          placeholder={t("training.dates.placeholder")}
          withAsterisk
          data-autofocus
          inputMode="numeric"
          autoComplete="off"
          w={180}
          value={form.startsOn}
          onChange={(e) => set({ startsOn: e.currentTarget.value })}
          error={errors.startsOn}
        />
        <TextInput
          label={t("training.session.endsOn")}
          description={t("training.session.endsOnHint")}
          placeholder={t("training.dates.placeholder")}
          inputMode="numeric"
          autoComplete="off"
          w={200}
          value={form.endsOn}
          onChange={(e) => set({ endsOn: e.currentTarget.value })}
          error={errors.endsOn}
        />
        <CountField label={t("training.session.capacity")} max={500} w={120} value={form.capacity} onChange={(capacity) => set({ capacity })} error={errors.capacity} />
      </Group>
      <TextInput label={t("training.session.place")} placeholder={t("training.session.placePlaceholder")} maxLength={200} value={form.place} onChange={(e) => set({ place: e.currentTarget.value })} error={errors.place} />
      <Group grow align="flex-start">
        <TextInput label={t("training.session.trainer")} maxLength={120} value={form.trainer} onChange={(e) => set({ trainer: e.currentTarget.value })} error={errors.trainer} />
        <ChoiceField
          label={t("training.session.status")}
          values={SESSION_STATUSES}
          labelOf={(status) => t(`training.sessionStatus.${status}`)}
          value={form.status}
          onChange={(status) => set({ status })}
          error={errors.status}
        />
      </Group>
    </FormDialog>
  );
}
