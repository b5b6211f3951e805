import { Badge, Button, Group, NativeSelect, Tabs, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCan } from "../../api/capabilities";
import { useApiQuery } from "../../api/queries";
import { PlusIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { NewRequestModal } from "./NewRequestModal";
import { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from "../../../../common/enums";
import { REGISTER_FILTERS, type RegisterFilter } from "./privacyTypes";
import { RequestTable } from "./RequestTable";

const PAGE_SIZE = 50;

/**
 * The privacy-request register: what awaits an answer, most urgent first, overdue ones marked;
 * the closed ones for the record. Managers watch the deadlines here; agents open requests from it.
 */
export function RegisterScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const [filter, setFilter] = useState<RegisterFilter>("pending");
  const [kind, setKind] = useState<PrivacyRequestKind | "">("");
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [creating, setCreating] = useState(false);

  const list = useApiQuery(
    "privacy.requests.list",
    { status: filter, ...(kind ? { kind } : {}), page: pagination.pageIndex, pageSize: pagination.pageSize },
    // The previous page stays on screen, dimmed, until the new one arrives.
    { keepPrevious: true },
  );
  const page = list.data ?? null;
  const loading = list.isPlaceholderData || list.isPending;

  const counts = page?.counts;
  const tabCount = (value: RegisterFilter) => (value === "pending" ? counts?.pending : value === "overdue" ? counts?.overdue : undefined);

  return (
    <>
      <PageHeader
        title={t("privacy.register.title")}
        subtitle={counts ? t("privacy.register.summary", { pending: counts.pending, overdue: counts.overdue, dueSoon: counts.dueSoon }) : undefined}
        actions={
          <Group gap="xs">
            {/* The tools open on the mailing lists: shown to whoever may export them (managers today). */}
            {can("mailing.export") && (
              <Button variant="default" onClick={() => navigate("/privacy/tools")}>
                {t("privacy.register.managerTools")}
              </Button>
            )}
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
              {t("privacy.newRequest")}
            </Button>
          </Group>
        }
      />

      <Group justify="space-between" align="flex-end" mb="sm" wrap="nowrap">
        <Tabs
          value={filter}
          onChange={(value) => {
            if (!value) return;
            setFilter(value as RegisterFilter);
            setPagination((p) => ({ ...p, pageIndex: 0 }));
          }}
        >
          <Tabs.List>
            {REGISTER_FILTERS.map((value) => {
              const count = tabCount(value);
              return (
                <Tabs.Tab
                  key={value}
                  value={value}
                  rightSection={
                    count !== undefined ? (
                      <Badge size="sm" variant={value === "overdue" && count > 0 ? "filled" : "light"} color={value === "overdue" && count > 0 ? "red" : "gray"}>
                        {count}
                      </Badge>
                    ) : undefined
                  }
                >
                  {t(`privacy.filters.${value}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
        </Tabs>
        <Group gap="sm" align="flex-end" wrap="nowrap">
          {filter === "pending" && counts && counts.dueSoon > 0 && (
            <Text fz="sm" c="orange.8" pb={6}>
              {t("privacy.register.dueSoon", { count: counts.dueSoon })}
            </Text>
          )}
          <NativeSelect
            label={t("privacy.register.kindFilter")}
            w={220}
            data={[{ value: "", label: t("privacy.register.allKinds") }, ...PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kinds.${k}`) }))]}
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as PrivacyRequestKind | "");
              setPagination((p) => ({ ...p, pageIndex: 0 }));
            }}
          />
        </Group>
      </Group>

      <RequestTable page={page} loading={loading} pagination={pagination} onPagination={setPagination} emptyText={t(`privacy.register.empty.${filter}`)} />

      {creating && (
        <NewRequestModal
          person={null}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/privacy/requests/${id}`);
          }}
        />
      )}
    </>
  );
}
