-- Headless end-to-end test of the Neovim plugin against the real notes-lsp binary.
--
--   NOTES_LSP_BIN=/path/to/notes-lsp nvim --headless -u NONE -i NONE -n -c "luafile editors/neovim/tests/e2e.lua"
--
-- Copies editors/fixtures/vault to a temporary folder, sets the plugin up, opens a note, waits for
-- the client to attach, then checks hover, definition, the unanswered-question diagnostic and
-- :NotesGaps. Exits non-zero when a check fails; the last line is "neovim: N passed, N failed".
-- NOTES_LSP_NVIM_LEGACY=1 forces the pre-0.11 code path.

local script_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin_dir = vim.fn.fnamemodify(script_dir, ":h")
local editors_dir = vim.fn.fnamemodify(plugin_dir, ":h")
local repo_root = vim.fn.fnamemodify(editors_dir, ":h")

local harness = dofile(script_dir .. "/harness.lua")
local out, check = harness.out, harness.check

local function finish()
  local ok_notes, notes = pcall(require, "notes_lsp")
  if ok_notes then
    for _, client in ipairs(notes.clients()) do
      vim.lsp.stop_client(client.id)
    end
    vim.wait(3000, function()
      return #notes.clients() == 0
    end, 50)
  end
  if harness.failed > 0 then
    local log = require("vim.lsp.log").get_filename()
    if vim.fn.filereadable(log) == 1 then
      out("--- last lines of " .. log .. " ---")
      local lines = vim.fn.readfile(log)
      for i = math.max(1, #lines - 30), #lines do
        out(lines[i])
      end
    end
  end
  harness.finish("neovim")
end

local ok_main, main_err = pcall(function()
  local version = vim.version()
  out(("# Neovim %d.%d.%d"):format(version.major, version.minor, version.patch))

  local bin = os.getenv("NOTES_LSP_BIN")
  if not bin or bin == "" then
    bin = repo_root .. "/target/debug/notes-lsp"
  end
  bin = vim.fn.fnamemodify(bin, ":p")
  assert(vim.fn.executable(bin) == 1, "notes-lsp binary not found or not executable: " .. bin)

  -- A private copy of the fixture vault.
  local vault = vim.fn.tempname() .. "-vault"
  vim.fn.mkdir(vault, "p")
  vim.fn.system({ "cp", "-R", editors_dir .. "/fixtures/vault/.", vault })
  assert(vim.v.shell_error == 0, "copying the fixture vault failed")
  vault = vim.fn.resolve(vault)

  vim.o.swapfile = false
  vim.o.shortmess = vim.o.shortmess .. "F"
  vim.opt.runtimepath:prepend(plugin_dir)
  vim.cmd("filetype on")
  require("vim.lsp.log").set_level("WARN")

  local notes = require("notes_lsp")
  local attached_buffers = {}
  notes.setup({
    on_attach = function(_, bufnr)
      attached_buffers[bufnr] = true
    end,
    cmd = { bin },
    settings = { placeholders = { "f" }, hover = { enabled = true } },
    -- NOTES_LSP_NVIM_LEGACY=1 tests the vim.lsp.start() path on a Neovim that has vim.lsp.config().
    legacy = os.getenv("NOTES_LSP_NVIM_LEGACY") == "1",
  })
  out("# plugin path: " .. tostring(notes.mode))

  local function read(name)
    return vim.fn.readfile(vault .. "/" .. name)
  end

  -- Zero-based position of `needle` (first occurrence) in a note, pointing `offset` bytes into it.
  local function position_of(lines, needle, offset)
    for i, line in ipairs(lines) do
      local col = line:find(needle, 1, true)
      if col then
        return { line = i - 1, character = col - 1 + (offset or 0) }
      end
    end
    error("not found in note: " .. needle)
  end

  local function line_starting_with(lines, prefix)
    for i, line in ipairs(lines) do
      if line:sub(1, #prefix) == prefix then
        return i - 1
      end
    end
    error("no line starts with " .. prefix)
  end

  -- First result of a request to the notes-lsp client of `bufnr` (nil when none answered).
  local function request(bufnr, method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, 5000) or {}
    for _, response in pairs(responses) do
      local err = response.err or response.error
      if err then
        error(method .. " failed: " .. vim.inspect(err))
      end
      if response.result ~= nil then
        return response.result
      end
    end
    return nil
  end

  local function hover_text(result)
    if not result then
      return ""
    end
    local function part(c)
      if type(c) == "string" then
        return c
      elseif type(c) == "table" and type(c.value) == "string" then
        return c.value
      end
      return ""
    end
    local contents = result.contents
    if type(contents) == "table" and contents.kind == nil and contents.value == nil then
      local parts = {}
      for _, c in ipairs(contents) do
        table.insert(parts, part(c))
      end
      return table.concat(parts, "\n")
    end
    return part(contents)
  end

  local threads_buf

  -- Fails fast when the server does not announce a capability (instead of polling until the timeout).
  local function assert_capability(bufnr, name)
    local client = notes.clients(bufnr)[1]
    assert(client, "no notes_lsp client")
    local caps = client.server_capabilities or {}
    assert(caps[name], "the server does not announce " .. name)
  end

  check("opens a note as markdown and attaches notes-lsp", function()
    vim.cmd("edit " .. vim.fn.fnameescape(vault .. "/threads.md"))
    threads_buf = vim.api.nvim_get_current_buf()
    assert(vim.bo[threads_buf].filetype == "markdown", "filetype is " .. vim.bo[threads_buf].filetype)
    local attached = vim.wait(15000, function()
      local client = notes.clients(threads_buf)[1]
      return client ~= nil and client.initialized == true
    end, 50)
    assert(attached, "no initialized notes_lsp client attached within 15 s")
    local client = notes.clients(threads_buf)[1]
    local root = client.config.root_dir
    assert(root and vim.fn.resolve(root) == vault, "root_dir is " .. tostring(root) .. ", expected " .. vault)
    assert(vim.wait(5000, function()
      return attached_buffers[threads_buf] == true
    end, 20), "on_attach was not called for the buffer")
  end)

  check("hover on a term shows the answer from another note", function()
    assert_capability(threads_buf, "hoverProvider")
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(threads_buf) },
      position = position_of(read("threads.md"), "GIL", 1),
    }
    local text = ""
    vim.wait(15000, function()
      text = hover_text(request(threads_buf, "textDocument/hover", params))
      return text:find("mutex in CPython", 1, true) ~= nil
    end, 200)
    assert(text:find("mutex in CPython", 1, true), "hover text was: " .. vim.inspect(text))
    assert(text:find("gil.md", 1, true), "hover does not name gil.md: " .. vim.inspect(text))
  end)

  check("definition of a term is the heading in gil.md", function()
    assert_capability(threads_buf, "definitionProvider")
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(threads_buf) },
      position = position_of(read("threads.md"), "GIL", 1),
    }
    local result = request(threads_buf, "textDocument/definition", params)
    assert(result, "no definition")
    local first = result.uri and result or result[1]
    assert(first, "empty definition result")
    local uri = first.targetUri or first.uri
    local range = first.targetSelectionRange or first.targetRange or first.range
    assert(vim.uri_to_fname(uri) == vault .. "/gil.md", "definition in " .. tostring(uri))
    local expected = line_starting_with(read("gil.md"), "## GIL")
    assert(range.start.line == expected, ("definition at line %d, expected %d"):format(range.start.line, expected))
  end)

  check("the unanswered question shows up in vim.diagnostic", function()
    vim.cmd("edit " .. vim.fn.fnameescape(vault .. "/data-structures.md"))
    local buf = vim.api.nvim_get_current_buf()
    local found
    vim.wait(15000, function()
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
        if code == "unanswered" and d.message:find("Bloom filter", 1, true) then
          found = d
          return true
        end
      end
      return false
    end, 100)
    assert(found, "no unanswered diagnostic; got " .. vim.inspect(vim.diagnostic.get(buf)))
    assert(found.source == "notes-lsp", "source is " .. tostring(found.source))
    local question = line_starting_with(read("data-structures.md"), "- Bloom filter")
    assert(found.lnum == question or found.lnum == question + 1, "diagnostic on line " .. found.lnum)
  end)

  check(":NotesGaps fills the quickfix list", function()
    vim.fn.setqflist({}, "r")
    vim.cmd("NotesGaps")
    local items = {}
    vim.wait(10000, function()
      items = vim.fn.getqflist()
      return #items > 0
    end, 50)
    assert(#items > 0, "quickfix list stayed empty")
    local hit = false
    for _, item in ipairs(items) do
      if item.text:find("Bloom filter", 1, true) and vim.api.nvim_buf_get_name(item.bufnr):find("data%-structures%.md$") then
        hit = true
      end
    end
    assert(hit, "no Bloom filter entry in " .. vim.inspect(items))
  end)
end)

if not ok_main then
  harness.fail("setup", main_err)
end
finish()
