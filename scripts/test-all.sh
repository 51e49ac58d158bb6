#!/usr/bin/env bash
# Runs every flowtun test: the unit tests, and the Pax Exam integration tests that boot the real flowtun
# Karaf distribution, drive RESTCONF over HTTP and connect real Open vSwitch nodes (userspace datapath,
# each in a network namespace of its own). Installs what the tests need when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v ovsdb-server >/dev/null 2>&1 || missing+=(openvswitch-switch)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v ethtool >/dev/null 2>&1 || missing+=(ethtool)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "flowtun tests need: ${missing[*]} (install them, or run this as root to have them installed)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The tests bind the controller's usual ports (8181, 6640, 6653, 8101): nothing else may hold them.
for port in 8181 6640 6653; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "Port $port is in use (a running controller?); stop it before running the tests." >&2
    exit 1
  fi
done

exec mvn -B --no-transfer-progress install "$@"
