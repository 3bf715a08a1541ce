#!/usr/bin/env bash
# The soak: the structured fuzzers of tests/it/fuzz.rs over a million generated files in all (levels,
# variants, lessons, saves, reports: CASES each, 200,000 unless set), in release. Prints the count, the time
# and the peak memory; fails on the first panic, with proptest's smallest failing case.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${CASES:-200000}"
# Files other than CI's: a new seed each soak unless one is given, printed to replay a failure.
FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
export FUZZ_SEED
echo "soak: seed $FUZZ_SEED"
cargo test --release --locked --test it --no-run
start=$(date +%s)
log=$(mktemp)
if [ -x /usr/bin/time ]; then
    FUZZ_CASES="$CASES" /usr/bin/time -v cargo test --release --locked --test it fuzz::generated -- --test-threads 2 2>&1 | tee "$log"
else
    FUZZ_CASES="$CASES" cargo test --release --locked --test it fuzz::generated -- --test-threads 2 2>&1 | tee "$log"
fi
end=$(date +%s)
tests=$(grep -c '^test fuzz::generated.* ok$' "$log" || true)
echo "soak: $tests fuzzers x $CASES cases = $((tests * CASES)) cases in $((end - start)) s"
grep -E 'Maximum resident set size' "$log" | sed 's/^\s*/soak: peak memory (KiB): /' || true
[ "$tests" -eq 5 ]
