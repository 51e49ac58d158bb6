#!/usr/bin/env bash
# Runs every flowtun test: the unit tests, and the Pax Exam integration tests that boot the real flowtun
# Karaf distribution, drive RESTCONF over HTTP and connect real Open vSwitch nodes (userspace datapath,
# each in a network namespace of its own). Installs what the tests need when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/prerequisites.sh
ensure_packages tests ovsdb-server:openvswitch-switch socat:socat ip:iproute2 ping:iputils-ping ethtool:ethtool \
  mvn:maven
# The tests bind the controller's usual ports (8181, 6640, 6653, 8101): nothing else may hold them.
ensure_ports_free tests

exec mvn -B --no-transfer-progress install "$@"
