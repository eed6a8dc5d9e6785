#!/usr/bin/env bash
# The whole benchmark suite of issue 6 in one command: JMH (map-filter-fold, word count, join), one Kafka edge,
# memory, and the word-count end-to-end harness, on a standalone broker this script starts and stops.
#
# Usage: benchmarks/run-suite.sh [options]
#   --no-build               use the jars already built (benchmarks/target/benchmarks.jar)
#   --out DIR                results directory, default benchmarks/results/<UTC timestamp>
#   --only LIST              sections to run, comma-separated, from jmh,memory,edge,wordcount (default: all)
#   --jmh-args "ARGS"        JMH options, default "-f 1 -wi 5 -w 2s -i 3 -r 1s"
#   --edge-args "ARGS"       EdgeThroughputBenchmark options, default "--records 100000 --runs 5"
#   --memory-args "ARGS"     MemoryBenchmark options, default none (its own: 3 runs, 100k/1M lines, 1M keys)
#   --wordcount-args "ARGS"  extra WordCountEndToEnd options, default none
#   --dry-run                print the settings and commands, build and run nothing
#   -h, --help               this text
# Writes <out>/report.md and <out>/results.csv (one header for all sections), raw logs in <out>/raw/.
# About 10 minutes on 2 cores. The broker runs only for the edge and word-count sections.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="$SCRIPT_DIR/target/benchmarks.jar"
CSV_HEADER="section,system,variant,metric,median,min,max,unit,runs"
ALL_SECTIONS="jmh,memory,edge,wordcount"
WORDCOUNT_CLASS="dev.hydro.benchmarks.wordcount.WordCountEndToEnd"

BUILD=true
OUT=""
ONLY="$ALL_SECTIONS"
JMH_ARGS="-f 1 -wi 5 -w 2s -i 3 -r 1s"
EDGE_ARGS="--records 100000 --runs 5"
MEMORY_ARGS=""
WORDCOUNT_ARGS=""
DRY_RUN=false

