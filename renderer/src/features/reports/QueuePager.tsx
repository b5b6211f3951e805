import { ActionIcon, Group, NativeSelect, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FirstPageIcon, LastPageIcon, NextPageIcon, PreviousPageIcon } from "../../app/icons";
import { PAGE_SIZES } from "./queueFilter";
import { RefreshIcon } from "./reportIcons";

export interface QueuePagerControls {
  pageIndex: number;
  pageSize: number;
  pageCount: number;
  rowCount: number;
  /** The server stopped counting: there are at least `rowCount` rows. */
  capped: boolean;
  canPrevious: boolean;
  canNext: boolean;
  first(): void;
  previous(): void;
  next(): void;
  last(): void;
  setPageSize(size: number): void;
  refresh(): void;
  refreshing: boolean;
}

const number = (n: number) => n.toLocaleString("de-CH");

export function QueuePager({ pager }: { pager: QueuePagerControls }) {
  const { t } = useTranslation();
  const from = pager.rowCount === 0 ? 0 : pager.pageIndex * pager.pageSize + 1;
  const to = Math.min(pager.rowCount, (pager.pageIndex + 1) * pager.pageSize);
  const total = `${number(pager.rowCount)}${pager.capped ? "+" : ""}`;
  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Text fz="sm" c="dimmed" component="label" htmlFor="reports-page-size">
          {t("reports.queue.pageSize")}
        </Text>
        <NativeSelect
          id="reports-page-size"
          size="xs"
          w={72}
          data={PAGE_SIZES.map(String)}
          value={String(pager.pageSize)}
          onChange={(e) => pager.setPageSize(Number(e.currentTarget.value))}
        />
      </Group>
      <Group gap="md" wrap="nowrap">
        <Tooltip label={t("reports.queue.refresh")}>
          <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.refresh")} loading={pager.refreshing} onClick={pager.refresh}>
            <RefreshIcon size={17} />
          </ActionIcon>
        </Tooltip>
        <Text fz="sm" aria-live="polite" miw={140} ta="right">
          {pager.rowCount === 0 ? t("reports.queue.none") : t("reports.queue.range", { from: number(from), to: number(to), total })}
        </Text>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.first")} disabled={!pager.canPrevious} onClick={pager.first}>
            <FirstPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.previous")} disabled={!pager.canPrevious} onClick={pager.previous}>
            <PreviousPageIcon size={18} />
          </ActionIcon>
          <Text fz="sm" px={6} miw={90} ta="center">
            {t("reports.queue.page", { page: number(pager.pageIndex + 1), pages: `${number(Math.max(1, pager.pageCount))}${pager.capped ? "+" : ""}` })}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.next")} disabled={!pager.canNext} onClick={pager.next}>
            <NextPageIcon size={18} />
          </ActionIcon>
          {/* The last page of a count the server capped is not known: no jump there. */}
          <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.last")} disabled={!pager.canNext || pager.capped} onClick={pager.last}>
            <LastPageIcon size={18} />
          </ActionIcon>
        </Group>
      </Group>
    </Group>
  );
}
