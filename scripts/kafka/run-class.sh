#!/usr/bin/env bash
# Runs a Kafka CLI class on the cached jars (fetched if needed), e.g. the console consumer:
#   scripts/kafka/run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer \
#     --bootstrap-server 127.0.0.1:9092 --topic computers --from-beginning \
#     --property print.key=true --property print.headers=true
# Others: org.apache.kafka.tools.TopicCommand, org.apache.kafka.tools.ConsoleProducer,
# org.apache.kafka.tools.consumer.group.ConsumerGroupCommand, kafka.tools.StorageTool.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kafka_fetch_jars
exec "$JAVA" -Xmx256m -cp "$KAFKA_LIB/*" "$@"
