import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ReportStatus } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import { isApiError } from "../../api/ApiError";
import { useCan } from "../../api/capabilities";
import { fieldErrorOf } from "../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { useSignedIn } from "../../api/session";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { EditIcon, PreviousPageIcon } from "../../ui/icons";
import { formatDateTime } from "../../i18n/zurichTime";
import { CallbackModal } from "./CallbackModal";
import { EditReportModal } from "./EditReportModal";
import { OverdueMarker, SeverityBadge, StatusBadge } from "./ReportBadges";
import { PersonIcon, PhoneIcon } from "./reportIcons";
import { ReportTimeline } from "./ReportTimeline";
import type { Report } from "./reportTypes";
import { needsDetails, StatusModal, type StatusWithDetails } from "./StatusModal";
import { UserText } from "../../ui/UserText";

type Dialog = { kind: "status"; to: StatusWithDetails } | { kind: "callback" } | { kind: "edit" } | null;

/**
 * What another area adds under a report's details (the shell fills it: the privacy tools' "keep
 * for the product" mark). It gets the report as read and decides itself whether it shows.
 */
export type ReportAside = (report: Report) => ReactNode;

/** /reports/42 or /reports/ER-2026-00042: the lookup and the person card may link either way. */
function lookupOf(param: string | undefined): { id: number } | { reference: string } | null {
  if (!param) return null;
  if (/^\d+$/.test(param)) return { id: Number(param) };
  return { reference: param };
}

/** One screen per report: moving to another report starts afresh, never showing the previous one. */
export function ReportDetailScreen({ aside }: { aside?: ReportAside }) {
  const { id } = useParams();
  return <ReportDetail key={id} param={id} aside={aside} />;
}

