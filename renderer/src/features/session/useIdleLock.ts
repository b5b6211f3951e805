import { useEffect, useEffectEvent } from "react";

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/**
 * Calls `onIdle` after `idleMinutes` without keyboard or pointer activity, and `onActive` at most
 * once per heartbeat while the person is working. The heartbeat matters because the server
 * applies the same delay between API calls: someone typing a long note without saving would
 * otherwise find the session locked by the server.
 */
export function useIdleLock(options: { idleMinutes: number; enabled: boolean; onIdle: () => void; onActive: () => void }) {
  const { idleMinutes, enabled } = options;
  const onIdle = useEffectEvent(options.onIdle);
  const onActive = useEffectEvent(options.onActive);

  useEffect(() => {
    if (!enabled) return;
    const idleMs = idleMinutes * 60_000;
    const heartbeatMs = Math.min(60_000, idleMs / 3);
    let lastActivity = Date.now();
    let lastHeartbeat = lastActivity;
    let timer = 0;

    // One timer for the whole idle delay, re-armed only when it fires early: cheaper than
    // restarting a timer on every mouse move.
    const check = () => {
      const idle = Date.now() - lastActivity;
      if (idle >= idleMs) onIdle();
      else timer = window.setTimeout(check, idleMs - idle);
    };
    const activity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastHeartbeat >= heartbeatMs) {
        lastHeartbeat = lastActivity;
        onActive();
      }
    };

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, activity, { capture: true, passive: true });
    timer = window.setTimeout(check, idleMs);
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, activity, { capture: true });
    };
  }, [idleMinutes, enabled]);
}
