-- Unit tests of the Neovim plugin's pure parts (root detection, settings encoding, the lsp/ config).
--   nvim --headless -u NONE -i NONE -n -c "luafile editors/neovim/tests/unit.lua"
-- Last line: "neovim unit: N passed, N failed"; exits non-zero on failure.

local script_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin_dir = vim.fn.fnamemodify(script_dir, ":h")
vim.opt.runtimepath:prepend(plugin_dir)

local harness = dofile(script_dir .. "/harness.lua")
local out, check = harness.out, harness.check
local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(("%s: expected %s, got %s"):format(what or "value", vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local notes = require("notes_lsp")

local tmp = vim.fn.resolve(vim.fn.tempname())
local function touch(path)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ":h"), "p")
  vim.fn.writefile({}, path)
end

check("a .notes-lsp.toml root wins over an outer .git", function()
  vim.fn.mkdir(tmp .. "/repo/.git", "p")
  touch(tmp .. "/repo/notes/.notes-lsp.toml")
  touch(tmp .. "/repo/notes/python/gil.md")
  eq(notes.find_root(tmp .. "/repo/notes/python/gil.md"), tmp .. "/repo/notes", "root")
end)

check("a .git folder is the root when there is no .notes-lsp.toml", function()
  touch(tmp .. "/repo/other/note.md")
  eq(notes.find_root(tmp .. "/repo/other/note.md"), tmp .. "/repo", "root")
end)

check("no root outside any marker", function()
  touch(tmp .. "/loose/note.md")
  eq(notes.find_root(tmp .. "/loose/note.md", { ".notes-lsp.toml-nowhere" }), nil, "root")
end)

check("settings keep the server's keys and accept snake_case aliases", function()
  notes.config.settings = {
    placeholders = { "f", "TODO" },
    severity = { unanswered = "hint", ["broken-anchor"] = "off" },
    completion = { max_items = 20, link_style = "wiki" },
    hover = { enabled = false },
  }
  eq(notes.server_settings(), {
    placeholders = { "f", "TODO" },
    severity = { unanswered = "hint", ["broken-anchor"] = "off" },
    completion = { maxItems = 20, linkStyle = "wiki" },
    hover = { enabled = false },
  }, "settings")
end)

check("empty settings are sent as a JSON object, empty lists as a JSON array", function()
  notes.config.settings = {}
  -- vim.json.encode is what the LSP client uses for the wire.
  eq(vim.json.encode(notes.server_settings()), "{}", "empty settings")
  notes.config.settings = { ignore = {}, severity = {}, skip_folders = {} }
  local encoded = vim.json.encode(notes.server_settings())
  assert(encoded:find('"ignore":[]', 1, true), "ignore is not [] in " .. encoded)
  assert(encoded:find('"skipFolders":[]', 1, true), "skipFolders is not [] in " .. encoded)
  assert(encoded:find('"severity":{}', 1, true), "severity is not {} in " .. encoded)
  notes.config.settings = {}
end)

check("setup() rejects a wrong option type", function()
  local ok, err = pcall(notes.setup, { cmd = "notes-lsp" })
  eq(ok, false, "pcall result")
  assert(tostring(err):find("cmd must be a table"), tostring(err))
end)

check("lsp/notes_lsp.lua (for vim.lsp.enable on 0.11+) loads", function()
  local config = dofile(plugin_dir .. "/lsp/notes_lsp.lua")
  eq(config.cmd, { "notes-lsp" }, "cmd")
  eq(config.filetypes, { "markdown" }, "filetypes")
  eq(config.root_markers, { ".notes-lsp.toml", ".git" }, "root_markers")
  eq(type(config.root_dir), "function", "root_dir (markers, else the note's folder)")
end)

vim.fn.delete(tmp, "rf")
harness.finish("neovim unit")
