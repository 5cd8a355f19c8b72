#!/usr/bin/env bash
# Fuzzes the Jazzer targets (*FuzzTests) for as long as asked, each in a JVM of its own
# (Jazzer fuzzes one target per JVM; surefire's reuseForks=false gives one per test class), in
# one Maven run that keeps FUZZ_FORKS such JVMs going at a time (default: the number of cores;
# libFuzzer is single-threaded, so each target still gets a core for the whole duration).
#
#   bench/fuzz.sh                 every target, 30 s each
#   bench/fuzz.sh 10m             every target, 10 minutes each
#   bench/fuzz.sh 1h TokenFormatFuzzTests ByteRangeFuzzTests
#   FUZZ_FORKS=1 bench/fuzz.sh    one target at a time
#
# An input that breaks a target's property is written by Jazzer next to its corpus
# (src/test/resources/org/strongroom/<feature>/<Class>Inputs/<method>/crash-…) and the run fails;
# fix the code and commit the input, which then runs in regression mode in every ./mvnw verify.
# Inputs that only found new coverage go to .cifuzz-corpus/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-30s}
shift || true
if [ $# -gt 0 ]; then
  tests=$(IFS=,; echo "$*")
else
  tests='*FuzzTests'
fi

forks=${FUZZ_FORKS:-$(nproc)}
echo "Fuzzing ${tests} for ${duration} each, ${forks} at a time"
start=$(date +%s)
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -q test-compile surefire:test@fuzz-tests \
  -Dfuzz.reuseForks=false -Dfuzz.forkCount="$forks" -Djacoco.skip=true -Dtest="$tests" \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "Fuzzing done in $(( $(date +%s) - start )) s; no property broken"
