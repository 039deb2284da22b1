"""The Computer Orders event contract, for teams that read the topic.

    from computer_orders_contract import decode
    event = decode(message.value(), message.headers())  # a ComputerOrderEvent, or InvalidRecord

The models are generated from the event's JSON Schema (never edited); the
schema, asyncapi.yaml and openapi.yaml ship as package data, and the example
records are what the service itself publishes for each documented example.
"""

from ._version import __version__
from .decode import CE_TYPE, EVENT_SCHEMA_VERSION, EVENT_TYPE, Headers, InvalidRecord, decode
from .models import ComputerOrderEvent
from .resources import ExampleRecord, asyncapi_yaml, event_schema, example_records, openapi_yaml

__all__ = [
    "CE_TYPE",
    "EVENT_SCHEMA_VERSION",
    "EVENT_TYPE",
    "ComputerOrderEvent",
    "ExampleRecord",
    "Headers",
    "InvalidRecord",
    "__version__",
    "asyncapi_yaml",
    "decode",
    "event_schema",
    "example_records",
    "openapi_yaml",
]
