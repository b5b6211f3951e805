import { Button, Checkbox, Grid, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { formatDateTime, isoToSwiss, swissToIso } from "../../../i18n/zurichTime";
import { CATEGORIES, type Category } from "../../../../../common/enums";
import type { Disclosure } from "./managerToolTypes";
import { PersonTypeahead, type PickedPerson } from "../../../ui/Typeahead";

const clip = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;
const column = tableColumns<Disclosure>();
// Who received the data and why are read in full (wrapped); the rest keeps to one line.
const WIDTHS: Record<string, number | undefined> = { disclosedOn: 104, recipient: 180, legalBasis: 170, person: 130, recordedBy: 136 };

/** Today in Geneva as YYYY-MM-DD, whatever the desk's own time zone. */
function genevaToday(): string {
  return swissToIso(formatDateTime(Date.now()).slice(0, 10)) ?? "";
}

/** The disclosure log (revFADP: "by law" disclosures to authorities) and the form that adds to it. */
export function DisclosuresPanel() {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ pageIndex: 0, pageSize: 25 });
  // The previous page stays on screen, dimmed, while the next one loads.
  const list = useApiQuery("disclosures.list", { page: paging.pageIndex, pageSize: paging.pageSize }, { keepPrevious: true });
  const page = list.data ?? null;
  const loading = list.isPlaceholderData || list.isPending;
  // The new entry is the newest: back to the first page, which the write has refreshed.
  const recorded = () => setPaging((p) => ({ ...p, pageIndex: 0 }));

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("disclosedOn", {
          header: t("privacyTools.disclosures.columns.disclosedOn"),
          cell: (info) => <span style={{ whiteSpace: "nowrap" }}>{isoToSwiss(info.getValue())}</span>,
        }),
        column.accessor("recipient", { header: t("privacyTools.disclosures.columns.recipient") }),
        column.accessor("legalBasis", {
          header: t("privacyTools.disclosures.columns.legalBasis"),
          // Only the note is cut (its full text is the title).
          cell: (info) => (
            <span title={info.row.original.note || undefined}>
              {info.getValue()}
              {info.row.original.note && (
                <Text span fz="xs" c="dimmed" display="block" style={clip}>
                  {info.row.original.note}
                </Text>
              )}
            </span>
          ),
        }),
        column.accessor("categories", {
          header: t("privacyTools.disclosures.columns.categories"),
          cell: (info) => info.getValue().map((c) => t(`privacyTools.categories.${c}`)).join(", "),
        }),
        column.accessor("person", {
          header: t("privacyTools.disclosures.columns.person"),
          cell: (info) => (
            <Text span fz="sm" display="block" style={clip} title={info.getValue() ?? undefined}>
              {info.getValue()?.trim() || "—"}
            </Text>
          ),
        }),
        column.accessor("recordedBy", {
          header: t("privacyTools.disclosures.columns.recordedBy"),
          cell: (info) => (
            <Text span fz="sm" display="block" style={clip}>
              {info.getValue() ?? "—"}
            </Text>
          ),
        }),
      ]),
    [t],
  );

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 4 }}>
        <DisclosureForm onRecorded={recorded} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 8 }}>
        <Text fz="sm" c="dimmed" mb="xs">
          {t("privacyTools.disclosures.intro")}
        </Text>
        <DataTable
          label={t("privacyTools.disclosures.tableLabel")}
          columns={columns}
          rows={page?.rows}
          rowId={(row) => String(row.id)}
          loading={loading}
          empty={t("privacyTools.disclosures.empty")}
          widths={WIDTHS}
          cells="wrap"
          striped="even"
          pager={{ ...paging, rowCount: page?.total ?? 0, onChange: setPaging, emptyLabel: t("privacyTools.disclosures.none") }}
        />
      </Grid.Col>
    </Grid>
  );
}

interface Draft {
  person: PickedPerson | null;
  recipient: string;
  legalBasis: string;
  categories: Category[];
  date: string;
  note: string;
}

