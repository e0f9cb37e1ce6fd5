"""SHA-256 hex digests without `hashlib`.

`hashlib` loads OpenSSL's library as it is imported, 0.6 MiB of resident memory for a few
fingerprints (docs/product.md 10, memory). CPython's own SHA-256 (`_sha2` from 3.12, `_sha256`
before) gives the same digests; `hashlib` stays the fallback for an interpreter without them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_sha256: Callable[[bytes], Any]
try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # pragma: no cover - a Python built without CPython's own SHA-2
        from hashlib import sha256 as _sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` in hexadecimal, as `hashlib.sha256(data).hexdigest()`."""
    return str(_sha256(data).hexdigest())
