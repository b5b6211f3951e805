import { Button, Group, Loader, Paper, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useApiMutation, useApiQuery, type OpInput } from "../../api/queries";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { formatDateTime, isoToSwiss } from "../../i18n/zurichTime";
import { ChartCard } from "./ChartCard";
import { markOverviewShown } from "./ManagerLanding";

const PURPOSE_COLORS: Record<string, string> = {
  information: "#228be6",
  error_report: "#fa5252",
  training: "#be4bdb",
  comment: "#12b886",
  data_protection: "#fd7e14",
  other: "#868e96",
};
const SEVERITY_COLORS: Record<string, string> = { low: "#adb5bd", normal: "#4dabf7", high: "#fd7e14", critical: "#e03131" };
const OPEN_REPORT_STATUSES = ["new", "triaged", "in_progress", "waiting_for_customer", "reopened"];
const shortDay = (iso: string) => isoToSwiss(iso).slice(0, 5);

/**
 * The managers' landing screen: how the call centre is doing, each figure a click away from the
 * list behind it.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useApiQuery("dashboard.summary", {});
  const summary = query.data ?? null;
  const saveFilter = useApiMutation("reports.saveFilter", { onSuccess: () => void navigate("/reports") });
  useEffect(markOverviewShown, []);

  // Each code read in its own list: one code can read differently in two lists.
  const label = (group: "reportStatus" | "trainingStatus" | "interactionPurpose" | "severity", code: string) =>
    t(`labels.${group}.${code}` as "labels.severity.low", { defaultValue: code });

  /** The support queue opens on its saved filter: save the one behind the bar, then go there. */
  const openQueue = (filter: { status?: string[]; severity?: string[]; overdue?: boolean }) =>
    saveFilter.mutate({ ...filter, ...(filter.overdue ? { sort: "nextCallbackAt", direction: "asc" } : {}) } as OpInput<"reports.saveFilter">, { onError: notifyError });

  if (!summary) return <Loader size="sm" aria-label={t("common.loading")} />;

  const purposes = Object.keys(summary.calls[0]?.counts ?? {});
  const calls = summary.calls.map((d) => ({ day: shortDay(d.day), ...d.counts, total: d.total }));
  const severities = Object.keys(summary.openReports[0]?.counts ?? {});
  const open = summary.openReports.map((r) => ({ status: r.status, label: label("reportStatus", r.status), ...r.counts, total: r.total }));
  const weekly = summary.weekly.map((w) => ({ week: shortDay(w.week), opened: w.opened, resolved: w.resolved }));
  const training = summary.training.map((r) => ({ status: r.status, label: label("trainingStatus", r.status), count: r.count }));
  const openCallsOf = (purpose: string) => {
    if (purpose === "information" || purpose === "comment") void navigate(`/training/interactions/${purpose}`);
    else if (purpose === "error_report") void navigate("/reports");
    else if (purpose === "training") void navigate("/training");
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t("dashboard.title")}
        subtitle={t("dashboard.subtitle", { time: formatDateTime(summary.generatedAt) })}
        actions={
          <Button variant="default" size="sm" onClick={() => void query.refetch()}>
            {t("dashboard.refresh")}
          </Button>
        }
      />

      <SimpleGrid cols={{ base: 1, sm: summary.privacy ? 3 : 1 }} spacing="md">
        <Figure label={t("dashboard.overdue.title")} value={summary.overdueCallbacks} alert={summary.overdueCallbacks > 0} action={t("dashboard.overdue.open")} onClick={() => openQueue({ overdue: true })} />
        {summary.privacy && (
          <>
            <Figure label={t("dashboard.privacy.overdue")} value={summary.privacy.overdue} alert={summary.privacy.overdue > 0} action={t("dashboard.privacy.open")} onClick={() => void navigate("/privacy")} />
            <Figure label={t("dashboard.privacy.dueSoon")} value={summary.privacy.dueSoon} alert={false} action={t("dashboard.privacy.open")} onClick={() => void navigate("/privacy")} />
          </>
        )}
      </SimpleGrid>

      <ChartCard
        title={t("dashboard.calls.title")}
        height={260}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={calls} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" fontSize={11} interval={2} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {purposes.map((p) => (
                <Bar key={p} dataKey={p} name={label("interactionPurpose", p)} stackId="calls" fill={PURPOSE_COLORS[p]} cursor="pointer" onClick={() => openCallsOf(p)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
        table={{
          head: [t("dashboard.calls.day"), ...purposes.map((p) => label("interactionPurpose", p)), t("dashboard.calls.total")],
          // Newest day first in the table; the chart reads left to right in time.
          rows: summary.calls.toReversed().map((d) => [isoToSwiss(d.day), ...purposes.map((p) => d.counts[p as keyof typeof d.counts]), d.total]),
        }}
      />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartCard
          title={t("dashboard.open.title")}
          hint={t("dashboard.open.hint")}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={open} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={11} />
                <YAxis type="category" dataKey="label" width={130} fontSize={11} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {severities.map((s) => (
                  <Bar
                    key={s}
                    dataKey={s}
                    name={label("severity", s)}
                    stackId="open"
                    fill={SEVERITY_COLORS[s]}
                    cursor="pointer"
                    isAnimationActive={false}
                    onClick={(entry) => {
                      const status = (entry as { payload?: { status?: string } }).payload?.status;
                      if (status && OPEN_REPORT_STATUSES.includes(status)) openQueue({ status: [status], severity: [s] });
                    }}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          }
          table={{ head: [t("dashboard.open.status"), ...severities.map((s) => label("severity", s)), t("dashboard.open.total")], rows: open.map((r) => [r.label, ...severities.map((s) => (r as Record<string, number | string>)[s] as number), r.total]) }}
        />
        <ChartCard
          title={t("dashboard.weekly.title")}
          chart={
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={weekly} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="week" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="opened" name={t("dashboard.weekly.opened")} fill="#4dabf7" isAnimationActive={false} />
                <Bar dataKey="resolved" name={t("dashboard.weekly.resolved")} fill="#40c057" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          }
          table={{ head: [t("dashboard.weekly.week"), t("dashboard.weekly.opened"), t("dashboard.weekly.resolved")], rows: summary.weekly.map((w) => [isoToSwiss(w.week), w.opened, w.resolved]) }}
        />
      </SimpleGrid>

      <ChartCard
        title={t("dashboard.training.title")}
        height={200}
        chart={
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={training} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} />
              <Tooltip />
              <Bar
                dataKey="count"
                name={t("dashboard.training.count")}
                fill="#be4bdb"
                cursor="pointer"
                isAnimationActive={false}
                onClick={(entry) => {
                  const status = (entry as { payload?: { status?: string } }).payload?.status;
                  if (status) void navigate(`/training?status=${encodeURIComponent(status)}`);
                }}
              />
            </BarChart>
          </ResponsiveContainer>
        }
        table={{ head: [t("dashboard.training.status"), t("dashboard.training.count")], rows: training.map((r) => [r.label, r.count]) }}
      />
    </Stack>
  );
}

/** One figure that opens the list behind it. */
function Figure({ label, value, alert, action, onClick }: { label: string; value: number; alert: boolean; action: string; onClick(): void }) {
  return (
    <Paper withBorder radius="md" p={0}>
      <UnstyledButton onClick={onClick} p="md" w="100%" aria-label={`${label}: ${value} — ${action}`}>
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fz="sm" c="dimmed">
              {label}
            </Text>
            <Text fz={28} fw={700} c={alert ? "red.8" : undefined} style={{ fontVariantNumeric: "tabular-nums" }}>
              {value.toLocaleString("de-CH")}
            </Text>
          </div>
          <Text fz="sm" c="blue.7">
            {action} →
          </Text>
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
