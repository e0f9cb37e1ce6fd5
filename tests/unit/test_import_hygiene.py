"""The headless layers never pull in the UI (STYLE.md: the arrows point one way)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
        " 'stretch_tui.app', 'stretch_tui.textual_fixes', 'stretch_tui.strip_caches',"
        " 'stretch_tui.cli.launch',"
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


PACKAGE = Path(__file__).resolve().parents[2] / "stretch_tui"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(
    module: str, path: Path, node: ast.Import | ast.ImportFrom, known: set[str]
) -> set[str]:
    """Our modules an import statement in `module` loads (`from a import b` is `a.b` when
    that is a module, else `a`)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
            for alias in node.names
        ]
    return {name for name in names if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and ours it imports, at the top or inside a function (they
    run too, only later); imports under `if TYPE_CHECKING:` are left out, as they never run."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(paths)
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        edges: set[str] = set()
        pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
        while pending:
            node = pending.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _is_type_checking(child):
                    pending.extend(child.orelse)  # the body only names types
                    continue
                if isinstance(child, ast.Import | ast.ImportFrom):
                    edges |= _imported(module, path, child, known)
                pending.append(child)
        graph[module] = edges
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan's
    strongly connected components with more than one module, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_round_a_loop() -> None:
    graph = import_graph()
    cycles = import_cycles(graph)
    described = [
        "; ".join(f"{a} -> {b}" for a in group for b in sorted(graph[a] & set(group)))
        for group in cycles
    ]
    assert not cycles, "import cycles: " + " | ".join(described)


def test_the_cycle_finder_sees_imports_inside_functions() -> None:
    # The loop app <-> too_small was made of an import inside a function: it must count.
    graph = import_graph()
    assert "stretch_tui.screens.too_small" in graph["stretch_tui.app"]  # inside _check_size
    looped = {**graph, "stretch_tui.screens.too_small": {"stretch_tui.app"}}
    assert import_cycles(looped) == [["stretch_tui.app", "stretch_tui.screens.too_small"]]


def test_the_cycle_finder_leaves_out_type_only_imports() -> None:
    # screens/base.py names the app's type for `self.stretch_app` under TYPE_CHECKING only.
    assert "stretch_tui.app" not in import_graph()["stretch_tui.screens.base"]


STATUS_MUST_NOT_LOAD = (
    "textual", "attr", "attrs", "argparse", "platformdirs", "typing", "re", "enum", "json",
    "tomllib", "pathlib",
)  # fmt: skip
"""What `stretch-tui status` must not load: Textual, and the modules whose import alone costs
more than its budget (docs/product.md 9: it runs before every shell prompt)."""


def test_status_loads_neither_textual_nor_anything_slow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime, timedelta, timezone

    from stretch_tui.domain.profile import Profile, ScreeningRecord
    from stretch_tui.storage.history import append_session
    from stretch_tui.storage.paths import resolve_paths
    from stretch_tui.storage.profile import save_profile
    from tests.unit.storage.builders import make_entry

    user = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "user")}
    for variable in ("STRETCH_TUI_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", user["HOME"])
    home = tmp_path / "home"
    cases = {  # the platform's folders, as most people have them; a home folder, two ways
        "folders": ([], user),
        "variable": ([], {**user, "STRETCH_TUI_HOME": str(home)}),
        "option": (["--home", str(home)], user),
    }
    now = datetime.now(timezone(timedelta(hours=1)))
    for paths in (resolve_paths(None), resolve_paths(home)):  # a screened profile, a session
        save_profile(paths, Profile(screening=ScreeningRecord(date=now, responder="extension")))
        append_session(paths, make_entry(1, started=now - timedelta(days=1)))
    for name, (arguments, environment) in cases.items():
        code = (
            "import sys\n"
            "from stretch_tui.cli import main\n"
            f"assert main([*{arguments!r}, 'status', '--short']) == 0\n"
            f"assert main([*{arguments!r}, 'status', '--json']) == 0\n"
            f"loaded = {{m.split('.')[0] for m in sys.modules}} & set({STATUS_MUST_NOT_LOAD!r})\n"
            "print('loaded:', ','.join(sorted(loaded)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        assert "streak 1" in result.stdout, name
        assert result.stdout.endswith("loaded: \n"), (name, result.stdout)


FIRST_FRAME_MUST_NOT_LOAD = (
    "attr", "attrs", "argparse", "stretch_tui.domain.catalog", "stretch_tui.domain.screening",
    "stretch_tui.storage.history", "stretch_tui.storage.catalog_cache",
)  # fmt: skip
"""What the app must not load before its first frame (docs/product.md 10, within 1.15x of a bare
Textual app): attrs, whose import alone is a quarter of that margin (the values read for the
first frame are standard-library dataclasses, docs/architecture.md), argparse, and what Home
fills in after the frame (the history, the catalog, the screening's questions)."""

FIRST_FRAME_PROBE = """
import asyncio, sys
from pathlib import Path
from stretch_tui.app import StretchApp
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths

loaded = []
on_ready = StretchApp.on_ready

def note_modules(app):  # Textual draws the first frame just before `Ready` is handled
    loaded.append(set(sys.modules))
    on_ready(app)

StretchApp.on_ready = note_modules

async def first_frame():
    app = StretchApp(AppState(resolve_paths(Path(sys.argv[1]))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("screen:", type(app.screen).__name__)

asyncio.run(first_frame())
names = set(sys.argv[2].split(","))
print("loaded:", ",".join(sorted(m for m in loaded[0] if m in names or m.split(".")[0] in names)))
"""


@pytest.mark.parametrize("visit", ["first run", "returning"])
def test_the_first_frame_loads_neither_attrs_nor_what_comes_after_it(
    tmp_path: Path, visit: str
) -> None:
    from tests.sessionkit import prepare_home

    if visit == "returning":
        prepare_home(tmp_path, responder="extension")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FIRST_FRAME_PROBE,
            str(tmp_path),
            ",".join(FIRST_FRAME_MUST_NOT_LOAD),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    screen = "HomeScreen" if visit == "returning" else "WelcomeScreen"
    assert f"screen: {screen}\n" in result.stdout, result.stdout + result.stderr
    assert result.stdout.endswith("loaded: \n"), result.stdout
