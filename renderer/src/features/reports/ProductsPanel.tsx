import { Badge, Button, Checkbox, Group, TagsInput, Text, TextInput } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { DataTable, tableColumns } from "../../ui/DataTable";
import { FormDialog } from "../../ui/FormDialog";
import { EditIcon, PlusIcon } from "../../ui/icons";
import { notifySuccess } from "../../ui/toasts";
import type { Product } from "./reportTypes";

type Dialog = { kind: "create" } | { kind: "edit"; product: Product } | null;
const column = tableColumns<Product>();

/** The products callers can report errors in, with the versions the report form suggests (admin only). */
export function ProductsPanel() {
  const { t } = useTranslation();
  const products = useApiQuery("products.list", { includeInactive: true }).data;
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns = useMemo(
    () => [
      column.accessor("name", { header: t("reports.products.name"), cell: (info) => <Text span fz="sm" fw={600}>{info.getValue()}</Text> }),
      column.accessor("versions", {
        header: t("reports.products.versions"),
        cell: (info) =>
          info.getValue().length ? (
            <Group gap={4}>
              {info.getValue().map((version) => (
                <Badge key={version} variant="default" size="sm" ff="monospace">
                  {version}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text span c="dimmed" fz="sm">
              —
            </Text>
          ),
      }),
      column.accessor("active", {
        header: t("reports.products.status"),
        cell: (info) => (
          <Badge variant="light" color={info.getValue() ? "teal" : "gray"} size="sm">
            {t(info.getValue() ? "reports.products.active" : "reports.products.inactive")}
          </Badge>
        ),
      }),
      column.display({
        id: "actions",
        header: () => <div style={{ textAlign: "right" }}>{t("reports.products.actions")}</div>,
        cell: (info) => (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<EditIcon size={15} />}
            aria-label={t("reports.products.editLabel", { name: info.row.original.name })}
            onClick={() => setDialog({ kind: "edit", product: info.row.original })}
          >
            {t("reports.products.edit")}
          </Button>
        ),
      }),
    ],
    [t],
  );

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fz="sm" c="dimmed" aria-live="polite">
          {products ? t("reports.products.count", { count: products.length }) : t("common.loading")}
        </Text>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ kind: "create" })}>
          {t("reports.products.create")}
        </Button>
      </Group>
      <DataTable
        label={t("reports.products.tab")}
        columns={columns}
        rows={products}
        rowId={(product) => String(product.id)}
        empty={t("reports.products.empty")}
        widths={{ name: 260, active: 120, actions: 130 }}
        striped="even"
        cells="wrap"
        rowProps={(product) => (product.active ? {} : { style: { color: "var(--mantine-color-dimmed)" } })}
      />
      {dialog && (
        <ProductDialog
          product={dialog.kind === "edit" ? dialog.product : null}
          onClose={() => setDialog(null)}
          onSaved={(name) => {
            setDialog(null);
            notifySuccess(t("reports.products.saved", { name }));
          }}
        />
      )}
    </>
  );
}

function ProductDialog({ product, onClose, onSaved }: { product: Product | null; onClose(): void; onSaved(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(product?.name ?? "");
  const [versions, setVersions] = useState<string[]>(product?.versions ?? []);
  const [active, setActive] = useState(product?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useApiMutation("products.save");

  async function submit() {
    if (!name.trim()) return setErrors({ name: t("errors.required") });
    await save.mutateAsync({ ...(product ? { id: product.id } : {}), name, versions, active });
    onSaved(name.trim());
  }

  return (
    <FormDialog
      title={product ? t("reports.products.editTitle", { name: product.name }) : t("reports.products.createTitle")}
      size="md"
      onClose={onClose}
      onSubmit={submit}
      // A version's error comes as "versions.2": it belongs under the versions field.
      onFieldErrors={(fields) => setErrors(Object.fromEntries(Object.entries(fields).map(([key, message]) => [key.split(".")[0]!, message])))}
      submitLabel={product ? t("common.save") : t("reports.products.create")}
    >
      <TextInput label={t("reports.products.name")} withAsterisk data-autofocus maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      <TagsInput
        label={t("reports.products.versions")}
        description={t("reports.products.versionsHint")}
        value={versions}
        onChange={setVersions}
        maxTags={50}
        splitChars={[",", ";"]}
        acceptValueOnBlur
        error={errors.versions}
      />
      <Checkbox label={t("reports.products.activeLabel")} description={t("reports.products.activeHint")} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
    </FormDialog>
  );
}
