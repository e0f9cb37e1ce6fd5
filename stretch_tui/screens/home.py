"""Home: the profile, any screening banner, streak, last session and pain trend; the way on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from stretch_tui.domain.profile import Profile
from stretch_tui.domain.screening import banner
from stretch_tui.screens.base import StretchScreen

RESPONDER_TEXT = {
    "extension": "Extension responder: bending backwards and standing tend to ease your pain.",
    "flexion": "Flexion responder: sitting and bending forwards tend to ease your pain.",
    "unclear": "No clear direction yet: neutral and rotation work, gentle bends both ways.",
}
"""How Home names each screening result."""

MENU = [
    ("screening", "Screening", "s"),
    ("library", "Library of stretches", "l"),
    ("routines", "Routines", "t"),
    ("progress", "Progress", "g"),
    ("settings", "Settings", "o"),
    ("help", "Help", "F1"),
]
"""The screens Home leads to: (screen, label, key)."""


class HomeScreen(StretchScreen):
    """Where every visit starts."""

    CSS_PATH = "home.tcss"
    TITLE = "Home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "start_session", "Start session", id="home.session"),
        Binding("s", "app.open('screening')", "Screening", id="home.screening"),
        Binding("l", "app.open('library')", "Library", id="home.library"),
        Binding("t", "app.open('routines')", "Routines", id="home.routines"),
        Binding("g", "app.open('progress')", "Progress", id="home.progress"),
        Binding("o", "app.open('settings')", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-banner")
        with Horizontal(id="home-columns"):
            with VerticalScroll(id="home-status"):
                yield Static("Your profile", classes="section-title")
                yield Static("", id="home-profile")
                yield Static("Recommended session", classes="section-title")
                yield Static("", id="home-recommended")
                yield Static("Your sessions", classes="section-title")
                yield Static("", id="home-history")
                with Vertical(id="home-pain"):
                    yield Static("Pain before each session (latest on the right)", classes="muted")
                    yield Sparkline([], id="home-pain-sparkline")
            yield OptionList(
                *[Option(f"{label}  ({key})", id=name) for name, label, key in MENU],
                id="home-menu",
            )
        yield Footer()

    def on_mount(self) -> None:
        """Show what is known now."""
        self.refresh_status()

    def on_screen_resume(self) -> None:
        """Coming back from a screening or a session may have changed everything."""
        self.refresh_status()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen screen."""
        if event.option.id is not None:
            self.stretch_app.action_open(event.option.id)

    def refresh_status(self) -> None:
        """Redraw the banner, profile and history parts from the current state."""
        profile = self.state.profile
        message = banner(profile)
        banner_widget = self.query_one("#home-banner", Static)
        banner_widget.update(message or "")
        banner_widget.display = message is not None
        banner_widget.set_class(profile.tier == "soon", "banner-soon")
        banner_widget.set_class(profile.tier in ("urgent", "emergency"), "banner-urgent")
        self.query_one("#home-profile", Static).update(profile_text(profile))
        self.query_one("#home-recommended", Static).update(self._recommended_text())
        self._refresh_history()

    def _recommended_text(self) -> str:
        from stretch_tui.domain.recommend import recommend_routine

        state = self.state
        found = recommend_routine(state.catalog, state.responder, state.preferences)
        count = len(found.routine.items)
        if not count:
            return "Nothing fits with your settings; pick exercises in the library."
        minutes = max(1, round(found.estimated_seconds / 60))
        left_out = len(found.left_out)
        return (
            f"{found.routine.name}: {count} exercise{'s' if count != 1 else ''}, about "
            f"{minutes} min ({left_out} left out, with the reasons in the library). "
            "Press r to start."
        )

    def action_start_session(self) -> None:
        """Start the recommended session."""
        self.stretch_app.start_session()

    def _refresh_history(self) -> None:
        from stretch_tui.storage.history import home_summary

        summary = home_summary(self.state.paths, today=self.state.today())
        self.query_one("#home-history", Static).update(summary.describe())
        pains = list(summary.recent_pain_before)
        sparkline = self.query_one("#home-pain-sparkline", Sparkline)
        sparkline.data = pains
        self.query_one("#home-pain", Vertical).display = len(pains) >= 2


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
