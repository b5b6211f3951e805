import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { reportScreenError } from "./crashReporting";

interface BoundaryProps {
  /** The screen's path: going elsewhere (the navigation rail, a link) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface BoundaryState {
  incident: string | null;
}

/**
 * Catches what one screen throws while rendering (a value it cannot show, a bug) so that the
 * rest of the window — header, navigation rail, shortcuts — stays usable and the agent can move
 * on mid-call. Without it React unmounts the whole tree: a blank window.
 */
class ScreenErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { incident: null };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    // The id is set in componentDidCatch, where the report is sent; a placeholder until then.
    return { incident: "" };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    this.setState({ incident: reportScreenError(error) });
  }

  override componentDidUpdate(previous: BoundaryProps): void {
    if (previous.resetKey !== this.props.resetKey && this.state.incident !== null) this.setState({ incident: null });
  }

  override render(): ReactNode {
    if (this.state.incident !== null) return <ScreenFailed incident={this.state.incident} onRetry={() => this.setState({ incident: null })} />;
    return this.props.children;
  }
}

function ScreenFailed({ incident, onRetry }: { incident: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" title={t("diagnostics.screenError.title")} role="alert" maw={640} data-testid="screen-error">
      <Stack gap="sm">
        <Text fz="sm">{t("diagnostics.screenError.message")}</Text>
        <Text fz="sm" c="dimmed">
          {t("diagnostics.screenError.incident", { incident })}
        </Text>
        <Group>
          <Button variant="default" size="xs" onClick={onRetry}>
            {t("diagnostics.screenError.retry")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Wraps one screen of the routes (AppRoutes): its failure stays inside it. */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ScreenErrorBoundary resetKey={pathname}>{children}</ScreenErrorBoundary>;
}
