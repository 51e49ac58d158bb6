#!/usr/bin/env bash
# Copyright (c) 2026 flowtun authors and others. All rights reserved.
#
# This program and the accompanying materials are made available under the
# terms of the Eclipse Public License v1.0 which accompanies this distribution,
# and is available at http://www.eclipse.org/legal/epl-v10.html
#
# Runs flowtun's benchmarks (not the tests): the locality service alone over the in-memory data broker, then the
# real distribution with a real Open vSwitch node (scale, convergence, switch limit, cost, chassis IP change,
# restart), then with a fleet of 100 real switches and 1,000 chassis (FleetBenchmark), then a three-member cluster
# (ClusterBenchmark). Installs what it needs when missing (as root), like scripts/test-all.sh; ports 8181/6640/6653 must be
# free. Figures and plots: target/benchmarks/ (*.json, *.csv, *.png). Takes about 13 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/prerequisites.sh
ensure_packages benchmarks ovsdb-server:openvswitch-switch socat:socat ip:iproute2 mvn:maven
/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || install_packages benchmarks python3-matplotlib
ensure_ports_free benchmarks

# figures of earlier runs (a heap histogram at another lport count) must not mix with this run's
rm -rf it/target/benchmarks target/benchmarks
mvn -B --no-transfer-progress -q install -DskipTests
mvn -B --no-transfer-progress -pl locality test -Dtest=LocalityThroughputBenchmark -DfailIfNoTests=false
mvn -B --no-transfer-progress -pl it verify -Dit.test=ScaleBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
mvn -B --no-transfer-progress -pl it verify -Dit.test=FleetBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
mvn -B --no-transfer-progress -pl it verify -Dit.test=ClusterBenchmark -Dfailsafe.failIfNoSpecifiedTests=false

out=target/benchmarks
mkdir -p "$out"
cp locality/target/benchmarks/locality.json it/target/benchmarks/scale.json it/target/benchmarks/fleet.json \
   it/target/benchmarks/operations.json it/target/benchmarks/cluster.json \
   it/target/benchmarks/heap-histogram-*.txt "$out/"
/usr/bin/python3 scripts/plot-benchmarks.py "$out"
