#!/usr/bin/env bash
# Installs what the exthost and e2e layers need: Debian's chromium (playwright cannot download
# a browser here), ripgrep and libkrb5-dev (for code-server's own install), and code-server
# 4.100.3 (= VS Code 1.100.3, the newest whose engines.node is 20) into .vscode-test/code-server,
# a folder of its own so it never enters the extension's node_modules or package.json.
# Idempotent: a finished install is detected in well under a second.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_VERSION=1.15.11   # the @vscode/ripgrep that code-server 4.100.3 depends on
dir="$root/.vscode-test/code-server"
bin="$dir/node_modules/.bin/code-server"
scratch="$root/.vscode-test/scratch"

# --- Debian packages ------------------------------------------------------------------------
packages=(chromium libkrb5-dev ripgrep)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${missing[*]}"
  # Root installs directly; anyone else through sudo (as test/stack/install.sh does).
  apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  [ "$(id -u)" = 0 ] || apt=(sudo "${apt[@]}")
  # A fresh machine may have no package lists yet; only then pay for apt-get update.
  for p in "${missing[@]}"; do
    if ! apt-cache show "$p" >/dev/null 2>&1; then "${apt[@]}" update -qq; break; fi
  done
  # Stale lists name versions the mirror no longer has: refresh once and retry.
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# --- code-server ----------------------------------------------------------------------------
installed_version() {
  node -p "require('$dir/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ -x "$bin" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  exit 0
fi

echo "install.sh: npm install code-server@$CODE_SERVER_VERSION into .vscode-test/code-server"
mkdir -p "$dir" "$scratch/tmp" "$scratch/xdg-config" "$scratch/xdg-data"
# @vscode/ripgrep's postinstall downloads rg from GitHub, and on failure npm rolls back
# everything. It reuses a cached archive first, so hand it Debian's rg under the expected name.
export TMPDIR="$scratch/tmp"
cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$archive" ]; then
  mkdir -p "$cache/rg-stage"
  cp /usr/bin/rg "$cache/rg-stage/rg"
  tar -czf "$archive" -C "$cache/rg-stage" rg
  rm -rf "$cache/rg-stage"
fi
[ -f "$dir/package.json" ] || echo '{ "name": "glance-share-code-server", "private": true }' >"$dir/package.json"
# unsafe_perm: its postinstall refuses to run as root without it. yes: node-pty's postinstall
# runs `npx node-gyp`, which the machine's npmrc (yes=false) would refuse. nodedir: node-gyp
# would otherwise download Node's headers. XDG_*: keep code-server's config.yaml out of ~.
(
  cd "$dir"
  XDG_CONFIG_HOME="$scratch/xdg-config" XDG_DATA_HOME="$scratch/xdg-data" \
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
)
version=$(XDG_CONFIG_HOME="$scratch/xdg-config" XDG_DATA_HOME="$scratch/xdg-data" "$bin" --version | tail -n 1)
echo "install.sh: code-server $version"
