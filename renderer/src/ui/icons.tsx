import type { ReactNode } from "react";

/** Line icons drawn for this app (24-unit grid, 1.75 stroke), so no icon font or package is needed. */
export interface IconProps {
  size?: number;
}

/** Makes an icon component from its paths; features draw their own icons with it. */
export function icon(paths: ReactNode) {
  return function Icon({ size = 20 }: IconProps) {
    return (
      <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
        {paths}
      </svg>
    );
  };
}

export const SearchIcon = icon(
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="M20 20l-4-4" />
  </>,
);
export const ReportIcon = icon(
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5" />
    <path d="M12 11v4" />
    <path d="M12 18h.01" />
  </>,
);
export const TrainingIcon = icon(
  <>
    <path d="M22 9.5L12 5 2 9.5 12 14l10-4.5z" />
    <path d="M6 11.5V16c3.5 2.5 8.5 2.5 12 0v-4.5" />
    <path d="M22 9.5V15" />
  </>,
);
export const PrivacyIcon = icon(
  <>
    <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
    <path d="M9 12l2 2 4-4" />
  </>,
);
export const ExportIcon = icon(
  <>
    <path d="M12 4v11" />
    <path d="M7 10l5 5 5-5" />
    <path d="M5 20h14" />
  </>,
);
export const AdminIcon = icon(
  <>
    <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
    <circle cx="15" cy="6" r="2" />
    <circle cx="9" cy="12" r="2" />
    <circle cx="17" cy="18" r="2" />
  </>,
);
export const LockIcon = icon(
  <>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </>,
);
export const LogoutIcon = icon(
  <>
    <path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3" />
    <path d="M10 17l-5-5 5-5" />
    <path d="M5 12h11" />
  </>,
);
export const PlusIcon = icon(<path d="M12 5v14M5 12h14" />);
export const EditIcon = icon(
  <>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="M13.5 6.5l4 4" />
  </>,
);
export const KeyIcon = icon(
  <>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.8 12.2L20 3M16 7l3 3" />
  </>,
);
export const UserOffIcon = icon(
  <>
    <circle cx="10" cy="8" r="4" />
    <path d="M3 21c0-4 3-6 7-6M16 16l5 5M21 16l-5 5" />
  </>,
);
export const UserOnIcon = icon(
  <>
    <circle cx="10" cy="8" r="4" />
    <path d="M3 21c0-4 3-6 7-6M15 19l2 2 4-4" />
  </>,
);
export const VerifyIcon = icon(
  <>
    <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" />
    <path d="M9 12l2 2 4-4" />
  </>,
);
export const FirstPageIcon = icon(<path d="M17 6l-6 6 6 6M7 6v12" />);
export const PreviousPageIcon = icon(<path d="M15 6l-6 6 6 6" />);
export const NextPageIcon = icon(<path d="M9 6l6 6-6 6" />);
export const LastPageIcon = icon(<path d="M7 6l6 6-6 6M17 6v12" />);
export const SortNoneIcon = icon(<path d="M8 9l4-4 4 4M8 15l4 4 4-4" />);
export const SortAscIcon = icon(<path d="M12 19V5M6 11l6-6 6 6" />);
export const SortDescIcon = icon(<path d="M12 5v14M6 13l6 6 6-6" />);
