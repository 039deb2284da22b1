#!/usr/bin/env python3
"""Decodes Kafka records with the CloudEvents SDK for Python, as a reader would.

Each record goes through the SDK's Kafka protocol binding in binary content
mode (cloudevents.core.bindings.kafka.from_binary) with its JSON format;
what the SDK made of it is printed back, so the tests can compare it with
what the service promises. Needs the `cloudevents` package
(scripts/readers/requirements.txt, in a virtualenv).

Input: JSON lines on stdin, one record each (the format strict_decode.py reads):
  {"key": <base64 or null>, "value": <base64>, "headers": [[name, <base64>], ...]}
Output: one JSON line per record: {"event": {attributes..., "data": ...}} or
{"error": "..."} when the SDK refused it. Exit: 0, or 2 on bad input.
"""
import base64
import json
import sys

from cloudevents.core.bindings.kafka import KafkaMessage, from_binary
from cloudevents.core.formats.json import JSONFormat


def decode(record: dict) -> dict:
    headers = {name: base64.b64decode(value) for name, value in record.get("headers") or []}
    key = base64.b64decode(record["key"]) if record.get("key") is not None else None
    message = KafkaMessage(headers=headers, key=key, value=base64.b64decode(record["value"]))
    event = from_binary(message, JSONFormat())
    time = event.get_time()
    return {
        "specversion": event.get_specversion(),
        "id": event.get_id(),
        "source": event.get_source(),
        "type": event.get_type(),
        "time": time.isoformat() if time is not None else None,
        "subject": event.get_subject(),
        "dataschema": event.get_dataschema(),
        "datacontenttype": event.get_datacontenttype(),
        "partitionkey": event.get_extension("partitionkey"),
        "data": event.get_data(),
    }


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            print("cloudevents_decode.py: stdin must be JSON lines, one record each", file=sys.stderr)
            return 2
        try:
            print(json.dumps({"event": decode(record)}))
        except Exception as error:  # the SDK's refusal, reported per record
            print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
