import { contextBridge, ipcRenderer } from "electron";
import type { CrmBridge } from "../common/bridge";
import { INVOKE_CHANNEL } from "./ipc-channel";

// The page gets one function and nothing else: no ipcRenderer, no listeners, no Node. Arguments
// are passed through as they are; the main process checks the sender and the dispatcher the input.
const bridge: CrmBridge = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
};

contextBridge.exposeInMainWorld("crm", bridge);
