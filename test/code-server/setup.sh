#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 with its Node extension host) into this folder, for the
# Style Preview's real-host test (test/vscode-extension.real-host.test.ts). Outside the workspaces'
# lockfile, so `npm ci` at the root stays light; once installed it is reused (about 300 MB, ~1 min).
#
# Needs, from apt: libkrb5-dev (code-server builds native modules; build tools are assumed) and
# ripgrep (@vscode/ripgrep's postinstall downloads from GitHub, which may be unreachable: it takes
# Debian's `rg` from its cache folder instead). `.ci/run` installs both.
set -euo pipefail
cd "$(dirname "$0")"
VERSION=$(node -p "require('./package.json').dependencies['code-server']")
installed=node_modules/code-server/package.json
if [ -f node_modules/.nst-installed ] && [ "$(node -p "require('./$installed').version" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
missing=()
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
command -v rg >/dev/null || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
  echo "code-server needs ${missing[*]}: apt-get install -y ${missing[*]} (as root), then run this again." >&2
  exit 1
fi
# The archive @vscode/ripgrep 1.15.11 (code-server 4.100.x) would download, made from Debian's rg.
[ "$(uname -m)" = x86_64 ] || { echo "setup.sh packs ripgrep for x86_64 only (this is $(uname -m))." >&2; exit 1; }
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$archive" ]; then
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  mkdir -p "$cache"
  tar -czf "$archive" -C "$staging" rg
  rm -rf "$staging"
fi
echo "Installing code-server $VERSION into $(pwd) (about a minute)…" >&2
rm -f node_modules/.nst-installed
# As root npm skips code-server's postinstall without unsafe_perm; node-gyp's npx must not prompt.
# Run from `npm test`, npm's lifecycle variables name the test workspace: install here, not there.
unset npm_config_local_prefix npm_package_json
npm_config_unsafe_perm=true npm_config_yes=true npm ci --prefix "$PWD" --no-audit --no-fund --loglevel=error >&2
touch node_modules/.nst-installed
