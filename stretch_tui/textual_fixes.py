"""Work-arounds for Textual bugs that crash the app, applied once when the app is built.

Each was found by the end-to-end random-key test (tests/e2e/test_random_keys.py) in Textual
8.2 and ended the app with a traceback. Neither is reported to Textual yet: docs/upstream.md
(sections 1 and 2) holds each report, ready to file, and where the search for one looked.
`tests/app/test_textual_upstream.py` reproduces each bug with Textual's own method (kept below
as `ORIGINAL_*`) and fails once a Textual release has fixed it: remove the patch then.

- `OptionList` page up/down before the list has a size: `_move_page` looks up the highlighted
  option's line in a table that is filled only once the widget has a size, and raises
  `KeyError`. It happens in the command palette just after it opens and in a `Select`'s
  drop-down. Nothing has changed when it raises, so the key is ignored.
- `Header` closed as it opens: its title watcher runs once the header is mounted, and if the
  screen is dismissed in between (a key right after opening it) the header's `HeaderTitle`
  child is already gone and `query_one` raises `NoMatches` (Textual catches only `NoScreen`
  there). A header on its way out has no title to set, so that is ignored too.

One more is not a crash but a slow launch (docs/upstream.md, section 12, found by
profiling the launch for docs/product.md 10):

- Textual draws no frame while a batch update is under way (`App._display` drops it), and
  its start-up is one: the first screen is laid out and drawn inside it, and that frame is
  lost. Nothing draws it again when the batch ends; the first frame on the terminal waited for
  the next change on the screen (Textual's own footer, composing its keys a frame later, is
  such a change). A frame dropped during the start-up's batch is now drawn, whole, as that
  batch ends (later batches are left to Textual). That frame comes before the screen's first
  resize, where Textual sets its breakpoint classes, so a screen's first showing now sets them
  itself (`_set_breakpoint_classes`).

Another is the same kind of waste (docs/upstream.md, section 10):

- A screen is restyled in full when it is first shown (its `ScreenResume` asks for it), just
  after each of its widgets was styled as it mounted. A screen shown for the first time now
  skips that, unless it has a stylesheet of its own (`CSS_PATH`, `CSS`: Textual reads that
  only after mounting the screen); a later resume that asks for a restyle still gets it. About
  7% of the Python calls from the end of Home's imports to its first frame.
- A resize to the size the app already has is passed on to every screen all the same, and
  each lays itself out and paints again. The terminal reports its size once the app has
  started with that very size, so every launch laid Home out twice before its first frame
  (docs/upstream.md, section 11). A resize that changes nothing is now dropped.

Two more lay every new screen out again just after its first frame (docs/upstream.md, section
13), which the library opened straight in paid while its rows were read:

- `Header` sets its title only from watchers that run after the screen's first frame, each
  update laying the screen out (changed or not). The title is now set as the header mounts,
  and updated only when it changes.
- `ToastRack.show` sets `display` whether or not it changes, and hiding a rack hidden by its
  CSS adds an inline style, which lays the screen out: each screen's first showing did it. It
  now does nothing when there is nothing to show and nothing shown.

And one keeps closed widgets in memory (docs/upstream.md, section 8, found by the memory
benchmark):

- A widget that watches another object's reactive (`DOMNode.watch`, and so every
  `data_bind`) is put in that object's list of watchers, which Textual prunes of closed
  widgets only when the value changes. The app's title, a screen's title and a footer's
  `compact` hardly ever change, so every `Header` and every footer key ever mounted stayed
  alive, with their styles and render caches: each visit to a screen kept about 0.8 MiB. Each
  new watch now first drops the closed watchers of the object it watches.
- `StylesCache.get_inner_outer`, a method, is wrapped in `functools.lru_cache`, whose keys
  hold `self`: the last 1,024 widgets' style caches, each with the rendered lines it keeps,
  outlived their widgets (another 0.5 MiB for each visit to the library). The patch caches the
  two styles by the colours alone (docs/upstream.md, section 9).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from textual._styles_cache import StylesCache
from textual.app import App
from textual.color import Color
from textual.css.query import NoMatches
from textual.dom import DOMNode, NoScreen
from textual.events import Mount, Resize, ScreenResume
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Header, OptionList
from textual.widgets._header import HeaderTitle
from textual.widgets._toast import Toast, ToastRack

from stretch_tui.strip_caches import apply_lazy_strip_caches

_applied = False

ORIGINAL_MOVE_PAGE = OptionList._move_page
"""Textual's own `OptionList._move_page`, kept so that `tests/app/test_textual_upstream.py`
can check the bug is still there (and say to drop the fix once it is not)."""
ORIGINAL_HEADER_ON_MOUNT = Header._on_mount
"""Textual's own `Header._on_mount`, kept for the same check."""
ORIGINAL_WATCH = DOMNode.watch
"""Textual's own `DOMNode.watch`, kept for the same check."""
ORIGINAL_GET_INNER_OUTER = StylesCache.get_inner_outer
"""Textual's own `StylesCache.get_inner_outer`, kept for the same check."""
ORIGINAL_SCREEN_RESUME = Screen._on_screen_resume
"""Textual's own `Screen._on_screen_resume`, kept for the same check."""
ORIGINAL_APP_ON_RESIZE = App._on_resize
"""Textual's own `App._on_resize`, kept for the same check."""
ORIGINAL_APP_DISPLAY = App._display
"""Textual's own `App._display`, kept for the same check."""
ORIGINAL_APP_END_BATCH = App._end_batch
"""Textual's own `App._end_batch`, kept for the same check."""
ORIGINAL_TOAST_RACK_SHOW = ToastRack.show
"""Textual's own `ToastRack.show`, kept for the same check."""


