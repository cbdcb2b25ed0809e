#!/usr/bin/env bash
# `npm test`: static checks, the proof suite (unit, contract, target faults, fault matrix),
# then a clean smoke run of the load phase that must end with zero violations.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== proof suite"; npx playwright test -c playwright.proof.config.ts
echo "== clean smoke run"; PROFILE=smoke npx playwright test
