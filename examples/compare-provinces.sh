#!/usr/bin/env bash
# Compare one case across every jurisdiction from estimate's JSON output, with jq.
# Usage: examples/compare-provinces.sh [extra estimate flags…]
#   e.g. examples/compare-provinces.sh --harm disability --disability-grade 7 --liability 0.5
set -euo pipefail
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--harm disability --disability-grade 7 --liability 0.5)
estimate compare --provinces all --format jsonl "${args[@]}" |
  jq -r '[.compare.province,
          (if .error then "error: " + .error.message
           else (.amount.low|tostring) + "–" + ((.amount.high // "∞")|tostring)
                + " (point " + (.amount.point|tostring) + ", " + .basis + ", "
                + ([.citations[].status] | unique | join("/")) + ")" end)]
         | @tsv'
