"""The Textual bugs the app works around are still in Textual: each test here fails once not.

The app patches or overrides four things of Textual's (`stretch_tui/textual_fixes.py` and
`stretch_tui/screens/palette.py`), each for a bug the random-key test found in Textual 8.2, and
ends its own process if an exit after a dropped connection hangs in Textual's writer thread
(`StretchApp.on_exit_signal`), keeps Textual from styling a new screen twice before its first
frame, draws the first frame Textual drops during its start-up, drops resizes that change
nothing, and frees closed
widgets that two of Textual's caches kept (the memory benchmark). None of them is reported
upstream yet (docs/upstream.md has each report, ready to file, and what was searched). A
work-around outliving its bug is dead code that hides how Textual really behaves, so each bug
is reproduced here on a bare Textual app with Textual's own code, and the test fails as soon
as a Textual release no longer shows it:
then remove the work-around (the random-key test still guards the behaviour) and this test.
Next to each, the same steps through the app's fix show that the fix holds.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.color import Color
from textual.command import Command, CommandList, CommandPalette, Hit
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Label, OptionList
from textual.widgets._header import HeaderTitle
from textual.widgets._toast import Toast, ToastRack

from stretch_tui import textual_fixes
from stretch_tui.screens.palette import StretchCommandPalette
from tests.waiting import wait_until

FIXED_UPSTREAM = "Textual no longer has this bug: remove the work-around {where}, and this test."


class OptionListWithoutSize(App[None]):
    """An option list that is never laid out (hidden), with an option highlighted."""

    def compose(self) -> ComposeResult:
        options = OptionList("one", "two", "three")
        options.display = False
        yield options


async def test_textual_still_fails_to_page_an_option_list_with_no_size() -> None:
    """Upstream: page up/down on an `OptionList` before it has a size raises `KeyError`
    (the line table is empty until layout)."""
    app = OptionListWithoutSize()
    async with app.run_test():
        options = app.query_one(OptionList)
        options.highlighted = 0
        try:
            textual_fixes.ORIGINAL_MOVE_PAGE(options, 1)
        except KeyError:
            pass
        else:
            pytest.fail(FIXED_UPSTREAM.format(where="move_page_when_laid_out in textual_fixes"))
        textual_fixes.apply_textual_fixes()
        options.action_page_down()  # the fix: nothing to page through yet, nothing happens
        assert options.highlighted == 0


class TitledScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("a screen closed as it opens")


class ScreenClosedAsItOpens(App[None]):
    def on_mount(self) -> None:
        self.push_screen(TitledScreen())
        self.pop_screen()


async def run_until_idle(app: App[Any]) -> None:
    async with app.run_test() as pilot:
        for _ in range(5):
            await pilot.pause()


async def test_textual_header_still_fails_on_a_screen_closed_as_it_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: a `Header` whose screen is popped before its title watcher runs raises
    `NoMatches` for its `HeaderTitle` (only `NoScreen` is caught there)."""
    monkeypatch.setattr(Header, "_on_mount", textual_fixes.ORIGINAL_HEADER_ON_MOUNT)
    try:
        await run_until_idle(ScreenClosedAsItOpens())
    except NoMatches:
        raised = True
    else:
        raised = False
    if not raised:
        pytest.fail(FIXED_UPSTREAM.format(where="header_mount_without_a_race in textual_fixes"))
    monkeypatch.undo()
    textual_fixes.apply_textual_fixes()
    await run_until_idle(ScreenClosedAsItOpens())  # the fix: no error


