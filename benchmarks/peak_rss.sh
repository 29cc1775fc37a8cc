#!/usr/bin/env bash
# Peak resident memory of a command and all its processes together (KB),
# sampled every 0.2 s: peak_rss.sh cablefix clean --jobs 2 big.csv -o out.csv
set -u
"$@" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
  pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
  total=$(ps -o rss= -p $(echo $pids | tr ' ' ',') 2>/dev/null | awk '{s+=$1} END {print s+0}')
  [ "$total" -gt "$peak" ] && peak=$total
  sleep 0.2
done
wait "$pid"
status=$?
echo "peak RSS of all processes: ${peak} KB" >&2
exit $status
