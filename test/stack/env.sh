#!/usr/bin/env bash
# Print the shell lines that point the openstack CLI / SDK at the local test stack:
#
#   eval "$(test/stack/env.sh)"          # then: OS_CLOUD=alice openstack image list
#   eval "$(test/stack/env.sh bob)"      # also selects a cloud
#
# OS_* variables already set in the calling shell (OS_AUTH_URL, OS_PASSWORD, ...) win over
# clouds.yaml and would silently talk to another cloud, so they are unset first.
# The glance CLI ignores clouds.yaml: source $STACK_DIR/<cloud>-openrc for it instead.
# Also put /usr/bin first in PATH: a pyenv/venv python3 cannot run the Debian CLIs' libs.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STACK_DIR=$(realpath -m "${STACK_DIR:-$HERE/../../.stack}")
if [[ ! -e $STACK_DIR/clouds.yaml ]]; then
  echo "echo 'no $STACK_DIR/clouds.yaml: run test/stack/up.sh first' >&2; false"
  exit 1
fi
for v in $(compgen -e); do
  [[ $v == OS_* ]] && echo "unset $v"
done
printf 'export OS_CLIENT_CONFIG_FILE=%q\n' "$STACK_DIR/clouds.yaml"
[[ -z ${1:-} ]] || printf 'export OS_CLOUD=%q\n' "$1"
