"""Our screens and widgets never reuse a name Textual keeps for itself.

A screen once kept its own `self._closed` flag. Textual's message pump uses `_closed` to mean
"this pump takes no more messages", so setting it made Textual drop the message that removes
the screen: closing the screen hung forever, and so did quitting the app behind it. Any
attribute a subclass assigns that Textual already has on its screens, widgets or app is the
same trap, so this test reads every assignment to `self.<name>` in our UI modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

import stretch_tui

UI_FOLDERS = ("screens", "widgets")
UI_FILES = ("app.py",)
ALLOWED: frozenset[str] = frozenset(
    {
        # Public Textual attributes that subclasses are meant to set.
        "animation_level",
        "border_title",
        "border_subtitle",
        "can_focus",
        "display",
        "highlighted",
        "sub_title",
        "theme",
        "title",
        "tooltip",
        "disabled",
    }
)


def textual_names() -> set[str]:
    """Every attribute a bare Textual screen, modal, widget or app has, set or inherited."""
    samples: list[object] = [Screen(), ModalScreen(), Widget(), App()]
    names: set[str] = set()
    for sample in samples:
        names |= set(vars(sample)) | set(dir(type(sample)))
    return names


def assigned_self_names(path: Path) -> set[tuple[str, int]]:
    """Each `self.NAME = ...` (or annotated, or augmented) in the file, with its line."""
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                found.add((target.attr, node.lineno))
    return found


def ui_files() -> list[Path]:
    package = Path(stretch_tui.__file__).parent
    files = [package / name for name in UI_FILES]
    for folder in UI_FOLDERS:
        files += sorted((package / folder).glob("*.py"))
    return files


def test_no_ui_class_assigns_a_name_textual_uses() -> None:
    reserved = textual_names() - ALLOWED
    assert "_closed" in reserved  # the name that hung the screening screen
    clashes = [
        f"{path.name}:{line}: self.{name}"
        for path in ui_files()
        for name, line in sorted(assigned_self_names(path))
        if name in reserved
    ]
    assert not clashes, "these shadow Textual's own attributes:\n" + "\n".join(clashes)
