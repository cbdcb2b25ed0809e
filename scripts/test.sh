#!/usr/bin/env bash
# `npm test`: the suite's own proof, in order of cost.
#  1. static checks; 2. unit tests of checker, reports and helpers, the contract of the
#  embedded target and its fault switches; 3. bad input, interrupted runs, read-only and
#  redaction; 4. the fault matrix (every switch detected, the clean run clean); 5. a clean
#  smoke run of the load phase, then its deliverables checked.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROGRESS=false
proof() { npx playwright test -c playwright.proof.config.ts "$@"; }

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== unit, contract, target"; proof --project=unit --project=contract --project=target
echo "== robustness"; proof --project=robustness --workers=1
echo "== fault matrix"; proof --project=faults --workers=1
echo "== clean smoke run"
PROFILE=smoke npx playwright test --project=registration --project=writers --project=reviewers \
  --project=browser-registration --project=browser-writers --project=browser-reviewers
echo "== deliverables of the smoke run"; proof --project=deliverables
# Every stage above stops the script on failure (set -e), so reaching here means all passed.
echo "stages: 8 passed, 0 failed"
