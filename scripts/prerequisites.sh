#!/usr/bin/env bash
# Copyright (c) 2026 flowtun authors and others. All rights reserved.
#
# This program and the accompanying materials are made available under the
# terms of the Eclipse Public License v1.0 which accompanies this distribution,
# and is available at http://www.eclipse.org/legal/epl-v10.html
#
# Sourced by test-all.sh and benchmark.sh: installs the Debian packages the real-switch runs need when missing
# (needs root), and checks that the controller's ports are free.

# ensure_packages <what for> <command>:<package>...: installs the package of each command that is missing.
ensure_packages() {
  local purpose=$1 pair missing=()
  shift
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  install_packages "$purpose" "${missing[@]}"
}

# install_packages <what for> <package>...: installs them with apt-get (as root), or says what is missing.
install_packages() {
  local purpose=$1
  shift
  [ "$#" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "flowtun $purpose need: $* (install them, or run this as root to have them installed)" >&2
    exit 1
  fi
  echo "Installing $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ensure_ports_free <what for>: the controller's usual ports (8181, 6640, 6653) must not be held by anything.
ensure_ports_free() {
  local port
  for port in 8181 6640 6653; do
    if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
      echo "Port $port is in use (a running controller?); stop it before running the $1." >&2
      exit 1
    fi
  done
}
