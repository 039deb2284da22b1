"""Turns a record's value and headers into the validated event, or refuses the record naming the field."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Literal, NoReturn

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from pydantic import ValidationError

from .models import ComputerOrderEvent
from .resources import event_schema, record_headers_schema

EVENT_SCHEMA_VERSION = 1
"""The `event-schema-version` header (and `schema_version` field) this package reads."""
EVENT_TYPE = "computer-order.created"
CE_TYPE = "org.computer-orders.computer-order.created"
"""The CloudEvents `ce_type` header of an order created."""

HeaderValue = str | bytes | None
Headers = Mapping[str, HeaderValue] | Sequence[tuple[str, HeaderValue]] | None
"""What confluent-kafka's `Message.headers()` returns (a list of pairs, or None), or a mapping."""


class InvalidRecord(ValueError):
    """A record that breaks the contract: `location` and `field` say where, `reason` what is wrong.

    `field` is a header's name, or a JSON pointer into the value (`/equipment/0`; `""` is the whole value).
    """

    def __init__(self, location: Literal["header", "value"], field: str, reason: str) -> None:
        where = f'header "{field}"' if location == "header" else f"value {field}" if field else "value"
        super().__init__(f"record {where}: {reason}")
        self.location: Literal["header", "value"] = location
        self.field = field
        self.reason = reason


@cache
def _validator(kind: Literal["value", "headers"]) -> Draft202012Validator:
    # The event schema keeps to keywords draft-07 and 2020-12 share; formats are checked (uuid, date-time).
    schema = event_schema() if kind == "value" else record_headers_schema()
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _pointer(path: Sequence[str | int]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _refuse(location: Literal["header", "value"], errors: list[SchemaError]) -> NoReturn:
    error = best_match(errors)
    path = list(error.absolute_path)
    instance = error.instance
    # A missing or unexpected property is named itself, not the object that holds it.
    if error.validator == "required" and isinstance(instance, dict):
        missing = next(name for name in error.validator_value if name not in instance)
        path.append(missing)
        reason = "is missing" if location == "header" else "is required"
    elif error.validator == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        path.append(next(name for name in instance if name not in known))
        reason = "is not allowed"
    else:
        reason = error.message
    if location == "header":
        raise InvalidRecord("header", str(path[0]) if path else "", reason)
    raise InvalidRecord("value", _pointer(path), reason)


def _header_texts(headers: Headers) -> dict[str, str]:
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers or [])
    texts: dict[str, str] = {}
    for name, raw in pairs:
        if name in texts:
            raise InvalidRecord("header", name, "appears more than once")
        try:
            texts[name] = raw.decode("utf-8") if isinstance(raw, bytes) else raw or ""
        except UnicodeDecodeError:
            raise InvalidRecord("header", name, "is not UTF-8") from None
    return texts


def _check_headers(texts: dict[str, str]) -> None:
    version = texts.get("event-schema-version")
    if version is None:
        raise InvalidRecord("header", "event-schema-version", "is missing")
    if version != str(EVENT_SCHEMA_VERSION):
        raise InvalidRecord(
            "header", "event-schema-version", f'is "{version}"; this package reads version {EVENT_SCHEMA_VERSION}: route the record to a reader of its version'
        )
    # ce_type is required wherever the packaged asyncapi.yaml requires it (the header schema below).
    if "ce_type" in texts and texts["ce_type"] != CE_TYPE:
        raise InvalidRecord("header", "ce_type", f'is "{texts["ce_type"]}", expected "{CE_TYPE}"')
    errors = list(_validator("headers").iter_errors(texts))
    if errors:
        _refuse("header", errors)


def _refuse_constant(name: str) -> NoReturn:
    raise InvalidRecord("value", "", f"is not JSON: {name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise InvalidRecord("value", "", "is ambiguous JSON: an object names one member twice")
    return document


def _check_unicode(node: Any, path: list[str | int]) -> None:
    # json.loads takes "\ud800" (a lone surrogate) as a str; it fails later, at the first UTF-8 encode.
    if isinstance(node, str):
        try:
            node.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRecord("value", _pointer(path), "is not valid Unicode (a lone surrogate)") from None
    elif isinstance(node, dict):
        for name, child in node.items():
            _check_unicode(name, path)
            _check_unicode(child, [*path, name])
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _check_unicode(child, [*path, index])


def _parse(value: bytes | None) -> Any:
    if value is None:
        raise InvalidRecord("value", "", "is missing (a tombstone is not an order event)")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRecord("value", "", "is not UTF-8") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise InvalidRecord("value", "", f"is not JSON ({error.msg} at character {error.pos})") from None
    _check_unicode(document, [])
    return document


def decode(value: bytes | None, headers: Headers) -> ComputerOrderEvent:
    """The record's event, validated against the JSON Schema and the header contract.

    Raises InvalidRecord naming the header or the field (a JSON pointer) that is wrong.

    >>> decode(message.value(), message.headers()).order_id  # doctest: +SKIP
    '1'
    """
    _check_headers(_header_texts(headers))
    document = _parse(value)
    errors = list(_validator("value").iter_errors(document))
    if errors:
        _refuse("value", errors)
    try:
        return ComputerOrderEvent.model_validate(document)
    except ValidationError as error:
        # The schema already passed; this is the models and the schema disagreeing, named all the same.
        first = error.errors()[0]
        raise InvalidRecord("value", _pointer(list(first["loc"])), first["msg"]) from None
