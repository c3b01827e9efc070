#!/usr/bin/env bash
# Runs WaApp locally: dynalite and s3rver (data in .data/), the Cloud API simulator and WaApp. HOSTING=server (the default with
# SILOS=1) runs SILOS co-hosted server(s), the gateway's endpoints inside a silo process (WaApp.Server);
# HOSTING=split (the default with SILOS>1) runs SILOS silo(s) and a separate gateway (WaApp.Silo + WaApp.WebGateway).
# Every setting of the design's settings table can be given in the environment; unset ones get dev defaults.
# Ports: DYNAMODB_PORT (8000), S3_PORT (4569), SIMULATOR_PORT (8090), SILO_HTTP_PORT (8081, then +1 per silo; co-hosted: the second
# server's HTTP port and up), GATEWAY_PORT (8080, the first server's in co-hosted mode), Management__Port (9090, +1 per server),
# Orleans__SiloPort (11111) and Orleans__GatewayPort (30000), each +1 per silo. NO_BUILD=1 skips the build.
# The gateway starts last, so once its /health/ready answers 200 every process is listening.
# Ctrl-C or SIGTERM stops everything this script started, and nothing else, within 10 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

silos="${SILOS:-1}"
[[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "SILOS must be a positive number, got '$silos'"
if [ "$silos" = 1 ]; then hosting="${HOSTING:-server}"; else hosting="${HOSTING:-split}"; fi
[[ "$hosting" = server || "$hosting" = split ]] || die "HOSTING must be server or split, got '$hosting'"
configuration="${CONFIGURATION:-Debug}"
dynamodb_port="${DYNAMODB_PORT:-8000}"
gateway_port="${GATEWAY_PORT:-8080}"
simulator_port="${SIMULATOR_PORT:-8090}"
silo_http_port="${SILO_HTTP_PORT:-8081}"
data_dir="${DATA_DIR:-$root/.data}"
s3_port="${S3_PORT:-4569}"

# Dev defaults for the settings table (design section 6); the environment wins.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-$DOTNET_ENVIRONMENT}"
export WhatsApp__AppSecrets__0="${WhatsApp__AppSecrets__0:-test-app-secret-0f3c9a7e5b1d4e28}"
export WhatsApp__VerifyToken="${WhatsApp__VerifyToken:-dev-verify-token}"
export WhatsApp__AccessToken="${WhatsApp__AccessToken:-dev-access-token}"
export WhatsApp__GraphApiBaseUrl="${WhatsApp__GraphApiBaseUrl:-http://127.0.0.1:$simulator_port/}"
export WhatsApp__ApiVersion="${WhatsApp__ApiVersion:-v24.0}"
export DynamoDB__Service="${DynamoDB__Service:-http://127.0.0.1:$dynamodb_port}"
export DynamoDB__TablePrefix="${DynamoDB__TablePrefix:-waapp-dev-}"
# Media files go to the local s3rver (its fixed credentials); the bucket is created at start-up.
export Media__ServiceUrl="${Media__ServiceUrl:-http://127.0.0.1:$s3_port}"
export Media__BucketName="${Media__BucketName:-waapp-dev-media}"
export Media__AccessKey="${Media__AccessKey:-S3RVER}"
export Media__SecretKey="${Media__SecretKey:-S3RVER}"
export Media__CreateBucketIfNotExists="${Media__CreateBucketIfNotExists:-true}"
export Orleans__ClusterId="${Orleans__ClusterId:-dev}"
export Orleans__ServiceId="${Orleans__ServiceId:-waapp}"
export Orleans__AdvertisedIP="${Orleans__AdvertisedIP:-127.0.0.1}"
if [ -z "${Api__Keys__0:-}" ]; then
  # The well-known dev key only where the gateway accepts it (Development); elsewhere a random one of 32+ characters.
  if [ "$DOTNET_ENVIRONMENT" = "Development" ]; then
    Api__Keys__0=dev-api-key
  else
    Api__Keys__0="local-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  fi
fi
export Api__Keys__0
# Outside Development the silo seals tenants' access tokens with a key it must be given: one kept beside the data, so
# tokens stored in an earlier run still open.
if [ -z "${Tenants__TokenEncryptionKey:-}" ] && [ "$DOTNET_ENVIRONMENT" != "Development" ]; then
  mkdir -p "$data_dir"
  key_file="$data_dir/token-encryption-key"
  [ -s "$key_file" ] || (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$key_file")
  Tenants__TokenEncryptionKey="$(cat "$key_file")"
  export Tenants__TokenEncryptionKey
fi
base_silo_port="${Orleans__SiloPort:-11111}"
base_gateway_port="${Orleans__GatewayPort:-30000}"

require_dotnet
require_node
install_dynamodb_local
if [ "${NO_BUILD:-0}" != "1" ]; then
  log "dotnet build WaApp.sln ($configuration)"
  dotnet build WaApp.sln -c "$configuration" -nologo -v quiet
fi

pids=()
dynalite_pid=""
s3_pid=""
# Within 10 s of Ctrl-C or SIGTERM: every host at once (each shuts down in a second or two), then dynalite, so
# silos can still record their departure in the membership table; whatever is left after its share is killed.
stop_all() {
  trap - INT TERM EXIT
  local hosts=() pid
  for pid in "${pids[@]}"; do
    [ "$pid" = "$dynalite_pid" ] || [ "$pid" = "$s3_pid" ] || hosts+=("$pid")
  done
  stop_within 7 ${hosts[@]+"${hosts[@]}"}
  [ -z "$dynalite_pid" ] || stop_within 2 "$dynalite_pid"
  [ -z "$s3_pid" ] || stop_within 1 "$s3_pid"
  [ ${#pids[@]} -eq 0 ] || log "stopped ${#pids[@]} processes"
}

# SIGTERM to every given process, SIGKILL to those still running after $1 seconds.
stop_within() {
  local seconds="$1" pid deadline
  shift
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + seconds))
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Job control puts each background process in its own process group, so a terminal's Ctrl-C (SIGINT to the
# foreground group) reaches only this script. Without it dynalite stopped at once, and silos then spent their
# 30 s shutdown timeout trying to record their departure in a table that was gone.
set -m

wait_for() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (see its output above)"
    [ $SECONDS -lt $deadline ] || die "$name did not answer at $url within 120 s"
    sleep 0.5
  done
}

# Runs a host from its build output. exec: the background job is the host itself, not a subshell waiting for it,
# so the pid we signal is the process that has to stop.
exec_host() { exec dotnet "$root/$1/bin/$configuration/net10.0/$2.dll"; }

log "dynalite on 127.0.0.1:$dynamodb_port (data in $data_dir/dynamodb)"
if [[ "$DynamoDB__Service" == "http://127.0.0.1:$dynamodb_port" ]]; then
  node tools/dynamodb-local/start.js --port "$dynamodb_port" --path "$data_dir/dynamodb" &
  dynalite_pid=$!
  pids+=("$dynalite_pid")
  wait_for dynalite "http://127.0.0.1:$dynamodb_port" "$dynalite_pid"
else
  log "DynamoDB__Service is $DynamoDB__Service: not starting dynalite"
fi

if [[ "$Media__ServiceUrl" == "http://127.0.0.1:$s3_port" ]]; then
  log "s3rver on 127.0.0.1:$s3_port (media files in $data_dir/s3)"
  node tools/dynamodb-local/start-s3.js --port "$s3_port" --path "$data_dir/s3" &
  s3_pid=$!
  pids+=("$s3_pid")
  wait_for s3rver "http://127.0.0.1:$s3_port" "$s3_pid"
else
  log "Media__ServiceUrl is $Media__ServiceUrl: not starting s3rver"
fi

# Before the silos (they send through it) and the gateway (its readiness must mean everything is listening).
Simulator__ListenUrl="http://127.0.0.1:$simulator_port" ASPNETCORE_URLS="http://127.0.0.1:$simulator_port" \
  Simulator__WebhookUrl="${Simulator__WebhookUrl:-http://127.0.0.1:$gateway_port/webhook}" \
  Simulator__AppSecret="${Simulator__AppSecret:-$WhatsApp__AppSecrets__0}" \
  Simulator__AccessToken="${Simulator__AccessToken:-$WhatsApp__AccessToken}" \
  exec_host tools/CloudApiSimulator WaApp.CloudApiSimulator &
pids+=($!)
wait_for simulator "http://127.0.0.1:$simulator_port/health/live" "${pids[-1]}"

base_management_port="${Management__Port:-9090}"
if [ "$hosting" = server ]; then
  # The first server answers on the gateway port (the simulator's webhook URL); the others after SILO_HTTP_PORT.
  for ((i = 0; i < silos; i++)); do
    if [ "$i" = 0 ]; then server_http=$gateway_port; else server_http=$((silo_http_port + i - 1)); fi
    Orleans__SiloPort=$((base_silo_port + i)) Orleans__GatewayPort=$((base_gateway_port + i)) \
      Management__Port=$((base_management_port + i)) ASPNETCORE_URLS="http://127.0.0.1:$server_http" \
      exec_host Server WaApp.Server &
    pids+=($!)
    wait_for "server $i" "http://127.0.0.1:$server_http/health/ready" "${pids[-1]}"
  done
  health_line="http://127.0.0.1:$gateway_port/health/ready (co-hosted: gateway and silo in one process per server)"
else
  for ((i = 0; i < silos; i++)); do
    silo_http=$((silo_http_port + i))
    Orleans__SiloPort=$((base_silo_port + i)) Orleans__GatewayPort=$((base_gateway_port + i)) \
      ASPNETCORE_URLS="http://127.0.0.1:$silo_http" \
      exec_host Silo WaApp.Silo &
    pids+=($!)
    wait_for "silo $i" "http://127.0.0.1:$silo_http/health/ready" "${pids[-1]}"
  done

  Management__Port="$base_management_port" ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" exec_host WebGateway WaApp.WebGateway &
  pids+=($!)
  wait_for gateway "http://127.0.0.1:$gateway_port/health/ready" "${pids[-1]}"
  health_line="http://127.0.0.1:$gateway_port/health/ready, silos http://127.0.0.1:$silo_http_port/health/ready ..."
fi

cat <<INFO

WaApp is running ($silos $([ "$hosting" = server ] && echo "co-hosted server(s)" || echo "silo(s) and a gateway"), cluster '$Orleans__ClusterId', tables '${DynamoDB__TablePrefix}*').
  Webhook        http://127.0.0.1:$gateway_port/webhook   (verify token: $WhatsApp__VerifyToken)
  REST API       http://127.0.0.1:$gateway_port/api/v1    (Authorization: Bearer $Api__Keys__0)
  Health         $health_line
  Inbox          http://127.0.0.1:$gateway_port/inbox     (sign in with $Api__Keys__0)
  Live feed      ws://127.0.0.1:$gateway_port/ws?access_token=$Api__Keys__0&business=117283940561728
  Dashboard      http://127.0.0.1:$gateway_port/dashboard/?access_token=$Api__Keys__0
  Simulator      http://127.0.0.1:$simulator_port           (Graph API stand-in)
  DynamoDB       $DynamoDB__Service
  Media (S3)     $Media__ServiceUrl   (bucket $Media__BucketName)
Demo: ./scripts/demo.sh   (a customer writes, the welcome auto-reply goes out, its statuses come back)
Try: ./scripts/post_webhook.sh tests/Fixtures/webhooks/text.json
     curl -H "Authorization: Bearer $Api__Keys__0" http://127.0.0.1:$gateway_port/api/v1/conversations/117283940561728/14155550123/messages
Press Ctrl-C to stop.
INFO

# Stop everything as soon as any one of our processes dies.
wait -n "${pids[@]}" || true
log "a process exited; stopping the rest"
