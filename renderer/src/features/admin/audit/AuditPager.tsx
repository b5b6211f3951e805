import { ActionIcon, Group, NativeSelect, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FirstPageIcon, LastPageIcon, NextPageIcon, PreviousPageIcon } from "../../../app/icons";

export const PAGE_SIZES = [25, 50, 100] as const;

export interface PagerControls {
  pageIndex: number;
  pageSize: number;
  pageCount: number;
  rowCount: number;
  canPrevious: boolean;
  canNext: boolean;
  first(): void;
  previous(): void;
  next(): void;
  last(): void;
  setPageSize(size: number): void;
}

export function AuditPager({ pager }: { pager: PagerControls }) {
  const { t } = useTranslation();
  const from = pager.rowCount === 0 ? 0 : pager.pageIndex * pager.pageSize + 1;
  const to = Math.min(pager.rowCount, (pager.pageIndex + 1) * pager.pageSize);
  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Text fz="sm" c="dimmed" component="label" htmlFor="audit-page-size">
          {t("audit.pageSize")}
        </Text>
        <NativeSelect
          id="audit-page-size"
          size="xs"
          w={72}
          data={PAGE_SIZES.map(String)}
          value={String(pager.pageSize)}
          onChange={(e) => pager.setPageSize(Number(e.currentTarget.value))}
        />
      </Group>
      <Group gap="md" wrap="nowrap">
        <Text fz="sm" aria-live="polite" miw={120} ta="right">
          {pager.rowCount === 0 ? t("audit.none") : t("audit.summary", { from, to, total: pager.rowCount })}
        </Text>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" aria-label={t("audit.first")} disabled={!pager.canPrevious} onClick={pager.first}>
            <FirstPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("audit.previous")} disabled={!pager.canPrevious} onClick={pager.previous}>
            <PreviousPageIcon size={18} />
          </ActionIcon>
          <Text fz="sm" px={6} miw={90} ta="center">
            {t("audit.page", { page: pager.pageIndex + 1, pages: Math.max(1, pager.pageCount) })}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t("audit.next")} disabled={!pager.canNext} onClick={pager.next}>
            <NextPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("audit.last")} disabled={!pager.canNext} onClick={pager.last}>
            <LastPageIcon size={18} />
          </ActionIcon>
        </Group>
      </Group>
    </Group>
  );
}
