import { strict as assert } from "node:assert";
import { describe, it } from "node:test";

import {
  DIAGNOSTIC_CODES,
  buildServerSettings,
  classifyConfigurationChange,
  didChangeConfigurationParams,
  documentSelectorFor,
  explicitValue,
  noteExtensions,
} from "../src/settings";

function reader(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

describe("buildServerSettings", () => {
  it("sends nothing when the user set nothing, so .notes-lsp.toml and server defaults apply", () => {
    assert.deepEqual(buildServerSettings(reader({})), {});
  });

  it("maps every setting to the server's nested camelCase keys", () => {
    const settings = buildServerSettings(
      reader({
        extensions: ["md", ".markdown", "  txt "],
        ignore: ["drafts/", "**/archive/**"],
        skipFolders: [],
        placeholders: ["f", "TODO"],
        "severity.unanswered": "error",
        "severity.broken-anchor": "off",
        "severity.missing-file": "default",
        "hover.enabled": false,
        "completion.maxItems": 20,
        "completion.linkStyle": "wiki",
        "codeLens.enabled": false,
        "semanticTokens.enabled": true,
        "inlayHints.enabled": true,
      }),
    );
    assert.deepEqual(settings, {
      extensions: ["md", "markdown", "txt"],
      ignore: ["drafts/", "**/archive/**"],
      skipFolders: [],
      placeholders: ["f", "TODO"],
      severity: { unanswered: "error", "broken-anchor": "off" },
      hover: { enabled: false },
      completion: { maxItems: 20, linkStyle: "wiki" },
      codeLens: { enabled: false },
      semanticTokens: { enabled: true },
      inlayHints: { enabled: true },
    });
  });

  it("knows every diagnostic code of the server", () => {
    const values: Record<string, unknown> = {};
    for (const code of DIAGNOSTIC_CODES) values[`severity.${code}`] = "hint";
    const settings = buildServerSettings(reader(values));
    assert.deepEqual(Object.keys(settings.severity ?? {}).sort(), [
      "ambiguous-anchor",
      "broken-anchor",
      "missing-file",
      "non-canonical-anchor",
      "unanswered",
      "undefined-reference",
      "unreadable-file",
      "unresolved-wiki-link",
    ]);
  });

  it("drops invalid values instead of sending them", () => {
    const settings = buildServerSettings(
      reader({
        extensions: [],
        ignore: "drafts/",
        placeholders: ["f", 3, ""],
        "severity.unanswered": "fatal",
        "hover.enabled": "yes",
        "completion.maxItems": 0,
        "completion.linkStyle": "html",
      }),
    );
    assert.deepEqual(settings, { placeholders: ["f"] });
  });

  it("rounds a fractional maxItems down", () => {
    assert.deepEqual(buildServerSettings(reader({ "completion.maxItems": 7.9 })), { completion: { maxItems: 7 } });
  });

  it("keeps an explicitly empty placeholder or ignore list", () => {
    assert.deepEqual(buildServerSettings(reader({ placeholders: [], ignore: [] })), { placeholders: [], ignore: [] });
  });
});

describe("didChangeConfigurationParams", () => {
  it("wraps the settings under settings.notesLsp", () => {
    assert.deepEqual(didChangeConfigurationParams({ hover: { enabled: true } }), {
      settings: { notesLsp: { hover: { enabled: true } } },
    });
  });
});

describe("classifyConfigurationChange", () => {
  const affected = (...ids: string[]) => (section: string) =>
    ids.some((id) => id === section || id.startsWith(section + "."));

  it("ignores changes to other extensions' settings", () => {
    assert.equal(classifyConfigurationChange(affected("editor.fontSize")), "none");
  });
  it("restarts the client when the binary path changes", () => {
    assert.equal(classifyConfigurationChange(affected("notesLsp.path")), "restart");
  });
  it("restarts the client when tracing changes", () => {
    assert.equal(classifyConfigurationChange(affected("notesLsp.trace.server")), "restart");
  });
  it("only notifies the server for settings it applies itself", () => {
    for (const id of [
      "notesLsp.extensions",
      "notesLsp.ignore",
      "notesLsp.placeholders",
      "notesLsp.severity.unanswered",
      "notesLsp.hover.enabled",
      "notesLsp.completion.linkStyle",
    ]) {
      assert.equal(classifyConfigurationChange(affected(id)), "notify", id);
    }
  });
});

describe("explicitValue", () => {
  it("ignores defaults", () => {
    assert.equal(explicitValue({ defaultValue: 50 } as never), undefined);
    assert.equal(explicitValue(undefined), undefined);
  });
  it("prefers the most specific scope", () => {
    assert.equal(explicitValue({ globalValue: 1, workspaceValue: 2 }), 2);
    assert.equal(explicitValue({ globalValue: 1, workspaceValue: 2, workspaceFolderValue: 3 }), 3);
    assert.equal(explicitValue({ globalValue: 1 }), 1);
  });
});

describe("noteExtensions", () => {
  it("defaults to md and markdown", () => {
    assert.deepEqual(noteExtensions({}), ["md", "markdown"]);
    assert.deepEqual(noteExtensions({ extensions: ["txt"] }), ["txt"]);
  });
});

describe("documentSelectorFor", () => {
  it("syncs markdown documents by default", () => {
    assert.deepEqual(documentSelectorFor({}), [{ scheme: "file", language: "markdown" }]);
    assert.deepEqual(documentSelectorFor({ extensions: ["md", "markdown"] }), [{ scheme: "file", language: "markdown" }]);
  });
  it("adds a file pattern for extensions VS Code does not treat as markdown", () => {
    assert.deepEqual(documentSelectorFor({ extensions: ["md", "txt"] }), [
      { scheme: "file", language: "markdown" },
      { scheme: "file", pattern: "**/*.txt" },
    ]);
    assert.deepEqual(documentSelectorFor({ extensions: ["TXT", "org", "txt", "md"] }), [
      { scheme: "file", language: "markdown" },
      { scheme: "file", pattern: "**/*.{org,txt}" },
    ]);
  });
});
