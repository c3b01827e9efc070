#!/usr/bin/env bash
# WaApp benchmark on loopback: dynalite + one silo + one gateway (Release, Production logging), signed webhooks
# generated ahead and sent by wrk, then a loss check, the store's own ceiling, host CPU and silo memory.
# Usage: ./bench/run.sh [--duration 30s] [--connections 64] [--users 10000] [--threads 2] [--warmup 5s]
#                       [--max-rate 8000] [--ceiling 10s] [--memory-conversations 100000] [--memory-messages 10]
#                       [--status-percent 0]   (share of bodies that are status updates of earlier outbound messages)
#                       [--heap-dump FILE]     (after the memory run, a dotnet-dump heap dump of the silo to FILE)
# --ceiling 0 / --memory-conversations 0 skip those parts. Everything started here is stopped on exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

duration=30s connections=64 users=10000 threads=2 warmup=5s max_rate=8000 ceiling=10s
memory_conversations=100000 memory_messages=10 status_percent=0 heap_dump=
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || die "option $1 needs a value"
  case "$1" in
    --duration) duration="$2" ;;
    --connections) connections="$2" ;;
    --users) users="$2" ;;
    --threads) threads="$2" ;;
    --warmup) warmup="$2" ;;
    --max-rate) max_rate="$2" ;;
    --ceiling) ceiling="$2" ;;
    --memory-conversations) memory_conversations="$2" ;;
    --memory-messages) memory_messages="$2" ;;
    --status-percent) status_percent="$2" ;;
    --heap-dump) heap_dump="$2" ;;
    *) die "unknown option $1 (see the usage line at the top of bench/run.sh)" ;;
  esac
  shift 2
done
seconds_of() { case "$1" in *m) echo $((${1%m} * 60)) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
duration_s="$(seconds_of "$duration")"
warmup_s="$(seconds_of "$warmup")"
for value in "$duration_s" "$connections" "$users" "$threads" "$max_rate"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "durations and counts must be positive numbers (got '$value')"
done
[[ "$warmup_s" =~ ^[0-9]+$ && "$memory_conversations" =~ ^[0-9]+$ ]] || die "--warmup and --memory-conversations must be numbers"

require_dotnet
require_node
install_dynamodb_local
apt_install wrk bc

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
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
wait_ready() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (log: $work/$name.log)"
    [ $SECONDS -lt $deadline ] || die "$name was not ready at $url within 120 s"
    sleep 0.5
  done
}

log "building Release (Silo, WebGateway, bench driver)"
for project in Silo/Silo.csproj WebGateway/WebGateway.csproj bench/WaApp.Bench/WaApp.Bench.csproj; do
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
export Orleans__ClusterId="$cluster" Orleans__ServiceId=waapp-bench Orleans__AdvertisedIP=127.0.0.1

log "starting dynalite (in memory), one silo and one gateway on free loopback ports"
node tools/dynamodb-local/start.js --port 0 --ready-file "$work/dynalite.url" >"$work/dynalite.log" 2>&1 &
pids+=($!)
dynalite_pid=$!
for _ in $(seq 1 120); do [ -s "$work/dynalite.url" ] && break; sleep 0.25; done
[ -s "$work/dynalite.url" ] || die "dynalite did not start (log: $work/dynalite.log)"
DynamoDB__Service="$(cat "$work/dynalite.url")"
export DynamoDB__Service

silo_http="$(free_port)"
Orleans__SiloPort="$(free_port)" Orleans__GatewayPort="$(free_port)" ASPNETCORE_URLS="http://127.0.0.1:$silo_http" \
  dotnet Silo/bin/Release/net10.0/WaApp.Silo.dll >"$work/silo.log" 2>&1 &
pids+=($!)
silo_pid=$!
wait_ready silo "http://127.0.0.1:$silo_http/health/ready" "$silo_pid"

gateway_url="http://127.0.0.1:$(free_port)"
ASPNETCORE_URLS="$gateway_url" dotnet WebGateway/bin/Release/net10.0/WaApp.WebGateway.dll >"$work/gateway.log" 2>&1 &
pids+=($!)
gateway_pid=$!
wait_ready gateway "$gateway_url/health/ready" "$gateway_pid"

run_id="r$(date +%s)"
per_thread=$(((duration_s * max_rate + threads - 1) / threads))
log "generating $((per_thread * threads)) signed webhooks for $users users ($threads wrk threads)"
common=(--users "$users" --threads "$threads" --phone-number-id 100200300400500 --status-percent "$status_percent")
bench_tool generate --run-id "$run_id" --per-thread "$per_thread" --out "$work/run" --secret "$secret" "${common[@]}"

