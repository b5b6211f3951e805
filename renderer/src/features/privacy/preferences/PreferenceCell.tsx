import { Loader, Menu, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../i18n/zurichTime";
import classes from "./PreferenceCell.module.css";
import type { PreferenceChannel, PreferenceStatus, PreferenceTopic } from "../../../../../common/enums";
import type { PreferenceChoice } from "./preferenceTypes";

const LOOK: Record<PreferenceStatus | "none", { mark: string; color: string }> = {
  opted_in: { mark: "✓", color: "var(--mantine-color-teal-8)" },
  opted_out: { mark: "✕", color: "var(--mantine-color-red-8)" },
  none: { mark: "–", color: "var(--mantine-color-gray-6)" },
};

/**
 * One topic on one channel: the current choice, when and from where it came, and a menu to change
 * it. The cell keeps its height whatever it shows (loading, saving, never asked), so the grid
 * never moves under the agent's pointer.
 */
export function PreferenceCell({
  topic,
  channel,
  choice,
  loaded,
  busy,
  onChoose,
}: {
  topic: PreferenceTopic;
  channel: PreferenceChannel;
  choice: PreferenceChoice | null;
  loaded: boolean;
  busy: boolean;
  onChoose(status: PreferenceStatus): void;
}) {
  const { t } = useTranslation();
  const status = choice?.status ?? "none";
  const look = LOOK[status];
  const statusLabel = t(`privacyTools.status.${status}`);
  const label = t("privacyTools.preferences.cellLabel", { topic: t(`privacyTools.topics.${topic}`), channel: t(`privacyTools.channels.${channel}`), status: statusLabel });
  const detail =
    choice?.changedAt != null && choice.source
      ? t("privacyTools.preferences.cellDetail", { date: formatDateTime(choice.changedAt).slice(0, 10), source: t(`privacyTools.sources.${choice.source}`) })
      : null;
  const tooltip =
    choice?.changedAt != null && choice.source
      ? t("privacyTools.preferences.cellTooltipNoBy", { status: statusLabel, date: formatDateTime(choice.changedAt), source: t(`privacyTools.sources.${choice.source}`) })
      : t("privacyTools.preferences.neverAsked");

  return (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.Target>
        <Tooltip label={tooltip}>
          <UnstyledButton
            aria-label={label}
            aria-description={detail ?? undefined}
            // Never disabled while another cell saves: the focus must stay where the agent left it.
            disabled={!loaded}
            data-status={status}
            className={classes.cell}
            style={{ opacity: loaded ? 1 : 0.5 }}
          >
            <Text component="span" fz="sm" fw={600} style={{ color: look.color, display: "flex", alignItems: "center", gap: 6, whiteSpace: "nowrap" }}>
              {busy ? <Loader size={12} /> : <span aria-hidden="true" style={{ width: 12, textAlign: "center" }}>{look.mark}</span>}
              {loaded ? statusLabel : "…"}
            </Text>
            <Text component="span" fz="xs" c="dimmed" style={{ display: "block", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", paddingLeft: 18 }}>
              {(loaded && detail) || "\u00a0"}
            </Text>
          </UnstyledButton>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t(`privacyTools.topics.${topic}`)} · {t(`privacyTools.channels.${channel}`)}</Menu.Label>
        <Menu.Item leftSection={<span aria-hidden="true" style={{ color: LOOK.opted_in.color }}>{LOOK.opted_in.mark}</span>} disabled={status === "opted_in"} onClick={() => onChoose("opted_in")}>
          {t("privacyTools.preferences.optIn")}
        </Menu.Item>
        <Menu.Item leftSection={<span aria-hidden="true" style={{ color: LOOK.opted_out.color }}>{LOOK.opted_out.mark}</span>} disabled={status === "opted_out"} onClick={() => onChoose("opted_out")}>
          {t("privacyTools.preferences.optOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
