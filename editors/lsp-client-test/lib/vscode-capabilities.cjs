// The initialize parameters VS Code's language client (vscode-languageclient, the same version the
// extension bundles) sends, computed by that library itself rather than written out by hand.
//
// vscode-languageclient needs the `vscode` module only to be loadable for this: its features fill in
// their client capabilities from protocol constants. A stand-in module that answers every property
// with another stand-in is enough; the VS Code version and app name are set to real values.
"use strict";

const Module = require("node:module");

const VSCODE_VERSION = "1.85.0";
const OVERRIDES = {
  "vscode.version": VSCODE_VERSION,
  "vscode.env": { appName: "Visual Studio Code", language: "en", machineId: "test", sessionId: "test" },
};

function standIn(name) {
  const cache = new Map();
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (prop === Symbol.toPrimitive) return () => 0;
      if (prop === "then") return undefined;
      if (prop === Symbol.iterator) return function* () {};
      if (typeof prop === "symbol") return undefined;
      if (prop === "prototype") return Object.prototype;
      const full = `${name}.${prop}`;
      if (full in OVERRIDES) return OVERRIDES[full];
      if (!cache.has(prop)) cache.set(prop, standIn(full));
      return cache.get(prop);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}

function loadLanguageClient() {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === "vscode") return "vscode";
    return resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: standIn("vscode") };
  try {
    return require("vscode-languageclient/node");
  } finally {
    Module._resolveFilename = resolve;
  }
}

/** ClientCapabilities exactly as vscode-languageclient computes them for VS Code. */
function vscodeClientCapabilities() {
  const { LanguageClient } = loadLanguageClient();
  const client = new LanguageClient(
    "notesLsp",
    "Notes LSP",
    { command: "notes-lsp" },
    { documentSelector: [{ scheme: "file", language: "markdown" }] },
  );
  const capabilities = client.computeClientCapabilities();
  if (!capabilities || !capabilities.textDocument || !capabilities.textDocument.hover) {
    throw new Error("could not compute VS Code's client capabilities from vscode-languageclient");
  }
  return JSON.parse(JSON.stringify(capabilities));
}

const languageClientVersion = require("vscode-languageclient/package.json").version;

module.exports = { vscodeClientCapabilities, VSCODE_VERSION, languageClientVersion };
