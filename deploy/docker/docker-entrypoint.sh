#!/usr/bin/env bash
# Entrypoint of the WaApp image: starts one host, chosen by the first argument or WAAPP_ROLE.
#   docker-entrypoint.sh silo | gateway | server   run that host (extra arguments go to the host); server is the
#                                                  co-hosted mode: the gateway's endpoints inside a silo
#   docker-entrypoint.sh healthcheck         exit 0 when the running host answers GET /health/live with 200
#   docker-entrypoint.sh advertised-ip       print the address a silo would advertise (diagnostics)
# WAAPP_HTTP_PORT overrides the HTTP port (default: 8081 for the silo, 8080 for the gateway and the server).
# On ECS Fargate, when Orleans__AdvertisedIP is unset, the silo advertises the task's private IP, read from the
# ECS task metadata endpoint ($ECS_CONTAINER_METADATA_URI_V4), else the first address of `hostname -i`.
set -euo pipefail

# Remembers the role for later `healthcheck` runs, which start as separate processes without the role argument.
role_file="${TMPDIR:-/tmp}/waapp-role"

die() {
  printf 'docker-entrypoint: %s\n' "$*" >&2
  exit 1
}

# Minimal HTTP/1.0 GET over bash's /dev/tcp (the runtime image has no curl). Prints the body; fails unless 200.
http_get() {
  local url="$1" rest host port path status line
  rest="${url#http://}"
  [ "$rest" != "$url" ] || die "only http:// URLs are supported: $url"
  host="${rest%%/*}"
  path="/${rest#*/}"
  [ "$host" != "$rest" ] || path="/"
  port=80
  if [[ "$host" == *:* ]]; then
    port="${host##*:}"
    host="${host%%:*}"
  fi
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
  IFS= read -r -t 5 status <&3 || return 1
  [[ "$status" == HTTP/1.?\ 200* ]] || return 1
  # Skip the headers, print the body.
  while IFS= read -r -t 5 line <&3; do
    [ "${line%$'\r'}" = "" ] && break
  done
  cat <&3
  exec 3<&-
}

role_port() {
  case "$1" in
    silo) printf '%s' "${WAAPP_HTTP_PORT:-8081}" ;;
    gateway | server) printf '%s' "${WAAPP_HTTP_PORT:-8080}" ;;
    *) die "unknown role '$1' (expected silo, gateway or server)" ;;
  esac
}

task_private_ip() {
  local metadata ip=""
  if [ -n "${ECS_CONTAINER_METADATA_URI_V4:-}" ]; then
    # The container metadata lists the awsvpc network with its IPv4 address, e.g. "IPv4Addresses": ["10.0.1.23"].
    if metadata="$(http_get "$ECS_CONTAINER_METADATA_URI_V4")"; then
      ip="$(printf '%s' "$metadata" | tr -d ' \t\r\n' | sed -n 's/.*"IPv4Addresses":\["\([0-9.]*\)".*/\1/p' | head -n 1)"
    fi
  fi
  if [ -z "$ip" ]; then
    ip="$(hostname -i 2>/dev/null | awk '{ print $1 }' || true)"
  fi
  printf '%s' "$ip"
}

command="${1:-${WAAPP_ROLE:-}}"
[ $# -eq 0 ] || shift
[ -n "$command" ] || die "no role given: pass 'silo', 'gateway' or 'server' (or set WAAPP_ROLE)"

case "$command" in
  healthcheck)
    role="${WAAPP_ROLE:-gateway}"
    [ ! -f "$role_file" ] || role="$(cat "$role_file")"
    http_get "http://127.0.0.1:$(role_port "$role")/health/live" >/dev/null
    ;;
  advertised-ip)
    printf '%s\n' "${Orleans__AdvertisedIP:-$(task_private_ip)}"
    ;;
  silo | server)
    port="$(role_port "$command")"
    if [ -z "${Orleans__AdvertisedIP:-}" ]; then
      Orleans__AdvertisedIP="$(task_private_ip)"
      [ -n "$Orleans__AdvertisedIP" ] || die "Orleans__AdvertisedIP is unset and the task's private IP could not be found"
      export Orleans__AdvertisedIP
    fi
    printf '%s' "$command" >"$role_file"
    export ASPNETCORE_URLS="http://+:$port"
    unset ASPNETCORE_HTTP_PORTS
    if [ "$command" = server ]; then
      exec dotnet /app/server/WaApp.Server.dll "$@"
    fi
    exec dotnet /app/silo/WaApp.Silo.dll "$@"
    ;;
  gateway)
    port="$(role_port gateway)"
    printf 'gateway' >"$role_file"
    export ASPNETCORE_URLS="http://+:$port"
    unset ASPNETCORE_HTTP_PORTS
    exec dotnet /app/gateway/WaApp.WebGateway.dll "$@"
    ;;
  *)
    die "unknown role '$command' (expected silo, gateway, server, healthcheck or advertised-ip)"
    ;;
esac
