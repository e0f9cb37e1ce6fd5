"""The headless layers never pull in the UI (STYLE.md: the arrows point one way)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "stretch_tui",
        "stretch_tui.domain",
        "stretch_tui.domain.catalog",
        "stretch_tui.storage",
        "stretch_tui.storage.paths",
        "stretch_tui.cli",
    ],
)
def test_module_imports_without_textual(module: str) -> None:
    code = (
        f"import importlib, sys, pkgutil; m = importlib.import_module({module!r})\n"
        "if hasattr(m, '__path__'):\n"
        "    for info in pkgutil.walk_packages(m.__path__, m.__name__ + '.'):\n"
        "        if info.name.startswith(('stretch_tui.screens', 'stretch_tui.widgets',"
        " 'stretch_tui.app', 'stretch_tui.textual_fixes', 'stretch_tui.cli.launch',"
        " 'stretch_tui.__main__')):\n"
        "            continue\n"
        "        importlib.import_module(info.name)\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} imported textual"


@pytest.mark.parametrize("layer", ["stretch_tui.domain", "stretch_tui.storage"])
def test_layer_does_not_import_the_ui_or_the_app(layer: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({layer!r})\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('textual', 'stretch_tui.screens',"
        " 'stretch_tui.widgets', 'stretch_tui.app', 'stretch_tui.sound')))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{layer} imported {result.stdout.strip()}"


def test_domain_does_not_import_storage() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import stretch_tui.domain as pkg\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(any(m.startswith('stretch_tui.storage') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