usage() { sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//'; }
fail_usage() { echo "run-suite: $*" >&2; usage >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=false; shift ;;
    --out) [[ $# -ge 2 ]] || fail_usage "--out needs a value"; OUT="$2"; shift 2 ;;
    --only) [[ $# -ge 2 ]] || fail_usage "--only needs a value"; ONLY="$2"; shift 2 ;;
    --jmh-args) [[ $# -ge 2 ]] || fail_usage "--jmh-args needs a value"; JMH_ARGS="$2"; shift 2 ;;
    --edge-args) [[ $# -ge 2 ]] || fail_usage "--edge-args needs a value"; EDGE_ARGS="$2"; shift 2 ;;
    --memory-args) [[ $# -ge 2 ]] || fail_usage "--memory-args needs a value"; MEMORY_ARGS="$2"; shift 2 ;;
    --wordcount-args) [[ $# -ge 2 ]] || fail_usage "--wordcount-args needs a value"; WORDCOUNT_ARGS="$2"; shift 2 ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail_usage "unknown argument: $1" ;;
  esac
done

IFS=',' read -r -a SECTIONS <<<"$ONLY"
[[ ${#SECTIONS[@]} -gt 0 ]] || fail_usage "--only needs at least one section"
for s in "${SECTIONS[@]}"; do
  [[ ",$ALL_SECTIONS," == *",$s,"* ]] || fail_usage "unknown section '$s' in --only (sections: $ALL_SECTIONS)"
done
selected() { [[ ",$ONLY," == *",$1,"* ]]; }

STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
OUT="${OUT:-$SCRIPT_DIR/results/$STAMP}"
RAW="$OUT/raw"

# The commands of the sections; build_commands runs again once $OUT is an absolute path.
JMH_REGEX='^dev\.hydro\.benchmarks\.(MapFilterFoldBenchmark|WordCountBenchmark|JoinBenchmark)\.'  # these three only
BUILD_CMD=(mvn -B -q -DskipTests package -pl benchmarks,sample-service -am)
build_commands() {
  local bootstrap="$1"
  # shellcheck disable=SC2206  # the *_ARGS strings are option lists: word splitting is intended
  JMH_CMD=("$JAVA" -Duser.language=en -Duser.country=US -jar "$JAR" "$JMH_REGEX" $JMH_ARGS -prof gc
           -rf csv -rff "$RAW/jmh.csv")
  # shellcheck disable=SC2206
  MEMORY_CMD=("$JAVA" -Xmx256m -cp "$JAR" dev.hydro.benchmarks.memory.MemoryBenchmark --out "$RAW/memory"
              $MEMORY_ARGS)
  # shellcheck disable=SC2206
  EDGE_CMD=("$JAVA" -Xmx1g -cp "$JAR" dev.hydro.benchmarks.edge.EdgeThroughputBenchmark --bootstrap "$bootstrap"
            $EDGE_ARGS --csv "$RAW/edge.csv")
  # shellcheck disable=SC2206
  WORDCOUNT_CMD=("$JAVA" -Xmx1g -cp "$JAR" "$WORDCOUNT_CLASS" --bootstrap "$bootstrap" --out "$RAW/wordcount"
                 $WORDCOUNT_ARGS)
}

if [[ "$DRY_RUN" == true ]]; then
  build_commands "<broker>"
  echo "run-suite: dry run; sections: $ONLY; results would go to $OUT"
  if [[ "$BUILD" == true ]]; then echo "build:     (cd $ROOT && ${BUILD_CMD[*]})"; fi
  if selected jmh; then echo "jmh:       ${JMH_CMD[*]}"; fi
  if selected memory; then echo "memory:    ${MEMORY_CMD[*]}"; fi
  if selected edge || selected wordcount; then
    echo "broker:    $ROOT/config/kafka/kafka-start.sh --port <free port> --dir <temporary dir>"
  fi
  if selected edge; then echo "edge:      ${EDGE_CMD[*]}"; fi
  if selected wordcount; then echo "wordcount: ${WORDCOUNT_CMD[*]} (skipped if the class is not in the jar)"; fi
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
# Cleanup: the step running now (its whole process group) and the broker, whatever way the script ends.
STEP_PID=""
BROKER_PORT=""
BROKER_DIR=""
cleanup() {
  local rc=$?
  if [[ -n "$STEP_PID" ]] && kill -0 "$STEP_PID" 2>/dev/null; then
    kill -TERM -- "-$STEP_PID" 2>/dev/null || true
    wait "$STEP_PID" 2>/dev/null || true
  fi
  if [[ -n "$BROKER_DIR" ]]; then
    "$ROOT/config/kafka/kafka-stop.sh" --port "$BROKER_PORT" --dir "$BROKER_DIR" >/dev/null 2>&1 || true
    cp "$BROKER_DIR/broker.log" "$RAW/broker.log" 2>/dev/null || true
    rm -rf "$BROKER_DIR"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { echo "run-suite: $*"; }

# Runs "$@" in its own process group (so cleanup can stop it with everything it forked), output to $1's log.
# Usage: step NAME TIMEOUT_S command...
step() {
  local name="$1" limit="$2"
  shift 2
  local started=$SECONDS rc=0
  log "$name: started (log $RAW/$name.log)"
  setsid timeout --kill-after=10 "$limit" "$@" >"$RAW/$name.log" 2>&1 </dev/null &
  STEP_PID=$!
  wait "$STEP_PID" || rc=$?
  STEP_PID=""
  DURATION[$name]=$((SECONDS - started))
  log "$name: finished in ${DURATION[$name]} s (exit $rc)"
  return "$rc"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*average[s]*: //'; }

declare -A DURATION STATUS
SUITE_START=$SECONDS
LOAD_START="$(loadavg)"
START_UTC="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

mkdir -p "$RAW"
if [[ "$BUILD" == true ]]; then
  log "building: ${BUILD_CMD[*]} (log $RAW/build.log)"
  if ! (cd "$ROOT" && "${BUILD_CMD[@]}") >"$RAW/build.log" 2>&1; then
    tail -n 40 "$RAW/build.log" >&2
    echo "run-suite: the build failed (see $RAW/build.log)" >&2
    exit 1
  fi
fi
[[ -f "$JAR" ]] || { echo "run-suite: $JAR is missing; build it or drop --no-build" >&2; exit 1; }
OUT="$(cd "$OUT" && pwd)"
RAW="$OUT/raw"
build_commands "<broker>"
cd "$ROOT"   # every path above is absolute; the harnesses find config/ and sample-service/ from here

# ---------------------------------------------------------------------------------------------------------------
# Sections that need no broker first, so an idle broker does not share the CPU with them.
if selected jmh; then
  if step jmh 900 "${JMH_CMD[@]}"; then STATUS[jmh]=ok; else STATUS[jmh]=failed; fi
fi
if selected memory; then
  if step memory 600 "${MEMORY_CMD[@]}"; then STATUS[memory]=ok; else STATUS[memory]=failed; fi
fi

# (grep without -q: -q would stop reading early, and under pipefail unzip's SIGPIPE would fail the test)
wordcount_present() { unzip -l "$JAR" 2>/dev/null | grep "${WORDCOUNT_CLASS//.//}\.class" >/dev/null; }

if selected edge || selected wordcount; then
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  BROKER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/hydro-suite-kafka.XXXXXX")"
  for _ in 1 2 3 4 5; do
    candidate=$((20000 + RANDOM % 40000))
    port_free "$candidate" && port_free $((candidate + 1)) || continue
    if "$ROOT/config/kafka/kafka-start.sh" --port "$candidate" --dir "$BROKER_DIR" >"$RAW/kafka-start.log" 2>&1; then
      BROKER_PORT="$candidate"
      break
    fi
  done
  if [[ -z "$BROKER_PORT" ]]; then
    tail -n 20 "$RAW/kafka-start.log" >&2 || true
    echo "run-suite: could not start a broker (see $RAW/kafka-start.log)" >&2
    exit 1
  fi
  BOOTSTRAP="127.0.0.1:$BROKER_PORT"
  log "broker ready at $BOOTSTRAP (state in $BROKER_DIR)"
  build_commands "$BOOTSTRAP"
  if selected edge; then
    if step edge 600 "${EDGE_CMD[@]}"; then STATUS[edge]=ok; else STATUS[edge]=failed; fi
  fi
  if selected wordcount; then
    if wordcount_present; then
      if step wordcount 1200 "${WORDCOUNT_CMD[@]}"; then STATUS[wordcount]=ok; else STATUS[wordcount]=failed; fi
    else
      STATUS[wordcount]="skipped ($WORDCOUNT_CLASS is not in benchmarks.jar yet)"
      log "wordcount: skipped ($WORDCOUNT_CLASS is not in the jar)"
    fi
  fi
fi
LOAD_END="$(loadavg)"
TOTAL=$((SECONDS - SUITE_START))

# ---------------------------------------------------------------------------------------------------------------
# Rows. JMH: per-iteration scores from its log (the CSV JMH writes has only the mean and error), so that every
# row has a median, min and max over the measurement iterations. Scores are per element because every
# benchmark declares @OperationsPerInvocation.
jmh_rows() {
  awk -v OFS=',' -v check="$RAW/jmh-check.txt" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    # "6.467 ns/op" -> 6.467; "≈ 10⁻⁴ B/op" (JMH for a value near 0) -> 0
    function number(text,   f) { split(text, f, " "); return f[1] ~ /^-?[0-9.]+$/ ? f[1] + 0 : 0 }
    function score(text) { return text ~ /^(-?[0-9.]+|≈ [^ ]+) [^ ]+\/op$/ }
    FNR == NR {                                   # jmh.csv: JMH means, to check the parsed iterations against
      gsub(/"/, ""); split($0, f, ",")
      if (f[1] !~ /:/ && f[5] ~ /^[0-9.]/) mean[f[1]] = f[5]
      next
    }
    /^# Benchmark: / { bench = $3; if (!(bench in seen)) { seen[bench] = 1; order[++count] = bench }; measuring = 0 }
    /^# Warmup Iteration/ { measuring = 0; pending = 0 }
    # A forked JVM writes its stderr into this log too, even between "Iteration n:" and its score.
    /^Iteration +[0-9]+:/ {
      measuring = 1; line = $0; sub(/^[^:]*: */, "", line)
      if (score(line)) ns[bench, ++nns[bench]] = number(line); else pending = 1
      next
    }
    pending && score($0) { ns[bench, ++nns[bench]] = number($0); pending = 0; next }
    measuring && /gc\.alloc\.rate\.norm:/ {
      line = $0; sub(/^[^:]*: */, "", line); by[bench, ++nby[bench]] = number(line)
    }
    END {
      for (k = 1; k <= count; k++) {
        b = order[k]; n = split(b, parts, "."); cls = parts[n - 1]; method = parts[n]
        sum = 0
        for (i = 1; i <= nns[b]; i++) { v[i] = ns[b, i]; sum += v[i] }
        if ((b in mean) && nns[b] > 0 && (sum / nns[b] - mean[b]) ^ 2 > (0.01 * mean[b]) ^ 2)
          printf "%s: mean of the parsed iterations %.3f, JMH mean %.3f\n", b, sum / nns[b], mean[b] > check
        med[b] = nns[b] ? median(v, nns[b]) : 0; lo[b] = v[1]; hi[b] = v[nns[b]]
        for (i = 1; i <= nby[b]; i++) w[i] = by[b, i]
        bmed[b] = nby[b] ? median(w, nby[b]) : 0; blo[b] = nby[b] ? w[1] : 0; bhi[b] = nby[b] ? w[nby[b]] : 0
        if (method == "handWrittenLoop") hand[cls] = b
      }
      for (k = 1; k <= count; k++) {
        b = order[k]; n = split(b, parts, "."); cls = parts[n - 1]; method = parts[n]
        if (nns[b] == 0) continue
        section = "jmh-" tolower(cls); sub(/benchmark$/, "", section)
        owner = method ~ /^hydro/ ? "hydro" : method ~ /^kafkaStreams/ ? "kafka-streams" : "java"
        row = section "," owner "," method
        printf "%s,ns_per_element,%.3f,%.3f,%.3f,ns/element,%d\n", row, med[b], lo[b], hi[b], nns[b]
        printf "%s,bytes_per_element,%.3f,%.3f,%.3f,B/element,%d\n", row, bmed[b], blo[b], bhi[b], nby[b]
        h = hand[cls]
        if (h != "" && med[h] > 0 && lo[h] > 0)
          printf "%s,ratio_to_handwritten,%.3f,%.3f,%.3f,x,%d\n", row, med[b] / med[h], lo[b] / hi[h], hi[b] / lo[h],
                 nns[b]
      }
    }' "$RAW/jmh.csv" "$RAW/jmh.log"
}

# Edge: per (size, system) over the rounds; % of raw is paired per round (each round runs raw, bytes, bincode).
edge_rows() {
  awk -F',' '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function emit(key, metric, unit, values, n,   i, a, ks, sys, name) {
      for (i = 1; i <= n; i++) a[i] = values[key, i]
      split(key, ks, SUBSEP)
      sys = ks[2] == "raw" ? "kafka-clients" : "hydro"
      name = ks[2] == "raw" ? "raw" : ks[2] == "bytes" ? "sendBytes" : "sendBincode"
      printf "edge,%s,%s-%sB,%s,%.3f,%.3f,%.3f,%s,%d\n", sys, name, ks[1], metric, median(a, n), a[1], a[n], unit, n
    }
    NR == 1 { next }
    {
      key = $2 SUBSEP $3
      if (!(key in trials)) { order[++count] = key; trials[key] = 0 }
      i = ++trials[key]
      rps[key, i] = $8; mbps[key, i] = $9; p50[key, i] = $10 / 1000; p99[key, i] = $11 / 1000
      round[key, i] = $1; byround[$2, $3, $1] = $8
    }
    END {
      for (k = 1; k <= count; k++) {
        key = order[k]; split(key, ks, SUBSEP)
        emit(key, "records_per_s", "records/s", rps, trials[key])
        emit(key, "mb_per_s", "MB/s", mbps, trials[key])
        emit(key, "p50_latency", "ms", p50, trials[key])
        emit(key, "p99_latency", "ms", p99, trials[key])
        m = 0
        for (i = 1; i <= trials[key]; i++) {
          raw = byround[ks[1], "raw", round[key, i]]
          if (raw > 0) pct[key, ++m] = 100 * rps[key, i] / raw
        }
        if (m > 0 && ks[2] != "raw") emit(key, "pct_of_raw_records_per_s", "%", pct, m)
      }
    }' "$RAW/edge.csv"
}

# Markdown table of the JMH rows of one section: ns and B per element and the ratio, median (min-max).
jmh_table() {
  awk -F',' -v section="$1" '
    $1 == section {
      if (!($3 in seen)) { seen[$3] = 1; order[++count] = $3 }
      cell[$3, $4] = ($4 == "ratio_to_handwritten") ? sprintf("%.2fx (%.2f-%.2f)", $5, $6, $7) \
                   : sprintf("%.1f (%.1f-%.1f)", $5, $6, $7)
      runs[$3] = $9
    }
    END {
      if (count == 0) { print "No rows (see raw/jmh.log)."; exit }
      print "| benchmark | ns/element | B/element | ratio to hand-written | iterations |"
      print "| --- | ---: | ---: | ---: | ---: |"
      for (k = 1; k <= count; k++) {
        b = order[k]
        printf "| `%s` | %s | %s | %s | %s |\n", b, cell[b, "ns_per_element"], cell[b, "bytes_per_element"], \
          ((b, "ratio_to_handwritten") in cell) ? cell[b, "ratio_to_handwritten"] : "-", runs[b]
      }
    }' "$OUT/results.csv"
}

{
  echo "$CSV_HEADER"
  if [[ -f "$RAW/jmh.log" && -f "$RAW/jmh.csv" ]]; then jmh_rows; fi
  if [[ -f "$RAW/memory/memory.csv" ]]; then tail -n +2 "$RAW/memory/memory.csv"; fi
  if [[ "${STATUS[edge]:-}" == ok && -f "$RAW/edge.csv" ]]; then edge_rows; fi
  if [[ -f "$RAW/wordcount/wordcount.csv" ]]; then tail -n +2 "$RAW/wordcount/wordcount.csv"; fi
} >"$OUT/results.csv"

# The issue's targets, checked on the medians: (1a) per JMH section, hydroTickLoop within 2x of the hand-written
# loop and faster than java.util.stream and Kafka Streams; (2) sendBincode at >= 80% of raw records/s.
targets() {
  awk -F',' '
    $1 ~ /^jmh-/ && $4 == "ns_per_element" { ns[$1, $3] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++count] = $1 } }
    $1 ~ /^jmh-/ && $4 == "ratio_to_handwritten" { ratio[$1, $3] = $5 }
    $1 == "edge" && $4 == "pct_of_raw_records_per_s" && $3 ~ /^sendBincode/ { edge[++edges] = $3; pct[$3] = $5 }
    function verdict(ok) { return ok ? "met" : "**not met**" }
    END {
      print "| target | measured (medians) | |"
      print "| --- | --- | --- |"
      # The boxed chain against boxed java.util.stream; where a section also has a primitive variant
      # (hydroTickLoopPrimitive), that one against the primitive java.util.stream.
      split(",Primitive", variants, ",")
      for (k = 1; k <= count; k++) {
        s = order[k]
        for (vi = 1; vi <= 2; vi++) {
          v = variants[vi]; hydro = "hydroTickLoop" v; h = ns[s, hydro]
          if (h == "") continue
          name = s (v == "" ? "" : " (" tolower(v) ")")
          printf "| (1a) %s: hydro within 2x of hand-written | %.2fx | %s |\n", name, ratio[s, hydro], \
            verdict(ratio[s, hydro] <= 2)
          if (ns[s, "javaUtilStream" v] != "")
            printf "| (1a) %s: hydro faster than java.util.stream | %.1f vs %.1f ns/element | %s |\n", name, h, \
              ns[s, "javaUtilStream" v], verdict(h < ns[s, "javaUtilStream" v])
          if (ns[s, "kafkaStreamsTopologyTestDriver"] != "")
            printf "| (1a) %s: hydro faster than the Kafka Streams driver | %.1f vs %.1f ns/element | %s |\n", name, \
              h, ns[s, "kafkaStreamsTopologyTestDriver"], verdict(h < ns[s, "kafkaStreamsTopologyTestDriver"])
        }
      }
      for (k = 1; k <= edges; k++)
        printf "| (2) %s: at least 80%% of raw records/s (paired per round) | %.0f%% | %s |\n", edge[k], pct[edge[k]], \
          verdict(pct[edge[k]] >= 80)
      print "| (3) word count: >= 1.5x Kafka Streams ALO, >= 2x EOS; EOS costs <= 10% | see section 3 | |"
    }' "$OUT/results.csv"
}

# ---------------------------------------------------------------------------------------------------------------
# report.md
jar_property() { unzip -p "$JAR" "$1" 2>/dev/null | sed -n 's/^version=//p' | head -n 1; }
SPRING_BOOT_VERSION="$(sed -n '/<artifactId>spring-boot-starter-parent</{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' \
  "$ROOT/pom.xml")"
OS_NAME="$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
CHANGED="$(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l | tr -d ' ')"
section_status() { echo "${STATUS[$1]:-not selected}${DURATION[$1]:+, ${DURATION[$1]} s}"; }

{
  echo "# Benchmark suite: $START_UTC"
  echo
  echo "\`benchmarks/run-suite.sh\`, $TOTAL s in all. Rows of every section: [results.csv](results.csv)."
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| CPUs (nproc) | $(nproc) |"
  echo "| CPU model | $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown) |"
  echo "| memory | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null) |"
  echo "| OS | $OS_NAME, $(uname -srm) |"
  echo "| load average (1, 5, 15 min) at start | $LOAD_START |"
  echo "| load average at end | $LOAD_END |"
  echo
  echo "## Versions"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| java | $("$JAVA" -version 2>&1 | sed -n '2p') |"
  echo "| Kafka clients | $(jar_property kafka/kafka-version.properties) |"
  echo "| Kafka Streams | $(jar_property kafka/kafka-streams-version.properties) |"
  echo "| Spring Boot | $SPRING_BOOT_VERSION |"
  echo "| JMH | $(jar_property META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties) |"
  echo "| hydro-spring | commit $COMMIT ($CHANGED files changed or new in the working tree) |"
  echo
  echo "## Settings"
  echo
  echo "| section | status | settings |"
  echo "| --- | --- | --- |"
  echo "| JMH | $(section_status jmh) | \`$JMH_ARGS -prof gc\`, JVM defaults (G1, default heap) |"
  echo "| memory | $(section_status memory) | \`MemoryBenchmark ${MEMORY_ARGS:-(defaults)}\`, fresh JVM per figure |"
  echo "| edge | $(section_status edge) | \`EdgeThroughputBenchmark $EDGE_ARGS\`, -Xmx1g |"
  echo "| word count end to end | $(section_status wordcount) |" \
       "\`WordCountEndToEnd ${WORDCOUNT_ARGS:-(defaults)}\`, -Xmx1g |"
  echo "| broker | ${BROKER_PORT:+127.0.0.1:$BROKER_PORT} | standalone KRaft (config/kafka/kafka-start.sh)," \
       "${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}, on the same cores |"
  echo
  echo "## Targets of issue 6 at a glance"
  echo
  targets
  echo
  echo "## 1. One location instance against hand-written code (JMH)"
  echo
  if [[ -f "$RAW/jmh.log" ]]; then
    [[ "${STATUS[jmh]:-}" == ok ]] || echo "**$(section_status jmh)**: the rows below are what the log holds."
    echo "Median (min-max) over the measurement iterations; the ratio's range pairs the extremes"
    echo "(fastest against slowest). Raw: raw/jmh.log, raw/jmh.csv (JMH's mean and error)."
    for section in jmh-mapfilterfold jmh-wordcount jmh-join; do
      echo
      echo "### $section"
      echo
      jmh_table "$section"
    done
  else
    echo "$(section_status jmh) (see raw/jmh.log)."
  fi
  echo
  echo "## 2. One network edge (\`EdgeThroughputBenchmark\`)"
  echo
  if [[ "${STATUS[edge]:-}" == ok ]]; then
    echo "As printed by the harness. Its last column divides the medians; the rows in results.csv"
    echo "(\`pct_of_raw_records_per_s\`) divide each round's trial by that round's raw trial instead."
    echo "Raw: raw/edge.log, raw/edge.csv."
    echo
    grep '^|' "$RAW/edge.log" || true
  else
    echo "$(section_status edge) (see raw/edge.log)."
  fi
  echo
  echo "## 3. Word count end to end (\`WordCountEndToEnd\`)"
  echo
  if [[ -f "$RAW/wordcount/wordcount.md" ]]; then
    sed 's/^#/##/' "$RAW/wordcount/wordcount.md"
  else
    if [[ -f "$RAW/wordcount.log" ]]; then
      echo "$(section_status wordcount) (see raw/wordcount.log)."
    else
      echo "$(section_status wordcount)."
    fi
  fi
  echo
  echo "## 4. Memory (\`MemoryBenchmark\`)"
  echo
  if [[ -f "$RAW/memory/memory.md" ]]; then
    sed '1{/^## /d}' "$RAW/memory/memory.md" | sed '1{/^$/d}'
  else
    echo "$(section_status memory) (see raw/memory.log)."
  fi
} >"$OUT/report.md"

log "report: $OUT/report.md ($TOTAL s)"
log "rows:   $OUT/results.csv ($(($(wc -l <"$OUT/results.csv") - 1)) rows)"
failed=0
for s in "${SECTIONS[@]}"; do [[ "${STATUS[$s]:-}" == failed ]] && failed=1; done
exit "$failed"
