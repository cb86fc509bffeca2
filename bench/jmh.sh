#!/usr/bin/env bash
# JMH benchmarks of the core: parsing a real /endpoints response, the canonical store's write and
# read, a diff of two real versions, minimal aggregation and budgeted summarisation, rendering all
# fourteen targets (CoreBench), and the synthetic feed at 1,000, 3,000 and 10,000 endpoint sets
# (ScaleBench). Builds them with the bench profile, runs them, and prints the Markdown table that
# docs/performance.md shows (also in target/jmh/summary.md).
#
#   bench/jmh.sh            # about 6 minutes on 2 cores: one fork, 3 warm-up and 5 measured 1 s iterations
#   bench/jmh.sh --quick    # about 2 minutes: 1 warm-up and 2 measured iterations; for a smoke run
#   bench/jmh.sh [--quick] ScaleBench.aggregate -p sets=10000    # a benchmark regex and -p pass through to JMH
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$home"

opts=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
if [ "${1:-}" = "--quick" ]; then
  opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  shift
fi

echo "bench/jmh.sh: building the benchmarks (mvn -Pbench test-compile) ..." >&2
mvn -B -q -Pbench -DskipTests test-compile >target/bench-build.log 2>&1 || { cat target/bench-build.log >&2; exit 1; }
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/jmh
echo "bench/jmh.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
# -Xmx1g: the 10,000-set data stays in memory between iterations; 2 cores, so one thread
java -cp "$cp" org.openjdk.jmh.Main "${opts[@]}" -t 1 -jvmArgs "-Xmx1g" -rf json -rff target/jmh/result.json "$@" \
  | tee target/jmh/result.txt
java -cp "$cp" io.github.o365watch.bench.JmhSummary target/jmh/result.json | tee target/jmh/summary.md
echo "bench/jmh.sh: load $(cut -d' ' -f1-3 /proc/loadavg) after the run" >&2
