"""Publishes the example records (or record files of your own) to a topic on your broker.

    python -m computer_orders_contract.replay --bootstrap-servers 127.0.0.1:9092 --topic computers-test

Security settings are named as librdkafka names them; the password comes from
KAFKA_SASL_PASSWORD or --sasl-password-file, never from the command line
(which other users of the machine can read). Needs the `replay` extra
(confluent-kafka): pip install 'computer-orders-contract[replay]'.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .resources import ExampleRecord, example_records, read_record_file

DESCRIPTION = "Publishes the example records (or record files of your own) to a topic on your broker."
SECURITY_PROTOCOLS = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m computer_orders_contract.replay", description=DESCRIPTION)
    parser.add_argument("--bootstrap-servers", required=True, help="host:port[,host:port...]")
    parser.add_argument("--topic", required=True)
    parser.add_argument("--security-protocol", choices=SECURITY_PROTOCOLS, default="PLAINTEXT")
    parser.add_argument("--sasl-mechanism", choices=SASL_MECHANISMS)
    parser.add_argument("--sasl-username")
    parser.add_argument("--sasl-password-file", type=Path, help="a file holding the password (else KAFKA_SASL_PASSWORD)")
    parser.add_argument("--ssl-ca-location", help="PEM file of the CA that signed the broker's certificate")
    parser.add_argument("--ssl-certificate-location", help="client certificate (PEM), for mutual TLS")
    parser.add_argument("--ssl-key-location", help="client key (PEM), for mutual TLS")
    parser.add_argument("records", nargs="*", type=Path, help="record files (default: every packaged example)")
    return parser.parse_args(argv)


def producer_config(args: argparse.Namespace, env: dict[str, str]) -> dict[str, str | int | bool]:
    """librdkafka settings from the arguments; raises SystemExit naming a missing setting."""
    config: dict[str, str | int | bool] = {
        "bootstrap.servers": args.bootstrap_servers,
        "security.protocol": args.security_protocol,
        "client.id": "computer-orders-replay",
        "acks": "all",
        "enable.idempotence": True,
    }
    if args.security_protocol.startswith("SASL_"):
        password = args.sasl_password_file.read_text("utf-8").strip() if args.sasl_password_file else env.get("KAFKA_SASL_PASSWORD")
        if not (args.sasl_mechanism and args.sasl_username and password):
            raise SystemExit(f"replay: {args.security_protocol} needs --sasl-mechanism, --sasl-username and KAFKA_SASL_PASSWORD or --sasl-password-file")
        config.update({"sasl.mechanism": args.sasl_mechanism, "sasl.username": args.sasl_username, "sasl.password": password})
    for option in ("ssl_ca_location", "ssl_certificate_location", "ssl_key_location"):
        if getattr(args, option):
            config[option.replace("_", ".")] = getattr(args, option)
    return config


def replay(records: Sequence[ExampleRecord], topic: str, config: dict[str, str | int | bool], timeout_s: float = 30.0) -> None:
    """Publishes each record as it is (key, headers, value bytes) and waits for the broker's acknowledgements."""
    try:
        from confluent_kafka import KafkaError, Message, Producer
    except ImportError:
        raise SystemExit("replay: needs confluent-kafka: pip install 'computer-orders-contract[replay]'") from None
    failures: list[str] = []

    def delivered(error: KafkaError | None, message: Message) -> None:
        if error is not None:
            failures.append(f"{message.key()!r}: {error.str()}")

    producer = Producer(config)
    for record in records:
        headers: list[tuple[str, str | bytes | None]] = [*record.headers]
        producer.produce(topic, key=record.key, value=record.value, headers=headers, on_delivery=delivered)
    unsent = producer.flush(timeout_s)
    if failures or unsent:
        raise SystemExit(f"replay: {len(failures) + unsent} of {len(records)} records not acknowledged: {'; '.join(failures) or 'timed out'}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    records = [read_record_file(path) for path in args.records] if args.records else example_records()
    replay(records, args.topic, producer_config(args, dict(os.environ)))
    print(f"replayed {len(records)} records to {args.topic}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
