"""Home: the profile, any screening banner, streak, last session and pain trend; the way on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from stretch_tui.domain.profile import Profile
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.registry import home_menu, home_menu_bindings
from stretch_tui.screens.workers import forget_worker
from stretch_tui.widgets.home_menu import HomeMenu
from stretch_tui.widgets.home_status import HomeStatus
from stretch_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from stretch_tui.storage.history import HomeSummary

RESPONDER_TEXT = {
    "extension": "Extension responder: bending backwards and standing tend to ease your pain.",
    "flexion": "Flexion responder: sitting and bending forwards tend to ease your pain.",
    "unclear": "No clear direction yet: neutral and rotation work, gentle bends both ways.",
}
"""How Home names each screening result."""

SESSION_MENU_LINE = ("session", "Start recommended session", "r")
"""Home's first menu line: not a screen, it starts the recommended session. The other lines
are the screens the registry puts on the menu (`registry.home_menu`)."""


class HomeScreen(StretchScreen):
    """Where every visit starts."""

    # Default CSS rather than CSS_PATH: a screen's CSS_PATH makes Textual parse every
    # stylesheet of the app again and restyle every widget when the screen is first pushed,
    # which is a good part of the launch (docs/product.md 10); default CSS is parsed alone.
    DEFAULT_CSS = (Path(__file__).parent / "home.tcss").read_text(encoding="utf-8")
    TITLE = "Home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "start_session", "Session", id="home.session"),
        # A key for each screen on the menu, from the screen registry (`screen_names.SCREENS`
        # says which show in the footer, which must fit 80 columns).
        *home_menu_bindings(),
        # Not in the footer (full at 80 columns): the line that says a rating is due names it.
        Binding("w", "rerate", "Re-rate activities", show=False, id="home.rerate"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    _fresh = False
    _fill_when_shown = False
    """True from the mount to the first resume (both show the status; once is enough)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-banner")
        with Horizontal(id="home-columns"):
            with VerticalScroll(id="home-status"):
                yield HomeStatus(id="home-text")
                # The pain chart (a title and a sparkline) is mounted with the history, after
                # the first frame, and only once there are two ratings to draw.
            yield HomeMenu(
                [
                    (name, f"{label}  ({key})")
                    for name, label, key in (SESSION_MENU_LINE, *home_menu())
                ],
                id="home-menu",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the profile now; the history and the recommended session come after the
        first frame (docs/product.md 10, launch time: they need the history, the catalog and
        their modules, which the first frame does without)."""
        self._fresh = True
        self._refresh_profile()
        self.stretch_app.after_first_frame(self._fill_in)

    def _fill_in(self) -> None:
        if not self.is_attached:
            return
        if self._covered():
            # Under the screen the app was started on (`stretch-tui library`): reading the
            # history and planning over the catalog waits until Home shows, so those threads
            # do not hold the interpreter while that screen reads what it needs
            # (docs/product.md 10).
            self._fill_when_shown = True
            return
        self._refresh_history()
        self._refresh_recommended()

    def _covered(self) -> bool:
        """True while a full screen is over Home (a dialog leaves it in sight)."""
        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1 :] if self in stack else []
        return any(not isinstance(screen, ModalScreen) for screen in above)

    def on_screen_resume(self) -> None:
        """Coming back from a screening or a session may have changed everything."""
        if self._fill_when_shown:
            self._fill_when_shown = False
            self._fresh = False
            self.refresh_status()
            return
        if self._fresh:
            # The first resume comes right after the mount, which has just drawn it all.
            self._fresh = False
            return
        self.refresh_status()

    def on_home_menu_chosen(self, event: HomeMenu.Chosen) -> None:
        """Start the session or open the chosen screen."""
        if event.choice == "session":
            self.action_start_session()
        else:
            self.stretch_app.action_open(event.choice)

    @property
    def status(self) -> HomeStatus:
        """The column of text: profile, re-rating, recommended session, sessions."""
        return self.query_one("#home-text", HomeStatus)

    def refresh_status(self) -> None:
        """Redraw the banner, profile and history parts from the current state."""
        self._refresh_profile()
        self._refresh_history()
        # The recommendation plans a session over the whole catalog: it comes in the frame
        # after the rest, so Home shows without waiting for it (docs/product.md 10, launch time).
        self.call_after_refresh(self._refresh_recommended)

    def _refresh_profile(self) -> None:
        profile = self.state.profile
        message = _banner(profile)
        banner_widget = self.query_one("#home-banner", Static)
        banner_widget.update(message or "")
        banner_widget.display = message is not None
        banner_widget.set_class(profile.tier == "soon", "banner-soon")
        banner_widget.set_class(profile.tier in ("urgent", "emergency"), "banner-urgent")
        self.status.set_part("profile", profile_text(profile))
        self._refresh_rerating(profile)

    def _refresh_recommended(self) -> None:
        if not self.is_attached:
            return
        if self.state.user_catalog_is_large():
            self._work_out_recommended()
        else:
            self.status.set_part("recommended", self._recommended_text())

    @work(thread=True, exclusive=True, group="home-recommended", exit_on_error=False)
    def _work_out_recommended(self) -> str:
        """The recommended-session line, worked out in a thread for a large catalog of the
        user's: it waits for the catalog (read in a thread after the first frame) and plans
        over all of it, which took seconds with 5,000 exercises (docs/product.md 10)."""
        try:
            return self._recommended_text()
        finally:
            forget_worker()

    def _recommended_text(self) -> str:
        from stretch_tui.domain.recommend import recommend_routine

        state = self.state
        found = recommend_routine(state.catalog, state.responder, state.preferences)
        count = len(found.routine.items)
        if not count:
            return "Nothing fits with your settings; pick exercises in the library."
        minutes = max(1, round(found.estimated_seconds / 60))
        left_out = len(found.left_out)
        text = (
            f"Recommended session: {count} exercise{'s' if count != 1 else ''}, about "
            f"{minutes} min, {left_out} left out. Press r to start."
        )
        due = state.red_flags_due()
        return f"{text}\n{due}" if due else text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the re-rating only when there are activities to rate."""
        if action == "rerate":
            return bool(self.state.profile.activities)
        return True

    def action_rerate(self) -> None:
        """Rate the function activities again (the weekly re-rating)."""
        from stretch_tui.screens.function_rating import FunctionRatingDialog

        if self.state.profile.activities:
            self.app.push_screen(FunctionRatingDialog())

    def _refresh_rerating(self, profile: Profile) -> None:
        due = False
        if profile.activities:  # without activities nothing is due (and stats is not needed)
            from stretch_tui.domain.stats import function_rating_due

            due = function_rating_due(profile, self.state.today())
        text = ""
        if due:
            text = (
                "A week has passed since you rated your activities: press w to rate them again."
                if profile.function_ratings
                else "Rate your activities (w) to start following them week by week."
            )
        self.status.set_part("rerate", text)
        self.refresh_bindings()

    def action_start_session(self) -> None:
        """Start the recommended session."""
        self.stretch_app.start_session()

    def _refresh_history(self) -> None:
        from stretch_tui.storage.history import HistoryNotCached, home_summary

        try:
            # A warm cache (or a month or two to parse) takes milliseconds; more, as after an
            # update or with the cache folder deleted, goes to a worker so Home never waits.
            summary = home_summary(self.state.paths, today=self.state.today(), parse_limit=2)
        except HistoryNotCached:
            self.status.set_part(
                "history",
                "Reading your history (the first start after an update takes a few seconds)...",
            )
            self._read_history()
            return
        self._show_history(summary)

    @work(thread=True, exclusive=True, group="home-history", exit_on_error=False)
    def _read_history(self) -> HomeSummary:
        from stretch_tui.storage.history import home_summary

        try:
            return home_summary(self.state.paths, today=self.state.today())
        finally:
            forget_worker()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The history read or the recommendation worked out in the background is in: show
        it (or say it could not be done)."""
        worker = event.worker
        if worker.group == "home-recommended" and self.is_attached:
            self._show_recommended(event)
        if worker.group != "home-history" or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS and worker.result is not None:
            self._show_history(worker.result)
        elif event.state == WorkerState.ERROR:
            self.status.set_part("history", f"Your history could not be read: {worker.error}")

    def _show_recommended(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, str):
            self.status.set_part("recommended", event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.status.set_part(
                "recommended",
                f"The recommended session could not be worked out: {event.worker.error}",
            )

    def _show_history(self, summary: HomeSummary) -> None:
        # Imported here: the first frame has no chart (its module and `statistics` cost
        # launch time).
        from textual.widgets import Sparkline

        self.status.set_part("history", summary.describe())
        pains = list(summary.recent_pain_before)
        charts = self.query("#home-pain-sparkline").results(Sparkline)
        sparkline = next(charts, None)
        if sparkline is None:
            if len(pains) < 2:
                return
            sparkline = Sparkline(pains, id="home-pain-sparkline")
            pain = Vertical(
                Static("Pain before each session (latest on the right)", classes="muted"),
                sparkline,
                id="home-pain",
            )
            self.query_one("#home-status", VerticalScroll).mount(pain)
            return
        sparkline.data = pains
        self.query_one("#home-pain", Vertical).display = len(pains) >= 2


def _banner(profile: Profile) -> str | None:
    """The screening's banner (`screening.banner`); without a screening, or one that found
    nothing, there is none, and the screening module is not imported to say so."""
    record = profile.screening
    if record is None or record.tier == "none":
        return None
    from stretch_tui.domain.screening import banner

    return banner(profile)


def profile_text(profile: Profile) -> str:
    """The profile part of Home in a few lines."""
    if profile.screening is None:
        return "Not screened yet. Press s to take the two-minute screening."
    record = profile.screening
    when = record.date.strftime("%d %b %Y")
    lines = []
    if record.responder is not None:
        lines.append(RESPONDER_TEXT[record.responder])
    lines.append(f"Last screening: {when}.")
    return "\n".join(lines)
