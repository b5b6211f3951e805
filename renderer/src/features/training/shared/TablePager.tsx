import { ActionIcon, Group, NativeSelect, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FirstPageIcon, LastPageIcon, NextPageIcon, PreviousPageIcon } from "../../../app/icons";

export const PAGE_SIZES = [25, 50, 100] as const;

export interface PagerState {
  pageIndex: number;
  pageSize: number;
  rowCount: number;
}

/** Below a server-paged table: rows per page, "1–50 of 312", first/previous/next/last. */
export function TablePager({ state, onChange }: { state: PagerState; onChange(next: { pageIndex: number; pageSize: number }): void }) {
  const { t } = useTranslation();
  const sizeId = useId();
  const pageCount = Math.max(1, Math.ceil(state.rowCount / state.pageSize));
  const from = state.rowCount === 0 ? 0 : state.pageIndex * state.pageSize + 1;
  const to = Math.min(state.rowCount, (state.pageIndex + 1) * state.pageSize);
  const canPrevious = state.pageIndex > 0;
  const canNext = state.pageIndex < pageCount - 1;
  const go = (pageIndex: number) => onChange({ pageIndex, pageSize: state.pageSize });
  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
      <Group gap="xs" wrap="nowrap">
        <Text fz="sm" c="dimmed" component="label" htmlFor={sizeId}>
          {t("training.pager.pageSize")}
        </Text>
        <NativeSelect
          id={sizeId}
          size="xs"
          w={72}
          data={PAGE_SIZES.map(String)}
          value={String(state.pageSize)}
          onChange={(e) => onChange({ pageIndex: 0, pageSize: Number(e.currentTarget.value) })}
        />
      </Group>
      <Group gap="md" wrap="nowrap">
        <Text fz="sm" aria-live="polite" miw={120} ta="right">
          {state.rowCount === 0 ? t("training.pager.none") : t("training.pager.summary", { from, to, total: state.rowCount })}
        </Text>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" aria-label={t("training.pager.first")} disabled={!canPrevious} onClick={() => go(0)}>
            <FirstPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("training.pager.previous")} disabled={!canPrevious} onClick={() => go(state.pageIndex - 1)}>
            <PreviousPageIcon size={18} />
          </ActionIcon>
          <Text fz="sm" px={6} miw={90} ta="center">
            {t("training.pager.page", { page: state.pageIndex + 1, pages: pageCount })}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t("training.pager.next")} disabled={!canNext} onClick={() => go(state.pageIndex + 1)}>
            <NextPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("training.pager.last")} disabled={!canNext} onClick={() => go(pageCount - 1)}>
            <LastPageIcon size={18} />
          </ActionIcon>
        </Group>
      </Group>
    </Group>
  );
}
