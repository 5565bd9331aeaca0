#!/usr/bin/env bash
# Stop the local test stack started by up.sh.
#
#   test/stack/down.sh [--purge]
#
# Stops exactly the pids recorded in $STACK_DIR (both keystones, both regions' glances; from
# stack.json, plus run/*.pid in case up.sh died half-way): TERM, up to 10 s (zombies count as
# dead: a lazily reaping PID 1 leaves them around and kill -0 still succeeds on them), then KILL.
# Never by process name: other keystone/glance/uwsgi processes on the machine are none of our
# business.
# Data stays for a fast restart; --purge deletes $STACK_DIR. Safe when nothing runs.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
for v in $(compgen -e); do [[ $v == OS_* ]] && unset "$v"; done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
STACK_DIR=$(realpath -m "${STACK_DIR:-$REPO/.stack}")
PURGE=0
case "${1:-}" in
  --purge) PURGE=1 ;;
  "") ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

if [[ -d $STACK_DIR ]]; then
  /usr/bin/python3 "$HERE/stack.py" --stack-dir "$STACK_DIR" stop
else
  echo "stack: nothing at $STACK_DIR"
fi

if [[ $PURGE == 1 && -d $STACK_DIR ]]; then
  # refuse obviously wrong targets; a stack dir is ours only if up.sh left its lock file there
  case "$STACK_DIR" in
    /|"$HOME"|"$REPO") echo "stack: refusing to purge $STACK_DIR" >&2; exit 1 ;;
  esac
  [[ -e $STACK_DIR/.lock ]] || { echo "stack: $STACK_DIR does not look like a stack dir (no .lock)" >&2; exit 1; }
  rm -rf "$STACK_DIR"
  echo "stack: purged $STACK_DIR"
fi
