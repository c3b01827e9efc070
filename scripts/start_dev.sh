#!/usr/bin/env bash
# Runs WaApp locally: dynalite (data in .data/), SILOS silo(s), the gateway and the Cloud API simulator.
# Every setting of the design's settings table can be given in the environment; unset ones get dev defaults.
# Ctrl-C or SIGTERM stops everything this script started, and nothing else.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

silos="${SILOS:-1}"
[[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "SILOS must be a positive number, got '$silos'"
configuration="${CONFIGURATION:-Debug}"
dynamodb_port="${DYNAMODB_PORT:-8000}"
gateway_port="${GATEWAY_PORT:-8080}"
simulator_port="${SIMULATOR_PORT:-8090}"
data_dir="${DATA_DIR:-$root/.data}"

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
base_silo_port="${Orleans__SiloPort:-11111}"
base_gateway_port="${Orleans__GatewayPort:-30000}"

require_dotnet
require_node
install_dynamodb_local
log "dotnet build WaApp.sln ($configuration)"
dotnet build WaApp.sln -c "$configuration" -nologo -v quiet

pids=()
# Stops in reverse start order (gateway before silos before dynalite), so silos can still record their
# departure in the membership table; a process that ignores SIGTERM for 30 s is killed.
stop_all() {
  trap - INT TERM EXIT
  local i pid
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[$i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ ${#pids[@]} -eq 0 ] || log "stopped ${#pids[@]} processes"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() {
  local name="$1" url="$2" pid="$3" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (see its output above)"
    [ $SECONDS -lt $deadline ] || die "$name did not answer at $url within 120 s"
    sleep 0.5
  done
}

host_dll() { echo "$root/$1/bin/$configuration/net10.0/$2.dll"; }

log "dynalite on 127.0.0.1:$dynamodb_port (data in $data_dir/dynamodb)"
if [[ "$DynamoDB__Service" == "http://127.0.0.1:$dynamodb_port" ]]; then
  node tools/dynamodb-local/start.js --port "$dynamodb_port" --path "$data_dir/dynamodb" &
  pids+=($!)
  wait_for dynalite "http://127.0.0.1:$dynamodb_port" "${pids[-1]}"
else
  log "DynamoDB__Service is $DynamoDB__Service: not starting dynalite"
fi

for ((i = 0; i < silos; i++)); do
  silo_http=$((8081 + i))
  Orleans__SiloPort=$((base_silo_port + i)) Orleans__GatewayPort=$((base_gateway_port + i)) \
    ASPNETCORE_URLS="http://127.0.0.1:$silo_http" \
    dotnet "$(host_dll Silo WaApp.Silo)" &
  pids+=($!)
  wait_for "silo $i" "http://127.0.0.1:$silo_http/health/ready" "${pids[-1]}"
done

ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" dotnet "$(host_dll WebGateway WaApp.WebGateway)" &
pids+=($!)
wait_for gateway "http://127.0.0.1:$gateway_port/health/ready" "${pids[-1]}"

Simulator__ListenUrl="http://127.0.0.1:$simulator_port" ASPNETCORE_URLS="http://127.0.0.1:$simulator_port" \
  Simulator__WebhookUrl="${Simulator__WebhookUrl:-http://127.0.0.1:$gateway_port/webhook}" \
  Simulator__AppSecret="${Simulator__AppSecret:-$WhatsApp__AppSecrets__0}" \
  Simulator__AccessToken="${Simulator__AccessToken:-$WhatsApp__AccessToken}" \
  dotnet "$(host_dll tools/CloudApiSimulator WaApp.CloudApiSimulator)" &
pids+=($!)
wait_for simulator "http://127.0.0.1:$simulator_port/health/live" "${pids[-1]}"

cat <<INFO

WaApp is running ($silos silo(s), cluster '$Orleans__ClusterId', tables '${DynamoDB__TablePrefix}*').
  Webhook        http://127.0.0.1:$gateway_port/webhook   (verify token: $WhatsApp__VerifyToken)
  REST API       http://127.0.0.1:$gateway_port/api/v1    (Authorization: Bearer $Api__Keys__0)
  Health         http://127.0.0.1:$gateway_port/health/ready, silos http://127.0.0.1:8081/health/ready ...
  Inbox          http://127.0.0.1:$gateway_port/inbox     (sign in with $Api__Keys__0)
  Live feed      ws://127.0.0.1:$gateway_port/ws?access_token=$Api__Keys__0&business=117283940561728
  Dashboard      http://127.0.0.1:$gateway_port/dashboard/?access_token=$Api__Keys__0
  Simulator      http://127.0.0.1:$simulator_port           (Graph API stand-in)
  DynamoDB       $DynamoDB__Service
Demo: ./scripts/demo.sh   (a customer writes, the welcome auto-reply goes out, its statuses come back)
Try: ./scripts/post_webhook.sh tests/Fixtures/webhooks/text.json
     curl -H "Authorization: Bearer $Api__Keys__0" http://127.0.0.1:$gateway_port/api/v1/conversations/117283940561728/14155550123/messages
Press Ctrl-C to stop.
INFO

# Stop everything as soon as any one of our processes dies.
wait -n "${pids[@]}" || true
log "a process exited; stopping the rest"