class UnderThePalette(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("the screen the palette opened over")


class PaletteApp(App[None]):
    def __init__(self, palette: type[CommandPalette]) -> None:
        super().__init__()
        self.palette = palette

    def on_mount(self) -> None:
        self.push_screen(UnderThePalette())

    def open_palette(self) -> CommandPalette:
        palette = self.palette()
        self.push_screen(palette)
        return palette


@pytest.mark.parametrize("palette_class", [CommandPalette, StretchCommandPalette])
async def test_textual_palette_escaped_twice_still_pops_the_screen_under_it(
    palette_class: type[CommandPalette],
) -> None:
    """Upstream: two escapes that reach the command palette (a quick double key, or a key
    queued behind the first) dismiss it twice, and the second pops the screen under it."""
    app = PaletteApp(palette_class)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, UnderThePalette), "mounted")
        palette = app.open_palette()
        await wait_until(pilot, lambda: palette.is_mounted, "the palette is open")
        palette._action_escape()
        palette._action_escape()
        await wait_until(pilot, lambda: app.screen is not palette, "the palette closed")
        for _ in range(5):
            await pilot.pause()
        under_kept = any(isinstance(screen, UnderThePalette) for screen in app.screen_stack)
    if palette_class is StretchCommandPalette:
        assert under_kept, "the app's palette must close once"
    elif under_kept:
        pytest.fail(FIXED_UPSTREAM.format(where="_action_escape in screens/palette.py"))


@pytest.mark.parametrize("palette_class", [CommandPalette, StretchCommandPalette])
async def test_textual_palette_still_fails_on_results_for_a_list_that_is_gone(
    palette_class: type[CommandPalette],
) -> None:
    """Upstream: results that arrive after the palette's command list is gone (the palette
    closing while a search still gathers) make the palette's watcher look the list up, and
    it raises `NoMatches`."""
    app = PaletteApp(palette_class)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, UnderThePalette), "mounted")
        palette = app.open_palette()
        await wait_until(pilot, lambda: palette.is_mounted, "the palette is open")
        command_list = palette.query_one(CommandList)
        palette._refresh_command_list(command_list, [], True)  # a search that found nothing
        await command_list.remove()  # the palette closing takes its list away
        late = [Command("late", Hit(1.0, "late", lambda: None))]
        try:
            palette._refresh_command_list(command_list, late, False)
        except NoMatches:
            raised = True
        else:
            raised = False
    if palette_class is StretchCommandPalette:
        assert not raised, "the app's palette must drop a late result"
    elif not raised:
        pytest.fail(FIXED_UPSTREAM.format(where="_refresh_command_list in screens/palette.py"))


class _GoneTerminal:
    """A terminal whose other side has closed: every write fails as a pty's does then."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


# The writer thread's death by the failed write is the bug shown here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_textual_writer_thread_stops_draining_after_a_failed_write() -> None:
    """docs/upstream.md 6: the writer thread dies on the first failed write and its queue
    fills; the next write would block for ever, as the exit after an SSH drop did."""
    from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

    writer = WriterThread(_GoneTerminal())  # type: ignore[arg-type]
    writer.start()
    writer.write("the first frame after the drop")
    writer.join(timeout=5)
    still_draining = writer.is_alive()
    for _ in range(MAX_QUEUED_WRITES):
        if writer._queue.full():
            break
        writer.write("a frame nobody reads")
    if still_draining or not writer._queue.full():
        pytest.fail(FIXED_UPSTREAM.format(where="in StretchApp.on_exit_signal (the exit watchdog)"))


class TitledScreenToClose(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def headers_alive_after(visits: int) -> int:
    """Live `Header` widgets after a screen with a header was opened and closed `visits` times."""
    app = App[None]()
    async with app.run_test() as pilot:
        for _ in range(visits):
            await app.push_screen(TitledScreenToClose())
            await pilot.pause()
            await app.pop_screen()
            await pilot.pause()
        gc.collect()
        return sum(isinstance(thing, Header) for thing in gc.get_objects())


async def test_textual_still_keeps_closed_watchers_of_an_unchanged_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: a widget watching another object's reactive (a `Header` watches the app's
    title) stays in that object's watchers, and so alive, until the value changes."""
    textual_fixes.apply_textual_fixes()
    monkeypatch.setattr(DOMNode, "watch", textual_fixes.ORIGINAL_WATCH)
    if await headers_alive_after(5) < 5:
        pytest.fail(FIXED_UPSTREAM.format(where="_watch_dropping_closed_watchers in textual_fixes"))
    monkeypatch.undo()
    assert await headers_alive_after(5) <= 1  # the fix: at most the one closed last


