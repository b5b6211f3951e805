import { useCan } from "../api/capabilities";
import { KeepForProductSwitch, type KeepForProductReport } from "../features/privacy/manager/KeepForProductSwitch";

/** What the report page's aside needs of a report (the reports feature's `Report` has it). */
interface AsideReport extends KeepForProductReport {
  personId: number | null;
}

/**
 * The privacy feature's part of an error report's page, for the reports feature's aside slot
 * (`<ReportsRoutes reportAside={reportPrivacyAside} />`): the "keep for the product" switch, for
 * whoever may set it, on a report that still has a reporter to erase.
 */
function ReportPrivacyAside({ report }: { report: AsideReport }) {
  const can = useCan();
  if (!can("reports.keepForProduct") || report.personId === null) return null;
  return <KeepForProductSwitch report={report} />;
}

export const reportPrivacyAside = (report: AsideReport) => <ReportPrivacyAside report={report} />;
