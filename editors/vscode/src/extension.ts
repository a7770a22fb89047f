// VS Code entry point: starts notes-lsp through vscode-languageclient and adds the
// "Notes: Show gaps", "Notes: Search notes" and "Notes: Restart server" commands, and the
// client command the server's code lenses run (show references).
// Kept thin on purpose: the logic lives in settings.ts, binary.ts and items.ts.

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { resolveServerCommand } from "./binary";
import {
  GAPS_COMMAND,
  SEARCH_COMMAND,
  gapEntries,
  gapsTitle,
  parseGaps,
  parseSearchHits,
  searchEntries,
  type PickEntry,
} from "./items";
import {
  SECTION,
  buildServerSettings,
  classifyConfigurationChange,
  didChangeConfigurationParams,
  documentSelectorFor,
  explicitValue,
  type ServerSettings,
} from "./settings";

const CLIENT_ID = "notesLsp";
const CLIENT_NAME = "Notes LSP";

let client: LanguageClient | undefined;
let outputChannel: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;
/** The document selector the running client was started with (it cannot change without a restart). */
let runningSelector = "";
let configWatcher: vscode.FileSystemWatcher | undefined;

function currentSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return buildServerSettings((key) => explicitValue(config.inspect(key)));
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function reportMissingServer(message: string): Promise<void> {
  outputChannel?.appendLine(message);
  const openSettings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(`Notes LSP: ${message}`, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.path`);
  }
}

async function startClient(): Promise<void> {
  const configuredPath = vscode.workspace.getConfiguration(SECTION).get<string>("path", "");
  const resolution = resolveServerCommand({
    configured: configuredPath,
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    isExecutable,
  });
  if (!resolution.ok) {
    void reportMissingServer(resolution.message);
    return;
  }
  outputChannel?.appendLine(`Starting ${resolution.command} (found via ${resolution.source})`);

  const serverOptions: ServerOptions = {
    run: { command: resolution.command, transport: TransportKind.stdio },
    debug: { command: resolution.command, transport: TransportKind.stdio },
  };

  configWatcher?.dispose();
  configWatcher = vscode.workspace.createFileSystemWatcher("**/.notes-lsp.toml");
  const settings = currentSettings();
  const documentSelector = documentSelectorFor(settings);
  runningSelector = JSON.stringify(documentSelector);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions: settings,
    outputChannel,
    synchronize: {
      // The server registers its own watcher for notes; this one reports edits to its config file.
      fileEvents: configWatcher,
    },
    middleware: {
      workspace: {
        // Answer `workspace/configuration` pulls with the same object we push.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return params.items.map((item, i) => (item.section === SECTION ? currentSettings() : answer[i]));
        },
      },
    },
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
}

async function ensureStarted(): Promise<void> {
  if (client?.isRunning()) return;
  if (!starting) {
    starting = (async () => {
      if (client) {
        await client.dispose().catch(() => undefined);
        client = undefined;
      }
      await startClient();
    })().finally(() => {
      starting = undefined;
    });
  }
  await starting;
}

async function restartClient(): Promise<void> {
  if (starting) await starting.catch(() => undefined);
  const old = client;
  client = undefined;
  if (old) await old.dispose().catch((err) => outputChannel?.appendLine(`Stopping the server failed: ${err}`));
  await ensureStarted();
}

/** Runs a server command via `workspace/executeCommand`, or tells the user why it cannot. */
async function executeServerCommand(command: string, args: unknown[]): Promise<unknown | undefined> {
  await ensureStarted();
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage("Notes LSP: the notes-lsp server is not running.");
    return undefined;
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

function relativePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true);
}

type EntryItem = vscode.QuickPickItem & { entry: PickEntry };

function toItems(entries: readonly PickEntry[], icon: string): EntryItem[] {
  return entries.map((entry) => ({
    label: `$(${icon}) ${entry.label}`,
    description: entry.description,
    detail: entry.detail,
    alwaysShow: true,
    entry,
  }));
}

async function reveal(entry: PickEntry): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.uri));
  const { start, end } = entry.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(document, { selection: range, preview: false });
}

/** The client command of the server's code lenses: `[uri, position, locations]` shown as references. */
const SHOW_REFERENCES_COMMAND = "notesLsp.showReferences";

type LspPosition = { line: number; character: number };
type LspLocation = { uri: string; range: { start: LspPosition; end: LspPosition } };

async function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Promise<void> {
  const toPosition = (p: LspPosition) => new vscode.Position(p.line, p.character);
  await vscode.commands.executeCommand(
    "editor.action.showReferences",
    vscode.Uri.parse(uri),
    toPosition(position),
    locations.map(
      (l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end))),
    ),
  );
}

async function showGaps(): Promise<void> {
  const raw = await executeServerCommand(GAPS_COMMAND, []);
  if (raw === undefined) return;
  const entries = gapEntries(parseGaps(raw), relativePath);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(`Notes LSP: ${gapsTitle(0)}.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(toItems(entries, "question"), {
    title: gapsTitle(entries.length),
    placeHolder: "Jump to an unanswered question",
    matchOnDescription: true,
  });
  if (picked) await reveal(picked.entry);
}

async function searchNotes(): Promise<void> {
  await ensureStarted();
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage("Notes LSP: the notes-lsp server is not running.");
    return;
  }
  const pick = vscode.window.createQuickPick<EntryItem>();
  pick.title = "Search notes";
  pick.placeholder = "Type to search your notes";
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  const run = async (query: string): Promise<void> => {
    const mine = ++generation;
    if (query.trim().length === 0) {
      pick.items = [];
      pick.busy = false;
      return;
    }
    pick.busy = true;
    try {
      const raw = await executeServerCommand(SEARCH_COMMAND, [query]);
      if (mine !== generation) return;
      const entries = searchEntries(parseSearchHits(raw), relativePath);
      pick.items = toItems(entries, "search");
    } catch (err) {
      if (mine === generation) outputChannel?.appendLine(`notes.search failed: ${err}`);
    } finally {
      if (mine === generation) pick.busy = false;
    }
  };

  const selected = new Promise<EntryItem | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void run(value), 150);
    });
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (timer) clearTimeout(timer);
      resolve(undefined);
      pick.dispose();
    });
  });
  pick.show();
  const item = await selected;
  if (item) await reveal(item.entry);
}

function onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
  let action = classifyConfigurationChange((section) => event.affectsConfiguration(section));
  // Indexing other extensions (e.g. txt) changes which open files the client syncs.
  if (action === "notify" && client && JSON.stringify(documentSelectorFor(currentSettings())) !== runningSelector) {
    action = "restart";
  }
  if (action === "restart") {
    outputChannel?.appendLine("Settings changed: restarting the server.");
    void restartClient();
  } else if (action === "notify" && client?.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, didChangeConfigurationParams(currentSettings()));
  }
}

function guarded(name: string, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outputChannel?.appendLine(`${name} failed: ${message}`);
      void vscode.window.showErrorMessage(`Notes LSP: ${name} failed: ${message}`);
    }
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand("notesLsp.showGaps", guarded("Show gaps", showGaps)),
    vscode.commands.registerCommand("notesLsp.search", guarded("Search notes", searchNotes)),
    vscode.commands.registerCommand("notesLsp.restart", guarded("Restart server", restartClient)),
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, showReferences),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
  );
  await ensureStarted().catch((err) => outputChannel?.appendLine(`Starting the server failed: ${err}`));
}

export async function deactivate(): Promise<void> {
  const old = client;
  client = undefined;
  configWatcher?.dispose();
  configWatcher = undefined;
  if (old) await old.dispose();
}
