-- Default configuration for Neovim 0.11+: with editors/neovim on 'runtimepath',
--   vim.lsp.enable("notes_lsp")
-- starts notes-lsp for markdown files. Override fields with vim.lsp.config("notes_lsp", { ... }),
-- e.g. init_options = { placeholders = { "f", "TODO" } }.
return {
  cmd = { "notes-lsp" },
  filetypes = { "markdown" },
  root_markers = { ".notes-lsp.toml", ".git" },
  init_options = vim.empty_dict(),
  settings = { notesLsp = vim.empty_dict() },
}
