#!/usr/bin/env bash
# `make soak`: the long variants of the fault tests of issue #8 — a daemon killed five times while it estimates
# 300 studies, three daemons on one database with 150 studies and several kills, minutes of mixed load with
# PostgreSQL restarted six times. Each test appends a line of figures to the report (for BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
report="$PWD/.build/test-output/soak.txt"
mkdir -p "$(dirname "$report")"
${SWIFT:-swift} build --build-tests
echo "# soak run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(uname -sr)" >> "$report"
started=$(date +%s)
status=0
CTRIAGE_SOAK=1 CTRIAGE_SOAK_REPORT="$report" ${SWIFT:-swift} test --skip-build --filter 'DaemonProcessTests/soak' || status=$?
echo "# soak run finished with status $status after $(( $(date +%s) - started )) s" >> "$report"
echo "figures: $report"
tail -n 5 "$report"
exit $status
