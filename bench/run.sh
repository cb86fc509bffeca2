#!/usr/bin/env bash
# Whole-process timings of bin/o365watch as cron and CI run it, each repeated and measured with
# /usr/bin/time -v (wall, CPU, peak RSS), against a local HTTP mirror on loopback that counts the
# requests of every run:
#
#   nochange    the nightly sync when nothing was published: one request, nothing written
#   newversion  a sync that fetches one new version and regenerates all fourteen targets and the reports
#   check       the CI gate on current outputs
#   audit       audit over an iptables log of 250,000, 500,000 and 1,000,000 lines
#   scale       a sync of one new synthetic version at 1,000, 3,000 and 10,000 endpoint sets
#               (10 prefixes each: 10,000 sets is the issue's 100,000 prefixes) in a 256 MB heap,
#               thirteen targets (csv's output grows with entries times sets per group; see docs/performance.md)
#
# Peers run beside ours, alternating with it, against the same mirror and log, and the summary gives
# the ratio of the medians (ours / peer) per scenario:
#   nochange, check: the flow of Microsoft's documented Python sample (bench/peers/ms_sample_flow.py:
#               read the state file, ask /version, stop), and the floor (bench/floor/Hello.java: a
#               hello-world picocli command started as bin/o365watch starts o365watch, same JVM flags
#               and class-data archive; the HTTP floor, bench/floor/Request.java: the same, asking /version
#               once with OkHttp; and the library floor, bench/floor/Libraries.java: the same, but
#               reading the site's config and lock with Jackson and asking /version once with OkHttp)
#   audit       a plain Python audit (bench/peers/audit.py: regex and ipaddress over the collapsed prefixes)
#
# Real data is Microsoft's Worldwide lists (2019102800, then 2019112700) from the test fixtures.
# The first run of bin/o365watch makes its class-data archive (AppCDS); that run is a warm-up and
# is not counted. Results go to target/bench-run/summary.md and are printed.
#
#   bench/run.sh                    # every scenario, 10 runs each (fewer for the long ones); about 8 minutes on 2 cores
#   bench/run.sh --quick            # 3 runs each, audit at 1,000,000 lines only, scale at 1,000 and 10,000 sets; about 3 minutes
#   bench/run.sh nochange check     # only these scenarios
#   O365WATCH_CDS=off bench/run.sh  # without the class-data archive; O365WATCH_JAVA_OPTS adds JVM flags
#   BENCH_SCALE_HEAP=1g bench/run.sh scale   # the scale runs in another heap (default 256m, the goal)
set -euo pipefail
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$home"

quick=0
scenarios=()
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    nochange|newversion|check|audit|scale) scenarios+=("$a") ;;
    *) echo "usage: bench/run.sh [--quick] [nochange|newversion|check|audit|scale]..." >&2; exit 2 ;;
  esac
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(nochange newversion check audit scale)

