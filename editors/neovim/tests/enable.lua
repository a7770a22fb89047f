-- Headless test of the plain Neovim 0.11+ setup against the real notes-lsp binary: no plugin,
-- only lsp/notes_lsp.lua on 'runtimepath' and vim.lsp.enable("notes_lsp").
--
--   NOTES_LSP_BIN=/path/to/notes-lsp nvim --headless -u NONE -i NONE -n -c "luafile editors/neovim/tests/enable.lua"
--
-- Copies the user's real notes (tests/data/real-notes) to a temporary folder without a root
-- marker, opens python-django-bd.md and, without any edit, expects its 8 unanswered-question
-- diagnostics: Neovim 0.12 pulls diagnostics as it attaches, before the server's first index is
-- done, and does not handle workspace/diagnostic/refresh, so the first pull must hold them. Then
-- a hover on GIL shows the answer python-qa.md holds, the code lens of the "БД" heading counts
-- its 6 gaps, and the semantic tokens Neovim requests by itself mark GIL as a term. Exits
-- non-zero when a check fails; the last line is "neovim enable: N passed, N failed".

local script_dir = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin_dir = vim.fn.fnamemodify(script_dir, ":h")
local repo_root = vim.fn.fnamemodify(plugin_dir, ":h:h")

local harness = dofile(script_dir .. "/harness.lua")
local out, check = harness.out, harness.check

local function clients(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = "notes_lsp" })
end

local function finish()
  for _, client in ipairs(clients()) do
    client:stop()
  end
  vim.wait(3000, function()
    return #clients() == 0
  end, 50)
  harness.finish("neovim enable")
end

local ok_main, main_err = pcall(function()
  local version = vim.version()
  out(("# Neovim %d.%d.%d"):format(version.major, version.minor, version.patch))
  assert(vim.fn.has("nvim-0.11") == 1, "vim.lsp.enable needs Neovim 0.11 or later")

  local bin = os.getenv("NOTES_LSP_BIN")
  if not bin or bin == "" then
    bin = repo_root .. "/target/debug/notes-lsp"
  end
  bin = vim.fn.fnamemodify(bin, ":p")
  assert(vim.fn.executable(bin) == 1, "notes-lsp binary not found or not executable: " .. bin)

  local vault = vim.fn.resolve(vim.fn.tempname() .. "-real-notes")
  vim.fn.mkdir(vault, "p")
  vim.fn.system({ "cp", "-R", repo_root .. "/tests/data/real-notes/.", vault })
  assert(vim.v.shell_error == 0, "copying tests/data/real-notes failed")

  vim.o.swapfile = false
  vim.o.shortmess = vim.o.shortmess .. "F"
  vim.opt.runtimepath:prepend(plugin_dir)
  vim.cmd("filetype on")
  require("vim.lsp.log").set_level("WARN")
  -- The user's setup is vim.lsp.enable("notes_lsp") alone; only the binary's path differs here.
  vim.lsp.config("notes_lsp", { cmd = { bin } })
  vim.lsp.enable("notes_lsp")

  local note = vault .. "/python-django-bd.md"
  local lines = vim.fn.readfile(note)
  local buf

  check("opening a note starts notes-lsp on the note's folder", function()
    vim.cmd("edit " .. vim.fn.fnameescape(note))
    buf = vim.api.nvim_get_current_buf()
    assert(vim.bo[buf].filetype == "markdown", "filetype is " .. vim.bo[buf].filetype)
    local attached = vim.wait(15000, function()
      local client = clients(buf)[1]
      return client ~= nil and client.initialized == true
    end, 50)
    assert(attached, "no initialized notes_lsp client attached within 15 s")
    local root = clients(buf)[1].config.root_dir
    assert(root and vim.fn.resolve(root) == vault, "root_dir is " .. tostring(root) .. ", expected " .. vault)
  end)

  check("the 8 gaps show without an edit (the first diagnostic pull)", function()
    local gaps = {}
    vim.wait(15000, function()
      gaps = vim.tbl_filter(function(d)
        return d.code == "unanswered"
      end, vim.diagnostic.get(buf))
      return #gaps >= 8
    end, 100)
    assert(#gaps == 8, ("%d unanswered diagnostics: %s"):format(#gaps, vim.inspect(vim.diagnostic.get(buf))))
    assert(not vim.bo[buf].modified, "the note was edited")
    local answered = vim.tbl_filter(function(d)
      return d.message:find("answered in python-qa.md", 1, true) ~= nil
    end, gaps)
    assert(#answered > 0, "no gap says where it is answered: " .. vim.inspect(gaps))
  end)

  -- Zero-based row of the line `text` in the note.
  local function row_of(text)
    for i, line in ipairs(lines) do
      if line == text then
        return i - 1
      end
    end
    error(("no %q line in python-django-bd.md"):format(text))
  end

  check("a hover on GIL shows the answer python-qa.md holds", function()
    local row = row_of("- GIL")
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = 3 } }
    local responses = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000) or {}
    local text = ""
    for _, response in pairs(responses) do
      assert(not response.err, "hover failed: " .. vim.inspect(response.err))
      local contents = response.result and response.result.contents
      text = text .. (type(contents) == "table" and contents.value or "")
    end
    assert(text:find("GIL is a lock", 1, true), "hover text was: " .. vim.inspect(text))
    assert(text:find("python-qa.md", 1, true), "hover does not name python-qa.md: " .. vim.inspect(text))
  end)

  check("the code lens of the БД heading counts its 6 gaps", function()
    local row = row_of("## БД")
    local titles = {}
    vim.lsp.codelens.refresh({ bufnr = buf })
    vim.wait(10000, function()
      titles = {}
      for _, lens in ipairs(vim.lsp.codelens.get(buf)) do
        if lens.range.start.line == row and lens.command then
          table.insert(titles, lens.command.title)
        end
      end
      return #titles >= 2
    end, 50)
    table.sort(titles)
    assert(
      #titles == 2 and titles[1]:match("^%d+ references?$") and titles[2] == "6 unanswered",
      "lenses on ## БД: " .. vim.inspect(titles)
    )
  end)

  check("semantic tokens mark GIL as a term", function()
    local row = row_of("- GIL")
    local types = {}
    vim.wait(10000, function()
      types = vim.tbl_map(function(token)
        return token.type
      end, vim.lsp.semantic_tokens.get_at_pos(buf, row, 3) or {})
      return #types > 0
    end, 50)
    assert(vim.tbl_contains(types, "term"), "tokens at GIL: " .. vim.inspect(types))
  end)
end)

if not ok_main then
  harness.fail("setup", main_err)
end
finish()
