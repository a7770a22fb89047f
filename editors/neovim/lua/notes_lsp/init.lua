-- notes-lsp for Neovim.
--
--   require("notes_lsp").setup({
--     cmd = { "notes-lsp" },                 -- or { "/path/to/notes-lsp" }
--     settings = {                           -- the server's settings, same keys as .notes-lsp.toml
--       placeholders = { "f", "TODO" },
--       severity = { unanswered = "hint" },
--       completion = { linkStyle = "wiki" },
--     },
--   })
--
-- Neovim 0.11+ uses vim.lsp.config()/vim.lsp.enable(); 0.8-0.10 use vim.lsp.start(); 0.7 uses
-- vim.lsp.start_client() and vim.lsp.buf_attach_client(). The root is the nearest folder with a
-- .notes-lsp.toml, else the nearest with .git, else the file's own folder.

local M = {}

M.name = "notes_lsp"

local uv = vim.uv or vim.loop

local defaults = {
  cmd = { "notes-lsp" },
  filetypes = { "markdown" },
  root_markers = { ".notes-lsp.toml", ".git" },
  -- Start for a file outside any root, with the file's folder as root.
  single_file_support = true,
  -- Server settings: extensions, ignore, skipFolders, placeholders, severity, hover, completion.
  settings = {},
  capabilities = nil,
  on_attach = nil,
  -- Use the vim.lsp.start()/start_client() path even where vim.lsp.config() exists.
  legacy = false,
}

M.config = vim.deepcopy(defaults)

--- How setup() started the client: "vim.lsp.config", "vim.lsp.start" or "vim.lsp.start_client".
M.mode = nil

-- Lua-style spellings accepted for the server's camelCase keys.
local key_aliases = { max_items = "maxItems", link_style = "linkStyle", skip_folders = "skipFolders" }

local islist = vim.islist or vim.tbl_islist

-- Settings whose values are lists; every other table is an object.
local list_keys = { extensions = true, ignore = true, skipFolders = true, placeholders = true }

local function normalize_settings(value, key)
  if type(value) ~= "table" then
    return value
  end
  if list_keys[key] then
    return value -- an empty Lua table is encoded as [] (what a list needs)
  end
  if next(value) == nil then
    return vim.empty_dict() -- encode as {}, not []
  end
  if islist(value) then
    return value
  end
  local out = {}
  for k, v in pairs(value) do
    local name = key_aliases[k] or k
    out[name] = normalize_settings(v, name)
  end
  return out
end

--- The settings object sent to the server as initializationOptions and in
--- workspace/didChangeConfiguration ({ settings = { notesLsp = ... } }).
function M.server_settings()
  return normalize_settings(M.config.settings or {})
end

local function has(feature)
  return vim.fn.has(feature) == 1
end

--- True when this Neovim has vim.lsp.config() and vim.lsp.enable() (0.11+).
function M.has_native_config()
  return has("nvim-0.11") and type(vim.lsp.config) ~= "nil" and type(vim.lsp.enable) == "function"
end

local function parent(dir)
  return vim.fn.fnamemodify(dir, ":h")
end

--- Nearest folder above `fname` holding one of `markers`, tried in order (so .notes-lsp.toml wins
--- over an outer .git). Returns nil when none is found.
function M.find_root(fname, markers)
  markers = markers or M.config.root_markers
  local start = vim.fn.fnamemodify(fname, ":p:h")
  for _, marker in ipairs(markers) do
    local dir = start
    while dir and dir ~= "" do
      if uv.fs_stat(dir .. "/" .. marker) then
        return dir
      end
      local up = parent(dir)
      if up == dir then
        break
      end
      dir = up
    end
  end
  return nil
end

