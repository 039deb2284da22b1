#!/usr/bin/env python3
"""Parses Kafka records the way a strict reader in another language does.

Our own tests read records with JavaScript, which keeps a lone UTF-16
surrogate in a string without complaint. A Python reader does not: it fails
on the first UTF-8 encode (a Parquet or database write), as Rust's
serde_json fails on the parse. So every record the tests read is checked
here too, with the standard library only (no virtualenv needed):

- the key, the value and every header value are strictly decoded as UTF-8
  (no replacement character, no encoded surrogates);
- the value is parsed as JSON without Python's leniencies (NaN and Infinity,
  duplicate keys are refused);
- every string in it, keys included, must encode back to UTF-8 strictly,
  which a lone surrogate (a JSON escape such as \\ud800) cannot.

Input: JSON lines on stdin, one record each:
  {"key": <base64 or null>, "value": <base64 or null>, "headers": [[name, <base64>], ...]}
(headers as pairs, in record order: Kafka allows a name more than once).
Output: one JSON line per record, {"ok": true} or {"ok": false, "problem": "..."}.
Exit: 0 when every record passed, 1 when one did not, 2 on bad input.
"""
import base64
import json
import sys


class NotStrict(Exception):
    pass


def utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        raise NotStrict(f"{where} is not valid UTF-8 (byte {error.start})") from None


def no_constants(name: str) -> None:
    raise NotStrict(f"the value holds {name}, which is not JSON")


def no_duplicates(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise NotStrict(f"the value repeats the key {key!r}")
    return dict(pairs)


def check_strings(node: object, pointer: str) -> None:
    if isinstance(node, str):
        try:
            node.encode("utf-8", errors="strict")
        except UnicodeEncodeError as error:
            raise NotStrict(f"{pointer or '/'} is not Unicode text: {error.reason} at character {error.start}") from None
    elif isinstance(node, list):
        for index, item in enumerate(node):
            check_strings(item, f"{pointer}/{index}")
    elif isinstance(node, dict):
        for key, item in node.items():
            check_strings(key, f"{pointer} (a key)")
            check_strings(item, f"{pointer}/{key}")


def check_record(record: dict) -> None:
    for name, value in record.get("headers") or []:
        check_strings(name, f"header name {name!r}")
        utf8(base64.b64decode(value), f"header {name}")
    if record.get("key") is not None:
        utf8(base64.b64decode(record["key"]), "the key")
    if record.get("value") is None:
        raise NotStrict("the record has no value")
    text = utf8(base64.b64decode(record["value"]), "the value")
    try:
        value = json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise NotStrict(f"the value is not JSON: {error.msg} at character {error.pos}") from None
    check_strings(value, "")


def main() -> int:
    failed = False
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            print("strict_decode.py: stdin must be JSON lines, one record each", file=sys.stderr)
            return 2
        try:
            check_record(record)
            print(json.dumps({"ok": True}))
        except NotStrict as problem:
            failed = True
            print(json.dumps({"ok": False, "problem": str(problem)}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
