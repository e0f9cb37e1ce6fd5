"""TOML text from a document, in the layout docs/product.md 8 shows.

`tomli_w` writes a short array of tables inline (`exercises = [{ id = ... }]`), which is valid
but not the `[[session.exercises]]` layout a person reading their history expects, and an
inline top-level array cannot be extended by appending text. This writer always gives every
table its own `[header]` and every array of tables `[[headers]]`, writes datetimes with a `T`,
and keeps keys in the document's order (so `schema_version`, given first, comes first).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"'}
_ESCAPES["\\"] = "\\\\"
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def dumps_toml(document: Mapping[str, Any]) -> str:
    """The document as TOML text; tables and arrays of tables get headers of their own.

    Accepts what `tomllib` produces: str, int, float, bool, date, time, datetime, lists,
    tuples and mappings with string keys. An offset-aware datetime whose offset is not a
    whole number of minutes (TOML cannot say that) is written as the same instant in UTC.
    """
    return "".join(_table(document, ()))


def _table(table: Mapping[str, Any], name: tuple[str, ...], header: str = "") -> Iterator[str]:
    scalars: list[tuple[str, Any]] = []
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, Mapping) or _is_array_of_tables(value):
            nested.append((key, value))
        else:
            scalars.append((key, value))
    if header:
        yield header
    for key, value in scalars:
        yield f"{_key(key)} = {_value(value)}\n"
    for key, value in nested:
        path = (*name, key)
        dotted = ".".join(_key(part) for part in path)
        if isinstance(value, Mapping):
            yield from _table(value, path, f"\n[{dotted}]\n")
        else:
            for item in value:
                yield from _table(item, path, f"\n[[{dotted}]]\n")


def _is_array_of_tables(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime):
        return _datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise TypeError("TOML has no times with an offset")
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(key)} = {_value(item)}" for key, item in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} in TOML")


def _datetime(value: datetime) -> str:
    offset = value.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        value = value.astimezone(UTC)
    return value.isoformat()
