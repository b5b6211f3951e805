import { icon } from "../../ui/icons";

/** Bars on an axis: the overview's entry in the navigation rail. */
export const DashboardIcon = icon(
  <>
    <path d="M4 20h16" />
    <path d="M7 16v-5M12 16V6M17 16v-8" />
  </>,
);