def _watch_dropping_closed_watchers(
    self: DOMNode,
    obj: DOMNode,
    attribute_name: str,
    callback: Callable[..., Any],
    init: bool = True,
) -> None:
    """`DOMNode.watch`, after dropping the closed widgets among `obj`'s watchers (the list
    Textual keeps under the attribute `__watchers`, and prunes itself only when a value
    changes)."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(obj, "__watchers", {})
    for watcher_list in watchers.values():
        watcher_list[:] = [watcher for watcher in watcher_list if not watcher[0]._closing]
    ORIGINAL_WATCH(self, obj, attribute_name, callback, init=init)


def _resume_without_restyling_when_new(self: Screen[Any], event: ScreenResume) -> None:
    """`Screen._on_screen_resume`, without the restyle on a screen's first showing (it was
    styled widget by widget as it mounted, just before), and with its breakpoint classes for
    the app's size set before it is first laid out (docs/upstream.md, section 12)."""
    if self.stack_updates == 0:  # neither resumed nor suspended yet: its first showing
        _set_breakpoint_classes(self)
        # A screen with a stylesheet of its own (`CSS_PATH`, `CSS`) is mounted before that
        # is read, so it keeps Textual's restyle.
        if not self.css_path and not self.CSS:
            event.refresh_styles = False
    ORIGINAL_SCREEN_RESUME(self, event)