function ReportDetail({ param, aside }: { param: string | undefined; aside?: ReportAside }) {
  const { t } = useTranslation();
  const { state } = useSignedIn();
  const can = useCan();
  const lookup = lookupOf(param);
  const query = useApiQuery("reports.get", lookup ?? { id: 0 }, { enabled: lookup !== null });
  const assignees = useApiQuery("reports.assignees", {}, { enabled: can("reports.assignees") }).data ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const setStatus = useApiMutation("reports.setStatus");
  const assignment = useApiMutation("reports.assign");
  const pending: ReportStatus | "assign" | null = setStatus.isPending ? (setStatus.variables?.status ?? null) : assignment.isPending ? "assign" : null;

  /** Someone else saved first (CONFLICT): say so, and show what is there now. */
  function failed(error: unknown) {
    notifyError(error);
    setDialog(null);
    if (isApiError(error) && error.code === "CONFLICT") void query.refetch();
  }

  function changeStatus(report: Report, to: ReportStatus) {
    if (needsDetails(to)) return setDialog({ kind: "status", to });
    setStatus.mutate({ id: report.id, version: report.version, status: to }, { onError: failed });
  }

  function assign(report: Report, assigneeId: number | null) {
    assignment.mutate({ id: report.id, version: report.version, assigneeId }, { onError: failed });
  }

  const missing = lookup === null || (isApiError(query.error) && query.error.code === "NOT_FOUND");
  const report = query.data;
  if (missing) {
    return (
      <Stack maw={640} gap="md">
        <BackToQueue />
        <Alert color="orange" variant="light" title={t("reports.detail.notFound", { reference: param ?? "" })} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Stack maw={640} gap="md">
        <BackToQueue />
        <Alert color="red" variant="light" title={query.error.message} />
      </Stack>
    );
  }
  if (!report) return <Loader size="sm" aria-label={t("common.loading")} />;

  const reporter = report.reporter ? personName(report.reporter) : "";

  return (
    <>
      <BackToQueue />
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="md" mt={6} gap="lg">
        <div style={{ minWidth: 0 }}>
          <Group gap="sm" mb={4}>
            <Text ff="monospace" fw={700} fz="lg" c="jet.8">
              {report.reference}
            </Text>
            <StatusBadge status={report.status} size="md" />
            <SeverityBadge severity={report.severity} size="md" />
            {report.overdue && <OverdueMarker />}
          </Group>
          <Title order={1} fz="h2" style={{ overflowWrap: "anywhere" }}>
            <UserText>{report.title}</UserText>
          </Title>
        </div>
        {can("reports.update") && (
          <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setDialog({ kind: "edit" })} style={{ flex: "none" }}>
            {t("reports.detail.edit")}
          </Button>
        )}
      </Group>

      {can("reports.setStatus") ? (
        <Paper withBorder radius="md" p="sm" mb="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="xs" wrap="wrap" role="group" aria-label={t("reports.detail.moveTo")}>
              <Text fz="sm" c="dimmed">
                {t("reports.detail.moveTo")}
              </Text>
              {report.allowedStatuses.map((to) => (
                <Button
                  key={to}
                  size="compact-sm"
                  variant={to === "resolved" ? "filled" : "light"}
                  color={to === "resolved" ? "teal" : undefined}
                  loading={pending === to}
                  disabled={pending !== null && pending !== to}
                  onClick={() => void changeStatus(report, to)}
                >
                  {t(`reports.statusAction.${to}`)}
                </Button>
              ))}
            </Group>
            {can("reports.logCallback") && (
              <Button leftSection={<PhoneIcon size={16} />} variant="default" onClick={() => setDialog({ kind: "callback" })}>
                {t("reports.callback.log")}
              </Button>
            )}
          </Group>
        </Paper>
      ) : can.known ? (
        <Alert color="gray" variant="light" mb="md" title={t("reports.detail.readOnlyTitle")}>
          {t("reports.detail.readOnly")}
        </Alert>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Stack gap="md">
                <LongText label={t("reports.fields.description")} text={report.description} />
                <LongText label={t("reports.fields.steps")} text={report.steps} />
                {report.resolution && (
                  <div style={{ borderLeft: "3px solid var(--mantine-color-teal-6)", paddingLeft: 12 }}>
                    <LongText label={t("reports.statusChange.resolution")} text={report.resolution} />
                  </div>
                )}
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="report-timeline">
              <Title order={2} fz="h3" id="report-timeline" mb="sm">
                {t("reports.timeline.title")}
              </Title>
              {can("reports.comment") && <CommentForm report={report} />}
              <ReportTimeline events={report.events} />
            </Paper>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <SectionLabel>{t("reports.new.reporter")}</SectionLabel>
              {report.reporter ? (
                <>
              <Group gap={6} wrap="nowrap" mb={6}>
                <PersonIcon size={18} />
                <Anchor component={Link} to={`/people/${report.reporter.id}`} fw={600} aria-label={t("reports.detail.openCard", { name: reporter })}>
                  {reporter}
                </Anchor>
              </Group>
              <Stack gap={2}>
                {report.reporter.phones.map((phone) => (
                  <Group key={phone.e164} gap={6} wrap="nowrap">
                    <Anchor href={`tel:${phone.e164}`} ff="monospace" fz="sm">
                      {phone.display}
                    </Anchor>
                    <Text fz="xs" c="dimmed">
                      {t(`reports.phoneKind.${phone.kind}`)}
                    </Text>
                  </Group>
                ))}
              </Stack>
                </>
              ) : (
                <Text fz="sm" c="dimmed">
                  {t("reports.detail.anonymised")}
                </Text>
              )}
            </Paper>

            <Paper withBorder radius="md" p="md" style={report.overdue ? { borderColor: "var(--mantine-color-red-6)", borderWidth: 2 } : undefined}>
              <SectionLabel>{t("reports.callback.title")}</SectionLabel>
              {report.callbackConsent ? (
                <Stack gap={6}>
                  <Field label={t("reports.callback.number")}>
                    {report.callbackPhone ? (
                      <Anchor href={`tel:${report.callbackPhone}`} ff="monospace" fw={700}>
                        {report.callbackPhoneDisplay}
                      </Anchor>
                    ) : (
                      "—"
                    )}
                  </Field>
                  <Field label={t("reports.callback.window")}>{report.callbackWindow || "—"}</Field>
                  <Field label={t("reports.callback.next")}>
                    {report.nextCallbackAt ? (
                      <Group gap={8} component="span">
                        <span>{formatDateTime(report.nextCallbackAt)}</span>
                        {report.overdue && <OverdueMarker compact />}
                      </Group>
                    ) : (
                      t("reports.callback.nonePending")
                    )}
                  </Field>
                </Stack>
              ) : (
                <Stack gap={6}>
                  <Text fz="sm" c="dimmed">
                    {t("reports.callback.noConsent")}
                  </Text>
                  {report.nextCallbackAt && (
                    <Field label={t("reports.callback.next")}>
                      <Group gap={8} component="span">
                        <span>{formatDateTime(report.nextCallbackAt)}</span>
                        {report.overdue && <OverdueMarker compact />}
                      </Group>
                    </Field>
                  )}
                </Stack>
              )}
            </Paper>

            <Paper withBorder radius="md" p="md">
              <SectionLabel>{t("reports.detail.tracking")}</SectionLabel>
              <Stack gap={6}>
                {can("reports.assign") ? (
                  <Select
                    label={t("reports.columns.assignee")}
                    data={[{ value: "none", label: t("reports.unassigned") }, ...(assignees ?? []).map((a) => ({ value: String(a.id), label: a.displayName }))]}
                    value={report.assignee ? String(report.assignee.id) : "none"}
                    allowDeselect={false}
                    searchable
                    disabled={pending === "assign" || !assignees}
                    onChange={(value) => void assign(report, !value || value === "none" ? null : Number(value))}
                  />
                ) : (
                  <Field label={t("reports.columns.assignee")}>{report.assignee?.displayName ?? t("reports.unassigned")}</Field>
                )}
                {can("reports.assign") && report.assignee?.id !== state.user.id && (
                  <Button size="compact-sm" variant="subtle" style={{ alignSelf: "flex-start" }} disabled={pending !== null} onClick={() => void assign(report, state.user.id)}>
                    {t("reports.detail.assignToMe")}
                  </Button>
                )}
              </Stack>
            </Paper>

            <Paper withBorder radius="md" p="md">
              <SectionLabel>{t("reports.detail.details")}</SectionLabel>
              <Stack gap={6}>
                <Field label={t("reports.fields.product")}>{[report.productName, report.productVersion].filter(Boolean).join(" ")}</Field>
                <Field label={t("reports.fields.environment")}>{report.environment || "—"}</Field>
                <Field label={t("reports.fields.frequency")}>{t(`reports.frequency.${report.frequency}`)}</Field>
                <Field label={t("reports.columns.created")}>{formatDateTime(report.createdAt)}</Field>
                <Field label={t("reports.columns.updated")}>{formatDateTime(report.updatedAt)}</Field>
              </Stack>
            </Paper>
            {aside?.(report)}
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog?.kind === "status" && (
        <StatusModal
          report={report}
          to={dialog.to}
          onClose={() => setDialog(null)}
          onFailed={failed}
          onDone={(next) => {
            setDialog(null);
            notifySuccess(t("reports.detail.statusChanged", { status: t(`reports.status.${next.status}`) }));
          }}
        />
      )}
      {dialog?.kind === "callback" && (
        <CallbackModal
          report={report}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            notifySuccess(t("reports.callback.logged"));
          }}
        />
      )}
      {dialog?.kind === "edit" && (
        <EditReportModal
          report={report}
          onClose={() => setDialog(null)}
          onFailed={failed}
          onDone={() => {
            setDialog(null);
            notifySuccess(t("reports.edit.saved"));
          }}
        />
      )}
    </>
  );
}