missing=()
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian package 'time': apt-get install time)")
command -v java >/dev/null || missing+=("java (17 or newer)")
command -v mvn >/dev/null || missing+=("mvn")
command -v flock >/dev/null || missing+=("flock (util-linux)")
command -v python3 >/dev/null || missing+=("python3 (the peers in bench/peers)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'bench/run.sh: missing: %s\n' "${missing[@]}" >&2
  exit 1
fi

if [ $quick -eq 1 ]; then
  runs=3; long_runs=2; audit_sizes=(1000000); scale_sizes=(1000 10000); scale_runs=1
else
  runs=10; long_runs=5; audit_sizes=(250000 500000 1000000); scale_sizes=(1000 3000 10000); scale_runs=2
fi

echo "bench/run.sh: building the jar and the bench tools (mvn -Pbench package) ..." >&2
mkdir -p target
mvn -B -q -Pbench -DskipTests package >target/bench-build.log 2>&1 || { cat target/bench-build.log >&2; exit 1; }
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
launcher="$home/bin/o365watch"
# the floor: compiled against the jar (picocli is in it), run with the jar first on the class path
mkdir -p target/bench-floor
javac --release 17 -cp target/o365watch.jar -d target/bench-floor bench/floor/Hello.java bench/floor/Request.java bench/floor/Libraries.java
# the interpreter itself, not a version manager's shim script in front of it
python="$(python3 -c 'import sys; print(sys.executable)')"

work="$home/target/bench-run"
rm -rf "$work"
mkdir -p "$work/mirror" "$work/xdg"
data="$home/target/bench-data"   # generated logs and synthetic mirrors, kept between runs
mkdir -p "$data"

# the local web service; it stops by itself after 30 minutes
java -cp "$cp" io.github.o365watch.bench.MirrorServer "$work/mirror" 30 >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/mirror/port" ] && break; sleep 0.1; done
[ -s "$work/mirror/port" ] || { echo "bench/run.sh: the mirror server did not start; see $work/server.log" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$work/mirror/port")"

export XDG_CONFIG_HOME="$work/xdg"
export O365WATCH_CLIENT_REQUEST_ID="b10a6d5e-0c1f-4e5b-9a7e-3c2d1e0f9a8b"

# a mirror directory for one real version of the fixtures
real_mirror() {
  local v="$1" dir="$work/mirror/real-$1"
  mkdir -p "$dir/version" "$dir/endpoints"
  printf '[{"instance":"Worldwide","latest":"%s"}]\n' "$v" >"$dir/version.json"
  printf '{"instance":"Worldwide","latest":"%s","versions":["%s"]}\n' "$v" "$v" >"$dir/version/Worldwide.json"
  cp "src/test/resources/fixtures/m365/worldwide/$v.json" "$dir/endpoints/Worldwide.json"
}

publish() { ln -sfn "$1" "$work/mirror/current"; }

# a site: o365watch.yaml with all fourteen targets (but those named after the directory) and both
# report formats, an empty store
new_site() {
  local dir="$1"
  shift
  local skip=" $* "
  mkdir -p "$dir"
  {
    echo "store: snapshots"
    echo "source: $url"
    echo "instances: [Worldwide]"
    echo "output: generated"
    echo "targets:"
    for t in $(ls rules-templates | grep -v '\.'); do
      [ "${skip#* $t }" != "$skip" ] && continue
      echo "  - name: $t"
      [ "$t" = pac ] && printf '    options:\n      proxy: PROXY proxy.contoso.com:8080\n'
    done
    echo "reports:"
    echo "  formats: [markdown, html]"
    echo "  directory: reports"
    echo "  feed: reports/o365watch.rss"
  } >"$dir/o365watch.yaml"
}

results="$work/results.txt"   # scenario size wall user sys rss_kb exit requests

# the floor, as bin/o365watch starts a command (its JVM flags, its archive for this jar and JVM), in a
# script of its own as the launcher is one; written once the first run has made the archive
write_floor() {
  local jvm=(-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1) a
  if [ "${O365WATCH_CDS:-on}" != off ]; then
    a="$(ls "$home"/target/o365watch-aot-*.aot 2>/dev/null | head -n 1 || true)"
    if [ -n "$a" ] && [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/release")" -ge 24 ]; then
      jvm+=(-XX:AOTCache="$a" -Xlog:aot=off -Xlog:cds=off)
    else
      a="$(ls "$home"/target/o365watch-cds-*.jsa 2>/dev/null | head -n 1 || true)"
      [ -n "$a" ] && jvm+=(-XX:SharedArchiveFile="$a" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
  fi
  local main
  for main in Hello Request Libraries; do
    {
      echo '#!/usr/bin/env bash'
      echo "exec $(command -v java) ${jvm[*]} ${O365WATCH_JAVA_OPTS:-} -cp $home/target/o365watch.jar:$home/target/bench-floor $main \"\$@\""
    } >"$work/floor-$main.sh"
    chmod +x "$work/floor-$main.sh"
  done
}

# the Python sample's state file: its client request id, and the version the site applied
peer_state() {
  printf '%s\n%s\n' "$O365WATCH_CLIENT_REQUEST_ID" "$1" >"$work/peer-state.txt"
}

: >"$results"

# one timed run: label, size, directory, command...; prints nothing, appends to $results
timed() {
  local label="$1" size="$2" dir="$3"
  shift 3
  : >"$work/mirror/requests.log"
  local code=0
  (cd "$dir" && /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt") || code=$?
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "$label $size $wall $user $sys $rss $code $(wc -l <"$work/mirror/requests.log")" >>"$results"
  if [ "$code" -ne 0 ] && [ -z "${may_fail:-}" ]; then
    echo "bench/run.sh: $label exited $code:" >&2
    cat "$work/err.txt" >&2
    exit 1
  fi
}

real_mirror 2019102800
real_mirror 2019112700

# the state before a new version: 2019102800 applied; and after it: 2019112700 applied
prepare_real() {
  [ -d "$work/site-before" ] && return
  new_site "$work/site-before"
  publish "$work/mirror/real-2019102800"
  (cd "$work/site-before" && "$launcher" sync >/dev/null)   # also makes the class-data archive: not timed
  cp -a "$work/site-before" "$work/site-after"
  publish "$work/mirror/real-2019112700"
  (cd "$work/site-after" && "$launcher" sync >/dev/null)
  (cd "$work/site-after" && "$launcher" sync >/dev/null)    # a warm-up of the no-change path
}

for s in "${scenarios[@]}"; do
  case "$s" in
    nochange)
      prepare_real
      publish "$work/mirror/real-2019112700"
      peer_state 2019112700
      write_floor
      for _ in $(seq $runs); do
        timed nochange real "$work/site-after" "$launcher" sync
        timed nochange-peer real "$work" "$python" "$home/bench/peers/ms_sample_flow.py" "$work/peer-state.txt" "$url"
        timed nochange-floor real "$work" "$work/floor-Hello.sh"
        timed nochange-httpfloor real "$work" "$work/floor-Request.sh" --source "$url"
        timed nochange-libfloor real "$work/site-after" "$work/floor-Libraries.sh"
      done
      ;;
    newversion)
      prepare_real
      for _ in $(seq $long_runs); do
        rm -rf "$work/site"; cp -a "$work/site-before" "$work/site"
        publish "$work/mirror/real-2019112700"
        timed newversion real "$work/site" "$launcher" sync
      done
      ;;
    check)
      prepare_real
      publish "$work/mirror/real-2019112700"
      peer_state 2019112700
      for _ in $(seq $runs); do
        timed check real "$work/site-after" "$launcher" check
        timed check-peer real "$work" "$python" "$home/bench/peers/ms_sample_flow.py" "$work/peer-state.txt" "$url"
      done
      ;;
    audit)
      prepare_real
      for n in "${audit_sizes[@]}"; do
        [ -s "$data/kern-$n.log" ] || java -cp "$cp" io.github.o365watch.testing.ScaleFeed kernlog "$n" "$data/kern-$n.log"
        for _ in $(seq $long_runs); do
          timed audit "$n" "$work/site-after" "$launcher" audit --store snapshots --log "$data/kern-$n.log"
          timed audit-peer "$n" "$work" "$python" "$home/bench/peers/audit.py" "$work/mirror/real-2019112700/endpoints/Worldwide.json" "$data/kern-$n.log"
        done
      done
      ;;
    scale)
      for n in "${scale_sizes[@]}"; do
        prefixes=$((n * 10))
        for v in 48 49; do
          [ -s "$data/scale-$n-$v/version.json" ] || java -cp "$cp" io.github.o365watch.testing.ScaleFeed mirror "$n" "$prefixes" "$v" "$data/scale-$n-$v"
        done
        rm -rf "$work/scale-before"
        # not csv: it repeats a group's endpoint sets on every row, 245 MB at 10,000 sets (docs/performance.md)
        new_site "$work/scale-before" csv
        publish "$data/scale-$n-48"
        (cd "$work/scale-before" && "$launcher" sync >/dev/null)
        for _ in $(seq $scale_runs); do
          rm -rf "$work/site"; cp -a "$work/scale-before" "$work/site"
          publish "$data/scale-$n-49"
          # a run that runs out of heap is a figure too: the table shows its exit code (70)
          O365WATCH_JAVA_OPTS="${O365WATCH_JAVA_OPTS:-} -Xmx${BENCH_SCALE_HEAP:-256m} -Xlog:gc:file=$work/gc.log" may_fail=1 \
            timed scale "$n" "$work/site" "$launcher" sync
          # the most heap in use at any collection (before it collected): the peak, to within one young generation
          peak=$(grep -o '[0-9]*M->' "$work/gc.log" | sed 's/M->//' | sort -n | tail -1)
          sed -i '$ s/$/ '"${peak:-0}"'/' "$results"
        done
      done
      ;;
  esac
