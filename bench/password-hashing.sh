#!/usr/bin/env bash
# Measures one Argon2id password check with Strongroom's parameters, alone and concurrent.
#
#   bench/password-hashing.sh          # 60 checks per run (~10 s)
#   ROUNDS=200 bench/password-hashing.sh
#   MEMORY_KIB=19456 ITERATIONS=2 bench/password-hashing.sh   # other parameters, for tuning
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-60}
MEMORY_KIB=${MEMORY_KIB:-19456}
ITERATIONS=${ITERATIONS:-4}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA" -version 2>&1 | head -n 1)"
"$JAVA" -cp "$(cat target/bench-classpath.txt)" bench/PasswordHashingBench.java "$ROUNDS" "$MEMORY_KIB" "$ITERATIONS"
