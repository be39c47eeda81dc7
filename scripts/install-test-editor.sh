#!/usr/bin/env bash
# Installs what the editor tests (test/editor) need, on these offline machines (only the npm
# registry and Debian's mirrors are reachable): Debian's chromium, ripgrep and libkrb5-dev, and
# code-server 4.100.3 (VS Code 1.100.3: the newest code-server whose engines allow Node 20) in a
# cache folder outside the project's dependencies. Idempotent: when everything is there it
# prints where and exits at once. See ../shared/notes/vscode-offline-testing.md.
#
#   scripts/install-test-editor.sh          install what is missing
#   scripts/install-test-editor.sh --path   print the code-server executable (install if missing)
#   scripts/install-test-editor.sh --check  install nothing: exit 0 when everything is installed,
#                                           else exit 1 and list what is missing on stderr
#
# The cache folder is $SCOPE_LENS_EDITOR_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/scope-lens/editor.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_VERSION=1.15.11 # @vscode/ripgrep's version in code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CACHE="${SCOPE_LENS_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scope-lens/editor}"
DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
BIN="$DIR/node_modules/.bin/code-server"

say() { if [ "${1:-}" != "" ] && [ "$MODE" != path ]; then echo "install-test-editor: $1"; fi; }
MODE=install
if [ "${1:-}" = "--path" ]; then MODE=path; fi
if [ "${1:-}" = "--check" ]; then MODE=check; fi

# 1. Debian packages: the browser, ripgrep (its binary stands in for @vscode/ripgrep's download)
#    and the Kerberos headers code-server's native `kerberos` module builds against.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ "$MODE" = check ]; then
  [ -x "$BIN" ] && [ -f "$DIR/.complete" ] || missing+=("code-server $CODE_SERVER_VERSION (in $DIR)")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-test-editor: not installed: $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g')" >&2
    exit 1
  fi
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-test-editor: needs Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# 2. code-server, once per version. `.complete` is written last, so an interrupted install is
#    redone from scratch.
if [ -x "$BIN" ] && [ -f "$DIR/.complete" ]; then
  if [ "$MODE" = path ]; then echo "$BIN"; else say "code-server $CODE_SERVER_VERSION is in $DIR"; fi
  exit 0
fi

started=$(date +%s)
say "installing code-server $CODE_SERVER_VERSION into $DIR (about a minute)"
rm -rf "$DIR"
mkdir -p "$DIR"

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache holds the archive:
# a gzip tar with the rg binary at its root.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_VERSION"
if [ ! -f "$rg_cache/$RIPGREP_ASSET" ]; then
  mkdir -p "$rg_cache"
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$rg_cache/$RIPGREP_ASSET" -C "$stage" rg
  rm -rf "$stage"
fi

cat > "$DIR/package.json" <<JSON
{
  "name": "scope-lens-test-editor",
  "private": true,
  "description": "code-server for Scope Lens's editor tests (scripts/install-test-editor.sh)",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true }
}
JSON
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which would wait for a yes.
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
(cd "$DIR" && npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --loglevel=error) >&2
"$BIN" --version >/dev/null
touch "$DIR/.complete"
say "code-server installed in $(($(date +%s) - started)) s"
if [ "$MODE" = path ]; then echo "$BIN"; fi
