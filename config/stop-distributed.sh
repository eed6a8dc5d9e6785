#!/usr/bin/env bash
# Stop what config/run-distributed.sh started: every instance with a PID in config/.run/*.pid.
#
# Usage: config/stop-distributed.sh [--broker] [--port <port>]
#   --broker  also stop the Kafka broker (config/kafka/kafka-stop.sh on the port run-distributed.sh used)
#   --port    with --broker: the broker's client port; default the port run-distributed.sh recorded in
#             config/.run/broker.port, else 19092
# SIGTERM first (graceful: the instances finish their ticks and commit), SIGKILL after 30 s.
# Idempotent: exits 0 when nothing is running. The logs in config/.run/ are kept.
set -euo pipefail

CONFIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$CONFIG_DIR/.run"
STOP_TIMEOUT_S=30
BROKER=false
PORT=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --broker) BROKER=true; shift ;;
    --port) [[ $# -ge 2 ]] || { echo "stop-distributed: --port needs a value" >&2; exit 2; }; PORT="$2"; shift 2 ;;
    -h|--help) sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    *) echo "stop-distributed: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ -z "$PORT" || "$PORT" =~ ^[0-9]+$ ]] || { echo "stop-distributed: --port must be a number: $PORT" >&2; exit 2; }

# Running = signalable and not a zombie.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)" != "Z" ]]
}
# Only signal a PID that still runs the sample's jar (a stale pid file may name a recycled PID).
ours() { [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'sample-service.jar'; }

pids=()
names=()
for pid_file in "$RUN_DIR"/*.pid; do
  [[ -e "$pid_file" ]] || continue
  name="$(basename "$pid_file" .pid)"
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid"; then
    echo "stop-distributed: stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
    names+=("$name")
  fi
  rm -f "$pid_file"
done

deadline=$((SECONDS + STOP_TIMEOUT_S))
for i in "${!pids[@]}"; do
  while alive "${pids[$i]}" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "${pids[$i]}"; then
    echo "stop-distributed: ${names[$i]} (pid ${pids[$i]}) still running after ${STOP_TIMEOUT_S}s; SIGKILL"
    kill -KILL "${pids[$i]}" 2>/dev/null || true
  fi
done
echo "stop-distributed: ${#pids[@]} instance(s) stopped"

if $BROKER; then
  recorded="$(cat "$RUN_DIR/broker.port" 2>/dev/null || true)"
  port="${PORT:-${recorded:-19092}}"
  "$CONFIG_DIR/kafka/kafka-stop.sh" --port "$port"
  if [[ "$recorded" == "$port" ]]; then rm -f "$RUN_DIR/broker.port"; fi
fi
