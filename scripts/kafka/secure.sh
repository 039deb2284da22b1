# shellcheck shell=bash
# Sourced by start.sh --secure: a SASL_SSL (SCRAM-SHA-512) broker with the StandardAuthorizer
# and three principals, for trying and testing the service against a secured cluster.
#
#   admin   super user (the broker itself, operators, tests that play the operator)
#   api     this service: Write on the topic (+ Create unless KAFKA_CREATE_TOPIC=false); Write implies
#           Describe, and since Kafka 3.0 (KIP-679) lets the idempotent producer get its producer id
#   reader  topic readers: Read and Describe on the topic, Read on groups prefixed "reader-"
#
# Env (defaults): KAFKA_SECURE_DIR=<repo>/.kafka/secure   KAFKA_TOPIC=computers   KAFKA_CREATE_TOPIC=true
# Writes there: ca.pem, api.env, reader.env, admin.env (KEY=value lines in the service's own
# variable names: `set -a; . .kafka/secure/api.env; set +a`), and admin.properties and
# reader.properties for Kafka's own tools (kafka-acls, the console consumer and producer).
# Passwords and certificates are generated on the first start and kept while the data dir lives.
# ACLs are only ever added: a Create granted on an earlier start stays until stop.sh --secure --wipe.
KAFKA_SECURE_DIR=${KAFKA_SECURE_DIR:-$KAFKA_ROOT/.kafka/secure}
KAFKA_TOPIC=${KAFKA_TOPIC:-computers}
KAFKA_CREATE_TOPIC=${KAFKA_CREATE_TOPIC:-true}
KAFKA_READER_GROUP_PREFIX=reader-

# Makes the CA, the broker's certificate (for 127.0.0.1 and localhost) and the passwords, once.
secure_prepare() {
  local dir=$KAFKA_SECURE_DIR user
  mkdir -p "$dir"
  chmod 700 "$dir"
  # Credentials are written into the data dir's metadata when it is formatted: a fresh data
  # dir gets fresh ones, and a kept data dir keeps the ones it was formatted with.
  [ -f "$KAFKA_DATA_DIR/logs/meta.properties" ] || rm -f "$dir"/*.password
  for user in admin api reader; do
    [ -s "$dir/$user.password" ] || (umask 077 && openssl rand -hex 24 >"$dir/$user.password")
  done
  if [ ! -s "$dir/broker.pem" ]; then
    (
      umask 077
      openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
        -subj "/CN=computer-orders-api local CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost \
        -keyout "$dir/broker.key" -out "$dir/broker.csr" 2>/dev/null
      openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
        -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$dir/broker.crt" 2>/dev/null
      # Kafka's PEM key store: the private key (PKCS#8) and the certificate in one file.
      cat "$dir/broker.key" "$dir/broker.crt" >"$dir/broker.pem"
      rm -f "$dir/broker.csr" "$dir/broker.key" "$dir/broker.crt" "$dir/ca.srl"
    ) || { echo "kafka: could not make the TLS certificates with openssl" >&2; return 1; }
    chmod 644 "$dir/ca.pem"
  fi
}

secure_password() { cat "$KAFKA_SECURE_DIR/$1.password"; }

# server.properties lines: SASL_SSL for clients and the broker itself, SASL PLAIN on the loopback
# controller listener (KRaft controllers cannot use SCRAM), deny unless an ACL allows.
secure_server_properties() {
  local admin scram
  admin=$(secure_password admin)
  scram='org.apache.kafka.common.security.scram.ScramLoginModule required'
  cat <<PROPS
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$scram username="admin" password="$admin";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin" user_admin="$admin";
ssl.keystore.type=PEM
ssl.keystore.location=$KAFKA_SECURE_DIR/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_SECURE_DIR/ca.pem
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
PROPS
}

# `kafka-storage format` arguments that store the three SCRAM credentials in the new cluster's metadata.
secure_format_args() {
  local user
  for user in admin api reader; do
    printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password=%s]\n' "$user" "$(secure_password "$user")"
  done
}

# True once the broker answers ApiVersions over TLS (allowed before SASL authentication).
secure_ready() {
  timeout 5 node "$KAFKA_SCRIPTS/tls-api-versions.mjs" "$KAFKA_PORT" "$KAFKA_SECURE_DIR/ca.pem" >/dev/null 2>&1
}

# KEY=value lines in the service's variable names for one principal.
secure_env_file() {
  local user=$1
  cat <<ENV
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
KAFKA_SECURITY_PROTOCOL=SASL_SSL
KAFKA_SASL_MECHANISM=SCRAM-SHA-512
KAFKA_SASL_USERNAME=$user
KAFKA_SASL_PASSWORD=$(secure_password "$user")
KAFKA_SSL_CA_FILE=$KAFKA_SECURE_DIR/ca.pem
ENV
}

# A client.properties for Kafka's own tools (kafka-acls, the console consumer) as one principal.
secure_client_properties() {
  cat <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$1" password="$(secure_password "$1")";
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_SECURE_DIR/ca.pem
PROPS
}

# Grants the ACLs with Kafka's own kafka-acls (run concurrently: each is a JVM start), then
# writes the env files. Re-granting an existing ACL is a no-op, so a restart is safe.
secure_apply_acls() {
  local dir=$KAFKA_SECURE_DIR cp="$KAFKA_LIB/*" api_ops=(--operation Write) pids=() rc=0 pid
  (umask 077 && secure_client_properties admin >"$dir/admin.properties")
  [ "$KAFKA_CREATE_TOPIC" = false ] || api_ops+=(--operation Create)
  acl() {
    "$JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$KAFKA_DATA_DIR/log4j2.properties" -cp "$cp" \
      org.apache.kafka.tools.AclCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$dir/admin.properties" \
      --add "$@" >>"$KAFKA_DATA_DIR/acls.log" 2>&1
  }
  : >"$KAFKA_DATA_DIR/acls.log"
  acl --allow-principal User:api "${api_ops[@]}" --topic "$KAFKA_TOPIC" & pids+=($!)
  acl --allow-principal User:reader --operation Read --operation Describe --topic "$KAFKA_TOPIC" & pids+=($!)
  acl --allow-principal User:reader --operation Read --group "$KAFKA_READER_GROUP_PREFIX" --resource-pattern-type prefixed & pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  [ "$rc" = 0 ] || { echo "kafka: applying the ACLs failed; see $KAFKA_DATA_DIR/acls.log" >&2; return 1; }
  (
    umask 077
    { secure_env_file api; [ "$KAFKA_CREATE_TOPIC" = false ] && echo KAFKA_CREATE_TOPIC=false; } >"$dir/api.env"
    secure_env_file reader >"$dir/reader.env"
    secure_client_properties reader >"$dir/reader.properties"
    secure_env_file admin >"$dir/admin.env"
  )
}
