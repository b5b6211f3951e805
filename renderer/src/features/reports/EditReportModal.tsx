import { Button, Group, Modal, Stack } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/ApiError";
import { api } from "../../api/client";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { notifyError } from "../../ui/toasts";
import { ClassificationFields, clearChanged, focusFirstError, PROBLEM_FIELDS, ProblemFields, type ProblemDraft } from "./ReportFields";
import type { Product, Report } from "./reportTypes";

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
export function EditReportModal({ report, onClose, onDone, onFailed }: { report: Report; onClose(): void; onDone(report: Report): void; onFailed(error: unknown): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(report));
  const [products, setProducts] = useState<Product[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const edit = (next: ProblemDraft) => {
    setErrors((e) => clearChanged(e, draft, next));
    setDraft(next);
  };

  useEffect(() => {
    api.products
      .list({ includeInactive: true })
      // An inactive product stays listed only when it is this report's own.
      .then((list) => setProducts(list.filter((p) => p.active || p.id === report.productId)))
      .catch(notifyError);
  }, [report.productId]);

  async function submit(event?: FormEvent) {
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
    setBusy(true);
    try {
      onDone(await api.reports.update({ id: report.id, version: report.version, ...rest, ...(productId ? { productId: Number(productId) } : {}) }));
    } catch (error) {
      setBusy(false);
      const fields = fieldErrorOf(error);
      if (fields && !(isApiError(error) && error.code === "CONFLICT")) {
        setErrors(fields);
        focusFirstError(fields, PROBLEM_FIELDS);
      } else onFailed(error);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("reports.edit.title", { reference: report.reference })} size={960}>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
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
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
