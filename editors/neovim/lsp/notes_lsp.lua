-- Default configuration for Neovim 0.11+: with editors/neovim on 'runtimepath',
--   vim.lsp.enable("notes_lsp")
-- starts notes-lsp for markdown files. Override fields with vim.lsp.config("notes_lsp", { ... }),
-- e.g. init_options = { placeholders = { "f", "TODO" } }.
return {
  cmd = { "notes-lsp" },
  filetypes = { "markdown" },
  root_markers = { ".notes-lsp.toml", ".git" },
  -- The nearest folder with one of root_markers (yours, if you set them), else the note's own
  -- folder: a note outside any repository still gets the notes beside it indexed.
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == "" or name:match("^%a[%w+.-]*://") then
      return -- unnamed buffers and non-file URIs (fugitive://, oil://, ...)
    end
    local markers = vim.lsp.config.notes_lsp.root_markers or { ".notes-lsp.toml", ".git" }
    on_dir(vim.fs.root(bufnr, markers) or vim.fs.dirname(name))
  end,
  -- The code lenses ("N references", "N unanswered") run this client command: their places go
  -- to the quickfix list.
  commands = {
    ["notesLsp.showReferences"] = function(command, ctx)
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      local encoding = client and client.offset_encoding or "utf-16"
      local locations = (command.arguments or {})[3] or {}
      local items = vim.lsp.util.locations_to_items(locations, encoding)
      vim.fn.setqflist({}, " ", { title = command.title, items = items })
      vim.cmd("copen")
    end,
  },
  init_options = vim.empty_dict(),
  settings = { notesLsp = vim.empty_dict() },
}
