import { Badge, Button, Checkbox, Group, Modal, Paper, Stack, Table, TagsInput, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { EditIcon, PlusIcon } from "../../ui/icons";
import { notifyError, notifySuccess } from "../../ui/toasts";
import type { Product } from "./reportTypes";

type Dialog = { kind: "create" } | { kind: "edit"; product: Product } | null;

/** The products callers can report errors in, with the versions the report form suggests (admin only). */
export function ProductsPanel() {
  const { t } = useTranslation();
  const products = useApiQuery("products.list", { includeInactive: true }).data ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);

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
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table highlightOnHover striped="even" aria-label={t("reports.products.tab")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t("reports.products.name")}</Table.Th>
              <Table.Th>{t("reports.products.versions")}</Table.Th>
              <Table.Th w="12%">{t("reports.products.status")}</Table.Th>
              <Table.Th w={1} style={{ textAlign: "right" }}>
                {t("reports.products.actions")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(products ?? []).map((product) => (
              <Table.Tr key={product.id} c={product.active ? undefined : "dimmed"}>
                <Table.Td fw={600}>{product.name}</Table.Td>
                <Table.Td>
                  {product.versions.length ? (
                    <Group gap={4}>
                      {product.versions.map((version) => (
                        <Badge key={version} variant="default" size="sm" ff="monospace">
                          {version}
                        </Badge>
                      ))}
                    </Group>
                  ) : (
                    <Text span c="dimmed" fz="sm">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={product.active ? "teal" : "gray"} size="sm">
                    {t(product.active ? "reports.products.active" : "reports.products.inactive")}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<EditIcon size={15} />}
                    aria-label={t("reports.products.editLabel", { name: product.name })}
                    onClick={() => setDialog({ kind: "edit", product })}
                  >
                    {t("reports.products.edit")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {products?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4} ta="center" py="xl" c="dimmed">
                  {t("reports.products.empty")}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {dialog && (
        <ProductModal
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

function ProductModal({ product, onClose, onSaved }: { product: Product | null; onClose(): void; onSaved(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(product?.name ?? "");
  const [versions, setVersions] = useState<string[]>(product?.versions ?? []);
  const [active, setActive] = useState(product?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useApiMutation("products.save");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setErrors({ name: t("errors.required") });
    save.mutate(
      { ...(product ? { id: product.id } : {}), name, versions, active },
      {
        onSuccess: () => onSaved(name.trim()),
        onError: (error) => {
          const fields = fieldErrorOf(error);
          // A version's error comes as "versions.2": it belongs under the versions field.
          if (fields) setErrors(Object.fromEntries(Object.entries(fields).map(([key, message]) => [key.split(".")[0]!, message])));
          else notifyError(error);
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={product ? t("reports.products.editTitle", { name: product.name }) : t("reports.products.createTitle")} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t("reports.products.name")}
            withAsterisk
            data-autofocus
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
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
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t("common.save") : t("reports.products.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