def _set_breakpoint_classes(screen: Screen[Any]) -> None:
    """The classes `Screen._on_resize` gives the screen for the app's size, set now: Textual
    sets them at the screen's first resize, after its first frame, and a class that changes
    the layout (the library's preview beside the table) then lays it out and draws it again.
    The resize later sets the same classes, which changes nothing."""
    width, height = screen.app.size
    wanted: dict[str, bool] = {}
    horizontal, vertical = screen.HORIZONTAL_BREAKPOINTS, screen.VERTICAL_BREAKPOINTS
    for dimension, breakpoints in (
        (width, (screen.app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []),
        (height, (screen.app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []),
    ):
        for _, name in breakpoints:
            wanted[name] = False
        for name in screen._get_breakpoint_classes(dimension, breakpoints):
            wanted[name] = True
    if wanted:
        screen.update_classes(wanted, animate=False)


async def _resize_when_the_size_changes(self: App[Any], event: Resize) -> None:
    """`App._on_resize`, dropping a resize to the size the app has: its screens have that
    size already, or a resize to it is on its way to them."""
    if self._size is not None and event.size == self._size:
        event.stop()
        return
    await ORIGINAL_APP_ON_RESIZE(self, event)


def _show_toasts_unless_none_to_hide(self: ToastRack, notifications: Any) -> None:
    """`ToastRack.show`, except when there is nothing to show and nothing shown: Textual then
    hides the hidden rack all the same, which sets its style and lays the screen out again."""
    if not notifications and not self.display and not self.query(Toast):
        return
    ORIGINAL_TOAST_RACK_SHOW(self, notifications)


_FRAME_DROPPED = "_stretch_tui_frame_dropped"
"""The app's attribute: True while a frame drawn during the start-up's batch waits, False once
the start-up is over."""


def _display_noting_a_dropped_frame(self: App[Any], screen: Screen[Any], renderable: Any) -> None:
    """`App._display`, noting a frame it drops because the start-up's batch is under way."""
    if renderable is not None and self._batch_count and vars(self).get(_FRAME_DROPPED) is None:
        setattr(self, _FRAME_DROPPED, True)
    ORIGINAL_APP_DISPLAY(self, screen, renderable)


def _end_batch_drawing_a_dropped_frame(self: App[Any]) -> None:
    """`App._end_batch`, then, when the start-up's batch (the first) ends, the whole top
    screen drawn at once if a frame was dropped during it. Later batches are left as Textual
    handles them: the fix is for the first frame only. (The app never runs inline, so the
    full-screen render is the only kind needed.)"""
    ORIGINAL_APP_END_BATCH(self)
    if self._batch_count or vars(self).get(_FRAME_DROPPED) is False:
        return
    dropped = vars(self).get(_FRAME_DROPPED) is True
    setattr(self, _FRAME_DROPPED, False)
    if dropped and self.screen_stack:
        screen = self.screen
        full = screen._compositor.render_update(full=True, screen_stack=self._background_screens)
        self._display(screen, full)


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer_by_colours(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    """`StylesCache.get_inner_outer`, cached by the colours only, not by the widget's cache."""
    return _inner_outer(base_background, background)


def apply_textual_fixes() -> None:
    """Patch the Textual bugs listed above; calling it again does nothing."""
    global _applied
    if _applied:
        return
    _applied = True
    move_page: Callable[[OptionList, Any], None] = ORIGINAL_MOVE_PAGE

    def move_page_when_laid_out(self: OptionList, direction: Any) -> None:
        with contextlib.suppress(KeyError):  # no line table yet: nothing to page through
            move_page(self, direction)

    OptionList._move_page = move_page_when_laid_out  # type: ignore[method-assign]

    def header_mount_without_a_race(self: Header, _: Mount) -> None:
        def show_title() -> None:
            with contextlib.suppress(NoScreen, NoMatches):
                title, shown = self.format_title(), self.query_one(HeaderTitle)
                if shown.content != title:  # an update lays the whole screen out again
                    shown.update(title)

        async def set_title() -> None:
            show_title()

        # In the screen's first frame, not a frame later (section 13).
        show_title()
        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

    Header._on_mount = header_mount_without_a_race  # type: ignore[method-assign]
    DOMNode.watch = _watch_dropping_closed_watchers  # type: ignore[method-assign]
    StylesCache.get_inner_outer = _get_inner_outer_by_colours  # type: ignore[assignment]
    Screen._on_screen_resume = _resume_without_restyling_when_new  # type: ignore[method-assign]
    App._on_resize = _resize_when_the_size_changes  # type: ignore[method-assign]
    App._display = _display_noting_a_dropped_frame  # type: ignore[method-assign]
    App._end_batch = _end_batch_drawing_a_dropped_frame  # type: ignore[method-assign]
    ToastRack.show = _show_toasts_unless_none_to_hide  # type: ignore[method-assign]
    # Not a bug: the painted lines' caches made when first used (0.6 MiB of the tour's peak).
    apply_lazy_strip_caches()
