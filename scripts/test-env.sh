# Ports and names of the stack the tests use, distinct from the hub's defaults so both can run side by side.
# Sourced by scripts/test.sh; every value can be overridden from the environment.
export HUB_STACK_NAME=${HUB_STACK_NAME:-test}
export HUB_TEMPORAL_PORT=${HUB_TEMPORAL_PORT:-17233}
export HUB_TEMPORAL_HTTP_PORT=${HUB_TEMPORAL_HTTP_PORT:-17243}
export HUB_TEMPORAL_UI=${HUB_TEMPORAL_UI:-0}
export HUB_KAFKA_PORT=${HUB_KAFKA_PORT:-19092}
export HUB_KAFKA_CONTROLLER_PORT=${HUB_KAFKA_CONTROLLER_PORT:-19093}
export HUB_MONGO_PORT=${HUB_MONGO_PORT:-17017}
export HUB_SFTP_PORT=${HUB_SFTP_PORT:-12222}
# A fresh key per run: tests must never depend on a particular secret.
export HUB_SECRET_KEY=${HUB_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}
export HUB_BOOTSTRAP_ADMIN_KEY=${HUB_BOOTSTRAP_ADMIN_KEY:-bootstrap-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}
