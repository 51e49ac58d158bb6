#!/usr/bin/env bash
# Copyright (c) 2026 flowtun authors and others. All rights reserved.
#
# This program and the accompanying materials are made available under the
# terms of the Eclipse Public License v1.0 which accompanies this distribution,
# and is available at http://www.eclipse.org/legal/epl-v10.html
#
# Runs flowtun's benchmarks (not the tests): the locality service alone over the in-memory data broker, then the
# real distribution with a real Open vSwitch node (scale, convergence, switch limit, cost, chassis IP change,
# restart). Installs what it needs when missing (as root), like scripts/test-all.sh; ports 8181/6640/6653 must be
# free. Figures and plots: target/benchmarks/ (*.json, *.csv, *.png). Takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ovsdb-server >/dev/null 2>&1 || missing+=(openvswitch-switch)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || missing+=(python3-matplotlib)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "flowtun benchmarks need: ${missing[*]} (install them, or run this as root to have them installed)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for port in 8181 6640 6653; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "Port $port is in use (a running controller?); stop it before running the benchmarks." >&2
    exit 1
  fi
done

mvn -B --no-transfer-progress -q install -DskipTests
mvn -B --no-transfer-progress -pl locality test -Dtest=LocalityThroughputBenchmark -DfailIfNoTests=false
mvn -B --no-transfer-progress -pl it verify -Dit.test=ScaleBenchmark -Dfailsafe.failIfNoSpecifiedTests=false

out=target/benchmarks
mkdir -p "$out"
cp locality/target/benchmarks/locality.json it/target/benchmarks/scale.json it/target/benchmarks/heap-histogram-*.txt "$out/"
/usr/bin/python3 scripts/plot-benchmarks.py "$out"