def test_textual_still_keeps_widget_style_caches_in_a_method_cache() -> None:
    """Upstream: `StylesCache.get_inner_outer` is an `lru_cache` over a method, so its keys keep
    the last 1,024 widgets' style caches (and the lines they hold) alive."""
    colours = (Color(10, 20, 30), Color(40, 50, 60))
    held = StylesCache()
    textual_fixes.ORIGINAL_GET_INNER_OUTER(held, *colours)
    held_ref = weakref.ref(held)
    del held
    gc.collect()
    if held_ref() is None:
        pytest.fail(FIXED_UPSTREAM.format(where="_get_inner_outer_by_colours in textual_fixes"))
    textual_fixes.apply_textual_fixes()
    freed = StylesCache()
    inner, outer = freed.get_inner_outer(*colours)
    # The same two styles as Textual's own (asked through another cache, which it keeps).
    expected = textual_fixes.ORIGINAL_GET_INNER_OUTER(StylesCache(), *colours)
    assert (inner, outer) == expected
    freed_ref = weakref.ref(freed)
    del freed
    gc.collect()
    assert freed_ref() is None  # the fix: the colours are the key, not the cache


class CountedRestyles(App[None]):
    """Notes each `Shown` screen restyled in full (`App.update_styles` on the screen itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.restyled: list[str] = []

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        if isinstance(node, Shown) and node.id is not None:
            self.restyled.append(node.id)
        super().update_styles(node, animate)


class Shown(Screen[None]):
    DEFAULT_CSS = "Shown Label { color: red; }"

    def compose(self) -> ComposeResult:
        yield Label("a screen")


class ShownWithCss(Shown):
    CSS = "ShownWithCss { align: center middle; }"


async def screen_restyles() -> tuple[list[str], list[str], str]:
    """The screens restyled in full as two are shown, one over the other; then as the top one
    is asked to resume again with its styles refreshed; and the colour its label has."""
    app = CountedRestyles()
    async with app.run_test() as pilot:
        await app.push_screen(Shown(id="first"))
        await app.push_screen(Shown(id="second"))
        await pilot.pause()
        shown = list(app.restyled)
        app.screen.post_message(ScreenResume())
        await pilot.pause()
        label = app.screen.query_one(Label)
        return shown, app.restyled[len(shown) :], str(label.styles.color)


async def test_textual_still_restyles_a_screen_in_full_when_first_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: a screen's first `ScreenResume` restyles it and all its widgets, which were
    styled as they mounted, just before."""
    textual_fixes.apply_textual_fixes()
    monkeypatch.setattr(Screen, "_on_screen_resume", textual_fixes.ORIGINAL_SCREEN_RESUME)
    shown, _, _ = await screen_restyles()
    if "first" not in shown or "second" not in shown:
        where = "_resume_without_restyling_when_new in textual_fixes"
        pytest.fail(FIXED_UPSTREAM.format(where=where))
    monkeypatch.undo()
    shown, again, colour = await screen_restyles()
    # The fix: neither is restyled when first shown, and the label has its colour all the same ...
    assert shown == []
    assert colour == str(Color.parse("red"))
    # ... and a later resume that asks for it still restyles ...
    assert again == ["second"]
    # ... as does the first showing of a screen with a stylesheet of its own (read after the
    # screen was mounted), which the screen gets.
    app = CountedRestyles()
    async with app.run_test() as pilot:
        await app.push_screen(ShownWithCss(id="own"))
        await pilot.pause()
        assert app.restyled == ["own"]
        assert app.screen.styles.align == ("center", "middle")


