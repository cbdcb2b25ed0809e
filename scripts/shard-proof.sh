#!/usr/bin/env bash
# The shard proof, and the load workflow's legs and merge job on one machine:
#   1. start one embedded target (`npm run target`) that every run below drives;
#   2. run the profile once whole;
#   3. run it again as N legs in parallel, as the workflow's matrix would (one RUN_ID and
#      RUN_EPOCH, each leg `npx playwright test … --shard=i/N` with a RUNS_DIR of its own);
#   4. the merge job's commands: `npm run merge`, `npx playwright merge-reports`, `npm run report`;
#   5. compare whole and merged (scripts/compare-runs.ts): violation counts by class, card counts
#      and reconciliation, request counts per endpoint, merged p99 = p99 of the union of the legs'
#      raw latencies;
#   6. merge one leg alone: it must name the missing legs and exit non-zero.
# Usage: scripts/shard-proof.sh [--help]   (env: PROFILE=smoke, SHARDS=3, PROJECTS="registration writers reviewers",
#        PROOF_DIR=runs/shard-proof-<time>, EPOCH_LEAD_S=90, BCRYPT_COST=4: the merge is under proof, not the
#        server's signup speed, which at the real cost 12 on 2 cores misses scenario A's 5 s window)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
if [[ $# -gt 0 ]]; then echo "Unknown argument $1; usage: scripts/shard-proof.sh [--help]" >&2; exit 2; fi

export PROFILE="${PROFILE:-smoke}" PROGRESS=false
SHARDS="${SHARDS:-3}"
read -r -a PROJECTS <<< "${PROJECTS:-registration writers reviewers}"
PROOF_DIR="$(realpath -m "${PROOF_DIR:-runs/shard-proof-$(date -u +%Y%m%d-%H%M%S)}")"
EPOCH_LEAD_S="${EPOCH_LEAD_S:-90}"
project_args=("${PROJECTS[@]/#/--project=}")
project_list=$(IFS=,; echo "${PROJECTS[*]}")
mkdir -p "$PROOF_DIR"
step() { echo; echo "== $*"; }

step "one embedded target for every run (logs in $PROOF_DIR/target.out)"
# Its own process group: npm, tsx and the target's workers all stop with it.
setsid npm run -s target -- --port 0 --bcrypt-cost "${BCRYPT_COST:-4}" --data-dir "$PROOF_DIR/target-data" > "$PROOF_DIR/target.out" 2>&1 &
target_pid=$!
trap 'kill -- "-$target_pid" 2>/dev/null || true; wait "$target_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do grep -q '^SERVER_LOG=' "$PROOF_DIR/target.out" && break; kill -0 "$target_pid" || { cat "$PROOF_DIR/target.out"; exit 1; }; sleep 1; done
grep -q '^SERVER_LOG=' "$PROOF_DIR/target.out" || { echo "the target did not start within 60 s" >&2; exit 1; }
set -a; eval "$(grep -E '^(BASE_URL|DATA_DIR|SERVER_LOG)=' "$PROOF_DIR/target.out")"; set +a
echo "BASE_URL=$BASE_URL DATA_DIR=$DATA_DIR"

step "the whole run: ${PROJECTS[*]} (profile $PROFILE)"
whole_rc=0
RUNS_DIR="$PROOF_DIR/whole" npx playwright test "${project_args[@]}" > "$PROOF_DIR/whole.log" 2>&1 || whole_rc=$?
tail -n 3 "$PROOF_DIR/whole.log"

RUN_ID="proof-$(date -u +%s)-$(printf '%03x' $((RANDOM % 4096)))"
RUN_EPOCH=$(( ($(date +%s) + EPOCH_LEAD_S) * 1000 ))
step "$SHARDS legs in parallel: RUN_ID=$RUN_ID RUN_EPOCH=$RUN_EPOCH"
pids=()
for i in $(seq 1 "$SHARDS"); do
  RUN_ID="$RUN_ID" RUN_EPOCH="$RUN_EPOCH" RUNS_DIR="$PROOF_DIR/leg$i" \
    npx playwright test "${project_args[@]}" --shard="$i/$SHARDS" > "$PROOF_DIR/leg$i.log" 2>&1 &
  pids+=($!)
done
legs=()
for i in $(seq 1 "$SHARDS"); do
  rc=0; wait "${pids[$((i - 1))]}" || rc=$?
  echo "leg $i/$SHARDS exited $rc: $(grep -E '^run .*(PASSED|FAILED|UNKNOWN)' "$PROOF_DIR/leg$i.log" | tail -n 1)"
  legs+=("$PROOF_DIR/leg$i/$RUN_ID")
done

step "the merge job: npm run merge, merge-reports, Allure"
merge_rc=0
RUNS_DIR="$PROOF_DIR/merged" npm run -s merge -- --projects "$project_list" --shards "$SHARDS" "${legs[@]}" > "$PROOF_DIR/merge.log" 2>&1 || merge_rc=$?
tail -n 2 "$PROOF_DIR/merge.log"
merged=$(tail -n 1 "$PROOF_DIR/merge.log")
[[ -d "$merged" ]] || { echo "the merge wrote no run directory (exit $merge_rc)" >&2; exit 1; }
PLAYWRIGHT_HTML_OUTPUT_DIR="$merged/playwright-report" PLAYWRIGHT_HTML_OPEN=never npx playwright merge-reports --reporter=html "$merged/blob-report" > "$PROOF_DIR/merge-reports.log" 2>&1
echo "Playwright report: $merged/playwright-report/index.html"
RUNS_DIR="$PROOF_DIR/merged" npm run -s report > "$PROOF_DIR/allure.log" 2>&1
tail -n 1 "$PROOF_DIR/allure.log"

step "whole vs merged"
compare_rc=0
npx tsx scripts/compare-runs.ts "$PROOF_DIR/whole/latest" "$merged" "${legs[@]}" || compare_rc=$?

step "one leg alone must be refused, naming the missing legs"
alone_rc=0
RUNS_DIR="$PROOF_DIR/alone" npm run -s merge -- "${legs[0]}" > "$PROOF_DIR/alone.log" 2>&1 || alone_rc=$?
cat "$PROOF_DIR/alone.log"
missing_ok=false
if [[ $alone_rc -ne 0 ]] && grep -q "missing legs" "$PROOF_DIR/alone.log"; then missing_ok=true; fi

echo
# The runs' own results may fail (a slow machine breaks a threshold): the proof is that both say the same.
echo "whole run exit $whole_rc, merge exit $merge_rc, comparison exit $compare_rc, lone leg refused: $missing_ok (exit $alone_rc)"
[[ $whole_rc -eq $merge_rc && $compare_rc -eq 0 && $missing_ok == true ]]
