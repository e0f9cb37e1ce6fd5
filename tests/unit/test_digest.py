"""SHA-256 without hashlib (docs/product.md 10): the same digests, and OpenSSL left unloaded."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from stretch_tui.domain.digest import sha256_hex


@pytest.mark.parametrize("data", [b"", b"x", b"pose, 30 s, left", bytes(range(256)) * 40])
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_planning_and_history_leave_openssl_unloaded() -> None:
    code = (
        "import sys\n"
        "import stretch_tui.domain.session_plan, stretch_tui.storage.history\n"
        "import stretch_tui.domain.recommend, stretch_tui.storage.catalog_cache\n"
        "print(sorted(m for m in ('hashlib', '_hashlib') if m in sys.modules))\n"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
