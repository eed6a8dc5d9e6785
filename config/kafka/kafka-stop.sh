#!/usr/bin/env bash
# Stop a broker started by config/kafka/kafka-start.sh.
#
# Usage: config/kafka/kafka-stop.sh [--port 19092] [--dir <state dir>] [--kill]
#   --port  client port the broker was started with, default 19092
#   --dir   state dir, default config/kafka/.state-<port>
#   --kill  SIGKILL at once instead of SIGTERM: a crash, no controlled shutdown (the next start recovers the logs)
# Sends SIGTERM to the PID in <dir>/broker.pid, waits up to 30 s, then SIGKILL; returns once it has exited.
# Idempotent: exits 0 when nothing is running. The state dir (log, data) is kept:
# config/kafka/kafka-start.sh --keep-data restarts the broker on the same data.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STOP_TIMEOUT_S=30

PORT=19092
STATE_DIR=""
SIGNAL=TERM

usage() { sed -n '4,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) [[ $# -ge 2 ]] || usage; PORT="$2"; shift 2 ;;
    --controller-port) [[ $# -ge 2 ]] || usage; shift 2 ;;   # accepted for symmetry with kafka-start.sh
    --dir) [[ $# -ge 2 ]] || usage; STATE_DIR="$2"; shift 2 ;;
    --kill) SIGNAL=KILL; shift ;;
    -h|--help) usage ;;
    *) echo "kafka-stop: unknown argument: $1" >&2; usage ;;
  esac
done

STATE_DIR="${STATE_DIR:-$SCRIPT_DIR/.state-$PORT}"
if [[ ! -d "$STATE_DIR" ]]; then
  echo "kafka-stop: no state dir $STATE_DIR; nothing to stop"
  exit 0
fi
STATE_DIR="$(cd "$STATE_DIR" && pwd)"
PID_FILE="$STATE_DIR/broker.pid"

# Running = signalable and not a zombie (an unreaped zombie must not make us wait forever).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if [[ -z "$pid" ]]; then
  echo "kafka-stop: no broker.pid in $STATE_DIR; nothing to stop"
  exit 0
fi
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! alive "$pid"; then
  echo "kafka-stop: broker (pid $pid) is not running"
  rm -f "$PID_FILE"
  exit 0
fi
# Guard against a recycled PID: only signal the broker that runs from this state dir.
if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $STATE_DIR/server.properties"; then
  echo "kafka-stop: pid $pid is not the broker of $STATE_DIR (stale broker.pid); not signalling it"
  rm -f "$PID_FILE"
  exit 0
fi

echo "kafka-stop: stopping broker pid $pid (SIG$SIGNAL)"
kill "-$SIGNAL" "$pid" 2>/dev/null || true
deadline=$((SECONDS + STOP_TIMEOUT_S))
while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
if alive "$pid"; then
  echo "kafka-stop: still running after ${STOP_TIMEOUT_S}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  while alive "$pid"; do sleep 0.1; done
fi
rm -f "$PID_FILE"
echo "kafka-stop: broker stopped"
