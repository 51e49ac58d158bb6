#!/bin/bash
# Copyright (c) 2026 flowtun authors and others. All rights reserved.
#
# This program and the accompanying materials are made available under the
# terms of the Eclipse Public License v1.0 which accompanies this distribution,
# and is available at http://www.eclipse.org/legal/epl-v10.html
#
# Runs flowtun's benchmarks against the real distribution and a real Open vSwitch (needs what
# scripts/test-all.sh installs, and ports 8181/6640/6653 free). Figures: it/target/benchmarks/*.json
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B --no-transfer-progress install -DskipTests
mvn -B --no-transfer-progress -pl it verify -Dit.test=ConvergenceBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
cat it/target/benchmarks/convergence.json
