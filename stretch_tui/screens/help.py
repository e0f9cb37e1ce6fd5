"""Help: every key on every screen (read from the bindings), the self-care notice, the files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from stretch_tui.domain.guidance import load_advice
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.help_keys import SCREEN_KEYS
from stretch_tui.screens.notice import SELF_CARE_NOTICE
from stretch_tui.screens.registry import documented_screens
from stretch_tui.widgets.key_footer import KeyFooter

TYPING_NOTE = "Letters typed in the library go to the name filter."


def screen_bindings(screen_class: type[Screen[Any]]) -> Iterator[Binding]:
    """The bindings a screen class declares, its own and those of its bases (not Textual's)."""
    seen: set[str] = set()
    for cls in screen_class.__mro__:
        if not cls.__module__.startswith("stretch_tui"):
            continue
        declared: list[BindingType] = list(cls.__dict__.get("BINDINGS", []))
        for binding in Binding.make_bindings(declared):
            if binding.description and binding.key not in seen:
                seen.add(binding.key)
                yield binding


ScreenKeys = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""Each screen's title with its keys, `(key, description)`, as Help lists them."""


def current_screen_keys() -> ScreenKeys:
    """What `help_keys.SCREEN_KEYS` must hold: read from the screen classes' bindings, which
    imports every screen (which is why Help reads the written-out copy instead)."""
    return tuple(
        (title, tuple((binding.key, binding.description) for binding in screen_bindings(cls)))
        for title, cls in documented_screens()
    )


def help_keys_module(keys: ScreenKeys) -> str:
    """The source of `help_keys.py` holding `keys` (`scripts/help_keys.py` writes it)."""
    lines = [
        '"""Every screen\'s keys for Help, written out by `make help-keys` (scripts/help_keys.py):',
        "do not edit. Help reads them here rather than importing every screen to read its",
        "bindings, which cost 2.4 MiB, a third of the memory budget's headroom (docs/product.md",
        "10); `tests/app/test_registry.py` fails once a screen's keys differ from these.",
        '"""',
        "",
        "SCREEN_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (",
    ]
    for title, bindings in keys:  # as `ruff format` writes them (JSON strings: double quotes)
        pairs = [f"({json.dumps(key)}, {json.dumps(text)})" for key, text in bindings]
        lines += ["    (", f"        {json.dumps(title)},"]
        if len(pairs) == 1:
            lines.append(f"        ({pairs[0]},),")
        else:
            lines += ["        (", *(f"            {pair}," for pair in pairs), "        ),"]
        lines.append("    ),")
    lines.append(")")
    return "\n".join(lines) + "\n"


class HelpScreen(StretchScreen):
    """Keys, the self-care notice, the general advice and where the files are."""

    TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_screen", "Back", id="help.back"),
    ]
    DEFAULT_CSS = """
    HelpScreen VerticalScroll { padding: 0 2; }
    HelpScreen #help-keys, HelpScreen #help-advice { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        # A few long texts rather than a widget per part: every Textual widget costs memory
        # (its styles, caches and message queue), and Help lists a lot (docs/product.md 10).
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(SELF_CARE_NOTICE, classes="notice", id="help-notice")
            yield Static(self._keys_text(), id="help-keys")
            yield Static(self._advice_text(), id="help-advice")
        yield KeyFooter()

    def _keys_text(self) -> Text:
        sections = [
            _section("Keys everywhere", self._key_table(type(self.app).BINDINGS)),
            Text("ctrl+p opens the command palette: every screen and action by name.", "dim"),
        ]
        for title, keys in SCREEN_KEYS:
            table = self._key_table([Binding(key, "", text) for key, text in keys])
            sections.append(_section(title, table))
        sections.append(Text(TYPING_NOTE, "dim"))
        return Text("\n\n").join(sections)

    def _advice_text(self) -> Text:
        parts = [Text("Good to know", "bold")]
        parts.extend(Text.assemble((item.title, "bold"), "\n", item.text) for item in load_advice())
        parts.append(_section("Your files", self._files_table()))
        return Text("\n\n").join(parts)

    def _key_table(self, bindings: list[BindingType]) -> Text:
        rows = [
            (self.app.get_key_display(binding), binding.description)
            for binding in Binding.make_bindings(bindings)
            if binding.description
        ]
        return _two_columns(rows)

    def _files_table(self) -> Text:
        return _two_columns([(name, str(path)) for name, path in self.state.paths.described()])


def _section(title: str, body: Text) -> Text:
    """A bold heading over `body`."""
    return Text.assemble((title, "bold"), "\n", body)


def _two_columns(rows: list[tuple[str, str]]) -> Text:
    """Rows of `label  text`, labels bold and padded to one width."""
    width = max((len(label) for label, _ in rows), default=0)
    text = Text()
    for number, (label, value) in enumerate(rows):
        if number:
            text.append("\n")
        text.append(label.ljust(width + 2), style="bold")
        text.append(value)
    return text
