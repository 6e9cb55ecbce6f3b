#!/usr/bin/env bash
# Side-by-side benchmark of NetToolbox's forwarder against haproxy, rinetd and socat, all on loopback.
#
#   bench/forwarder.sh            # needs: iperf3 wrk nginx-light haproxy rinetd socat python3 dotnet
#
# Starts nginx (1 KiB file), an iperf3 server, haproxy, rinetd, socat (fork) and NetToolbox.Web (Release build,
# its own plugins dir), starts the forwarder through the REST API, runs every load against the direct target and
# each relay in one run, and prints a table with the ratio NetToolbox/haproxy per row. Then holds IDLE_CONNS idle
# connections through each relay and reports the relay's RSS growth per connection.
# Only 127.0.0.1 is used. Every process started here is stopped on exit.
#
# Environment: DURATION (s, default 5), IDLE_CONNS (default 5000), WARM_CONNS (warm-up batch, default 500), NT_NO_BUILD=1 to reuse the last Release build,
# ROUNDS (default 3): each load runs through every relay before the next load, odd rounds in the order of RELAYS
# and even rounds reversed; the table shows the median of the rounds — the machine is shared, so single samples
# swing by a third — and the ratio of each round is printed below it. STATS_SECONDS (default 6): how long the
# forwarder's run is read over REST while the idle connections are held (sample cadence, REST latency).
# NO_LOADS=1 to measure idle-connection memory only, NO_IDLE=1 to skip it; RELAYS (default "direct haproxy rinetd
# socat nettoolbox") and LOADS (default "i1 i8 ka cl lat": iperf3 1/8 streams, wrk keep-alive/close, one
# connection's latency) pick rows for quick runs.
set -euo pipefail

DURATION=${DURATION:-5}
IDLE_CONNS=${IDLE_CONNS:-5000}
WARM_CONNS=${WARM_CONNS:-500}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/nt-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers run as an unprivileged user
PIDS=()

cleanup() {
    set +e
    if [[ -n "${NT_URL:-}" ]]; then
        for run in "${NT_RUNS[@]:-}"; do
            [[ -n "$run" ]] && curl -s -o /dev/null -X DELETE "$NT_URL/api/runs/$run"
        done
    fi
    for pid in "${PIDS[@]:-}"; do
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]:-}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '# %s\n' "$*" >&2; }

# Checked before anything starts: a misspelt load or relay would otherwise leave its rows empty after minutes.
for load in ${LOADS:-}; do
    [[ " i1 i8 ka cl lat " == *" $load "* ]] || { echo "unknown load '$load' in LOADS (known: i1 i8 ka cl lat)" >&2; exit 1; }
done
for relay in ${RELAYS:-}; do
    [[ " direct haproxy rinetd socat nettoolbox " == *" $relay "* ]] || { echo "unknown relay '$relay' in RELAYS" >&2; exit 1; }
done

# --- prerequisites -----------------------------------------------------------------------------------------
need=()
for tool in iperf3 wrk nginx haproxy rinetd socat; do
    command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        log "installing iperf3 wrk nginx-light haproxy rinetd socat"
        DEBIAN_FRONTEND=noninteractive apt-get install -y iperf3 wrk nginx-light haproxy rinetd socat >/dev/null
    else
        echo "missing: ${need[*]} (apt-get install -y iperf3 wrk nginx-light haproxy rinetd socat)" >&2
        exit 1
    fi
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "dotnet is needed" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

# --- ports -------------------------------------------------------------------------------------------------
read -r P_HTTP P_IPERF P_SINK P_APP \
    HA_HTTP HA_IPERF HA_SINK RI_HTTP RI_IPERF RI_SINK SO_HTTP SO_IPERF NT_HTTP NT_IPERF NT_SINK < <(python3 - <<'EOF'
import socket
socks = []
for _ in range(15):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)

wait_port() { # port, what
    for _ in $(seq 300); do
        if python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "$2 did not start listening on 127.0.0.1:$1" >&2
    exit 1
}

