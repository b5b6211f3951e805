import { Autocomplete, Group, Radio, Stack, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FREQUENCIES, SEVERITIES, type Frequency, type Severity } from "../../../../common/enums";
import type { FieldErrors } from "../../api/fieldErrors";
import { useApiQuery } from "../../api/queries";
import { ProductTypeahead, type PickedProduct } from "../../ui/Typeahead";
import { callbackPresets } from "./callbackPresets";
import { DateTimeField } from "./DateTimeField";

/** What the caller says about the problem, as the form edits it. */
export interface ProblemDraft {
  product: PickedProduct | null;
  productVersion: string;
  environment: string;
  title: string;
  description: string;
  steps: string;
  frequency: Frequency;
  severity: Severity;
}

export const EMPTY_PROBLEM: ProblemDraft = {
  product: null,
  productVersion: "",
  environment: "",
  title: "",
  description: "",
  steps: "",
  frequency: "once",
  severity: "normal",
};

/** Field ids, so a refusal can put the cursor in the field it names. */
export const fieldId = (field: string) => `report-${field}`;

/** Puts the cursor in the first field (in screen order) that has an error. */
export function focusFirstError(errors: FieldErrors, order: readonly string[]) {
  const first = order.find((field) => errors[field]);
  if (first) document.getElementById(fieldId(first))?.focus();
}

/**
 * Shows the errors found (or the server's) under their fields and puts the cursor in the first;
 * true when there was any, so the caller stops there.
 */
export function showErrors(found: FieldErrors, order: readonly string[], setErrors: (errors: FieldErrors) => void): boolean {
  setErrors(found);
  focusFirstError(found, order);
  return Object.keys(found).length > 0;
}

/** An error stays under its field until the field is changed. */
export function clearChanged<T extends object>(errors: FieldErrors, before: T, after: T, fieldOf: (key: string) => string = problemField): FieldErrors {
  const changed = Object.keys(after).filter((key) => (after as Record<string, unknown>)[key] !== (before as Record<string, unknown>)[key]);
  if (!changed.some((key) => errors[fieldOf(key)])) return errors;
  const next = { ...errors };
  for (const key of changed) delete next[fieldOf(key)];
  return next;
}

/** The input field a draft key is sent as (the product goes as its id). */
const problemField = (key: string) => (key === "product" ? "productId" : key);

export const PROBLEM_FIELDS = ["productId", "productVersion", "environment", "title", "description", "steps", "frequency", "severity"] as const;

export function ProblemFields({
  draft,
  onChange,
  errors,
  autoFocus,
}: {
  draft: ProblemDraft;
  onChange(next: ProblemDraft): void;
  errors: FieldErrors;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  // The chosen product's versions, suggested for the version field (an inactive one too: a report's own).
  const product = useApiQuery("products.list", { includeInactive: true }).data?.find((p) => p.id === draft.product?.id);
  const set = <K extends keyof ProblemDraft>(key: K, value: ProblemDraft[K]) => onChange({ ...draft, [key]: value });

  return (
    <Stack gap="sm">
      <Group grow align="flex-start" gap="sm">
        <ProductTypeahead
          id={fieldId("productId")}
          label={t("reports.fields.product")}
          placeholder={t("reports.fields.productPlaceholder")}
          required
          autoFocus={autoFocus}
          value={draft.product}
          onChange={(product) => set("product", product)}
          nothingFoundMessage={t("reports.fields.noProduct")}
          error={errors.productId}
        />
        <Autocomplete
          id={fieldId("productVersion")}
          label={t("reports.fields.version")}
          placeholder={product?.versions[0] ?? ""}
          data={product?.versions ?? []}
          maxLength={50}
          value={draft.productVersion}
          onChange={(value) => set("productVersion", value)}
          error={errors.productVersion}
        />
        <TextInput
          id={fieldId("environment")}
          label={t("reports.fields.environment")}
          placeholder={t("reports.fields.environmentPlaceholder")}
          maxLength={500}
          value={draft.environment}
          onChange={(e) => set("environment", e.currentTarget.value)}
          error={errors.environment}
        />
      </Group>
      <TextInput
        id={fieldId("title")}
        label={t("reports.fields.title")}
        description={t("reports.fields.titleHint")}
        withAsterisk
        maxLength={200}
        value={draft.title}
        onChange={(e) => set("title", e.currentTarget.value)}
        error={errors.title}
      />
      <Textarea
        id={fieldId("description")}
        label={t("reports.fields.description")}
        description={t("reports.fields.descriptionHint")}
        autosize
        minRows={5}
        maxRows={14}
        maxLength={20_000}
        value={draft.description}
        onChange={(e) => set("description", e.currentTarget.value)}
        error={errors.description}
      />
      <Textarea
        id={fieldId("steps")}
        label={t("reports.fields.steps")}
        placeholder={t("reports.fields.stepsPlaceholder")}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={20_000}
        value={draft.steps}
        onChange={(e) => set("steps", e.currentTarget.value)}
        error={errors.steps}
      />
    </Stack>
  );
}

/** How bad and how often: one keystroke each (arrow keys move within a radio group). */
export function ClassificationFields({ draft, onChange, errors }: { draft: ProblemDraft; onChange(next: ProblemDraft): void; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Radio.Group id={fieldId("severity")} label={t("reports.fields.severity")} value={draft.severity} onChange={(value) => onChange({ ...draft, severity: value as Severity })} error={errors.severity}>
        <Group gap="md" mt={6}>
          {SEVERITIES.map((severity) => (
            <Radio key={severity} value={severity} label={t(`reports.severity.${severity}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Radio.Group id={fieldId("frequency")} label={t("reports.fields.frequency")} value={draft.frequency} onChange={(value) => onChange({ ...draft, frequency: value as Frequency })} error={errors.frequency}>
        <Group gap="md" mt={6}>
          {FREQUENCIES.map((frequency) => (
            <Radio key={frequency} value={frequency} label={t(`reports.frequency.${frequency}`)} />
          ))}
        </Group>
      </Radio.Group>
    </Stack>
  );
}

/** What was said on a call-back or a status change, kept on the report's timeline. */
export function NoteField({ label, value, onChange, error }: { label: string; value: string; onChange(value: string): void; error?: string }) {
  return <Textarea id={fieldId("note")} label={label} autosize minRows={3} maxRows={10} maxLength={20_000} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
}

/** When to call the reporter back, typed in Geneva time or picked from the usual answers. */
export function NextCallbackField({ description, text, onTextChange, error }: { description: string; text: string; onTextChange(text: string): void; error?: string }) {
  const { t } = useTranslation();
  return (
    <DateTimeField
      id={fieldId("nextCallbackAt")}
      label={t("reports.callback.next")}
      description={description}
      text={text}
      onTextChange={onTextChange}
      error={error}
      presets={callbackPresets(t)}
    />
  );
}
