import { icon } from "../../ui/icons";

/** Line icons only the reports screens use; the kit's icons are in ui/icons.tsx. */
export const AlarmIcon = icon(
  <>
    <circle cx="12" cy="13" r="7" />
    <path d="M12 10v3l2 2" />
    <path d="M5 4L3 6M19 4l2 2" />
  </>,
);
export const PhoneIcon = icon(<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />);
export const CopyIcon = icon(
  <>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1" />
  </>,
);
export const CheckIcon = icon(<path d="M5 12l5 5L20 7" />);
export const CommentIcon = icon(<path d="M4 5h16v11H9l-5 4z" />);
export const StatusIcon = icon(
  <>
    <path d="M4 12h12" />
    <path d="M12 8l4 4-4 4" />
    <path d="M20 5v14" />
  </>,
);
export const AssignIcon = icon(
  <>
    <circle cx="10" cy="8" r="4" />
    <path d="M3 20a7 7 0 0 1 14 0" />
    <path d="M19 8v6M16 11h6" />
  </>,
);
export const CreatedIcon = icon(
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M12 11v6M9 14h6" />
  </>,
);
export const UpdateIcon = icon(
  <>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
  </>,
);
export const RefreshIcon = icon(
  <>
    <path d="M20 11a8 8 0 0 0-14.5-4.5L4 8" />
    <path d="M4 4v4h4" />
    <path d="M4 13a8 8 0 0 0 14.5 4.5L20 16" />
    <path d="M20 20v-4h-4" />
  </>,
);
export const PersonIcon = icon(
  <>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </>,
);
