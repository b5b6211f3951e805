import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/ApiError";
import type { FieldErrors } from "../../api/fieldErrors";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { useVersionAtOpen } from "../../ui/useVersionAtOpen";
import { ClassificationFields, clearChanged, PROBLEM_FIELDS, ProblemFields, showErrors, type ProblemDraft } from "./ReportFields";
import type { Report } from "./reportTypes";

function draftOf(report: Report): ProblemDraft {
  return {
    product: { id: report.productId, name: report.productName },
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
  const versionAtOpen = useVersionAtOpen(report.version);
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(report));
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useApiMutation("reports.update");
  const edit = (next: ProblemDraft) => {
    setErrors((e) => clearChanged(e, draft, next));
    setDraft(next);
  };

  async function submit() {
    const found: FieldErrors = {};
    if (!draft.product) found.productId = t("errors.required");
    if (!draft.title.trim()) found.title = t("errors.required");
    if (showErrors(found, PROBLEM_FIELDS, setErrors) || !draft.product) return;
    const before = draftOf(report);
    const changes: Partial<Omit<ProblemDraft, "product">> = {};
    for (const key of PROBLEM_FIELDS) if (key !== "productId" && draft[key] !== before[key]) Object.assign(changes, { [key]: draft[key] });
    const productId = draft.product.id !== report.productId ? draft.product.id : undefined;
    if (Object.keys(changes).length === 0 && productId === undefined) return onClose();
    try {
      await update.mutateAsync({ id: report.id, version: versionAtOpen, ...changes, ...(productId !== undefined ? { productId } : {}) });
    } catch (error) {
      if (isApiError(error) && error.code === "CONFLICT") return onFailed(error);
      throw error;
    }
    onDone();
  }

  return (
    <FormDialog
      title={t("reports.edit.title", { reference: report.reference })}
      size={960}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={(fields) => showErrors(fields, PROBLEM_FIELDS, setErrors)}
    >
      <ProblemFields draft={draft} onChange={edit} errors={errors} />
      <ClassificationFields draft={draft} onChange={edit} errors={errors} />
    </FormDialog>
  );
}
