// Turning the results of the server commands `notes.gaps` and `notes.search` into quick-pick items.
// Pure module: no `vscode` import, so it is unit-tested in plain Node.

export const GAPS_COMMAND = "notes.gaps";
export const SEARCH_COMMAND = "notes.search";

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** One unanswered question, as returned by `notes.gaps`. */
export interface Gap {
  uri: string;
  range: Range;
  question: string;
  /** Where another note answers it (`file.md › Heading`), when one does. */
  answeredIn?: string;
}

/** One search hit, as returned by `notes.search`. */
export interface SearchHit {
  uri: string;
  path: string;
  line: number;
  heading: string;
  snippet: string;
  score: number;
}

/** What a quick-pick entry needs, plus where to jump when it is chosen. */
export interface PickEntry {
  label: string;
  description: string;
  detail?: string;
  uri: string;
  range: Range;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isPosition(value: unknown): value is Position {
  return isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

/** Validates the result of `notes.gaps`; malformed entries are dropped. */
export function parseGaps(raw: unknown): Gap[] {
  if (!Array.isArray(raw)) return [];
  const gaps: Gap[] = [];
  for (const item of raw) {
    if (!isObject(item) || typeof item.uri !== "string" || !isRange(item.range)) continue;
    const question = typeof item.question === "string" ? item.question : "";
    const gap: Gap = { uri: item.uri, range: item.range, question };
    if (isObject(item.answeredIn) && typeof item.answeredIn.label === "string") gap.answeredIn = item.answeredIn.label;
    gaps.push(gap);
  }
  return gaps;
}

/** Validates the result of `notes.search`; malformed entries are dropped. */
export function parseSearchHits(raw: unknown): SearchHit[] {
  if (!Array.isArray(raw)) return [];
  const hits: SearchHit[] = [];
  for (const item of raw) {
    if (!isObject(item) || typeof item.uri !== "string") continue;
    const line = Number.isInteger(item.line) && (item.line as number) >= 0 ? (item.line as number) : 0;
    hits.push({
      uri: item.uri,
      path: typeof item.path === "string" ? item.path : "",
      line,
      heading: typeof item.heading === "string" ? item.heading : "",
      snippet: typeof item.snippet === "string" ? item.snippet : "",
      score: typeof item.score === "number" ? item.score : 0,
    });
  }
  return hits;
}

/** Collapses whitespace and cuts long text for one-line display. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + "…" : flat;
}

/** Last path segment of a URI or path, percent-decoded. */
export function baseName(uriOrPath: string): string {
  const last = uriOrPath.split(/[\\/]/).filter((s) => s.length > 0).pop() ?? uriOrPath;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Quick-pick entries for the gaps, sorted by file then line.
 * `relativePath` turns a URI into the path shown to the user (workspace-relative in VS Code).
 */
export function gapEntries(gaps: readonly Gap[], relativePath: (uri: string) => string): PickEntry[] {
  return gaps
    .map((gap) => ({ gap, file: relativePath(gap.uri) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.gap.range.start.line - b.gap.range.start.line)
    .map(({ gap, file }) => ({
      label: oneLine(gap.question) || "(untitled question)",
      description: `${file}:${gap.range.start.line + 1}`,
      detail: gap.answeredIn && `answered in ${gap.answeredIn}`,
      uri: gap.uri,
      range: gap.range,
    }));
}

/** Quick-pick entries for search hits, best score first (stable for equal scores). */
export function searchEntries(hits: readonly SearchHit[], relativePath: (uri: string) => string): PickEntry[] {
  return hits
    .map((hit, index) => ({ hit, index }))
    .sort((a, b) => b.hit.score - a.hit.score || a.index - b.index)
    .map(({ hit }) => {
      const file = hit.path || relativePath(hit.uri);
      const position = { line: hit.line, character: 0 };
      return {
        label: oneLine(hit.heading) || baseName(file),
        description: `${file}:${hit.line + 1}`,
        detail: hit.snippet ? oneLine(hit.snippet) : undefined,
        uri: hit.uri,
        range: { start: position, end: position },
      };
    });
}

/** Summary line shown above the gaps list. */
export function gapsTitle(count: number): string {
  if (count === 0) return "No unanswered questions";
  return count === 1 ? "1 unanswered question" : `${count} unanswered questions`;
}
