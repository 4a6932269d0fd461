#!/usr/bin/env bash
# Measures the release app under Xvfb (BENCHMARKS.md, "The app"):
#  1. cold start to the first painted frame, N runs, from just before exec to
#     the unix time the app prints at that frame (ENVROI_EXIT_AFTER_FIRST_FRAME);
#  2. CPU used in 10 s of idling and resident memory, with 10 scenarios of
#     120 months open (the five shipped ones, twice each).
# Needs Xvfb, xdotool and x11-utils; run from the repository root after
# `cargo build --release`. Usage: bash benches/app/measure.sh [N]
set -euo pipefail
n=${1:-10}
bin=${CARGO_TARGET_DIR:-target}/release/envroi
work=$(mktemp -d)
Xvfb :97 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do xdpyinfo -display :97 >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=:97 ENVROI_NO_DIALOGS=1

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/cold.txt"
for _ in $(seq "$n"); do
  export XDG_DATA_HOME=$(mktemp -d -p "$work") XDG_CONFIG_HOME=$(mktemp -d -p "$work")
  t0=$(date +%s%N)
  line=$(ENVROI_EXIT_AFTER_FIRST_FRAME=1 "$bin" 2>&1 >/dev/null | grep 'first frame')
  t1=$(sed -E 's/.*unix time ([0-9.]+) ms.*/\1/' <<<"$line")
  python3 -c "print(f'{$t1 - $t0 / 1e6:.1f}')" >>"$work/cold.txt"
done
python3 - "$work/cold.txt" <<'PY'
import statistics, sys
v = sorted(float(l) for l in open(sys.argv[1]))
print(f"cold start, exec to first painted frame: min {v[0]:.1f} ms, "
      f"median {statistics.median(v):.1f} ms, max {v[-1]:.1f} ms ({len(v)} runs)")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

i=0
for f in scenarios/*.ron; do
  for copy in 1 2; do
    i=$((i + 1))
    sed -e 's/horizon_months: [0-9]*/horizon_months: 120/' \
        -e "0,/name: \"/s/name: \"/name: \"Copy $copy of /" "$f" >"$work/s$i.ron"
  done
done
export XDG_DATA_HOME=$(mktemp -d -p "$work") XDG_CONFIG_HOME=$(mktemp -d -p "$work")
"$bin" "$work"/s*.ron >/dev/null 2>&1 &
app=$!
sleep 6
xdotool mousemove 1 890
sleep 2
a=$(awk '{print $14 + $15}' "/proc/$app/stat")
sleep 10
b=$(awk '{print $14 + $15}' "/proc/$app/stat")
echo "idle, 10 scenarios open: $((b - a)) clock ticks of CPU in 10 s ($(getconf CLK_TCK) a second)"
grep -E 'VmRSS|VmHWM' "/proc/$app/status"
kill "$app"
