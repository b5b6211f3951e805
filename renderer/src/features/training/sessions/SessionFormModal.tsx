import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import { useApiMutation } from "../../../api/queries";
import { notifyError } from "../../../ui/toasts";
import { courseTitle } from "../shared/useCourses";
import { isoToSwiss, swissToIso } from "../shared/dates";
import { SESSION_STATUSES, type SessionStatus } from "../../../../../common/enums";
import type { Course, SessionDetail } from "../trainingTypes";

const FORM_FIELDS = ["startsOn", "endsOn", "place", "capacity", "trainer", "status"];

/**
 * Planning a session of a course, or changing one (managers). Dates are typed the Swiss way; the
 * server's refusals (a start in the past, a capacity below the seats already booked) land under
 * their field.
 */
export function SessionFormModal({
  course,
  session,
  onClose,
  onSaved,
  onStale,
}: {
  course: Course;
  session: SessionDetail | null;
  onClose(): void;
  onSaved(session: SessionDetail, created: boolean): void;
  onStale(): void;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({
    startsOn: isoToSwiss(session?.startsOn),
    endsOn: isoToSwiss(session?.endsOn),
    place: session?.place ?? "",
    capacity: (session?.capacity ?? 10) as number | string,
    trainer: session?.trainer ?? "",
    status: (session?.status ?? "planned") as SessionStatus,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const save = useApiMutation("sessions.save");
  const busy = save.isPending;
  const set = (patch: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key];
      return next;
    });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    const startsOn = swissToIso(form.startsOn);
    // A one-day session needs only its start.
    const endsOn = form.endsOn.trim() ? swissToIso(form.endsOn) : startsOn;
    if (!form.startsOn.trim()) missing.startsOn = t("training.required");
    else if (!startsOn) missing.startsOn = t("training.dates.invalid");
    if (form.endsOn.trim() && !endsOn) missing.endsOn = t("training.dates.invalid");
    if (typeof form.capacity !== "number") missing.capacity = t("training.required");
    setErrors(missing);
    setGeneral(null);
    if (Object.keys(missing).length || !startsOn || !endsOn) return;
    try {
      const saved = await save.mutateAsync({
        ...(session ? { id: session.id, version: session.version } : {}),
        courseId: course.id,
        startsOn,
        endsOn,
        place: form.place.trim(),
        capacity: form.capacity as number,
        trainer: form.trainer.trim(),
        status: form.status,
      });
      onSaved(saved, !session);
    } catch (error) {
      const fields = fieldErrorOf(error);
      const field = fields ? Object.keys(fields)[0] : undefined;
      if (fields && field && FORM_FIELDS.includes(field)) setErrors(fields);
      else if (fields && field !== "version") setGeneral(Object.values(fields)[0] ?? null);
      else {
        notifyError(error);
        if (field === "version") onStale();
      }
    }
  }

  return (
    <Modal opened onClose={onClose} title={session ? t("training.session.editTitle") : t("training.session.createTitle")} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">
            <Text span ff="monospace" fz="xs" c="dimmed" mr={6}>
              {course.code}
            </Text>
            {courseTitle(course, i18n.language)}
          </Text>
          {general && (
            <Alert color="red" variant="light" role="alert">
              {general}
            </Alert>
          )}
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
            <NumberInput
              label={t("training.session.capacity")}
              withAsterisk
              min={1}
              max={500}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              w={120}
              value={form.capacity}
              onChange={(capacity) => set({ capacity })}
              error={errors.capacity}
            />
          </Group>
          <TextInput label={t("training.session.place")} placeholder={t("training.session.placePlaceholder")} maxLength={200} value={form.place} onChange={(e) => set({ place: e.currentTarget.value })} error={errors.place} />
          <Group grow align="flex-start">
            <TextInput label={t("training.session.trainer")} maxLength={120} value={form.trainer} onChange={(e) => set({ trainer: e.currentTarget.value })} error={errors.trainer} />
            <NativeSelect
              label={t("training.session.status")}
              data={SESSION_STATUSES.map((status) => ({ value: status, label: t(`training.sessionStatus.${status}`) }))}
              value={form.status}
              onChange={(e) => set({ status: e.currentTarget.value as SessionStatus })}
              error={errors.status}
            />
          </Group>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t("training.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {session ? t("training.save") : t("training.session.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
