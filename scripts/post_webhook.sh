#!/usr/bin/env bash
# Posts a webhook body signed like Meta signs it (HMAC-SHA256 of the exact bytes with the app secret).
# Usage: ./scripts/post_webhook.sh FILE [URL]   (secret: $WhatsApp__AppSecrets__0, default the fixtures' test secret)
set -euo pipefail

file="${1:?usage: post_webhook.sh FILE [URL]}"
url="${2:-http://127.0.0.1:${GATEWAY_PORT:-8080}/webhook}"
secret="${WhatsApp__AppSecrets__0:-test-app-secret-0f3c9a7e5b1d4e28}"
[ -f "$file" ] || { echo "error: no such file: $file" >&2; exit 1; }

signature="$(SECRET="$secret" node -e '
  const crypto = require("crypto");
  const body = require("fs").readFileSync(process.argv[1]);
  process.stdout.write("sha256=" + crypto.createHmac("sha256", process.env.SECRET).update(body).digest("hex"));
' "$file")"

curl -sS -o /dev/stderr -w '%{http_code}\n' -X POST "$url" \
  -H 'Content-Type: application/json' \
  -H "X-Hub-Signature-256: $signature" \
  --data-binary "@$file"
