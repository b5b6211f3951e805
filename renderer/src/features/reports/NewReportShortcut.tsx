import { usePersonShortcut } from "../../ui/usePersonShortcut";

/** Where Alt+R leads: the report form for the person whose card is open, else the person picker. */
export function newReportPath(personId: string | undefined): string {
  return personId ? `/reports/new?personId=${personId}` : "/reports/new";
}

/** Alt+R, from every screen: take an error report. Mounted once by the workspace. */
export function NewReportShortcut() {
  usePersonShortcut("newReport", newReportPath);
  return null;
}