if [ "$warmup_s" -gt 0 ]; then
  # One message per user first, so the measured run sees active conversations, as a busy number's traffic does;
  # --warmup 0 measures cold conversations (every first message also reads the stream back).
  warm_per_thread=$(((users + threads - 1) / threads))
  bench_tool generate --run-id "w$run_id" --per-thread "$warm_per_thread" --out "$work/warm" --secret "$secret" "${common[@]}" >/dev/null
  log "warm-up: one message for each of the $users users, then ${warmup_s}s more (JIT, connections; not counted)"
  BENCH_BODIES="$work/warm" BENCH_SENT="$work/warm.sent" \
    wrk -t "$threads" -c "$connections" -d 600s --timeout 15s -s bench/webhooks.lua "$gateway_url" >/dev/null &
  warm_pid=$!
  until [ "$(find "$work/warm" -name 'exhausted-*' | wc -l)" -ge "$threads" ] || ! kill -0 "$warm_pid" 2>/dev/null; do sleep 0.5; done
  kill -INT "$warm_pid" 2>/dev/null || true
  wait "$warm_pid" || true
  bench_tool generate --run-id "x$run_id" --per-thread $(((warmup_s * max_rate + threads - 1) / threads)) --out "$work/warm2" \
    --secret "$secret" "${common[@]}" >/dev/null
  BENCH_BODIES="$work/warm2" BENCH_SENT="$work/warm2.sent" \
    wrk -t "$threads" -c "$connections" -d "${warmup_s}s" --timeout 15s -s bench/webhooks.lua "$gateway_url" >/dev/null
fi

log "load: ${duration_s}s, $connections connections, $threads threads (load average before: $(load))"
silo_before="$(cpu_ticks "$silo_pid")" gateway_before="$(cpu_ticks "$gateway_pid")" dynalite_before="$(cpu_ticks "$dynalite_pid")"
started=$(date +%s.%N)
BENCH_BODIES="$work/run" BENCH_SENT="$work/run.sent" \
  wrk -t "$threads" -c "$connections" -d "${duration_s}s" --timeout 15s -s bench/webhooks.lua "$gateway_url" | tee "$work/wrk.txt"
elapsed="$(echo "$(date +%s.%N) - $started" | bc -l)"
ticks="$(getconf CLK_TCK)"
cpu() { echo "scale=2; ($(cpu_ticks "$1") - $2) / $ticks / $elapsed" | bc -l; }
echo "cpu (cores busy on average): silo $(cpu "$silo_pid" "$silo_before"), gateway $(cpu "$gateway_pid" "$gateway_before"), dynalite $(cpu "$dynalite_pid" "$dynalite_before"); load average after: $(load)"
echo "rss: silo $(rss_mb "$silo_pid") MB, gateway $(rss_mb "$gateway_pid") MB"

sleep 2 # let requests wrk abandoned at the end finish on the server
bench_tool check --run-id "$run_id" --per-thread "$per_thread" "${common[@]}" --connections "$connections" \
  --service "$DynamoDB__Service" --table-prefix "$prefix" --sent "$work/run.sent" || loss_status=$?

if [ "$ceiling" != "0" ]; then
  log "store ceiling: bare conditional PutItem at $connections writers (load average before: $(load))"
  bench_tool store-ceiling --service "$DynamoDB__Service" --connections "$connections" --duration "$ceiling"
fi

if [ "$memory_conversations" -gt 0 ]; then
  log "memory: activating $memory_conversations conversations x $memory_messages messages in the silo (load average before: $(load))"
  rss_before="$(rss_mb "$silo_pid")"
  bench_tool memory --service "$DynamoDB__Service" --table-prefix "$prefix" --cluster-id "$cluster" --service-id waapp-bench \
    --conversations "$memory_conversations" --messages "$memory_messages"
  rss_after="$(rss_mb "$silo_pid")"
  echo "memory: silo RSS $rss_before MB -> $rss_after MB = $(( (rss_after - rss_before) * 1048576 / memory_conversations )) bytes per conversation (RSS, includes GC headroom)"
  if [ -n "$heap_dump" ]; then
    dotnet tool restore >/dev/null
    dotnet tool run dotnet-dump collect -p "$silo_pid" --type Heap -o "$heap_dump" >/dev/null
    echo "memory: silo heap dump in $heap_dump (dotnet tool run dotnet-dump analyze $heap_dump -c 'dumpheap -stat' -c exit)"
  fi
fi

log "done ($(date -u +%FT%TZ), $(nproc) cores, load average $(load))"
exit "${loss_status:-0}"
