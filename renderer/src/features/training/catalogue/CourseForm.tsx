import { Checkbox, Group, Switch, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { COURSE_FORMATS, DURATION_UNITS, TRAINING_LANGUAGES, type CourseFormat, type DurationUnit, type TrainingLanguage } from "../../../../../common/enums";
import { ApiError } from "../../../api/ApiError";
import type { FieldErrors } from "../../../api/fieldErrors";
import { useApiMutation } from "../../../api/queries";
import { FormDialog } from "../../../ui/FormDialog";
import { useVersionAtOpen } from "../../../ui/useVersionAtOpen";
import { ChoiceField, CountField } from "../shared/fields";
import { useFormDraft } from "../shared/useFormDraft";
import type { Course } from "../trainingTypes";

/** Creating or editing one course of the catalogue (managers); errors land under their field. */
export function CourseForm({ course, onClose, onSaved }: { course: Course | null; onClose(): void; onSaved(course: Course): void }) {
  const versionAtOpen = useVersionAtOpen(course?.version);
  const { t } = useTranslation();
  const { form, set, errors, general, check, refused } = useFormDraft(() => ({
    code: course?.code ?? "",
    titleFr: course?.titleFr ?? "",
    titleEn: course?.titleEn ?? "",
    description: course?.description ?? "",
    languages: (course?.languages ?? ["fr"]) as TrainingLanguage[],
    durationValue: (course?.durationValue ?? 1) as number | string,
    durationUnit: (course?.durationUnit ?? "days") as DurationUnit,
    format: (course?.format ?? "premises") as CourseFormat,
    active: course?.active ?? true,
  }));
  const save = useApiMutation("courses.save");

  async function submit() {
    const missing: FieldErrors = {};
    for (const key of ["code", "titleFr", "titleEn"] as const) if (!form[key].trim()) missing[key] = t("training.required");
    if (!form.languages.length) missing.languages = t("training.courses.languagesRequired");
    if (typeof form.durationValue !== "number") missing.durationValue = t("training.required");
    if (!check(missing)) return;
    try {
      onSaved(
        await save.mutateAsync({
          ...(course ? { id: course.id, version: versionAtOpen ?? course.version } : {}),
          code: form.code.trim(),
          titleFr: form.titleFr.trim(),
          titleEn: form.titleEn.trim(),
          description: form.description.trim(),
          languages: form.languages,
          durationValue: form.durationValue as number,
          durationUnit: form.durationUnit,
          format: form.format,
          active: form.active,
        }),
      );
    } catch (error) {
      // The server's wording for a taken value speaks of people; here it is a course code.
      if (error instanceof ApiError && error.reason === "duplicate_value" && error.field === "code") return refused({ code: t("training.courses.codeTaken") });
      throw error;
    }
  }

  return (
    <FormDialog
      title={course ? t("training.courses.editTitle", { code: course.code }) : t("training.courses.createTitle")}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={refused}
      error={general}
      cancelLabel={t("training.cancel")}
      submitLabel={course ? t("training.save") : t("training.courses.create")}
    >
      <TextInput
        label={t("training.courses.code")}
        description={t("training.courses.codeHint")}
        withAsterisk
        data-autofocus
        maxLength={20}
        autoCapitalize="characters"
        spellCheck={false}
        w={240}
        value={form.code}
        onChange={(e) => set({ code: e.currentTarget.value })}
        error={errors.code}
      />
      <Group grow align="flex-start">
        <TextInput label={t("training.courses.titleFr")} withAsterisk maxLength={200} lang="fr" value={form.titleFr} onChange={(e) => set({ titleFr: e.currentTarget.value })} error={errors.titleFr} />
        <TextInput label={t("training.courses.titleEn")} withAsterisk maxLength={200} lang="en" value={form.titleEn} onChange={(e) => set({ titleEn: e.currentTarget.value })} error={errors.titleEn} />
      </Group>
      <Textarea
        label={t("training.courses.description")}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={4000}
        value={form.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <Checkbox.Group label={t("training.courses.languages")} withAsterisk value={form.languages} onChange={(languages) => set({ languages: languages as TrainingLanguage[] })} error={errors.languages}>
        <Group gap="lg" mt={6}>
          {TRAINING_LANGUAGES.map((language) => (
            <Checkbox key={language} value={language} label={t(`training.language.${language}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group align="flex-start" gap="md">
        <CountField label={t("training.courses.duration")} max={1000} w={120} value={form.durationValue} onChange={(durationValue) => set({ durationValue })} error={errors.durationValue} />
        <ChoiceField
          label={t("training.courses.unit")}
          w={140}
          values={DURATION_UNITS}
          labelOf={(unit) => t(`training.unit.${unit}`)}
          value={form.durationUnit}
          onChange={(durationUnit) => set({ durationUnit })}
          error={errors.durationUnit}
        />
        <ChoiceField
          label={t("training.fields.format")}
          style={{ flex: 1 }}
          values={COURSE_FORMATS}
          labelOf={(format) => t(`training.format.${format}`)}
          value={form.format}
          onChange={(format) => set({ format })}
          error={errors.format}
        />
      </Group>
      <Switch label={t("training.courses.activeLabel")} description={t("training.courses.activeHint")} checked={form.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
    </FormDialog>
  );
}
