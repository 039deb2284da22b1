"""The package data, read with importlib.resources so it works from a wheel, a zip or a folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

_DATA = files("computer_orders_contract")


def event_schema() -> dict[str, Any]:
    """The record value's JSON Schema (`event-schema.json`)."""
    schema: dict[str, Any] = json.loads((_DATA / "event-schema.json").read_text("utf-8"))
    return schema


def record_headers_schema() -> dict[str, Any]:
    """The record headers' JSON Schema, taken from asyncapi.yaml when the package was built."""
    schema: dict[str, Any] = json.loads((_DATA / "record-headers-schema.json").read_text("utf-8"))
    return schema


def asyncapi_yaml() -> str:
    """The Kafka records' contract, AsyncAPI 3, one self-contained file."""
    return (_DATA / "asyncapi.yaml").read_text("utf-8")


def openapi_yaml() -> str:
    """The HTTP API's contract, OpenAPI 3.1, one self-contained file."""
    return (_DATA / "openapi.yaml").read_text("utf-8")


@dataclass(frozen=True)
class ExampleRecord:
    """One complete record (key, headers, value) as the service publishes it."""

    name: str
    key: bytes
    headers: list[tuple[str, bytes]]
    value: bytes


def parse_record(name: str, text: str) -> ExampleRecord:
    """A record file: `{"key": str, "headers": {name: str}, "value": str}`, the value's exact text."""
    document = json.loads(text)
    headers = [(header, str(value).encode("utf-8")) for header, value in document["headers"].items()]
    return ExampleRecord(name, str(document["key"]).encode("utf-8"), headers, str(document["value"]).encode("utf-8"))


def read_record_file(path: str | Path) -> ExampleRecord:
    """A record file of your own, in the form of the packaged ones."""
    file = Path(path)
    return parse_record(file.stem, file.read_text("utf-8"))


def example_records() -> list[ExampleRecord]:
    """Every packaged example record (`examples/records/*.json`), by name."""
    folder = _DATA / "examples" / "records"
    entries = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".json")), key=lambda entry: entry.name)
    return [parse_record(entry.name.removesuffix(".json"), entry.read_text("utf-8")) for entry in entries]
