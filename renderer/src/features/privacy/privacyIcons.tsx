import { icon } from "../../ui/icons";

export const CheckIcon = icon(<path d="M5 12l5 5L20 7" />);
export const DownloadIcon = icon(<path d="M12 4v11M7 10l5 5 5-5M5 20h14" />);
export const EraseIcon = icon(
  <>
    <path d="M4 7h16M10 11v6M14 11v6" />
    <path d="M6 7l1 13h10l1-13M9 7V4h6v3" />
  </>,
);
export const ReportDocumentIcon = icon(
  <>
    <path d="M14 3H6v18h12V7z" />
    <path d="M14 3v4h4M9 12h6M9 16h6" />
  </>,
);
export const ShieldCheckIcon = icon(
  <>
    <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
    <path d="M9 12l2 2 4-4" />
  </>,
);
export const BackIcon = icon(<path d="M15 6l-6 6 6 6" />);
