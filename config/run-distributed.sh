#!/usr/bin/env bash
# Run the trending-words sample distributed: a standalone Kafka broker, the leader and N workers, each
# instance in its own JVM (profiles config/application-leader.yml and config/application-worker.yml).
#
# Usage: config/run-distributed.sh [--workers 3] [--port 19092] [--leader-port 8080]
#   --workers      number of worker JVMs (members 0..N-1), default 3
#   --port         Kafka client port, default 19092; a broker already listening there is reused,
#                  otherwise config/kafka/kafka-start.sh starts one
#   --leader-port  the leader's HTTP port, default 8080
# Logs and PIDs: config/.run/<name>.log and config/.run/<name>.pid (name: leader, worker-0, ...).
# Stop with: config/stop-distributed.sh [--broker] [--port <port>]
# Environment: JAVA_HOME (optional), JAVA_OPTS (default -Xmx256m), START_TIMEOUT_S (default 300).
# Needs the jar: mvn -B -q install -DskipTests (sample-service/target/sample-service.jar).
set -euo pipefail

CONFIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$CONFIG_DIR")"
RUN_DIR="$CONFIG_DIR/.run"
JAR="$ROOT/sample-service/target/sample-service.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
START_TIMEOUT_S="${START_TIMEOUT_S:-300}"

WORKERS=3
KAFKA_PORT=19092
LEADER_PORT=8080

usage() { sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "run-distributed: $*" >&2; exit 1; }
number() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a number: $2"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) [[ $# -ge 2 ]] || usage; WORKERS="$2"; shift 2 ;;
    --port) [[ $# -ge 2 ]] || usage; KAFKA_PORT="$2"; shift 2 ;;
    --leader-port) [[ $# -ge 2 ]] || usage; LEADER_PORT="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "run-distributed: unknown argument: $1" >&2; usage ;;
  esac
done
number --workers "$WORKERS"; number --port "$KAFKA_PORT"; number --leader-port "$LEADER_PORT"
((WORKERS >= 1)) || die "--workers must be at least 1"
[[ -f "$JAR" ]] || die "no $JAR; build it first: (cd $ROOT && mvn -B -q install -DskipTests)"
command -v curl >/dev/null || die "curl is needed to check the leader's health"

mkdir -p "$RUN_DIR"
alive() { kill -0 "$1" 2>/dev/null; }
for pid_file in "$RUN_DIR"/*.pid; do
  [[ -e "$pid_file" ]] || continue
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && alive "$pid"; then
    die "$(basename "$pid_file" .pid) is still running (pid $pid); stop the deployment first: config/stop-distributed.sh"
  fi
  rm -f "$pid_file"
done
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_in_use "$LEADER_PORT" && die "port 127.0.0.1:$LEADER_PORT is taken; pick another with --leader-port"

# 1. The broker: reuse one that listens on the port, otherwise start a fresh one.
if port_in_use "$KAFKA_PORT"; then
  echo "run-distributed: reusing the Kafka broker already listening on 127.0.0.1:$KAFKA_PORT"
else
  "$CONFIG_DIR/kafka/kafka-start.sh" --port "$KAFKA_PORT"
fi
echo "$KAFKA_PORT" >"$RUN_DIR/broker.port"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

# 2. The instances, each in its own JVM, from the repository root (so relative paths in logs make sense).
start_instance() { # name profile [VAR=value...]
  local name="$1" profile="$2"
  shift 2
  # shellcheck disable=SC2086  # JAVA_OPTS is intentionally word-split
  (cd "$ROOT" && exec env KAFKA_BOOTSTRAP="$BOOTSTRAP" WORKERS="$WORKERS" "$@" \
      nohup "$JAVA" $JAVA_OPTS -jar "$JAR" --spring.profiles.active="$profile" \
      --spring.config.additional-location="optional:file:$CONFIG_DIR/" \
      >"$RUN_DIR/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN_DIR/$name.pid"
  echo "run-distributed: started $name (pid $!), log config/.run/$name.log"
}
start_instance leader leader PORT="$LEADER_PORT"
for ((m = 0; m < WORKERS; m++)); do
  start_instance "worker-$m" worker HYDRO_MEMBER_ID="$m"
done

# 3. Wait until the leader is UP; stop everything started here if an instance dies or time runs out.
fail() {
  echo "run-distributed: $1; last lines of config/.run/$2.log:" >&2
  tail -n 30 "$RUN_DIR/$2.log" >&2 || true
  "$CONFIG_DIR/stop-distributed.sh" >&2 || true
  exit 1
}
deadline=$((SECONDS + START_TIMEOUT_S))
until curl -fsS "http://127.0.0.1:$LEADER_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  for pid_file in "$RUN_DIR"/*.pid; do
    name="$(basename "$pid_file" .pid)"
    alive "$(cat "$pid_file")" || fail "$name exited during start-up" "$name"
  done
  ((SECONDS < deadline)) || fail "the leader is not UP after ${START_TIMEOUT_S}s" leader
  sleep 1
done
for ((m = 0; m < WORKERS; m++)); do
  until grep -q 'Started TrendingWordsApplication' "$RUN_DIR/worker-$m.log"; do
    alive "$(cat "$RUN_DIR/worker-$m.pid")" || fail "worker-$m exited during start-up" "worker-$m"
    ((SECONDS < deadline)) || fail "worker-$m has not started after ${START_TIMEOUT_S}s" "worker-$m"
    sleep 1
  done
done

BASE="http://localhost:$LEADER_PORT"
cat <<EOF
run-distributed: leader and $WORKERS worker(s) are up (broker $BOOTSTRAP). Try:
  curl -X POST $BASE/lines -H 'Content-Type: text/plain' --data 'to be or not to be'
  curl $BASE/counts
  curl $BASE/counts/be
  curl $BASE/trending
  curl $BASE/actuator/hydro
Stop: config/stop-distributed.sh          (add --broker to stop the Kafka broker too)
EOF
