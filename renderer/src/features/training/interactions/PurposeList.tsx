import { Anchor, Button, Group, Loader, Paper, Table, Text, TextInput, Title } from "@mantine/core";
import { createColumnHelper, rowPaginationFeature, tableFeatures, useTable, type PaginationState } from "@tanstack/react-table";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { TYPING_PAUSE_MS, useApiQuery } from "../../../api/queries";
import { formatDateTime, zurichDayEnd, zurichDayStart } from "../../../i18n/zurichTime";
import { DateFilterInput } from "../../../ui/DateFilterInput";
import { pagerControls, TablePager } from "../../../ui/TablePager";
import { LISTED_PURPOSES, type ListedPurpose, type PurposeQuery, type PurposeRow } from "../trainingTypes";

const features = tableFeatures({ rowPaginationFeature });
const column = createColumnHelper<typeof features, PurposeRow>();
const NO_ROWS: PurposeRow[] = [];
const WIDTHS: Record<string, string> = { at: "150px", person: "18%", channel: "130px", agent: "15%" };

const day = (iso: string) => {
  const [year, month, d] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day: d };
};

/**
 * Information requests, or comments and suggestions: what callers said that is no case of its own,
 * listed for managers so none of it stays buried in a person's timeline.
 */
export function PurposeList() {
  const { purpose } = useParams();
  if (!LISTED_PURPOSES.includes(purpose as ListedPurpose)) return <Navigate to="/training/interactions/information" replace />;
  return <PurposeTable key={purpose} purpose={purpose as ListedPurpose} />;
}

function PurposeTable({ purpose }: { purpose: ListedPurpose }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [text, setText] = useState("");
  // The text filter asks the server after a pause in typing.
  const [searched] = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 50 });

  const query: PurposeQuery = {
    purpose,
    page: pagination.pageIndex,
    pageSize: pagination.pageSize,
    ...(from ? { from: zurichDayStart(day(from)) } : {}),
    ...(to ? { to: zurichDayEnd(day(to)) } : {}),
    ...(searched ? { text: searched } : {}),
  };
  const listing = useApiQuery("interactions.listByPurpose", query, { keepPrevious: true });
  const page = listing.data ?? null;
  const loading = listing.isPlaceholderData;

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("at", { header: t("training.interactions.at"), cell: (info) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(info.getValue())}</span> }),
        column.accessor((row) => row, {
          id: "person",
          header: t("training.fields.person"),
          cell: (info) => (
            <Anchor component={Link} to={`/people/${info.getValue().personId}`} fz="sm" onClick={(e) => e.stopPropagation()}>
              {info.getValue().person}
            </Anchor>
          ),
        }),
        column.accessor("channel", { header: t("training.interactions.channel"), cell: (info) => t(`training.channel.${info.getValue()}`) }),
        column.accessor("summary", {
          header: t("training.interactions.summary"),
          cell: (info) => (
            <Text fz="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} lineClamp={4}>
              {info.getValue()}
            </Text>
          ),
        }),
        column.accessor("agent", { header: t("training.interactions.agent"), cell: (info) => info.getValue() ?? "—" }),
      ]),
    [t],
  );

  const table = useTable({
    features,
    columns,
    data: page?.rows ?? NO_ROWS,
    getRowId: (row) => String(row.id),
    manualPagination: true,
    rowCount: page?.total ?? 0,
    state: { pagination },
    onPaginationChange: setPagination,
  });

  const rows = table.getRowModel().rows;
  const active = from !== null || to !== null || text !== "";
  const resetPage = () => setPagination((p) => ({ ...p, pageIndex: 0 }));

  return (
    <>
      <Title order={2} fz="h3" mb={4}>
        {t(`training.interactions.${purpose}Title`)}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t(`training.interactions.${purpose}Text`)}
      </Text>
      <Group gap="sm" align="flex-start" mb="sm">
        <TextInput
          label={t("training.interactions.text")}
          placeholder={t("training.interactions.textPlaceholder")}
          type="search"
          w={320}
          maxLength={200}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            resetPage();
          }}
        />
        <DateFilterInput
          label={t("training.board.from")}
          value={from}
          onChange={(next) => {
            setFrom(next);
            resetPage();
          }}
        />
        <DateFilterInput
          label={t("training.board.to")}
          value={to}
          onChange={(next) => {
            setTo(next);
            resetPage();
          }}
        />
        <Button
          variant="subtle"
          color="gray"
          mt={24}
          style={{ visibility: active ? "visible" : "hidden" }}
          onClick={() => {
            setFrom(null);
            setTo(null);
            setText("");
            resetPage();
          }}
        >
          {t("training.board.clear")}
        </Button>
      </Group>
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" striped="even" highlightOnHover aria-label={t(`training.interactions.${purpose}Title`)} aria-busy={loading}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} w={WIDTHS[header.column.id]}>
                    <table.FlexRender header={header} />
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody style={{ opacity: loading && page ? 0.6 : 1, transition: "opacity 120ms" }}>
            {rows.map((row) => (
              <Table.Tr key={row.id} style={{ verticalAlign: "top" }}>
                {row.getAllCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5} ta="center" py="xl" c="dimmed">
                  {page ? t("training.interactions.empty") : <Loader size="sm" aria-label={t("training.loading")} />}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <TablePager
          emptyLabel={t("training.pager.none")}
          pager={pagerControls({ pageIndex: pagination.pageIndex, pageSize: pagination.pageSize, rowCount: table.getRowCount() }, (next) => table.setPagination(next))}
        />
      </Paper>
    </>
  );
}
