import { strict as assert } from "node:assert";
import { describe, it } from "node:test";

import { expandConfiguredPath, executableNames, resolveServerCommand, type ResolveOptions } from "../src/binary";

function options(overrides: Partial<ResolveOptions> & { files?: string[] } = {}): ResolveOptions {
  const files = new Set(overrides.files ?? []);
  return {
    configured: "",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    platform: "linux",
    homedir: "/home/ada",
    workspaceFolders: ["/notes"],
    isExecutable: (file) => files.has(file),
    ...overrides,
  };
}

describe("resolveServerCommand", () => {
  it("uses notesLsp.path when it points to an executable", () => {
    const r = resolveServerCommand(options({ configured: "/opt/notes-lsp/bin/notes-lsp", files: ["/opt/notes-lsp/bin/notes-lsp"] }));
    assert.deepEqual(r, { ok: true, command: "/opt/notes-lsp/bin/notes-lsp", source: "setting" });
  });

  it("explains a wrong notesLsp.path and does not fall back to PATH", () => {
    const r = resolveServerCommand(options({ configured: "/nope/notes-lsp", files: ["/usr/bin/notes-lsp"] }));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.reason, "configured-missing");
    assert.match(r.message, /notesLsp\.path/);
    assert.match(r.message, /\/nope\/notes-lsp/);
  });

  it("finds the first notes-lsp on PATH", () => {
    const r = resolveServerCommand(options({ files: ["/usr/bin/notes-lsp", "/home/ada/.cargo/bin/notes-lsp"] }));
    assert.deepEqual(r, { ok: true, command: "/usr/bin/notes-lsp", source: "path" });
  });

  it("falls back to ~/.cargo/bin, where cargo install puts it", () => {
    const r = resolveServerCommand(options({ files: ["/home/ada/.cargo/bin/notes-lsp"] }));
    assert.deepEqual(r, { ok: true, command: "/home/ada/.cargo/bin/notes-lsp", source: "cargo" });
  });

  it("honours CARGO_HOME", () => {
    const r = resolveServerCommand(options({ env: { PATH: "/usr/bin", CARGO_HOME: "/opt/cargo" }, files: ["/opt/cargo/bin/notes-lsp"] }));
    assert.deepEqual(r, { ok: true, command: "/opt/cargo/bin/notes-lsp", source: "cargo" });
  });

  it("gives a clear message when notes-lsp is nowhere", () => {
    const r = resolveServerCommand(options());
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.reason, "not-found");
    assert.match(r.message, /Could not find the notes-lsp executable on PATH/);
    assert.match(r.message, /notesLsp\.path/);
    assert.deepEqual(r.tried, ["/usr/local/bin/notes-lsp", "/usr/bin/notes-lsp", "/home/ada/.cargo/bin/notes-lsp"]);
  });

  it("handles an empty PATH", () => {
    const r = resolveServerCommand(options({ env: {} }));
    assert.equal(r.ok, false);
  });

  it("finds notes-lsp.exe on Windows", () => {
    const r = resolveServerCommand(
      options({
        platform: "win32",
        homedir: "C:\\Users\\ada",
        workspaceFolders: ["C:\\notes"],
        env: { Path: "C:\\Windows;\"C:\\Tools\"", PATHEXT: ".COM;.EXE" },
        files: ["C:\\Tools\\notes-lsp.exe"],
      }),
    );
    assert.deepEqual(r, { ok: true, command: "C:\\Tools\\notes-lsp.exe", source: "path" });
  });

  it("adds .exe to a configured Windows path without extension", () => {
    const r = resolveServerCommand(
      options({ platform: "win32", homedir: "C:\\Users\\ada", configured: "C:\\bin\\notes-lsp", files: ["C:\\bin\\notes-lsp.exe"] }),
    );
    assert.deepEqual(r, { ok: true, command: "C:\\bin\\notes-lsp.exe", source: "setting" });
  });
});

describe("expandConfiguredPath", () => {
  it("expands ~ and ${userHome}", () => {
    assert.equal(expandConfiguredPath("~/bin/notes-lsp", options()), "/home/ada/bin/notes-lsp");
    assert.equal(expandConfiguredPath("${userHome}/bin/notes-lsp", options()), "/home/ada/bin/notes-lsp");
  });
  it("expands ${workspaceFolder} and ${env:NAME}", () => {
    assert.equal(expandConfiguredPath("${workspaceFolder}/target/debug/notes-lsp", options()), "/notes/target/debug/notes-lsp");
    assert.equal(
      expandConfiguredPath("${env:TOOLS}/notes-lsp", options({ env: { TOOLS: "/opt/tools" } })),
      "/opt/tools/notes-lsp",
    );
  });
  it("resolves a relative path against the first workspace folder", () => {
    assert.equal(expandConfiguredPath("target/release/notes-lsp", options()), "/notes/target/release/notes-lsp");
  });
});

describe("executableNames", () => {
  it("is just notes-lsp on Unix", () => {
    assert.deepEqual(executableNames("darwin", {}), ["notes-lsp"]);
  });
  it("uses PATHEXT on Windows", () => {
    assert.deepEqual(executableNames("win32", { PATHEXT: ".EXE;.CMD" }), ["notes-lsp.exe", "notes-lsp.cmd", "notes-lsp"]);
  });
});
