// Drives the real notes-lsp binary over stdio exactly as VS Code's client does: the same protocol
// libraries, the initialize parameters vscode-languageclient computes, then didOpen, pull diagnostics,
// hover, definition, completion and the two commands the extension calls.
// A second suite plays a client without pull diagnostics (like Neovim 0.7-0.9) and checks the pushed ones.

import { strict as assert } from "node:assert";
import { createRequire } from "node:module";
import { after, before, describe, it } from "node:test";

import {
  CompletionRequest,
  CompletionTriggerKind,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  TextDocumentSyncKind,
} from "vscode-languageserver-protocol/node.js";

import {
  completionItems,
  completionTexts,
  copyVault,
  definitionTargets,
  hoverText,
  lineStartingWith,
  poll,
  positionOf,
  startServer,
} from "../lib/lsp.mjs";

const require = createRequire(import.meta.url);
const { vscodeClientCapabilities, VSCODE_VERSION } = require("../lib/vscode-capabilities.cjs");

const THREADS = "threads.md";
const GIL = "gil.md";
const DATA = "data-structures.md";

function syncKind(capabilities) {
  const sync = capabilities.textDocumentSync;
  return typeof sync === "number" ? sync : sync?.change ?? TextDocumentSyncKind.None;
}

function isUnansweredBloomFilter(d) {
  return d.code === "unanswered" && /Bloom filter/.test(d.message);
}

async function open(server, vault, name) {
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: vault.uri(name), languageId: "markdown", version: 1, text: vault.text(name) },
  });
}