class CountsResizes(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.resizes = 0

    def compose(self) -> ComposeResult:
        yield Label("a screen")

    def on_resize(self) -> None:
        self.resizes += 1


class ResizedApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(CountsResizes())


async def screen_resizes_after(*sizes: tuple[int, int]) -> int:
    """How many resizes the screen got after the app was told the terminal's size is each
    of `sizes` in turn (the app starts at 40x10)."""
    app = ResizedApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CountsResizes)
        before = screen.resizes
        for width, height in sizes:
            app.post_message(Resize.from_dimensions(Size(width, height), None))
            await pilot.pause(0.05)  # past the app's resize timer (1/120 s)
        await pilot.pause()
        assert screen.size == Size(*sizes[-1])
        return screen.resizes - before


async def test_textual_still_resizes_the_screens_to_the_size_they_have(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: a resize to the app's current size is still posted to its screens, which lay
    themselves out and paint again (every launch gets one from the terminal)."""
    textual_fixes.apply_textual_fixes()
    monkeypatch.setattr(App, "_on_resize", textual_fixes.ORIGINAL_APP_ON_RESIZE)
    if await screen_resizes_after((40, 10)) == 0:
        where = "_resize_when_the_size_changes in textual_fixes"
        pytest.fail(FIXED_UPSTREAM.format(where=where))
    changed = await screen_resizes_after((50, 12))
    changed_back = await screen_resizes_after((50, 12), (40, 10))
    monkeypatch.undo()
    # The fix: the same size is dropped ...
    assert await screen_resizes_after((40, 10)) == 0
    # ... and a real change reaches the screen as before, as does a change back.
    assert changed > 0
    assert await screen_resizes_after((50, 12)) == changed
    assert await screen_resizes_after((50, 12), (40, 10)) == changed_back


class OneLine(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label("one line")


class OneLineApp(App[None]):
    """Opens a screen with one line of text as the app mounts (as stretch-tui opens Home),
    and notes every frame, and those drawn by the time it handles `Ready`: the first message
    it handles after its start-up's batch update."""

    def __init__(self) -> None:
        super().__init__()
        self.frames: list[tuple[bool, Any]] = []
        """Each frame given to `_display`: whether a batch update was under way, and it."""
        self.shown_when_ready: list[Any] | None = None
        """The frames drawn (not dropped) by the time `Ready` was handled."""

    def on_mount(self) -> None:
        self.push_screen(OneLine())

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        if renderable is not None:
            self.frames.append((bool(self._batch_count), renderable))
        super()._display(screen, renderable)

    def on_ready(self) -> None:
        self.shown_when_ready = [frame for in_batch, frame in self.frames if not in_batch]


async def start_up() -> OneLineApp:
    """An app started and left alone until it is idle."""
    app = OneLineApp()
    async with app.run_test(size=(30, 4)) as pilot:
        for _ in range(5):
            await pilot.pause()
    return app


async def test_textual_still_drops_the_first_frame_drawn_during_its_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: the first screen is drawn during the start-up's batch update, which drops the
    frame, and nothing draws it when the batch ends: the first frame waits for the next thing
    that lays the screen out or paints it (a tick of the screen's timer with something to do,
    a resize, a footer composing its keys), after the app has gone on to its next messages."""
    textual_fixes.apply_textual_fixes()
    monkeypatch.setattr(App, "_display", textual_fixes.ORIGINAL_APP_DISPLAY)
    monkeypatch.setattr(App, "_end_batch", textual_fixes.ORIGINAL_APP_END_BATCH)
    app = await start_up()
    assert app.frames[0][0], "the first frame is drawn during the batch, and dropped"
    if app.shown_when_ready != []:
        pytest.fail(FIXED_UPSTREAM.format(where="_end_batch_drawing_a_dropped_frame"))
    monkeypatch.undo()
    # The fix: as the batch ends, before the app's next message, the whole screen is drawn.
    app = await start_up()
    assert app.shown_when_ready is not None
    assert len(app.shown_when_ready) == 1
    assert app.shown_when_ready[0].region.size == Size(30, 4)


class TitledOneLine(Screen[None]):
    TITLE = "Titled"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("one line")


class TitledApp(App[None]):
    """Opens a screen with a header and a title, and notes the layouts asked for by its
    header's title once the screen has been drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn = False
        self.title_layouts = 0

    def on_mount(self) -> None:
        self.push_screen(TitledOneLine())

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        if renderable is not None and not self._batch_count and isinstance(screen, TitledOneLine):
            self.drawn = True
        super()._display(screen, renderable)


async def title_layouts_after_the_first_frame(monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times the header's title asked for a layout after the screen was drawn, the
    screen's title then changed, and that change shown."""
    original = Widget.refresh
    app = TitledApp()

    def refresh(widget: Widget, *regions: Any, layout: bool = False, **rest: Any) -> Widget:
        if layout and app.drawn and isinstance(widget, HeaderTitle):
            app.title_layouts += 1
        return original(widget, *regions, layout=layout, **rest)

    monkeypatch.setattr(Widget, "refresh", refresh)
    async with app.run_test(size=(30, 4)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert app.drawn
        shown = app.screen.query_one(HeaderTitle)
        assert str(shown.content) == "Titled"
        laid_out = app.title_layouts
        app.screen.title = "Renamed"
        await wait_until(pilot, lambda: str(shown.content) == "Renamed", "the new title")
    assert app.title_layouts == laid_out + 1  # a real change is laid out, once
    return laid_out


async def test_textual_header_still_shows_the_title_a_frame_late(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Upstream: `Header` sets its title from watchers that run after the screen's first frame,
    each laying the screen out again, though the title was known before that frame (docs/
    upstream.md, section 13)."""
    textual_fixes.apply_textual_fixes()
    fixed = Header._on_mount
    monkeypatch.setattr(Header, "_on_mount", textual_fixes.ORIGINAL_HEADER_ON_MOUNT)
    if await title_layouts_after_the_first_frame(monkeypatch) == 0:
        pytest.fail(FIXED_UPSTREAM.format(where="show_title in header_mount_without_a_race"))
    monkeypatch.setattr(Header, "_on_mount", fixed)
    assert await title_layouts_after_the_first_frame(monkeypatch) == 0


async def layouts_from_a_rack_hidden_again(show: Any) -> int:
    """The layouts a screen's hidden, empty toast rack asks for when told to show no
    notifications (as each screen's first showing does), and whether a notification then
    still shows and leaves."""
    app = OneLineApp()
    async with app.run_test(size=(30, 4), notifications=True) as pilot:
        await pilot.pause()
        rack = app.screen.get_child_by_type(ToastRack)
        assert not rack.display and not rack.query(Toast)
        layouts = 0
        refresh = rack.refresh

        def counted(*regions: Any, layout: bool = False, **rest: Any) -> Widget:
            nonlocal layouts
            layouts += layout
            return refresh(*regions, layout=layout, **rest)

        rack.refresh = counted  # type: ignore[method-assign,assignment]
        show(rack, [])
        await pilot.pause()
        laid_out = layouts
        app.notify("hello", timeout=30)
        await wait_until(pilot, lambda: rack.display and bool(rack.query(Toast)), "the toast")
        app.clear_notifications()
        await wait_until(pilot, lambda: not rack.display and not rack.query(Toast), "no toast")
        return laid_out


async def test_textual_still_lays_a_screen_out_to_hide_a_hidden_toast_rack() -> None:
    """Upstream: showing no notifications sets `display` on a toast rack that is hidden
    already, which sets an inline style and lays the screen out again: each screen's first
    showing does it, a frame after the screen is drawn (docs/upstream.md, section 13)."""
    textual_fixes.apply_textual_fixes()
    if await layouts_from_a_rack_hidden_again(textual_fixes.ORIGINAL_TOAST_RACK_SHOW) == 0:
        pytest.fail(FIXED_UPSTREAM.format(where="_show_toasts_unless_none_to_hide"))
    # The fix: nothing to show and nothing shown asks for nothing; toasts still come and go.
    assert await layouts_from_a_rack_hidden_again(ToastRack.show) == 0
