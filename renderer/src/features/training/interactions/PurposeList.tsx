import { Anchor, Button, Group, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { TYPING_PAUSE_MS, useApiQuery } from "../../../api/queries";
import { formatDateTime, zurichDayEnd, zurichDayStart } from "../../../i18n/zurichTime";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { DateFilterInput } from "../../../ui/DateFilterInput";
import { LISTED_PURPOSES, type ListedPurpose, type PurposeQuery, type PurposeRow } from "../trainingTypes";

const column = tableColumns<PurposeRow>();
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
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: 50 });

  const query: PurposeQuery = {
    purpose,
    page: pagination.pageIndex,
    pageSize: pagination.pageSize,
    ...(from ? { from: zurichDayStart(day(from)) } : {}),
    ...(to ? { to: zurichDayEnd(day(to)) } : {}),
    ...(searched ? { text: searched } : {}),
  };
  const page = useApiQuery("interactions.listByPurpose", query, { keepPrevious: true });

  const columns = useMemo(
    () => [
      column.accessor("at", { header: t("training.interactions.at"), cell: (info) => <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(info.getValue())}</span> }),
      column.accessor((row) => row, {
        id: "person",
        header: t("training.fields.person"),
        cell: (info) => (
          <Anchor component={Link} to={`/people/${info.getValue().personId}`} fz="sm">
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
    ],
    [t],
  );

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
      <DataTable
        label={t(`training.interactions.${purpose}Title`)}
        columns={columns}
        rows={page.data?.rows}
        rowId={(row) => String(row.id)}
        loading={page.isPlaceholderData}
        empty={t("training.interactions.empty")}
        widths={{ at: 150, person: 200, channel: 130, agent: 170 }}
        cells="wrap"
        striped="even"
        pager={{ ...pagination, rowCount: page.data?.total ?? 0, emptyLabel: t("training.pager.none"), onChange: setPagination }}
      />
    </>
  );
}
