#!/usr/bin/env bash
# Install the Debian packages the local test stack needs (Debian 12 / bookworm).
#
#   test/stack/install.sh
#
# Idempotent: when everything is installed already it only says so (~0.1 s).
# python3-keystone rather than `keystone`: it ships keystone-manage and keystone-wsgi-public,
# while `keystone` only adds /etc files, an init script and dbconfig-common questions.
# tinyproxy-bin: the proxy the proxy tests start (the binary alone; `tinyproxy` adds a service).
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

PKGS=(python3-keystone glance-api python3-openstackclient python3-glanceclient python3-keystoneclient
      uwsgi-core uwsgi-plugin-python3 curl sqlite3 openssl tinyproxy-bin)
SUDO=()
[[ $(id -u) == 0 ]] || SUDO=(sudo)

missing=()
for p in "${PKGS[@]}"; do
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || missing+=("$p")
done
if [[ ${#missing[@]} == 0 ]]; then
  echo "install: all ${#PKGS[@]} packages already installed"
  exit 0
fi
echo "install: missing: ${missing[*]}"

# Before anything is unpacked: glance-api's postinst runs `invoke-rc.d glance-api start`, which
# would start a glance on 0.0.0.0:9292 (and keystone's on :5000) that up.sh then collides with.
# 101 = "action forbidden by policy". An existing policy-rc.d is left alone.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\n# created by glance-share test/stack/install.sh: no service starts on package install\nexit 101\n' \
    | "${SUDO[@]}" tee /usr/sbin/policy-rc.d > /dev/null
  "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
  echo "install: created /usr/sbin/policy-rc.d (exit 101)"
fi

install() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}"
}

# apt-get update only when the package lists do not know a package (fresh CI image);
# if stale lists point at .debs the mirror no longer has, the install fails: update once, retry.
updated=0
for p in "${missing[@]}"; do
  if ! apt-cache show "$p" > /dev/null 2>&1; then
    "${SUDO[@]}" apt-get update -q
    updated=1
    break
  fi
done
if ! install; then
  [[ $updated == 0 ]] || exit 1
  echo "install: install failed with the current package lists, running apt-get update once" >&2
  "${SUDO[@]}" apt-get update -q
  install
fi
echo "install: done"
