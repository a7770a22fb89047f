// Mapping between VS Code settings (`notesLsp.*`) and the server's settings object.
// Pure module: no `vscode` import, so it is unit-tested in plain Node.

/** Configuration section owned by this extension. */
export const SECTION = "notesLsp";

/** Diagnostic codes the server emits; each has a `notesLsp.severity.<code>` setting. */
export const DIAGNOSTIC_CODES = [
  "unanswered",
  "broken-anchor",
  "non-canonical-anchor",
  "missing-file",
  "unreadable-file",
  "unresolved-wiki-link",
  "undefined-reference",
  "ambiguous-anchor",
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const SEVERITY_LEVELS = ["error", "warning", "information", "hint", "off"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** Value of a `notesLsp.severity.*` setting meaning "use .notes-lsp.toml or the server default". */
export const SEVERITY_DEFAULT = "default";

export const LINK_STYLES = ["markdown", "wiki"] as const;
export type LinkStyle = (typeof LINK_STYLES)[number];

/** The settings object the server accepts as `initializationOptions` and in `workspace/didChangeConfiguration`. */
export interface ServerSettings {
  extensions?: string[];
  ignore?: string[];
  skipFolders?: string[];
  placeholders?: string[];
  severity?: Partial<Record<DiagnosticCode, SeverityLevel>>;
  hover?: { enabled?: boolean };
  completion?: { maxItems?: number; linkStyle?: LinkStyle };
  codeLens?: { enabled?: boolean };
  semanticTokens?: { enabled?: boolean };
  inlayHints?: { enabled?: boolean };
}

/**
 * Reads one setting below `notesLsp.` (e.g. "completion.maxItems").
 * Returns `undefined` when the user has not set it anywhere, so that the server keeps
 * its own default or the value from `.notes-lsp.toml`.
 */
export type SettingReader = (key: string) => unknown;

/** Settings that only the client uses; changing them needs a client restart. */
export const RESTART_SETTINGS = ["path", "trace.server"] as const;

/** Settings forwarded to the server (keys below `notesLsp.`). */
export const SERVER_SETTING_KEYS: readonly string[] = [
  "extensions",
  "ignore",
  "skipFolders",
  "placeholders",
  ...DIAGNOSTIC_CODES.map((code) => `severity.${code}`),
  "hover.enabled",
  "completion.maxItems",
  "completion.linkStyle",
  "codeLens.enabled",
  "semanticTokens.enabled",
  "inlayHints.enabled",
];

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v.length > 0);
}

function extensionList(value: unknown): string[] | undefined {
  const list = stringList(value);
  // Accept ".md" as well as "md": the server wants bare extensions.
  return list?.map((ext) => ext.replace(/^\.+/, "")).filter((ext) => ext.length > 0);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/** Builds the server settings object from the user's explicitly set VS Code settings. */
export function buildServerSettings(read: SettingReader): ServerSettings {
  const settings: ServerSettings = {};

  const extensions = extensionList(read("extensions"));
  if (extensions && extensions.length > 0) settings.extensions = extensions;

  const ignore = stringList(read("ignore"));
  if (ignore) settings.ignore = ignore;

  const skipFolders = stringList(read("skipFolders"));
  if (skipFolders) settings.skipFolders = skipFolders;

  const placeholders = stringList(read("placeholders"));
  if (placeholders) settings.placeholders = placeholders;

  const severity: Partial<Record<DiagnosticCode, SeverityLevel>> = {};
  for (const code of DIAGNOSTIC_CODES) {
    const level = read(`severity.${code}`);
    if (isOneOf(SEVERITY_LEVELS, level)) severity[code] = level;
  }
  if (Object.keys(severity).length > 0) settings.severity = severity;

  const hoverEnabled = read("hover.enabled");
  if (typeof hoverEnabled === "boolean") settings.hover = { enabled: hoverEnabled };

  const completion: NonNullable<ServerSettings["completion"]> = {};
  const maxItems = read("completion.maxItems");
  if (typeof maxItems === "number" && Number.isFinite(maxItems) && maxItems >= 1) {
    completion.maxItems = Math.floor(maxItems);
  }
  const linkStyle = read("completion.linkStyle");
  if (isOneOf(LINK_STYLES, linkStyle)) completion.linkStyle = linkStyle;
  if (Object.keys(completion).length > 0) settings.completion = completion;

  for (const feature of ["codeLens", "semanticTokens", "inlayHints"] as const) {
    const enabled = read(`${feature}.enabled`);
    if (typeof enabled === "boolean") settings[feature] = { enabled };
  }

  return settings;
}

/** The payload of `workspace/didChangeConfiguration`. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { notesLsp: ServerSettings } } {
  return { settings: { [SECTION]: settings } as { notesLsp: ServerSettings } };
}

export type ChangeAction = "restart" | "notify" | "none";

/**
 * What a configuration change means for the running client.
 * `affects` is `ConfigurationChangeEvent.affectsConfiguration` (takes a full setting id).
 */
export function classifyConfigurationChange(affects: (section: string) => boolean): ChangeAction {
  if (!affects(SECTION)) return "none";
  if (RESTART_SETTINGS.some((key) => affects(`${SECTION}.${key}`))) return "restart";
  return "notify";
}

/**
 * Picks the value the user set, most specific scope first, from the result of
 * `WorkspaceConfiguration.inspect()`. Defaults are ignored on purpose.
 */
export function explicitValue<T>(
  inspected:
    | {
        globalValue?: T;
        workspaceValue?: T;
        workspaceFolderValue?: T;
        globalLanguageValue?: T;
        workspaceLanguageValue?: T;
        workspaceFolderLanguageValue?: T;
      }
    | undefined,
): T | undefined {
  if (!inspected) return undefined;
  return (
    inspected.workspaceFolderLanguageValue ??
    inspected.workspaceFolderValue ??
    inspected.workspaceLanguageValue ??
    inspected.workspaceValue ??
    inspected.globalLanguageValue ??
    inspected.globalValue
  );
}

/** File extensions (without dot) indexed as notes. */
export function noteExtensions(settings: ServerSettings): string[] {
  return settings.extensions && settings.extensions.length > 0 ? settings.extensions : ["md", "markdown"];
}

/** Extensions VS Code already gives the `markdown` language id. */
const MARKDOWN_EXTENSIONS = new Set(["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "workbook"]);

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/**
 * Documents the client syncs with the server: markdown files, plus files with any other extension
 * the user indexes as notes (e.g. `txt`), which VS Code does not open as markdown.
 */
export function documentSelectorFor(settings: ServerSettings): DocumentFilter[] {
  const selector: DocumentFilter[] = [{ scheme: "file", language: "markdown" }];
  const extra = noteExtensions(settings)
    .map((ext) => ext.toLowerCase())
    .filter((ext, i, all) => !MARKDOWN_EXTENSIONS.has(ext) && all.indexOf(ext) === i && /^[\w.-]+$/.test(ext))
    .sort();
  if (extra.length === 1) selector.push({ scheme: "file", pattern: `**/*.${extra[0]}` });
  else if (extra.length > 1) selector.push({ scheme: "file", pattern: `**/*.{${extra.join(",")}}` });
  return selector;
}