function BackToQueue() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/reports" fz="sm" style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
      <PreviousPageIcon size={14} />
      {t("reports.detail.backToQueue")}
    </Anchor>
  );
}

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text fz="xs" c="dimmed" tt="uppercase" fw={700} mb={8} style={{ letterSpacing: "0.03em" }}>
      {children}
    </Text>
  );
}

/** A label and its value on one line, the value as text. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text fz="sm" c="dimmed" w={150} style={{ flex: "none" }}>
        {label}
      </Text>
      <Text fz="sm" component="div" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </Group>
  );
}

/** What the caller said, exactly as typed: line breaks kept, nothing interpreted. */
function LongText({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700} mb={4} style={{ letterSpacing: "0.03em" }}>
        {label}
      </Text>
      {text ? (
        <Text fz="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {text}
        </Text>
      ) : (
        <Text fz="sm" c="dimmed">
          {t("reports.detail.empty")}
        </Text>
      )}
    </div>
  );
}

function CommentForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();
  const comment = useApiMutation("reports.comment");

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) return setError(t("errors.required"));
    comment.mutate(
      { id: report.id, text },
      {
        onSuccess: () => {
          setText("");
          setError(undefined);
        },
        onError: (failure) => {
          const fields = fieldErrorOf(failure);
          if (fields?.text) setError(fields.text);
          else notifyError(failure);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate style={{ marginBottom: "var(--mantine-spacing-lg)" }}>
      <Textarea
        label={t("reports.comment.label")}
        placeholder={t("reports.comment.placeholder")}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={20_000}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          if (error) setError(undefined);
        }}
        error={error}
      />
      <Group justify="flex-end" mt={6}>
        <Button type="submit" size="compact-sm" loading={comment.isPending}>
          {t("reports.comment.submit")}
        </Button>
      </Group>
    </form>
  );
}
