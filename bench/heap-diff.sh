#!/usr/bin/env bash
# What the live heap of a process gained between two heap dumps, per type, divided by a count (for example the
# conversations the memory step activated): ./bench/heap-diff.sh BEFORE.dmp AFTER.dmp 5000 [top=40]
# The dumps come from `./bench/run.sh ... --heap-dump FILE` (FILE.before and FILE).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 BEFORE.dmp AFTER.dmp COUNT [TOP]" >&2; exit 2; }
before="$1" after="$2" count="$3" top="${4:-40}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
stat() { dotnet tool run dotnet-dump analyze "$1" -c 'dumpheap -stat -live' -c exit; }
# Only objects still reachable (-live), so garbage not yet collected in either dump is left out.
# Lines of dumpheap -stat: "MT  Count  TotalSize  Class Name", numbers with thousands separators.
join -t $'\t' -a 2 -e 0 -o 0,1.2,1.3,2.2,2.3 \
  <(stat "$before" | awk '$1 ~ /^[0-9a-f]+$/ && NF >= 4 { n = $4; for (i = 5; i <= NF; i++) n = n " " $i; gsub(",", "", $2); gsub(",", "", $3); print n "\t" $2 "\t" $3 }' | sort -t $'\t' -k1,1) \
  <(stat "$after" | awk '$1 ~ /^[0-9a-f]+$/ && NF >= 4 { n = $4; for (i = 5; i <= NF; i++) n = n " " $i; gsub(",", "", $2); gsub(",", "", $3); print n "\t" $2 "\t" $3 }' | sort -t $'\t' -k1,1) |
  awk -F'\t' -v n="$count" '{ d = $5 - $3; c = $4 - $2; total += d; if (d != 0) printf "%10.1f\t%8.2f\t%s\n", d / n, c / n, $1 }
    END { printf "%10.1f\t%8s\t%s\n", total / n, "", "TOTAL (bytes per unit, objects per unit, type)" }' |
  sort -t $'\t' -k1,1 -g -r | head -n "$top"
