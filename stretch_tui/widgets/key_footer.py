"""The screen's keys on the bottom line, drawn by one widget.

It looks and behaves like Textual's `Footer`, which it replaces: the keys in the accent colour
with their descriptions, the command palette's key on the right behind a thin bar, disabled
keys dimmed, the key under the mouse shaded, a click on a key pressing it, a key's tooltip
while the mouse is over it. Textual's footer is a scrolling container with a widget for each
key; it builds them a frame after its screen (once the focus has settled), and builds them
all again whenever its screen says its bindings may have changed. Home's seven keys cost its
first frame more than any other widget did (docs/product.md 10): every key mounted, styled,
measured and drawn, and the whole screen laid out and drawn a second time when they came.
This widget draws the line itself, from the screen's bindings, and draws it again only when
the keys it shows change.

Left out: Textual's binding groups (no screen here has any; a grouped binding shows as a key
of its own), and the wheel scrolling the keys sideways on a terminal too narrow for them (the
keys that do not fit are cut off before the command palette's key, as Textual's footer shows
them before a scroll; f1 lists every key).
"""

from __future__ import annotations

from typing import ClassVar, Literal, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.css.styles import StylesBase
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class Key(NamedTuple):
    """A key as the footer shows it."""

    key: str
    """The key pressed when it is clicked (`Binding.key`)."""
    display: str
    """How the key is written (`App.get_key_display`)."""
    description: str
    enabled: bool
    tooltip: str
    palette: bool
    """True for the command palette's key, shown on the right."""


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen's active bindings, on one line at the bottom."""

    ALLOW_SELECT = False

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--item {
        background: $footer-item-background;
    }
    KeyFooter > .key-footer--hover {
        /* Instead of the item's background, as Textual's `FooterKey:hover`. */
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyFooter > .key-footer--bar {
        color: $foreground 20%;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--item",
        "key-footer--hover",
        "key-footer--key",
        "key-footer--description",
        "key-footer--bar",
    }
    """A key's cells (under its key and description), the key under the mouse, the key
    itself, its description, and the bar before the command palette's key."""

    compact = reactive(False, layout=False)
    """Less space: no padding around a key, one cell between keys."""
    show_command_palette = reactive(True)
    """Show the command palette's key on the right."""
    _hover: reactive[int | None] = reactive(None)
    """The index in `keys` of the key under the mouse."""

    def __init__(
        self,
        *,
        id: str | None = None,
        classes: str | None = None,
        show_command_palette: bool = True,
        compact: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(KeyFooter.compact, compact)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        self._keys: tuple[Key, ...] | None = None
        self._drawing_styles: dict[tuple[str, ...], Style] = {}
        """The cells' styles of the drawing under way (`_style`)."""
        self._spans: list[tuple[int, int, int, Key]] = []
        """Where each key was last drawn: (start, end, index in `keys` then, the key)."""

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys shown, in order, the command palette's last."""
        if self._keys is None:
            self._keys = self._active_keys()
        return self._keys

    def _active_keys(self) -> tuple[Key, ...]:
        """The screen's keys to show now: one for each action (its first binding), as
        Textual's footer picks them."""
        app = self.app
        bindings = self.screen.active_bindings
        keys: list[Key] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                display = app.get_key_display(binding)
                keys.append(Key(binding.key, display, binding.description, enabled, tooltip, False))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                display = app.get_key_display(binding)
                tooltip = binding.tooltip or binding.description
                keys.append(Key(binding.key, display, binding.description, enabled, tooltip, True))
        return tuple(keys)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Draw again, but only when the keys to show are not the ones shown."""
        if not self.is_attached or screen is not self.screen:
            return
        keys = self._active_keys()
        if keys != self._keys:
            self._keys = keys
            self._forget_places()
            self.refresh()

    def _forget_places(self) -> None:
        """The keys changed: where the old ones were drawn no longer holds."""
        self._spans = []
        self._hover = None
        self.tooltip = None

    def watch_compact(self) -> None:
        self.refresh()

    def watch_show_command_palette(self) -> None:
        self._keys = None
        self._forget_places()
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def _layer_style(self, *components: str) -> Style:
        """The style of a cell under `components`, each laid over the one before it, over this
        widget: what Textual's `DOMNode.rich_style` gives a widget nested that deep (its
        footer keys' components are two deep: the key, then its key or description)."""
        layers: list[StylesBase] = [node.styles for node in reversed(self.ancestors_with_self)]
        layers += [self.get_component_styles(name) for name in components]
        background = Color(0, 0, 0, 0)
        color = Color(255, 255, 255, 0)
        style = Style()
        opacity = 1.0
        for styles in layers:
            opacity *= styles.opacity
            if styles.has_rule("background"):
                text_background = background + styles.background.tint(styles.background_tint)
                background += styles.background.tint(styles.background_tint).multiply_alpha(opacity)
            else:
                text_background = background
            if styles.has_rule("color"):
                color = styles.color
            style += styles.text_style
            if styles.has_rule("auto_color") and styles.auto_color:
                color = text_background.get_contrast_text(color.a)
        return style + Style.from_color(
            (background + color).rich_color if (background.a or color.a) else None,
            background.rich_color if background.a else None,
        )

    def _style(self, *components: str) -> Style:
        """`_layer_style`, worked out once for each drawing of the line (every key but the one
        under the mouse has the same few)."""
        style = self._drawing_styles.get(components)
        if style is None:
            style = self._drawing_styles[components] = self._layer_style(*components)
        return style

    def _key_segments(self, key: Key, hover: bool, compact: bool) -> list[Segment]:
        """One key: its key and description, each padded as Textual's footer pads them."""
        item = "key-footer--hover" if hover else "key-footer--item"
        dim = Style(dim=True) if not key.enabled else Style()
        key_style = self._style(item, "key-footer--key") + dim
        if not key.description:
            return [Segment(key.display, key_style)]
        description_style = self._style(item, "key-footer--description") + dim
        if compact:
            return [
                Segment(key.display, key_style),
                Segment(f" {key.description}", description_style),
            ]
        return [
            Segment(f" {key.display} ", key_style),
            Segment(f"{key.description} ", description_style),
        ]

    def _palette_segments(self, key: Key, hover: bool) -> list[Segment]:
        """The command palette's key: a thin bar, the key (always spaced as a compact key is,
        as in Textual's footer, where this key alone is not bound to the footer's
        `compact`), a cell of padding unless compact, then (compact) the cell of margin every
        compact key has after it."""
        item = "key-footer--hover" if hover else "key-footer--item"
        background = self._style(item).bgcolor
        # Textual draws the bar (the key's left border) in a colour laid over the footer's
        # background, not the key's, with none of the key's text style.
        bar = Style.from_color(self._style("key-footer--bar").color, background)
        segments = [Segment("▏", bar), *self._key_segments(key, hover, compact=True)]
        if self.compact:
            segments.append(Segment(" ", Style.from_color(bgcolor=self._style().bgcolor)))
        else:
            segments.append(Segment(" ", Style.from_color(bgcolor=background)))
        return segments

    def render_line(self, y: int) -> Strip:
        """The keys from the left, the command palette's at the right edge."""
        width = self.size.width
        self._drawing_styles = {}
        # Cells with no text (the space between keys, the rest of the line) take only the
        # background, as Textual's own blank cells do.
        base = Style.from_color(bgcolor=self._style().bgcolor)
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        keys = self.keys
        palette = [index for index, key in enumerate(keys) if key.palette]
        right: list[Segment] = []
        if palette:
            index = palette[0]
            right = self._palette_segments(keys[index], self._hover == index)
        right_width = min(width, sum(cell_len(segment.text) for segment in right))
        segments: list[Segment] = []
        spans: list[tuple[int, int, int, Key]] = []
        x = 0
        for index, key in enumerate(keys):
            if key.palette:
                continue
            drawn = self._key_segments(key, self._hover == index, self.compact)
            length = sum(cell_len(segment.text) for segment in drawn)
            spans.append((x, min(x + length, width - right_width), index, key))
            if self.compact:  # a cell of the footer between keys, part of neither
                drawn.append(Segment(" ", base))
                length += 1
            segments += drawn
            x += length
        left = Strip(segments).crop_extend(0, width - right_width, base)
        right_strip = Strip(right)
        if palette:
            # Without the compact key's cell of margin after it, which is the footer's.
            end = width - 1 if self.compact else width
            spans.append((width - right_width, end, palette[0], keys[palette[0]]))
            # On a line too short for the whole key, its end shows, as in Textual's footer.
            right_strip = right_strip.crop(right_strip.cell_length - right_width)
        self._spans = [span for span in spans if span[0] < span[1]]
        return Strip.join([left, right_strip])

    def _key_at(self, x: int) -> tuple[int, Key] | None:
        """The key drawn at `x` and its index, if any."""
        for start, end, index, key in self._spans:
            if start <= x < end:
                return index, key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._key_at(event.x)
        self._hover = None if found is None else found[0]
        self.tooltip = None if found is None else (found[1].tooltip or None)
        pointer: Literal["default", "pointer"] = "default" if found is None else "pointer"
        if self.styles.pointer != pointer:  # a hand over a key, as Textual's `FooterKey:hover`
            self.styles.pointer = pointer

    def on_leave(self, _: events.Leave) -> None:
        self._hover = None
        self.tooltip = None
        self.styles.pointer = "default"

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key clicked (a bell for a disabled one)."""
        found = self._key_at(event.x)
        if found is None:
            return
        key = found[1]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
