import type { ReactNode } from "react";

/** A number in a table column, right-aligned so digits line up (its header too). */
export function Figure({ children, strong }: { children: ReactNode; strong?: boolean }) {
  return <div style={{ textAlign: "right", fontWeight: strong ? 600 : undefined }}>{children}</div>;
}
