// JSON.parse forgets where things were. For errors that name a line, this finds where each element of a top-level
// array starts in the text; it assumes the text already parsed as JSON.

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Start position of every element of the top-level array, in order. */
export function arrayElementPositions(text: string): TextPosition[] {
  const positions: TextPosition[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      line += 1;
      lineStart = i + 1;
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") continue;
    if (depth === 1 && expectElement && ch !== "]") {
      positions.push({ line, column: i - lineStart + 1 });
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth += 1;
      if (depth === 1 && ch === "[") expectElement = true;
    } else if (ch === "]" || ch === "}") depth -= 1;
    else if (ch === "," && depth === 1) expectElement = true;
  }
  return positions;
}