describe("notes-lsp driven like VS Code (vscode-languageclient capabilities)", () => {
  let vault;
  let server;
  let init;

  before(async () => {
    vault = copyVault();
    server = startServer({ cwd: vault.dir });
    const capabilities = vscodeClientCapabilities();
    init = await server.initialize({
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: VSCODE_VERSION },
      locale: "en",
      rootPath: vault.dir,
      rootUri: vault.uri(""),
      capabilities,
      initializationOptions: {},
      trace: "off",
      workspaceFolders: [{ uri: vault.uri(""), name: "vault" }],
    });
    await open(server, vault, THREADS);
    await open(server, vault, DATA);
  });

  after(async () => {
    if (server) {
      const status = await server.shutdown();
      if (status && status.code !== 0) console.error(`notes-lsp exited with ${JSON.stringify(status)}\n${server.stderr()}`);
    }
    vault?.remove();
  });

  it("announces the features the extension relies on", () => {
    const caps = init.capabilities;
    assert.ok(caps.hoverProvider, "hoverProvider");
    assert.ok(caps.definitionProvider, "definitionProvider");
    assert.ok(caps.referencesProvider, "referencesProvider");
    assert.ok(caps.documentSymbolProvider, "documentSymbolProvider");
    assert.ok(caps.workspaceSymbolProvider, "workspaceSymbolProvider");
    assert.ok(caps.completionProvider, "completionProvider");
    for (const ch of ["(", "#", "[", "/"]) {
      assert.ok(caps.completionProvider.triggerCharacters?.includes(ch), `completion trigger character ${ch}`);
    }
    assert.notEqual(syncKind(caps), TextDocumentSyncKind.None, "textDocumentSync");
    const commands = caps.executeCommandProvider?.commands ?? [];
    assert.ok(commands.includes("notes.search"), "notes.search command");
    assert.ok(commands.includes("notes.gaps"), "notes.gaps command");
    // VS Code advertises pull diagnostics, so the server should offer them (statically or by registration).
    const pull =
      Boolean(caps.diagnosticProvider) || server.registrations.some((r) => r.method === DocumentDiagnosticRequest.method);
    assert.ok(pull, "diagnosticProvider for a client with textDocument.diagnostic");
  });

  it("reports the unanswered question as a diagnostic", async () => {
    const report = await poll(
      () =>
        server.connection.sendRequest(DocumentDiagnosticRequest.type, {
          textDocument: { uri: vault.uri(DATA) },
        }),
      (r) => r?.kind === "full" && r.items.some(isUnansweredBloomFilter),
    );
    assert.equal(report?.kind, "full", JSON.stringify(report));
    const gap = report.items.find(isUnansweredBloomFilter);
    assert.ok(gap, `no unanswered diagnostic for Bloom filter in ${JSON.stringify(report.items)}`);
    assert.equal(gap.source, "notes-lsp");
    assert.match(gap.message, /Unanswered/);
    const text = vault.text(DATA);
    const questionLine = lineStartingWith(text, "- Bloom filter");
    assert.ok(
      gap.range.start.line === questionLine || gap.range.start.line === questionLine + 1,
      `gap at line ${gap.range.start.line}, expected ${questionLine} or ${questionLine + 1}`,
    );
  });

  it("answers a hover on a term with the answer from another note", async () => {
    const position = positionOf(vault.text(THREADS), "GIL", 1, 1);
    const hover = await poll(
      () => server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: vault.uri(THREADS) }, position }),
      (h) => hoverText(h).includes("mutex in CPython"),
    );
    const text = hoverText(hover);
    assert.match(text, /mutex in CPython/, `hover was: ${JSON.stringify(hover)}`);
    assert.match(text, /gil\.md/, "hover names its source file");
    if (hover && !Array.isArray(hover.contents) && typeof hover.contents === "object" && "kind" in hover.contents) {
      assert.equal(hover.contents.kind, "markdown");
    }
  });

  it("goes to the definition of a term", async () => {
    const position = positionOf(vault.text(THREADS), "GIL", 1, 1);
    const result = await server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: vault.uri(THREADS) },
      position,
    });
    const targets = definitionTargets(result);
    assert.ok(targets.length > 0, `no definition: ${JSON.stringify(result)}`);
    assert.equal(targets[0].uri, vault.uri(GIL));
    assert.equal(targets[0].range.start.line, lineStartingWith(vault.text(GIL), "## GIL"));
  });

  it("completes note files after `](`", async () => {
    const original = vault.text(THREADS);
    const typed = "\nRelated: [notes](";
    const endOfFile = positionOf(original + "\u0000", "\u0000");
    const changes =
      syncKind(init.capabilities) === TextDocumentSyncKind.Full
        ? [{ text: original + typed }]
        : [{ range: { start: endOfFile, end: endOfFile }, text: typed }];
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: vault.uri(THREADS), version: 2 },
      contentChanges: changes,
    });
    const lines = (original + typed).split("\n");
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const result = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: vault.uri(THREADS) },
      position,
      context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: "(" },
    });
    const items = completionItems(result);
    const texts = items.flatMap(completionTexts);
    assert.ok(
      texts.some((t) => t.includes("gil.md")),
      `no completion for gil.md among ${JSON.stringify(items.map((i) => i.label))}`,
    );
    assert.ok(
      texts.some((t) => t.includes("data-structures.md")),
      `no completion for data-structures.md among ${JSON.stringify(items.map((i) => i.label))}`,
    );
  });

  it("lists gaps with notes.gaps (Notes: Show gaps)", async () => {
    const gaps = await server.connection.sendRequest(ExecuteCommandRequest.type, { command: "notes.gaps", arguments: [] });
    assert.ok(Array.isArray(gaps), JSON.stringify(gaps));
    const gap = gaps.find((g) => /Bloom filter/.test(g.question));
    assert.ok(gap, `no Bloom filter gap in ${JSON.stringify(gaps)}`);
    assert.equal(gap.uri, vault.uri(DATA));
    assert.equal(typeof gap.range?.start?.line, "number");
  });

  it("searches notes with notes.search (Notes: Search notes)", async () => {
    const hits = await server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: "notes.search",
      arguments: ["mutex"],
    });
    assert.ok(Array.isArray(hits), JSON.stringify(hits));
    const hit = hits.find((h) => h.uri === vault.uri(GIL));
    assert.ok(hit, `no hit in gil.md among ${JSON.stringify(hits)}`);
    assert.equal(typeof hit.line, "number");
    assert.equal(typeof hit.path, "string");
    assert.equal(typeof hit.heading, "string");
    assert.equal(typeof hit.snippet, "string");
    assert.equal(typeof hit.score, "number");
  });

  it("shuts down cleanly", async () => {
    const status = await server.shutdown();
    server = undefined;
    assert.deepEqual(status, { code: 0, signal: null });
  });
});

describe("notes-lsp with a client without pull diagnostics (push)", () => {
  let vault;
  let server;

  before(async () => {
    vault = copyVault();
    server = startServer({ cwd: vault.dir });
    await server.initialize({
      processId: process.pid,
      clientInfo: { name: "minimal-client" },
      rootUri: vault.uri(""),
      capabilities: {
        textDocument: {
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: { relatedInformation: true },
        },
        workspace: { configuration: true },
      },
      initializationOptions: { placeholders: ["f"] },
      workspaceFolders: [{ uri: vault.uri(""), name: "vault" }],
    });
    await open(server, vault, DATA);
  });

  after(async () => {
    if (server) await server.shutdown();
    vault?.remove();
  });

  it("publishes the unanswered diagnostic", async () => {
    const diagnostics = await server.waitForDiagnostics(vault.uri(DATA), (ds) => ds.some(isUnansweredBloomFilter));
    const gap = diagnostics.find(isUnansweredBloomFilter);
    assert.equal(gap.source, "notes-lsp");
    assert.match(gap.message, /Unanswered: "Bloom filter"/);
  });
});
