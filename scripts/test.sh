#!/usr/bin/env bash
# `npm test`: the suite's own proof, in order of cost.
#  1. static checks (types, lint, formatting, the folder layout, the GitHub workflows); 2. unit tests of checker, reports and
#  load phase, the contract of the embedded target and its fault switches; 3. bad input,
#  interrupted runs, read-only and redaction; 4. the fault matrix (every switch detected, the
#  clean run clean), then the live dashboard watched in Chromium; 5. a clean smoke run of the load phase, then its deliverables checked.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROGRESS=false
proof() { npx playwright test -c playwright.proof.config.ts "$@"; }
passed=0
stage() { echo "== $1"; shift; "$@"; passed=$((passed + 1)); }

stage "typecheck" npx tsc --noEmit
stage "lint" npx eslint .
stage "format" npx prettier --check .
stage "layout" npx tsx scripts/check-layers.ts
stage "workflows (actionlint)" npm run -s lint:workflows
stage "unit, contract, target" proof --project=unit --project=contract --project=target
stage "robustness" proof --project=robustness --workers=1
stage "fault matrix" proof --project=faults --workers=1
stage "live dashboard (a short run watched in Chromium)" proof --project=dashboard --workers=1
# The smoke run shares 2 cores with three Chromiums: its latencies may all fall in windows the
# generator saturated, which leaves performance not judged. It proves the load phase, integrity
# and the deliverables; performance is proven by the unit tests and the latency row, so here it
# is not part of the run (a threshold judged and broken still fails it).
stage "clean smoke run" env PROFILE=smoke NOT_PART_OF_RUN=performance-thresholds npx playwright test --project=registration --project=writers --project=reviewers \
  --project=browser-registration --project=browser-writers --project=browser-reviewers
stage "deliverables of the smoke run" proof --project=deliverables
# Every stage above stops the script on failure (set -e), so reaching here means all passed.
echo "stages: ${passed} passed, 0 failed"
