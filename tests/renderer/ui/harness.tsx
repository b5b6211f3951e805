import "@mantine/core/styles.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { render } from "vitest-browser-react";
import { vi } from "vitest";
import type { Envelope } from "../../../common/envelope";
import { connectApi } from "../../../renderer/src/api/client";
import { theme } from "../../../renderer/src/app/theme";
import { i18n } from "../../../renderer/src/i18n/i18n";
import { useCtrlEnterSaves } from "../../../renderer/src/ui/useCtrlEnterSaves";

/** What App mounts once for every screen: Ctrl+Enter saves the form the focus is in. */
function AppKeys({ children }: { children: ReactNode }) {
  useCtrlEnterSaves();
  return children;
}

/** The kit as the application mounts it: Mantine with the app's theme, a query client, English texts, the app's keys. */
export async function renderUi(ui: ReactNode) {
  await i18n.changeLanguage("en");
  // A fresh cache per test: no answer leaks from one test into the next.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(ui, {
    wrapper: ({ children }) => (
      <QueryClientProvider client={client}>
        <MantineProvider theme={theme}>
          <AppKeys>{children}</AppKeys>
        </MantineProvider>
      </QueryClientProvider>
    ),
  });
}

interface Call {
  name: string;
  input: unknown;
  /** Sends the server's answer for this call. */
  answer(value: unknown): void;
}

/**
 * The API boundary under the test's control: every call waits until the test answers it, so the
 * order in which answers arrive (a slow answer to older text after a newer one) is the test's.
 */
export function fakeServer() {
  const calls: Call[] = [];
  connectApi(
    (name, input) =>
      new Promise<Envelope<unknown>>((resolve) => {
        calls.push({ name, input, answer: (value) => resolve({ ok: true, value }) });
      }),
  );
  return {
    calls,
    /** Waits for the call of `name` whose input is `input` (deep-equal) and returns it. */
    async called(name: string, input: unknown): Promise<Call> {
      return vi.waitFor(() => {
        const call = calls.find((c) => c.name === name && JSON.stringify(c.input) === JSON.stringify(input));
        if (!call) throw new Error(`no ${name} call with ${JSON.stringify(input)} yet (calls: ${JSON.stringify(calls.map((c) => [c.name, c.input]))})`);
        return call;
      });
    },
  };
}

/** Lets React, the query client and the typing pause settle without advancing anything else. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
