import type { CSSProperties } from "react";

/**
 * Text a user typed (a name, a company, a title, an address, an email), shown so that it cannot
 * move the words around it: a `<bdi>` isolates it, takes its direction from its own first strong
 * letter (an Arabic or Hebrew name reads right to left) and ends every override it holds (a
 * company named with U+202E cannot reverse the " · French · Last contact" after it).
 *
 * Usage:
 *
 *   <UserText>{card.company.name}</UserText>
 *   <UserText lines={2} title>{report.title}</UserText>   // two lines at most, the whole text on hover
 *
 * `lines` clamps the text to that many lines with an ellipsis (inside a table's one-line cell too);
 * `title` puts the full text in the hover tooltip, for text that may be cut.
 */
export function UserText({ children, lines, title = false, style }: { children: string | null | undefined; lines?: number; title?: boolean; style?: CSSProperties }) {
  if (!children) return null;
  return (
    <bdi dir="auto" title={title ? children : undefined} style={lines ? { ...clamp(lines), ...style } : style}>
      {children}
    </bdi>
  );
}

/** At most `lines` lines, cut with an ellipsis: a block that wraps, even in a cell that does not. */
function clamp(lines: number): CSSProperties {
  if (lines === 1) return { display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" };
  return { display: "-webkit-box", WebkitBoxOrient: "vertical", WebkitLineClamp: lines, overflow: "hidden", whiteSpace: "normal", overflowWrap: "anywhere" };
}

/** Pieces of user text joined by a separator, each isolated: "Favre SA · Genève · 022 310 22 10". */
export function UserTextList({ parts, separator = " · " }: { parts: readonly (string | null | undefined)[]; separator?: string }) {
  const shown = parts.filter((part): part is string => !!part);
  return (
    <>
      {shown.map((part, index) => (
        <span key={index}>
          {index > 0 && separator}
          <UserText>{part}</UserText>
        </span>
      ))}
    </>
  );
}