local function buffer_path(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return nil
  end
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or name:match("^%a[%w+.-]*://") then
    return nil -- unnamed buffers and non-file URIs (fugitive://, oil://, ...)
  end
  return name
end

--- Root folder for a buffer, or nil when notes-lsp should not start for it.
function M.root_for_buffer(bufnr)
  local path = buffer_path(bufnr)
  if not path then
    return nil
  end
  local root = M.find_root(path)
  if not root and M.config.single_file_support then
    root = vim.fn.fnamemodify(path, ":p:h")
  end
  return root
end

local warned = false
local function check_executable()
  local exe = M.config.cmd and M.config.cmd[1]
  if type(exe) == "string" and vim.fn.executable(exe) == 0 and not warned then
    warned = true
    vim.notify(
      ("notes-lsp: executable %q not found. Install notes-lsp (see its README) or pass cmd = { \"/path/to/notes-lsp\" } to require(\"notes_lsp\").setup()."):format(
        exe
      ),
      vim.log.levels.WARN
    )
    return false
  end
  return true
end

local function client_config(root)
  local settings = M.server_settings()
  return {
    name = M.name,
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = settings,
    settings = { notesLsp = settings },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
  }
end

-- Neovim 0.7 only: one client per root.
local clients_by_root = {}

--- Starts (or reuses) the client for `bufnr` and attaches it. Used below Neovim 0.11.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local root = M.root_for_buffer(bufnr)
  if not root or not check_executable() then
    return nil
  end
  local config = client_config(root)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if id and (vim.lsp.client_is_stopped(id) or not vim.lsp.get_client_by_id(id)) then
    id = nil
  end
  if not id then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

local function wants(bufnr)
  local ft = vim.bo[bufnr].filetype
  return vim.tbl_contains(M.config.filetypes, ft)
end

local function setup_native()
  vim.lsp.config(M.name, {
    cmd = M.config.cmd,
    filetypes = M.config.filetypes,
    root_markers = M.config.root_markers,
    root_dir = function(bufnr, on_dir)
      local root = M.root_for_buffer(bufnr)
      if root then
        on_dir(root)
      end
    end,
    init_options = M.server_settings(),
    settings = { notesLsp = M.server_settings() },
    capabilities = M.config.capabilities,
    on_attach = M.config.on_attach,
  })
  vim.lsp.enable(M.name)
end

local function setup_legacy()
  local group = vim.api.nvim_create_augroup("notes_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = "Start notes-lsp",
  })
  -- Buffers opened before setup().
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wants(bufnr) then
      M.attach(bufnr)
    end
  end
end

--- Running notes-lsp clients, optionally only those attached to `bufnr`.
function M.clients(bufnr)
  local found = {}
  if vim.lsp.get_clients then
    found = vim.lsp.get_clients({ name = M.name, bufnr = bufnr })
  else
    local all = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
    for _, client in pairs(all) do
      if client.name == M.name then
        table.insert(found, client)
      end
    end
  end
  return found
end

local function request(client, method, params, handler, bufnr)
  if has("nvim-0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function notify(client, method, params)
  if has("nvim-0.11") then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- Runs a server command (workspace/executeCommand) and calls `on_result(result)`.
function M.execute(command, arguments, on_result, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1] or M.clients()[1]
  if not client then
    vim.notify("notes-lsp is not running for this buffer", vim.log.levels.WARN)
    return
  end
  request(client, "workspace/executeCommand", { command = command, arguments = arguments }, function(err, result)
    if err then
      vim.notify(("notes-lsp: %s failed: %s"):format(command, err.message or tostring(err)), vim.log.levels.ERROR)
      return
    end
    on_result(result or {})
  end, bufnr)
end

local function one_line(text)
  return ((text or ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

--- Fills the quickfix list with every unanswered question (notes.gaps) and opens it.
function M.gaps()
  M.execute("notes.gaps", {}, function(gaps)
    local items = {}
    for _, gap in ipairs(gaps) do
      table.insert(items, {
        filename = vim.uri_to_fname(gap.uri),
        lnum = gap.range.start.line + 1,
        col = gap.range.start.character + 1,
        text = "Unanswered: " .. one_line(gap.question),
      })
    end
    vim.fn.setqflist({}, " ", { title = "Notes: gaps", items = items })
    if #items == 0 then
      vim.notify("notes-lsp: no unanswered questions")
    else
      vim.cmd("copen")
    end
  end)
end

--- Fills the quickfix list with the hits of a full-text search (notes.search) and opens it.
function M.search(query)
  if not query or query == "" then
    query = vim.fn.input("Search notes: ")
  end
  if query == "" then
    return
  end
  M.execute("notes.search", { query }, function(hits)
    local items = {}
    for _, hit in ipairs(hits) do
      local heading = one_line(hit.heading)
      local snippet = one_line(hit.snippet)
      table.insert(items, {
        filename = vim.uri_to_fname(hit.uri),
        lnum = (hit.line or 0) + 1,
        col = 1,
        text = heading ~= "" and (heading .. ": " .. snippet) or snippet,
      })
    end
    vim.fn.setqflist({}, " ", { title = "Notes: search " .. query, items = items })
    if #items == 0 then
      vim.notify("notes-lsp: nothing found for " .. query)
    else
      vim.cmd("copen")
    end
  end)
end

--- Changes server settings at run time and sends them to running clients.
function M.update_settings(settings)
  M.config.settings = vim.tbl_deep_extend("force", M.config.settings or {}, settings or {})
  local server = M.server_settings()
  for _, client in ipairs(M.clients()) do
    client.config.settings = { notesLsp = server }
    notify(client, "workspace/didChangeConfiguration", { settings = { notesLsp = server } })
  end
end

local function create_commands()
  vim.api.nvim_create_user_command("NotesGaps", function()
    M.gaps()
  end, { desc = "notes-lsp: list unanswered questions in the quickfix list" })
  vim.api.nvim_create_user_command("NotesSearch", function(opts)
    M.search(opts.args)
  end, { nargs = "*", desc = "notes-lsp: search notes into the quickfix list" })
end

--- Configures and enables notes-lsp. Call once, e.g. from init.lua.
function M.setup(opts)
  opts = opts or {}
  local expected = {
    cmd = "table",
    filetypes = "table",
    root_markers = "table",
    settings = "table",
    on_attach = "function",
    capabilities = "table",
    single_file_support = "boolean",
    legacy = "boolean",
  }
  for key, kind in pairs(expected) do
    if opts[key] ~= nil and type(opts[key]) ~= kind then
      error(("notes_lsp.setup: %s must be a %s, got %s"):format(key, kind, type(opts[key])), 2)
    end
  end
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts)
  -- Lists replace, they do not merge.
  for _, key in ipairs({ "cmd", "filetypes", "root_markers" }) do
    if opts[key] then
      M.config[key] = opts[key]
    end
  end
  create_commands()
  check_executable()
  if M.has_native_config() and not M.config.legacy then
    M.mode = "vim.lsp.config"
    setup_native()
  else
    M.mode = vim.lsp.start and "vim.lsp.start" or "vim.lsp.start_client"
    setup_legacy()
  end
  return M
end

return M
