#!/usr/bin/env bash
# Starts what the ecr-build-push end-to-end tests need on a fresh Debian machine: a real Docker
# engine and a real registry (Debian's docker-registry, the CNCF distribution) with basic auth, both
# on 127.0.0.1 only. Idempotent: installs only what is missing, starts only what is not running, and
# keeps the registry password across runs (the running registry has already loaded its htpasswd).
#
# Afterwards the tests find everything under $ECS_DELIVERY_DOCKER_STATE (default
# /var/tmp/ecs-delivery-docker): registry.env holds the registry address, user and password file.
# Run as root (apt-get and dockerd need it). The engine uses the vfs storage driver and no iptables
# or bridge, so it also works inside a container without privileges for overlayfs or networking.
set -euo pipefail

STATE_DIR="${ECS_DELIVERY_DOCKER_STATE:-/var/tmp/ecs-delivery-docker}"
REGISTRY_ADDRESS="${ECS_DELIVERY_REGISTRY_ADDRESS:-127.0.0.1:5000}"
REGISTRY_USER=AWS # ECR logins always use the user name AWS; the registry stands behind the sandbox's ECR.

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
command -v curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' postinst would start dockerd with its defaults and docker-registry on :5000
  # without auth (where an init system runs), taking the address this script needs. Forbid service
  # starts for the install only, unless the machine already has its own policy.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$STATE_DIR"
chmod 700 "$STATE_DIR"

wait_for() { # <description> <seconds> <command...>
  local what="$1" seconds="$2"
  shift 2
  for _ in $(seq 1 "$((seconds * 2))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "::error::$what did not come up within ${seconds}s" >&2
  return 1
}

# --- Docker engine ---------------------------------------------------------------------------
# A pid file left by a killed dockerd stops the next one only when its pid now belongs to another
# process (pids are reused fast in containers): then it is stale and goes.
DOCKER_PID_FILE=/var/run/docker.pid
stale_pid_file() {
  local pid
  pid="$(cat "$DOCKER_PID_FILE" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]
}
if ! docker info >/dev/null 2>&1; then
  if [ -e "$DOCKER_PID_FILE" ] && ! stale_pid_file; then
    echo "dockerd (pid $(cat "$DOCKER_PID_FILE")) is running but not answering yet; waiting for it"
  else
    rm -f "$DOCKER_PID_FILE"
    echo "Starting dockerd (vfs storage, no iptables, no bridge)"
    # Its own session: killing the job that ran this script must not take the engine with it.
    setsid nohup dockerd --storage-driver vfs --iptables=false --bridge=none \
      >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  fi
  wait_for "dockerd (log: $STATE_DIR/dockerd.log)" 60 docker info
fi

# --- Registry with basic auth ----------------------------------------------------------------
PASSWORD_FILE="$STATE_DIR/registry-password"
registry_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDRESS/v2/")" = 401 ]; }

if ! registry_up; then
  occupant="$(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY_ADDRESS/v2/" || true)"
  if [ "$occupant" != 000 ]; then
    # Something else answers there (say a docker-registry service without auth): fail now, clearly.
    echo "::error::$REGISTRY_ADDRESS answers /v2/ with HTTP $occupant, not 401: stop what listens there (systemctl stop docker-registry?) or set ECS_DELIVERY_REGISTRY_ADDRESS" >&2
    exit 1
  fi
  # A new password only when no registry is running: a running one keeps the htpasswd it loaded.
  if [ ! -s "$PASSWORD_FILE" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$PASSWORD_FILE")
  fi
  htpasswd -Bbn "$REGISTRY_USER" "$(cat "$PASSWORD_FILE")" >"$STATE_DIR/htpasswd"
  mkdir -p "$STATE_DIR/registry-data"
  cat >"$STATE_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry-data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDRESS
auth:
  htpasswd:
    realm: ecs-delivery-test-registry
    path: $STATE_DIR/htpasswd
EOF
  echo "Starting docker-registry on $REGISTRY_ADDRESS (basic auth, user $REGISTRY_USER)"
  setsid nohup docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 </dev/null &
  wait_for "docker-registry (log: $STATE_DIR/registry.log)" 30 registry_up
fi

cat >"$STATE_DIR/registry.env" <<EOF
REGISTRY_ADDRESS=$REGISTRY_ADDRESS
REGISTRY_USER=$REGISTRY_USER
REGISTRY_PASSWORD_FILE=$PASSWORD_FILE
EOF
echo "Docker $(docker version --format '{{.Server.Version}}') and a registry on $REGISTRY_ADDRESS are ready ($STATE_DIR/registry.env)"
