#!/usr/bin/env bash
# Shows a hover in a real Neovim inside tmux and prints the screen (the text capture in
# editors/README.md comes from this). Needs tmux and nvim; not part of the test run.
#
#   NOTES_LSP_BIN=target/debug/notes-lsp editors/neovim/tests/hover-capture.sh
set -euo pipefail

tests_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin_dir="$(dirname "$tests_dir")"
editors_dir="$(dirname "$plugin_dir")"
repo_root="$(dirname "$editors_dir")"
bin="${NOTES_LSP_BIN:-$repo_root/target/debug/notes-lsp}"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac

work="$(mktemp -d)"
# NOTES_DIR: where the fixture vault is copied (it shows in the hover's source link); must not exist.
notes="${NOTES_DIR:-$work/notes}"
[ -e "$notes" ] && [ "$notes" != "$work/notes" ] && { echo "$notes exists" >&2; exit 1; }
session="notes-lsp-hover-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; [ "$notes" = "$work/notes" ] || rm -rf "$notes"' EXIT

mkdir -p "$notes"
cp -R "$editors_dir/fixtures/vault/." "$notes/"
cat >"$work/init.lua" <<EOF
vim.opt.runtimepath:prepend("$plugin_dir")
vim.cmd("filetype plugin on")
vim.cmd("syntax on")
vim.o.swapfile = false
vim.o.number = true
vim.o.laststatus = 2
require("notes_lsp").setup({ cmd = { "$bin" } })
EOF

cd "$notes"
tmux new-session -d -s "$session" -x "${COLUMNS_WIDE:-110}" -y "${LINES_HIGH:-14}" \
  "env XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data TERM=xterm-256color nvim -i NONE -n -u $work/init.lua threads.md"
sleep 1.5
# Cursor onto "GIL" in "...because of the GIL." and ask for the hover.
tmux send-keys -t "$session" "/the GIL" Enter "4l"
sleep 1.5
tmux send-keys -t "$session" ":lua vim.lsp.buf.hover()" Enter
sleep 1.5
tmux capture-pane -p -t "$session"
