import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { connectApi } from "./api/client";
import { httpTransport } from "./api/httpTransport";
import { ipcTransport } from "./api/ipcTransport";
import { takeLaunchToken } from "./api/launchToken";
import { App } from "./app/App";
import { installCrashReporting } from "./app/crashReporting";
import "./i18n/i18n";

// Electron gives the page its bridge; a browser gets the loopback server's launch token instead,
// or none when the team server served the page (it asks for a login only). Either way this runs
// before the router reads the URL fragment.
const ipc = ipcTransport();
if (ipc) connectApi(ipc);
else {
  const { token, renewed } = takeLaunchToken();
  connectApi(httpTransport(token, { forgetSession: renewed }));
}

installCrashReporting();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
