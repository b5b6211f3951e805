import { ActionIcon, Group, NativeSelect, Text } from "@mantine/core";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FirstPageIcon, LastPageIcon, NextPageIcon, PreviousPageIcon } from "./icons";

export const PAGE_SIZES = [25, 50, 100] as const;

export interface PagerControls {
  pageIndex: number;
  pageSize: number;
  pageCount: number;
  rowCount: number;
  /** The server stopped counting: there are at least `rowCount` rows, and the last page is not known. */
  capped?: boolean;
  canPrevious: boolean;
  canNext: boolean;
  first(): void;
  previous(): void;
  next(): void;
  last(): void;
  setPageSize(size: number): void;
}

/** Pager controls for a table that only knows its page, its page size and its row count. */
export function pagerControls(
  state: { pageIndex: number; pageSize: number; rowCount: number },
  onChange: (next: { pageIndex: number; pageSize: number }) => void,
): PagerControls {
  const pageCount = Math.max(1, Math.ceil(state.rowCount / state.pageSize));
  const go = (pageIndex: number) => onChange({ pageIndex, pageSize: state.pageSize });
  return {
    ...state,
    pageCount,
    canPrevious: state.pageIndex > 0,
    canNext: state.pageIndex < pageCount - 1,
    first: () => go(0),
    previous: () => go(state.pageIndex - 1),
    next: () => go(state.pageIndex + 1),
    last: () => go(pageCount - 1),
    setPageSize: (pageSize) => onChange({ pageIndex: 0, pageSize }),
  };
}

const plain = (n: number) => String(n);
const grouped = (n: number) => n.toLocaleString("de-CH");

/** Below a server-paged table: rows per page, "1–50 of 312", first/previous/next/last. */
export function TablePager({
  pager,
  emptyLabel,
  pageSizes = PAGE_SIZES,
  groupDigits = false,
  summaryWidth = 120,
  actions,
}: {
  pager: PagerControls;
  /** Shown instead of the range when there are no rows ("0 entries"). */
  emptyLabel: string;
  pageSizes?: readonly number[];
  /** Writes counts with thousands separators (10’000). */
  groupDigits?: boolean;
  summaryWidth?: number;
  /** Extra buttons before the range (e.g. refresh). */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const sizeId = useId();
  const number = groupDigits ? grouped : plain;
  const more = pager.capped ? "+" : "";
  const from = pager.rowCount === 0 ? 0 : pager.pageIndex * pager.pageSize + 1;
  const to = Math.min(pager.rowCount, (pager.pageIndex + 1) * pager.pageSize);
  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
      <Group gap="xs" wrap="nowrap">
        <Text fz="sm" c="dimmed" component="label" htmlFor={sizeId}>
          {t("common.pager.pageSize")}
        </Text>
        <NativeSelect
          id={sizeId}
          size="xs"
          w={72}
          data={pageSizes.map(String)}
          value={String(pager.pageSize)}
          onChange={(e) => pager.setPageSize(Number(e.currentTarget.value))}
        />
      </Group>
      <Group gap="md" wrap="nowrap">
        {actions}
        <Text fz="sm" aria-live="polite" miw={summaryWidth} ta="right">
          {pager.rowCount === 0 ? emptyLabel : t("common.pager.summary", { from: number(from), to: number(to), total: `${number(pager.rowCount)}${more}` })}
        </Text>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" aria-label={t("common.pager.first")} disabled={!pager.canPrevious} onClick={pager.first}>
            <FirstPageIcon size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="gray" aria-label={t("common.pager.previous")} disabled={!pager.canPrevious} onClick={pager.previous}>
            <PreviousPageIcon size={18} />
          </ActionIcon>
          <Text fz="sm" px={6} miw={90} ta="center">
            {t("common.pager.page", { page: number(pager.pageIndex + 1), pages: `${number(Math.max(1, pager.pageCount))}${more}` })}
          </Text>
          <ActionIcon variant="subtle" color="gray" aria-label={t("common.pager.next")} disabled={!pager.canNext} onClick={pager.next}>
            <NextPageIcon size={18} />
          </ActionIcon>
          {/* The last page of a count the server capped is not known: no jump there. */}
          <ActionIcon variant="subtle" color="gray" aria-label={t("common.pager.last")} disabled={!pager.canNext || !!pager.capped} onClick={pager.last}>
            <LastPageIcon size={18} />
          </ActionIcon>
        </Group>
      </Group>
    </Group>
  );
}