done

# the table: per scenario and size, wall median (min-max), CPU median, peak RSS, requests per run
median() { sort -n | awk '{v[NR]=$1} END {print NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
{
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores,"\
    "$(free -g | awk '/Mem:/ {print $2}') GB; $(java -version 2>&1 | head -1); load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "CDS: ${O365WATCH_CDS:-on}; O365WATCH_JAVA_OPTS: ${O365WATCH_JAVA_OPTS:-(none)}; scale heap: -Xmx${BENCH_SCALE_HEAP:-256m}."
  echo
  echo "| scenario | size | runs | wall median | wall min | wall max | CPU median (user+sys) | peak RSS | peak heap | requests per run | exit |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  awk '!seen[$1" "$2]++ {print $1" "$2}' "$results" | while read -r label size; do
    rows=$(awk -v l="$label" -v z="$size" '$1==l && $2==z' "$results")
    n=$(echo "$rows" | wc -l)
    wmed=$(echo "$rows" | awk '{print $3}' | median)
    wmin=$(echo "$rows" | awk '{print $3}' | sort -n | head -1)
    wmax=$(echo "$rows" | awk '{print $3}' | sort -n | tail -1)
    cmed=$(echo "$rows" | awk '{print $4+$5}' | median)
    rss=$(echo "$rows" | awk '{print $6}' | sort -n | tail -1)
    heap=$(echo "$rows" | awk '{print ($9=="" ? 0 : $9)}' | sort -n | tail -1)
    req=$(echo "$rows" | awk '{print $8}' | sort -nu | paste -sd, -)
    codes=$(echo "$rows" | awk '{print $7}' | sort -nu | paste -sd, -)
    extra=""
    [ "${label%-peer}" = audit ] && extra=$(awk -v z="$size" -v m="$wmed" 'BEGIN {printf " (%.0f lines/s)", z/m}')
    awk -v l="$label" -v z="$size" -v n="$n" -v m="$wmed" -v e="$extra" -v a="$wmin" -v b="$wmax" -v c="$cmed" -v r="$rss" -v h="$heap" -v q="$req" -v x="$codes" \
      'BEGIN {printf "| %s | %s | %d | %.2f s%s | %.2f s | %.2f s | %.2f s | %.0f MB | %s | %s | %s |\n", l, z, n, m, e, a, b, c, r/1024, (h>0 ? h " MB" : "-"), q, x}'
  done
  # ours beside each peer that ran with it: the ratio of the wall medians
  wmedian() { awk -v l="$1" -v z="$2" '$1==l && $2==z {print $3}' "$results" | median; }
  if grep -q -- '-\(peer\|floor\|httpfloor\|libfloor\) ' "$results"; then
    echo
    echo "Ours beside the peers (alternating runs; ratio = our wall median / the peer's):"
    echo
    echo "| scenario | size | ours | peer | peer's wall median | ratio |"
    echo "| --- | --- | ---: | --- | ---: | ---: |"
    awk '!seen[$1" "$2]++ && $1 ~ /-(peer|floor|httpfloor|libfloor)$/ {print $1" "$2}' "$results" | while read -r other size; do
      label="${other%-*}"
      case "$other" in
        *-floor) name="hello-world picocli (bench/floor/Hello.java)" ;;
        *-httpfloor) name="picocli and one OkHttp request (bench/floor/Request.java)" ;;
        *-libfloor) name="picocli, Jackson and OkHttp, one request (bench/floor/Libraries.java)" ;;
        audit-peer) name="plain Python audit (bench/peers/audit.py)" ;;
        *) name="Microsoft's Python sample flow (bench/peers/ms_sample_flow.py)" ;;
      esac
      ours=$(wmedian "$label" "$size")
      theirs=$(wmedian "$other" "$size")
      awk -v l="$label" -v z="$size" -v o="$ours" -v n="$name" -v t="$theirs" \
        'BEGIN {printf "| %s | %s | %.2f s | %s | %.2f s | %.2f |\n", l, z, o, n, t, (t > 0 ? o / t : 0)}'
    done
    if grep -q -- '-libfloor ' "$results"; then
      lib=$(wmedian nochange-libfloor real)
      http=$(wmedian nochange-httpfloor real)
      hello=$(wmedian nochange-floor real)
      echo
      awk -v a="$http" -v b="$hello" 'BEGIN {printf "The HTTP floor is %.2f times the hello-world floor (%.2f s against %.2f s).\n", (b > 0 ? a / b : 0), a, b}'
      awk -v a="$lib" -v b="$hello" 'BEGIN {printf "The library floor is %.2f times the hello-world floor (%.2f s against %.2f s).\n", (b > 0 ? a / b : 0), a, b}'
    fi
  fi
} | tee "$work/summary.md"