const emptyDraft = (): Draft => ({ person: null, recipient: "", legalBasis: "", categories: [], date: isoToSwiss(genevaToday()), note: "" });

function DisclosureForm({ onRecorded }: { onRecorded(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useApiMutation("disclosures.create");
  const busy = create.isPending;
  // A new form after each record: the person picker starts empty again.
  const [formKey, setFormKey] = useState(0);

  function change<K extends keyof Draft>(key: K, value: Draft[K], field: string = key) {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (!draft.recipient.trim()) found.recipient = t("errors.required");
    if (!draft.legalBasis.trim()) found.legalBasis = t("errors.required");
    if (draft.categories.length === 0) found.categories = t("errors.required");
    const iso = swissToIso(draft.date);
    if (!iso) found.disclosedOn = t("common.date.invalid");
    else if (iso > genevaToday()) found.disclosedOn = t("privacyTools.disclosures.dateFuture");
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check();
    if (Object.keys(found).length) return setErrors(found);
    try {
      await create.mutateAsync({
        personId: draft.person?.id ?? null,
        recipient: draft.recipient,
        legalBasis: draft.legalBasis,
        categories: draft.categories,
        disclosedOn: swissToIso(draft.date) ?? "",
        ...(draft.note.trim() ? { note: draft.note } : {}),
      });
      notifySuccess(t("privacyTools.disclosures.saved"));
      setDraft(emptyDraft());
      setErrors({});
      setFormKey((k) => k + 1);
      onRecorded();
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields) {
        // "categories.0" (an unknown category) belongs under the categories as a whole.
        const [field, message] = Object.entries(fields)[0] ?? [];
        if (field) setErrors({ [field.startsWith("categories") ? "categories" : field]: message });
      } else notifyError(failure);
    }
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="disclosure-form-title">
      <Title order={2} fz="h3" id="disclosure-form-title" mb="sm">
        {t("privacyTools.disclosures.formTitle")}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <PersonTypeahead
            key={formKey}
            label={t("privacyTools.disclosures.person")}
            description={t("privacyTools.disclosures.personHint")}
            placeholder={t("privacyTools.disclosures.personPlaceholder")}
            clearable
            nothingFoundMessage={t("privacyTools.disclosures.personNone")}
            maxDropdownHeight={300}
            value={draft.person}
            onChange={(person) => change("person", person, "personId")}
            error={errors.personId}
          />
          <TextInput
            label={t("privacyTools.disclosures.recipient")}
            placeholder={t("privacyTools.disclosures.recipientPlaceholder")}
            required
            maxLength={200}
            value={draft.recipient}
            onChange={(e) => change("recipient", e.currentTarget.value)}
            error={errors.recipient}
          />
          <TextInput
            label={t("privacyTools.disclosures.legalBasis")}
            placeholder={t("privacyTools.disclosures.legalBasisPlaceholder")}
            required
            maxLength={500}
            value={draft.legalBasis}
            onChange={(e) => change("legalBasis", e.currentTarget.value)}
            error={errors.legalBasis}
          />
          <Checkbox.Group
            label={t("privacyTools.disclosures.categories")}
            required
            value={draft.categories}
            onChange={(value) => change("categories", value as Category[])}
            error={errors.categories}
          >
            <SimpleGrid cols={2} spacing={6} verticalSpacing={6} mt={6}>
              {CATEGORIES.map((category) => (
                <Checkbox key={category} size="xs" value={category} label={t(`privacyTools.categories.${category}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <TextInput
            label={t("privacyTools.disclosures.disclosedOn")}
            placeholder={t("common.date.placeholder")}
            required
            inputMode="numeric"
            autoComplete="off"
            styles={{ wrapper: { maxWidth: 140 } }}
            value={draft.date}
            onChange={(e) => change("date", e.currentTarget.value, "disclosedOn")}
            error={errors.disclosedOn}
          />
          <Textarea
            label={t("privacyTools.disclosures.note")}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={draft.note}
            onChange={(e) => change("note", e.currentTarget.value)}
            error={errors.note}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t("privacyTools.disclosures.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
