import { Anchor, Button, Grid, Loader, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiQuery } from "../../api/queries";
import { EditIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { formatDate } from "../../i18n/zurichTime";
import { CardSection, Facts } from "../../ui/CardSection";
import { CompanyModal } from "./CompanyModal";
import { formatPhone } from "../../../../common/phone";
import { personName } from "../../../../common/person-name";
import { LoadProblem } from "./LoadProblem";
import { ReportStatusBadge } from "./RequestsSections";
import { UserText } from "../../ui/UserText";

/** A company: its details and the people who belong to it. */
export function CompanyScreen({ companyId }: { companyId: number }) {
  const { t } = useTranslation();
  const query = useApiQuery("companies.get", { id: companyId });
  const company = query.data;
  const [editing, setEditing] = useState(false);

  // Gone since it was shown (erased or merged away, maybe on another desk): TanStack Query keeps
  // the last answer after a failed refetch, but a person's data must not stay on screen.
  if (query.error?.code === "NOT_FOUND") return <LoadProblem error={query.error} notFound={t("errors.titles.NOT_FOUND")} onRetry={() => void query.refetch()} />;
  if (!company) {
    if (query.error) return <LoadProblem error={query.error} notFound={t("errors.titles.NOT_FOUND")} onRetry={() => void query.refetch()} />;
    return <Loader size="sm" m="xl" aria-label={t("common.loading")} />;
  }

  const notGiven = (
    <Text span c="dimmed" fz="sm">
      {t("people.company.notGiven")}
    </Text>
  );
  const street = company.street?.trim();
  const town = [company.postalCode, company.city].filter(Boolean).join(" ");

  return (
    <>
      <PageHeader
        title={company.name}
        subtitle={t("people.company.title")}
        actions={
          <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setEditing(true)}>
            {t("people.company.edit")}
          </Button>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <CardSection title={t("people.company.details")}>
            <Facts
              items={[
                { label: t("people.fields.phone"), value: company.phone ? <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatPhone(company.phone)}</span> : notGiven },
                {
                  label: t("people.fields.address"),
                  value:
                    street || town ? (
                      <>
                        {street && (
                          <>
                            {street}
                            <br />
                          </>
                        )}
                        {town}{" "}
                        <Text span c="dimmed" fz="xs">
                          {company.country}
                        </Text>
                      </>
                    ) : (
                      notGiven
                    ),
                },
                {
                  label: t("people.fields.website"),
                  value: company.website ? (
                    <Anchor href={company.website} target="_blank" rel="noopener noreferrer" fz="sm">
                      {company.website}
                    </Anchor>
                  ) : (
                    notGiven
                  ),
                },
              ]}
            />
          </CardSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CardSection title={t("people.company.people")} count={t("people.company.peopleCount", { count: company.people.length })} padded={false}>
              {company.people.length === 0 ? (
                <Text fz="sm" c="dimmed" p="sm">
                  {t("people.company.noPeople")}
                </Text>
              ) : (
                <Table striped="even" highlightOnHover aria-label={t("people.company.peopleTableLabel")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("people.lookup.columns.name")}</Table.Th>
                      <Table.Th w={160}>{t("people.lookup.columns.lastContact")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {company.people.map((person) => (
                      <Table.Tr key={person.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/people/${person.id}`} fz="sm" fw={600}>
                            {personName(person)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>{person.lastContactAt ? formatDate(person.lastContactAt) : "—"}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </CardSection>
            <CardSection title={t("people.company.reports")} count={String(company.reports.length)} padded={false}>
              {company.reports.length === 0 ? (
                <Text fz="sm" c="dimmed" p="sm">
                  {t("people.company.noReports")}
                </Text>
              ) : (
                <Table striped="even" highlightOnHover aria-label={t("people.company.reports")}>
                  <Table.Tbody>
                    {company.reports.map((report) => (
                      <Table.Tr key={report.id}>
                        <Table.Td w={150}>
                          <Anchor component={Link} to={`/reports/${report.id}`} fz="sm" ff="monospace">
                            {report.reference}
                          </Anchor>
                        </Table.Td>
                        <Table.Td fz="sm">
                          <UserText>{report.title}</UserText>
                        </Table.Td>
                        <Table.Td fz="sm">
                          <Anchor component={Link} to={`/people/${report.personId}`} fz="sm">
                            {report.reporter}
                          </Anchor>
                        </Table.Td>
                        <Table.Td w={130}>
                          <ReportStatusBadge status={report.status} />
                        </Table.Td>
                        <Table.Td w={110} style={{ fontVariantNumeric: "tabular-nums" }}>
                          {formatDate(report.createdAt)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </CardSection>
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && (
        <CompanyModal
          company={company}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
          onStale={() => {
            setEditing(false);
            void query.refetch();
          }}
        />
      )}
    </>
  );
}
