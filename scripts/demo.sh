#!/usr/bin/env bash
# A whole conversation on a running ./scripts/start_dev.sh: sets a welcome message for the number, has a customer
# write through the Cloud API simulator, then shows the inbound message, the automatic reply and its statuses.
# Usage: ./scripts/demo.sh [TEXT]   (honours GATEWAY_PORT, SIMULATOR_PORT, Api__Keys__0)
set -euo pipefail

gateway="http://127.0.0.1:${GATEWAY_PORT:-8080}"
simulator="http://127.0.0.1:${SIMULATOR_PORT:-8090}"
key="${Api__Keys__0:-dev-api-key}"
number="${DEMO_PHONE_NUMBER_ID:-117283940561728}"
customer="${DEMO_CUSTOMER:-4915112345678}"
text="${1:-Hi! Do you ship to Berlin?}"

command -v curl >/dev/null 2>&1 || { echo "error: curl is required" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "error: node is required (it prints the JSON)" >&2; exit 1; }
curl -fsS -o /dev/null "$gateway/health/ready" || { echo "error: no WaApp gateway at $gateway: run ./scripts/start_dev.sh first" >&2; exit 1; }

echo "==> welcome message for $number"
curl -fsS -o /dev/null -X PUT "$gateway/api/v1/businesses/$number/settings" \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"welcomeMessage":"Welcome to Acme! An agent will answer shortly."}'

echo "==> the customer writes: $text"
TEXT="$text" NUMBER="$number" CUSTOMER="$customer" node -e '
  process.stdout.write(JSON.stringify({ phoneNumberId: process.env.NUMBER, from: process.env.CUSTOMER, name: "Demo Customer", text: process.env.TEXT }));
' | curl -fsS -o /dev/null -X POST "$simulator/simulator/inbound" -H 'Content-Type: application/json' --data-binary @-

# The simulator answers the reply with sent, delivered and read status webhooks a few seconds apart.
for _ in $(seq 1 20); do
  sleep 1
  page="$(curl -fsS -H "Authorization: Bearer $key" "$gateway/api/v1/conversations/$number/$customer/messages?limit=5")"
  if PAGE="$page" node -e 'const p = JSON.parse(process.env.PAGE); process.exit(p.items.some(i => i.direction === "outbound" && i.status === "read") ? 0 : 1)'; then
    break
  fi
done

echo "==> the conversation (newest last)"
# shellcheck disable=SC2016 # JavaScript template literals, not shell expansions.
PAGE="$page" node -e '
  for (const m of JSON.parse(process.env.PAGE).items) {
    const times = Object.entries(m.statusTimes ?? {}).map(([s, t]) => `${s} ${t.slice(11, 19)}`).join(", ");
    console.log(`${m.direction.padEnd(8)} ${m.status.padEnd(9)} ${m.text ?? "[" + m.type + "]"}${times ? "   (" + times + ")" : ""}`);
  }'
