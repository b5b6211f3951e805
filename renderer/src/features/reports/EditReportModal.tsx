import { Button, Group, Modal, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/ApiError";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { ClassificationFields, clearChanged, focusFirstError, PROBLEM_FIELDS, ProblemFields, type ProblemDraft } from "./ReportFields";
import type { Report } from "./reportTypes";

function draftOf(report: Report): ProblemDraft {
  return {
    productId: String(report.productId),
    productVersion: report.productVersion,
    environment: report.environment,
    title: report.title,
    description: report.description,
    steps: report.steps,
    frequency: report.frequency,
    severity: report.severity,
  };
}

/** Support corrects what was noted during the call; only what changed is sent, with the version read. */
export function EditReportModal({ report, onClose, onDone, onFailed }: { report: Report; onClose(): void; onDone(): void; onFailed(error: unknown): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(report));
  // An inactive product stays listed only when it is this report's own.
  const products = (useApiQuery("products.list", { includeInactive: true }).data ?? []).filter((p) => p.active || p.id === report.productId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useApiMutation("reports.update");
  const edit = (next: ProblemDraft) => {
    setErrors((e) => clearChanged(e, draft, next));
    setDraft(next);
  };

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const found: FieldErrors = {};
    if (!draft.productId) found.productId = t("errors.required");
    if (!draft.title.trim()) found.title = t("errors.required");
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found, PROBLEM_FIELDS);
    const before = draftOf(report);
    const changes: Partial<ProblemDraft> = {};
    for (const key of PROBLEM_FIELDS) if (draft[key] !== before[key]) Object.assign(changes, { [key]: draft[key] });
    if (Object.keys(changes).length === 0) return onClose();
    const { productId, ...rest } = changes;
    update.mutate(
      { id: report.id, version: report.version, ...rest, ...(productId ? { productId: Number(productId) } : {}) },
      {
        onSuccess: onDone,
        onError: (error) => {
          const fields = fieldErrorOf(error);
          if (fields && !(isApiError(error) && error.code === "CONFLICT")) {
            setErrors(fields);
            focusFirstError(fields, PROBLEM_FIELDS);
          } else onFailed(error);
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t("reports.edit.title", { reference: report.reference })} size={960}>
      <form
        onSubmit={submit}
        noValidate
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      >
        <Stack gap="md">
          <ProblemFields draft={draft} onChange={edit} errors={errors} products={products} />
          <ClassificationFields draft={draft} onChange={edit} errors={errors} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