# --- targets -----------------------------------------------------------------------------------------------
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/html"
head -c 1024 /dev/zero | tr '\0' 'x' >"$WORK/nginx/html/1k.txt"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
worker_rlimit_nofile 20000;
events { worker_connections 8192; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
    uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
    server { listen 127.0.0.1:$P_HTTP backlog=4096; root $WORK/nginx/html; }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
iperf3 -s -B 127.0.0.1 -p "$P_IPERF" >/dev/null 2>&1 &
PIDS+=($!)

# --- relays ------------------------------------------------------------------------------------------------
cat >"$WORK/haproxy.cfg" <<EOF
global
    maxconn 9000
defaults
    mode tcp
    timeout connect 5s
    timeout client 1h
    timeout server 1h
listen http
    bind 127.0.0.1:$HA_HTTP
    server s 127.0.0.1:$P_HTTP
listen iperf
    bind 127.0.0.1:$HA_IPERF
    server s 127.0.0.1:$P_IPERF
listen sink
    bind 127.0.0.1:$HA_SINK
    server s 127.0.0.1:$P_SINK
EOF
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
PIDS+=($!); HA_PID=$!

cat >"$WORK/rinetd.conf" <<EOF
127.0.0.1 $RI_HTTP 127.0.0.1 $P_HTTP
127.0.0.1 $RI_IPERF 127.0.0.1 $P_IPERF
127.0.0.1 $RI_SINK 127.0.0.1 $P_SINK
EOF
rinetd -f -c "$WORK/rinetd.conf" >/dev/null 2>&1 &
PIDS+=($!); RI_PID=$!

socat "TCP-LISTEN:$SO_HTTP,bind=127.0.0.1,reuseaddr,fork,backlog=4096" "TCP:127.0.0.1:$P_HTTP" 2>/dev/null &
PIDS+=($!); SO_PID=$!
socat "TCP-LISTEN:$SO_IPERF,bind=127.0.0.1,reuseaddr,fork,backlog=4096" "TCP:127.0.0.1:$P_IPERF" 2>/dev/null &
PIDS+=($!)

# --- NetToolbox: the web app, forwarder runs started through the REST API ------------------------------------
APP_DIR=$ROOT/src/NetToolbox.Web/bin/Release/net10.0
if [[ -z "${NT_NO_BUILD:-}" ]]; then
    log "building NetToolbox.Web (Release)"
    dotnet build -c Release "$ROOT/src/NetToolbox.Web" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
fi
cp -r "$APP_DIR/plugins" "$WORK/plugins"
NT_URL=http://127.0.0.1:$P_APP
NT_RUNS=()
(cd "$APP_DIR" && exec dotnet NetToolbox.Web.dll --Urls="$NT_URL" --Plugins:Directory="$WORK/plugins" \
    --Logging:LogLevel:Default=Warning) >"$WORK/app.log" 2>&1 &
PIDS+=($!); NT_PID=$!
wait_port "$P_APP" NetToolbox

start_forwarder() { # listen port, target port
    local body="{\"listen\":\"127.0.0.1:$1\",\"target\":\"127.0.0.1:$2\",\"maxConnections\":10000}"
    local reply
    reply=$(curl -sf -X POST "$NT_URL/api/tools/forwarder/runs" -H 'content-type: application/json' -d "$body") \
        || { echo "starting the forwarder failed: $body" >&2; cat "$WORK/app.log" >&2; exit 1; }
    NT_RUNS+=("$(python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])' <<<"$reply")")
}
start_forwarder "$NT_HTTP" "$P_HTTP"
start_forwarder "$NT_IPERF" "$P_IPERF"
start_forwarder "$NT_SINK" "$P_SINK"

for p in "$P_HTTP" "$P_IPERF" "$HA_HTTP" "$HA_IPERF" "$RI_HTTP" "$RI_IPERF" "$SO_HTTP" "$SO_IPERF" "$NT_HTTP" "$NT_IPERF"; do
    wait_port "$p" "port $p"
done

declare -A R
# --- idle connections first (RSS before = the freshly started relay): whole process tree before and after ---
# Sums over a process and its live descendants: "rss" = VmRSS (kB); "cpu" = utime+stime+cutime+cstime (clock
# ticks, so children that already exited count too).
tree_sum() { # pid, rss|cpu
    python3 - "$1" "$2" <<'EOF'
import os, sys
root, what = int(sys.argv[1]), sys.argv[2]; children = {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            pass
total, todo, seen = 0, [root], set()
while todo and len(seen) < 100000:
    p = todo.pop()
    if p in seen: continue
    seen.add(p); todo.extend(children.get(p, []))
    try:
        if what == "rss":
            with open(f"/proc/{p}/status") as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        else:
            with open(f"/proc/{p}/stat") as f:
                total += sum(int(x) for x in f.read().rsplit(")", 1)[1].split()[11:15])
    except (OSError, ValueError):
        pass
print(total)
EOF
}
tree_rss_kb() { tree_sum "$1" rss; }
tree_cpu_ticks() { tree_sum "$1" cpu; }

# While the idle connections are held: read the sink forwarder's run through the REST API, as a browser's view
# would, for STATS_SECONDS, and report how regularly its aggregated samples arrive and how fast the API answers.
stats_while_held() {
    python3 - "$NT_URL" "${NT_RUNS[2]}" "${STATS_SECONDS:-6}" <<'EOF'
import json, sys, time, urllib.request
from datetime import datetime
url, run, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
after, stamps, values, slowest, polls = 0, [], [], 0.0, 0
end = time.monotonic() + seconds
while time.monotonic() < end and polls < 10000:
    started = time.monotonic()
    with urllib.request.urlopen(f"{url}/api/runs/{run}?afterSeq={after}", timeout=10) as reply:
        body = json.load(reply)
    slowest, polls = max(slowest, time.monotonic() - started), polls + 1
    for event in body.get("events", []):
        after = max(after, event.get("seq", after))
        if event.get("type") == "sample" and event.get("series") == "connections" and after > 0 and polls > 1:
            stamps.append(datetime.fromisoformat(event["at"].replace("Z", "+00:00")).timestamp())
            values.append(event.get("value"))
    time.sleep(0.2)
gaps = [b - a for a, b in zip(stamps, stamps[1:])]
if values:
    print(f"{len(values)} connection samples in {seconds:.0f} s, largest gap {max(gaps, default=0):.2f} s, "
          f"last value {values[-1]:.0f}; slowest of {polls} REST polls {slowest * 1000:.0f} ms")
else:
    print(f"no connection samples in {seconds:.0f} s ({polls} REST polls)")
EOF
}

idle_test() { # name, pid, relay sink port → prints "bytes per connection" or fail
    local name=$1 pid=$2 port=$3
    local fifo=$WORK/hold.$name out=$WORK/hold.$name.out
    # Warm-up: one short batch first, so "before" is a relay that has served connections (code loaded and
    # compiled, pools filled), not a cold process; the difference is the memory the idle connections hold.
    sleep 1
    local cold; cold=$(tree_rss_kb "$pid")
    python3 "$ROOT/bench/idle_holder.py" "$port" "$P_SINK" "$WARM_CONNS" 0 </dev/null >"$out.warm" 2>&1 || true
    sleep 2
    local before; before=$(tree_rss_kb "$pid")
    mkfifo "$fifo"
    python3 "$ROOT/bench/idle_holder.py" "$port" "$P_SINK" "$IDLE_CONNS" 120 <"$fifo" >"$out" 2>&1 &
    local hpid=$!
    PIDS+=($hpid)
    exec 9>"$fifo"
    for _ in $(seq 1200); do grep -q '^held' "$out" && break; kill -0 "$hpid" 2>/dev/null || break; sleep 0.1; done
    sleep 2 # let the relay settle (lazy allocations, GC)
    local after; after=$(tree_rss_kb "$pid")
    if [[ $name == nettoolbox ]]; then stats_while_held >"$WORK/held.stats"; fi
    local held; held=$(sed -n 's/^held \([0-9]*\).*/\1/p' "$out")
    exec 9>&-
    wait "$hpid" 2>/dev/null || true
    log "$name idle: warm-up $(cat "$out.warm"); $(cat "$out") rss ${cold} kB cold, ${before} kB warm -> ${after} kB holding; cold→holding $(python3 -c "print('%.2f' % (($after - $cold) * 1024 / $IDLE_CONNS / 1000))") KB/conn"
    if [[ -n "$held" && "$held" -gt 0 ]]; then
        python3 -c "print('%.2f' % (($after - $before) * 1024 / $held / 1000))"
    else
        echo fail
    fi
}

if [[ -z "${NO_IDLE:-}" ]]; then
    R[haproxy,mem]=$(idle_test haproxy "$HA_PID" "$HA_SINK")
    R[rinetd,mem]=$(idle_test rinetd "$RI_PID" "$RI_SINK")
    R[nettoolbox,mem]=$(idle_test nettoolbox "$NT_PID" "$NT_SINK")
    R[direct,mem]="—"; R[socat,mem]="(a process each)"
fi

# --- loads -------------------------------------------------------------------------------------------------
iperf_gbits() { # port, streams
    local json value
    for _ in 1 2 3; do # the iperf3 server serves one test at a time; retry if it is still busy
        json=$(iperf3 -c 127.0.0.1 -p "$1" -P "$2" -t "$DURATION" -J 2>/dev/null || true)
        value=$(python3 -c '
import json, sys
try: print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))
except (ValueError, KeyError, TypeError): print("fail")' <<<"$json")
        [[ "$value" != fail ]] && { echo "$value"; return; }
        sleep 1
    done
    echo "fail"
}

wrk_krps() { # relay pid (or ""), port, connections, extra header args... → "k req/s" "relay CPU µs per request"
    local pid=$1 port=$2 conns=$3; shift 3
    local out before=0 after=0
    [[ -n "$pid" ]] && before=$(tree_cpu_ticks "$pid")
    out=$(wrk -t2 -c"$conns" -d"${DURATION}s" "$@" "http://127.0.0.1:$port/1k.txt" 2>&1) || { echo "fail —"; return; }
    [[ -n "$pid" ]] && after=$(tree_cpu_ticks "$pid")
    python3 - "$out" "$before" "$after" "$pid" "$(getconf CLK_TCK)" <<'EOF'
import re, sys
out, before, after, pid, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
m = re.search(r"Requests/sec:\s+([\d.]+)", out)
n = re.search(r"(\d+) requests in", out)
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
v = "%.1f" % (float(m.group(1)) / 1000) if m else "fail"
if bad: v += "!"  # some responses were not 2xx
cpu = "%.1f" % ((after - before) / hz * 1e6 / int(n.group(1))) if pid and n and int(n.group(1)) else "—"
print(v, cpu)
EOF
}

wrk_latency_us() { # port → "p50 p99" of one connection's request round trip (µs), wrk -t1 -c1 keep-alive
    local out
    out=$(wrk -t1 -c1 -d"${DURATION}s" --latency "http://127.0.0.1:$1/1k.txt" 2>&1) || { echo "fail fail"; return; }
    python3 - "$out" <<'EOF'
import re, sys
scale = {"us": 1, "ms": 1e3, "s": 1e6}
def pct(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", sys.argv[1], re.M)
    return "%.1f" % (float(m.group(1)) * scale[m.group(2)]) if m else "fail"
print(pct(50), pct(99))
EOF
}

median() { # values… (non-numbers ignored) → median, or "—"
    python3 -c "
import statistics, sys
v = [float(x.rstrip('!')) for x in sys.argv[1:] if x.rstrip('!').replace('.', '', 1).isdigit()]
print(('%.2f' if statistics.median(v) < 10 else '%.1f') % statistics.median(v) if v else '—')" "$@"
}

read -r -a NAMES <<<"${RELAYS:-direct haproxy rinetd socat nettoolbox}"
LOADS=" ${LOADS:-i1 i8 ka cl lat} "
declare -A HTTP_PORT=([direct]=$P_HTTP [haproxy]=$HA_HTTP [rinetd]=$RI_HTTP [socat]=$SO_HTTP [nettoolbox]=$NT_HTTP)
declare -A IPERF_PORT=([direct]=$P_IPERF [haproxy]=$HA_IPERF [rinetd]=$RI_IPERF [socat]=$SO_IPERF [nettoolbox]=$NT_IPERF)

declare -A RELAY_PID=([direct]="" [haproxy]=$HA_PID [rinetd]=$RI_PID [socat]=$SO_PID [nettoolbox]=$NT_PID)
ROUNDS=${ROUNDS:-3}
declare -A SAMPLES
# Warm-up: one short pass of each HTTP load through every relay, so no relay is measured while it still
# starts up (for NetToolbox: the JIT compiling the accept and relay paths to optimized code).
for n in "${NAMES[@]}"; do
    [[ -n "${NO_LOADS:-}" ]] && break
    log "warm-up: $n"
    wrk -t2 -c32 -d1s "http://127.0.0.1:${HTTP_PORT[$n]}/1k.txt" >/dev/null 2>&1 || true
    wrk -t2 -c32 -d1s -H 'Connection: close' "http://127.0.0.1:${HTTP_PORT[$n]}/1k.txt" >/dev/null 2>&1 || true
done
# Each round runs one load through every relay before the next load, so the samples a ratio pairs are taken
# close together; odd rounds go through the relays in the order given, even rounds in reverse, so no relay is
# always the one measured after (say) socat's thousands of forks or another relay's TIME_WAIT sockets.
run_load() { # round, relay, load
    local round=$1 n=$2 load=$3 krps cpu p50 p99
    case $load in
        i1) log "round $round, $n: iperf3 1 stream"; SAMPLES[$n,i1]+=" $(iperf_gbits "${IPERF_PORT[$n]}" 1)" ;;
        i8) log "round $round, $n: iperf3 8 streams"; SAMPLES[$n,i8]+=" $(iperf_gbits "${IPERF_PORT[$n]}" 8)" ;;
        ka)
            log "round $round, $n: wrk keep-alive"
            read -r krps cpu < <(wrk_krps "${RELAY_PID[$n]}" "${HTTP_PORT[$n]}" 64)
            SAMPLES[$n,ka]+=" $krps"; SAMPLES[$n,kacpu]+=" $cpu" ;;
        lat)
            log "round $round, $n: wrk one connection, latency"
            read -r p50 p99 < <(wrk_latency_us "${HTTP_PORT[$n]}")
            SAMPLES[$n,l50]+=" $p50"; SAMPLES[$n,l99]+=" $p99" ;;
        cl)
            log "round $round, $n: wrk Connection: close"
            read -r krps cpu < <(wrk_krps "${RELAY_PID[$n]}" "${HTTP_PORT[$n]}" 32 -H 'Connection: close')
            SAMPLES[$n,cl]+=" $krps"; SAMPLES[$n,clcpu]+=" $cpu" ;;
    esac
}
REVERSED=()
for ((i = ${#NAMES[@]} - 1; i >= 0; i--)); do REVERSED+=("${NAMES[i]}"); done
for round in $(seq "$ROUNDS"); do
    [[ -n "${NO_LOADS:-}" ]] && break
    if ((round % 2)); then order=("${NAMES[@]}"); else order=("${REVERSED[@]}"); fi
    for load in $LOADS; do
        for n in "${order[@]}"; do run_load "$round" "$n" "$load"; done
    done
done
# The per-round ratio pairs the two relays' samples of one load in one round (one pass through the relays).
paired_ratios() { # load key → "r1 r2 …" (NetToolbox/haproxy per round)
    python3 -c "
import sys
a, b = sys.argv[1].split(), sys.argv[2].split()
out = []
for x, y in zip(a, b):
    try: out.append('%.2f' % (float(x.rstrip('!')) / float(y.rstrip('!'))))
    except (ValueError, ZeroDivisionError): out.append('—')
print(' '.join(out))" "${SAMPLES[nettoolbox,$1]:-}" "${SAMPLES[haproxy,$1]:-}"
}
for key in "${!SAMPLES[@]}"; do
    log "samples $key:${SAMPLES[$key]}"
    # shellcheck disable=SC2086 # one argument per sample
    R[$key]=$(median ${SAMPLES[$key]})
done

# --- table -------------------------------------------------------------------------------------------------
ratio() {
    python3 -c "
import sys
a, b = sys.argv[1].rstrip('!'), sys.argv[2].rstrip('!')
try: print('%.2f' % (float(a) / float(b)))
except ValueError: print('—')" "$1" "$2"
}
echo
echo "NetToolbox forwarder vs haproxy $(haproxy -v | head -1 | awk '{print $3}'), rinetd, socat — 127.0.0.1, ${DURATION} s per load, median of $ROUNDS interleaved rounds, $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
printf '| %-44s | %-7s | %-7s | %-7s | %-7s | %-10s | %-9s |\n' load direct haproxy rinetd socat NetToolbox "NT/haproxy"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "---------" "---------" "---------" "---------" "------------" "-----------"
row() { # key, label
    printf '| %-44s | %7s | %7s | %7s | %7s | %10s | %9s |\n' "$2" "${R[direct,$1]:-—}" "${R[haproxy,$1]:-—}" "${R[rinetd,$1]:-—}" \
        "${R[socat,$1]:-—}" "${R[nettoolbox,$1]:-—}" "$(ratio "${R[nettoolbox,$1]:-—}" "${R[haproxy,$1]:-—}")"
}
row i1 "iperf3, 1 stream (Gbit/s)"
row i8 "iperf3, 8 streams (Gbit/s)"
row ka "wrk -t2 -c64 keep-alive, 1 KiB (k req/s)"
row cl "wrk -t2 -c32 Connection: close (k req/s)"
# Lower is better for CPU, latency and memory: the ratio is still NetToolbox/haproxy.
row kacpu "relay CPU per request, keep-alive (us)"
row clcpu "relay CPU per request, Conn: close (us)"
row l50 "request latency, 1 connection, p50 (us)"
row l99 "request latency, 1 connection, p99 (us)"
row mem "RSS per idle connection, $IDLE_CONNS held (KB)"
echo
for load in i1 i8 ka cl l50 l99; do
    if [[ -n "${SAMPLES[nettoolbox,$load]:-}" && -n "${SAMPLES[haproxy,$load]:-}" ]]; then
        echo "NT/haproxy per round, $load: $(paired_ratios "$load")"
    fi
done
if [[ -s "$WORK/held.stats" ]]; then
    echo "NetToolbox while $IDLE_CONNS idle connections are held: $(cat "$WORK/held.stats")"
fi
