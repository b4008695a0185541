#!/usr/bin/env bash
# Fails when a test layer ran zero tests (a layer that tests nothing must not pass).
#   scripts/check-count.sh cargo|node LAYER-NAME LOGFILE
set -euo pipefail
kind=$1; name=$2; log=$3
case "$kind" in
  cargo) n=$(awk '/test result:/ { for (i = 1; i <= NF; i++) if ($i == "passed;") s += $(i-1) } END { print s + 0 }' "$log") ;;
  node)  n=$(sed -n 's/^[^a-z]*pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -1); n=${n:-0} ;;
  *) echo "check-count: unknown kind $kind" >&2; exit 2 ;;
esac
if [ "$n" -eq 0 ]; then
  echo "FAIL: the $name layer ran no test" >&2
  exit 1
fi
echo "== $name: $n tests passed"
