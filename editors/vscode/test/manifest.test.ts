// Keeps package.json's contributions in step with the settings the code maps.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { DIAGNOSTIC_CODES, LINK_STYLES, RESTART_SETTINGS, SERVER_SETTING_KEYS, SEVERITY_LEVELS } from "../src/settings";

const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
const properties: Record<string, { description?: string; markdownDescription?: string; enum?: string[]; default?: unknown }> =
  manifest.contributes.configuration.properties;

describe("package.json", () => {
  it("is publishable as notes-lsp.notes-lsp for VS Code 1.85+", () => {
    assert.equal(manifest.publisher, "notes-lsp");
    assert.equal(manifest.name, "notes-lsp");
    assert.equal(manifest.engines.vscode, "^1.85.0");
    assert.equal(manifest.main, "./dist/extension.js");
    assert.equal(manifest.license, "MIT");
    assert.ok(manifest.activationEvents.includes("onLanguage:markdown"));
  });

  it("contributes a described setting for every server setting and client setting", () => {
    const expected = [...SERVER_SETTING_KEYS, ...RESTART_SETTINGS].map((key) => `notesLsp.${key}`).sort();
    assert.deepEqual(Object.keys(properties).sort(), expected);
    for (const [id, prop] of Object.entries(properties)) {
      const text = prop.markdownDescription ?? prop.description ?? "";
      assert.ok(text.length > 20, `${id} needs a description`);
    }
  });

  it("offers every severity level, plus 'default', for every diagnostic code", () => {
    for (const code of DIAGNOSTIC_CODES) {
      const prop = properties[`notesLsp.severity.${code}`];
      assert.deepEqual(prop.enum, ["default", ...SEVERITY_LEVELS], code);
      assert.equal(prop.default, "default");
    }
  });

  it("matches the server's defaults", () => {
    assert.deepEqual(properties["notesLsp.extensions"].default, ["md", "markdown"]);
    assert.deepEqual(properties["notesLsp.ignore"].default, []);
    assert.deepEqual(properties["notesLsp.skipFolders"].default, ["node_modules", "bower_components", "__pycache__", "venv"]);
    assert.deepEqual(properties["notesLsp.placeholders"].default, ["f"]);
    assert.equal(properties["notesLsp.hover.enabled"].default, true);
    assert.equal(properties["notesLsp.completion.maxItems"].default, 50);
    assert.equal(properties["notesLsp.completion.linkStyle"].default, "markdown");
    assert.deepEqual(properties["notesLsp.completion.linkStyle"].enum, [...LINK_STYLES]);
    assert.equal(properties["notesLsp.codeLens.enabled"].default, true);
    assert.equal(properties["notesLsp.semanticTokens.enabled"].default, true);
    assert.equal(properties["notesLsp.inlayHints.enabled"].default, false);
  });

  it("turns off the built-in markdown path completion, which would list paths after `](` a second time", () => {
    // A default, not a language override: the markdown server reads this setting without a
    // language (it is `resource`-scoped, not language-overridable), so `[markdown]` would not reach it.
    assert.deepEqual(manifest.contributes.configurationDefaults, { "markdown.suggest.paths.enabled": false });
  });

  it("contributes the three commands under the Notes category", () => {
    const commands = manifest.contributes.commands.map((c: { command: string; title: string; category: string }) => [
      c.command,
      `${c.category}: ${c.title}`,
    ]);
    assert.deepEqual(commands, [
      ["notesLsp.showGaps", "Notes: Show gaps"],
      ["notesLsp.search", "Notes: Search notes"],
      ["notesLsp.restart", "Notes: Restart server"],
    ]);
  });
});
