// A small LSP client over stdio built from the same libraries VS Code's client uses
// (vscode-languageserver-protocol and vscode-jsonrpc), for driving the real notes-lsp binary.

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
} from "vscode-languageserver-protocol/node.js";

const here = dirname(fileURLToPath(import.meta.url));
export const editorsDir = resolve(here, "..", "..");
export const repoRoot = resolve(editorsDir, "..");
export const fixtureVault = join(editorsDir, "fixtures", "vault");

/** The server binary: $NOTES_LSP_BIN, else target/debug/notes-lsp at the repository root. */
export function serverBinary() {
  const configured = process.env.NOTES_LSP_BIN;
  const bin = configured ? resolve(process.cwd(), configured) : join(repoRoot, "target", "debug", "notes-lsp");
  if (!existsSync(bin)) {
    throw new Error(`notes-lsp binary not found at ${bin}: run \`cargo build\` at the repository root or set NOTES_LSP_BIN`);
  }
  return bin;
}

/** Copies the fixture vault to a fresh temporary folder, so nothing the server does touches the repository. */
export function copyVault() {
  const dir = mkdtempSync(join(tmpdir(), "notes-lsp-vault-"));
  cpSync(fixtureVault, dir, { recursive: true });
  return {
    dir,
    uri: (name) => pathToFileURL(join(dir, name)).href,
    path: (name) => join(dir, name),
    text: (name) => readFileSync(join(dir, name), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Zero-based position of the `occurrence`-th `needle` in `text` (UTF-16 columns, as LSP counts by default). */
export function positionOf(text, needle, occurrence = 1, offsetInNeedle = 0) {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence} times`);
  }
  index += offsetInNeedle;
  const before = text.slice(0, index);
  const line = before.split("\n").length - 1;
  const character = index - (before.lastIndexOf("\n") + 1);
  return { line, character };
}

/** Zero-based line of the first line of `text` that starts with `prefix`. */
export function lineStartingWith(text, prefix) {
  const line = text.split("\n").findIndex((l) => l.startsWith(prefix));
  if (line < 0) throw new Error(`no line starts with ${JSON.stringify(prefix)}`);
  return line;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` until `accept(result)` or the deadline; returns the last result. */
export async function poll(fn, accept, { timeoutMs = 15000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let result = await fn();
  while (!accept(result) && Date.now() < deadline) {
    await sleep(intervalMs);
    result = await fn();
  }
  return result;
}

/**
 * Starts notes-lsp over stdio and connects to it. Server-to-client requests are answered as VS Code
 * answers them: registrations accepted, `workspace/configuration` answered with `settings`.
 */
export function startServer({ cwd, settings = {} } = {}) {
  const bin = serverBinary();
  const child = spawn(bin, ["--stdio"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = new Promise((resolveExit) => child.on("exit", (code, signal) => resolveExit({ code, signal })));

  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

  const registrations = [];
  const diagnostics = new Map(); // uri -> latest PublishDiagnosticsParams
  const diagnosticWaiters = [];
  const unhandled = [];

  connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations);
    return null;
  });
  connection.onRequest(UnregistrationRequest.type, (params) => {
    for (const u of params.unregisterations) {
      const i = registrations.findIndex((r) => r.id === u.id);
      if (i >= 0) registrations.splice(i, 1);
    }
    return null;
  });
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section === "notesLsp" ? settings : null)),
  );
  connection.onRequest((method) => {
    // window/workDoneProgress/create, workspace/diagnostic/refresh, client/* and the like.
    unhandled.push(method);
    return null;
  });
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params);
    for (const waiter of [...diagnosticWaiters]) waiter();
  });
  connection.onNotification(() => {
    // window/logMessage, $/progress, telemetry: not needed here.
  });
  connection.listen();

  /** Resolves with the first published diagnostics for `uri` that satisfy `accept`. */
  function waitForDiagnostics(uri, accept, timeoutMs = 15000) {
    return new Promise((resolveWait, rejectWait) => {
      const check = () => {
        const params = diagnostics.get(uri);
        if (params && accept(params.diagnostics)) {
          cleanup();
          resolveWait(params.diagnostics);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        const last = diagnostics.get(uri);
        rejectWait(
          new Error(
            `no matching textDocument/publishDiagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(last?.diagnostics ?? null)}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        const i = diagnosticWaiters.indexOf(check);
        if (i >= 0) diagnosticWaiters.splice(i, 1);
      };
      if (!check()) diagnosticWaiters.push(check);
    });
  }

  async function initialize(params) {
    const result = await connection.sendRequest(InitializeRequest.type, params);
    await connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async function shutdown(timeoutMs = 5000) {
    try {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), sleep(timeoutMs)]);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // The process may already be gone; the exit status below tells.
    }
    const status = await Promise.race([exited, sleep(timeoutMs).then(() => null)]);
    if (status === null) child.kill("SIGKILL");
    connection.dispose();
    return status;
  }

  return {
    child,
    connection,
    registrations,
    diagnostics,
    unhandled,
    exited,
    stderr: () => stderr,
    initialize,
    waitForDiagnostics,
    shutdown,
  };
}

/** Flattens hover contents (MarkupContent, MarkedString or an array of them) to text. */
export function hoverText(hover) {
  if (!hover) return "";
  const part = (c) => (typeof c === "string" ? c : c && typeof c.value === "string" ? c.value : "");
  return Array.isArray(hover.contents) ? hover.contents.map(part).join("\n") : part(hover.contents);
}

/** Normalises a definition result (Location, Location[], LocationLink[]) to `{ uri, range }[]`. */
export function definitionTargets(result) {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) => ("targetUri" in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l));
}

/** Items of a completion result (CompletionItem[] or CompletionList). */
export function completionItems(result) {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items ?? [];
}

/** Every text a completion item could insert or show. */
export function completionTexts(item) {
  return [item.label, item.filterText, item.insertText, item.textEdit?.newText, item.detail].filter(
    (t) => typeof t === "string",
  );
}
