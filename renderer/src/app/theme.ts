import { createTheme, type MantineColorsTuple } from "@mantine/core";

// One brand blue, dark enough at shade 7 for white text at WCAG AA (≈6:1).
const jet: MantineColorsTuple = ["#eaf1fb", "#d3e1f4", "#a5c2e8", "#739fdb", "#4a83d0", "#3071c9", "#2167c7", "#1556a8", "#0c4b96", "#003f84"];

/**
 * Compact and calm: a tool read for eight hours a day. Controls default to the small size,
 * body text stays at 14 px, and keyboard focus always shows a ring.
 */
export const theme = createTheme({
  colors: { jet },
  primaryColor: "jet",
  primaryShade: 7,
  focusRing: "auto",
  defaultRadius: "sm",
  cursorType: "pointer",
  fontFamily: "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif",
  fontFamilyMonospace: "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
  fontSizes: { xs: "12px", sm: "13px", md: "14px", lg: "16px", xl: "20px" },
  lineHeights: { xs: "1.4", sm: "1.45", md: "1.5", lg: "1.5", xl: "1.4" },
  headings: {
    fontWeight: "600",
    sizes: {
      h1: { fontSize: "22px", lineHeight: "1.3" },
      h2: { fontSize: "18px", lineHeight: "1.35" },
      h3: { fontSize: "16px", lineHeight: "1.4" },
      h4: { fontSize: "14px", lineHeight: "1.45" },
    },
  },
  components: {
    Button: { defaultProps: { size: "sm" } },
    ActionIcon: { defaultProps: { size: "md" } },
    TextInput: { defaultProps: { size: "sm" } },
    PasswordInput: { defaultProps: { size: "sm" } },
    NumberInput: { defaultProps: { size: "sm" } },
    Select: { defaultProps: { size: "sm", comboboxProps: { shadow: "md" } } },
    Tabs: { defaultProps: { keepMounted: false } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: "sm", fz: "sm" } },
    Modal: {
      defaultProps: { centered: true, radius: "md", overlayProps: { backgroundOpacity: 0.45 } },
      styles: { title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } },
    },
    // Sentence case reads faster than capitals in dense screens.
    Badge: { defaultProps: { radius: "sm" }, styles: { root: { textTransform: "none", fontWeight: 600 } } },
    // Mantine dims toast text; these carry the server's refusal and must stay readable.
    Notification: { styles: { description: { color: "var(--mantine-color-dark-6)" }, title: { fontWeight: 600 } } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
  },
});
