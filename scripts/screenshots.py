"""Regenerate screenshots/ (SVG) from the real app, with fixed data and a fixed clock.

    python scripts/screenshots.py [--only NAME ...]      (or: make screenshots)

Every screen is drawn headless (`App.run_test`) at 100x30 over a temporary home prepared
here: an extension responder screened on 20 January 2025 with three everyday activities,
and eight weeks of seeded sessions up to `TODAY`. `AppState.today` and the screening's clock
are fixed, poses are held on their first frame and cursors do not blink, so a run with
unchanged screens writes the same files.

Each screenshot is one `Shot` in `SHOTS`: the screen the app opens on, the keys pressed, and
optional extra steps. Adding one is a few lines; a shot whose screen module is missing (a
screen still being written) is skipped with a note.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import random
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from attrs import evolve
from textual.pilot import Pilot
from textual.widgets import Input

from stretch_tui.app import StretchApp
from stretch_tui.domain.history import ExerciseRecord, HistoryEntry, Side, now_with_offset
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import (
    FunctionActivity,
    FunctionRating,
    Profile,
    ScreeningRecord,
)
from stretch_tui.domain.recommend import recommend_routine
from stretch_tui.domain.screening import load_questionnaire
from stretch_tui.domain.session_clock import SessionClock
from stretch_tui.domain.session_plan import plan_session
from stretch_tui.screens import screening as screening_screen
from stretch_tui.screens.session import SessionScreen
from stretch_tui.screens.session_dialogs import SymptomDialog
from stretch_tui.state import AppState
from stretch_tui.storage import session_recorder
from stretch_tui.storage.history_format import entry_to_table
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from stretch_tui.storage.session_state import ResumeData, save_in_progress
from stretch_tui.storage.toml_writer import dumps_toml
from stretch_tui.widgets.pose_view import PoseView

OUT = Path(__file__).resolve().parents[1] / "screenshots"
SIZE = (100, 30)
TODAY = date(2025, 3, 12)
"""The day every screenshot is taken (a Wednesday)."""
ZONE = timezone(timedelta(hours=1))
NOW = datetime(2025, 3, 12, 8, 30, tzinfo=ZONE)
"""The moment a screening taken in a screenshot is recorded."""
SESSION_START = datetime(2025, 3, 12, 7, 30, tzinfo=ZONE)
"""When a session run in a screenshot starts (its wall-clock times follow `ShotClock`)."""
SCREENED = datetime(2025, 1, 20, 9, 0, tzinfo=ZONE)
ACTIVITIES = ("putting on socks", "getting out of a car", "sitting through a meal")
ROUTINE: tuple[tuple[str, Side, int], ...] = (
    ("standing-lumbar-extension", "both", 30),
    ("standing-hip-flexor-stretch", "left", 30),
    ("standing-hip-flexor-stretch", "right", 30),
    ("kneeling-hip-flexor-stretch", "left", 30),
    ("kneeling-hip-flexor-stretch", "right", 30),
    ("cat-cow", "both", 60),
    ("glute-bridge", "both", 60),
    ("sloppy-push-up", "both", 60),
    ("cobra", "both", 45),
)
"""An extension responder's recommended ten minutes: (exercise, side, planned seconds)."""


@dataclass(frozen=True)
class Shot:
    """One screenshot: the screen to open, the keys to press, and what else to do first."""

    name: str
    screen: str | None = None
    """The screen the app opens on (`stretch-tui SCREEN`); None for Home."""
    keys: tuple[str, ...] = ()
    first_run: bool = False
    """Before the self-care notice was acknowledged: the welcome shows."""
    size: tuple[int, int] = SIZE
    steps: Callable[[Pilot[Any]], Awaitable[None]] | None = None
    """More to do after the keys (wait for a worker, move a fake clock)."""
    needs: str | None = None
    """A module the shot needs; skipped (with a note) while it does not exist."""
    prepare: Callable[[Path], None] | None = None
    """More to put in the home before the app starts (a session cut off)."""

    @property
    def filename(self) -> str:
        """`<name>-<columns>x<rows>.svg`."""
        return f"{self.name}-{self.size[0]}x{self.size[1]}.svg"


def extension_answers() -> tuple[str, ...]:
    """Keys that answer the screening as an extension responder: no warning signs, sitting
    and bending make it worse, arching eases it; this week's ratings of the three activities
    the profile already names."""
    questionnaire = load_questionnaire()
    yes = {"sitting-worse", "bending-worse", "arching-eases"}
    flags = ["n"] * len(questionnaire.red_flags)
    directions = ["y" if q.id in yes else "n" for q in questionnaire.directions]
    ratings = ("enter", "5", "enter", "enter", "6", "enter", "enter", "4", "enter")
    return (*flags, *directions, *ratings)


async def workers_done(pilot: Pilot[Any]) -> None:
    """Wait for the screen's workers (the progress screen reads history in one)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class ShotClock:
    """The monotonic clock a session runs on in a shot: it moves only when a step moves it,
    so the moment drawn does not depend on how fast the machine is."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def shot_clock(app: StretchApp) -> ShotClock:
    clock = app.session_clock
    if not isinstance(clock, ShotClock):
        raise TypeError("the shot's app runs on the wall clock")
    return clock


async def run_session(
    pilot: Pilot[Any], until: Callable[[SessionScreen], bool], limit: float = 1800.0
) -> SessionScreen:
    """Move the session on (half a second at a time, ticking the runner as its timer would)
    until `until` says so; a leg-symptom question is answered "better"."""
    app = pilot.app
    if not isinstance(app, StretchApp):
        raise TypeError("not the stretch-tui app")
    clock = shot_clock(app)
    screen = next(s for s in app.screen_stack if isinstance(s, SessionScreen))
    moved = 0
    while not until(screen):
        if isinstance(app.screen, SymptomDialog):
            await pilot.press("b")
            await pilot.pause()
            continue
        if moved > limit * 2:
            raise RuntimeError(f"the session did not get there in {limit} s")
        clock.now += 0.5
        moved += 1
        screen.tick()
        if moved % 10 == 0:  # every 5 s: let a question that opened show up
            await pilot.pause()
    await pilot.pause()
    return screen


def twelve_seconds_into_a_hold(screen: SessionScreen) -> bool:
    """True 12 s into the first one-sided hold (past the first exercise and a rest)."""
    return twelve_seconds_into_a_hold_of(screen.clock)


def twelve_seconds_into_a_hold_of(clock: SessionClock) -> bool:
    """The same, of a session clock."""
    step = clock.current_step
    return (
        step is not None
        and step.is_work
        and step.side == "left"
        and step.pacing.mode == "still"
        and step.seconds - clock.step_remaining >= 12
    )


async def mid_hold(pilot: Pilot[Any]) -> None:
    """The runner 12 s into a hold of the recommended routine."""
    await run_session(pilot, twelve_seconds_into_a_hold)


async def session_done(pilot: Pilot[Any]) -> None:
    """The recommended routine run to its end, pain after rated 3: the summary."""
    await run_session(pilot, lambda screen: screen.page == "after")
    await pilot.press("3")
    await pilot.pause()


def a_session_cut_off(home: Path) -> None:
    """The recommended routine cut off 12 s into its first one-sided hold, as a dropped
    connection leaves it (saved just now, so the next start offers to resume it)."""
    paths = resolve_paths(home)
    state = AppState(paths, today=lambda: TODAY)
    catalog, preferences = state.catalog, state.preferences
    routine = recommend_routine(catalog, "extension", preferences).routine
    routine = evolve(
        routine,
        lead_in_seconds=preferences.lead_in_seconds,
        rest_seconds=preferences.rest_seconds,
    )
    plan = plan_session(routine, catalog, preferences)
    clock = ShotClock()
    session = SessionClock(plan, clock)
    session.start()
    while not twelve_seconds_into_a_hold_of(session):
        clock.now += 0.5
        session.update()
    now = now_with_offset()
    entry = HistoryEntry(
        id="cut-off",
        started=now - timedelta(seconds=int(clock.now)),
        ended=now,
        routine=routine.id,
        status="interrupted",
        profile="extension",
        pain_before=5,
        pain_after=None,
        exercises=tuple(session.records_so_far()),
    )
    resume = ResumeData(routine, plan.fingerprint, session.to_state())
    save_in_progress(paths, entry, session.index, resume)


SHOTS: list[Shot] = [
    Shot("home"),
    Shot("welcome", first_run=True),
    Shot("screening", "screening"),
    Shot("screening-result", "screening", keys=extension_answers()),
    Shot("library", "library", keys=("down", "down")),
    Shot("exercise", "library", keys=("p", "i", "g", "enter")),
    Shot("routines", "routines", needs="stretch_tui.screens.routines"),
    Shot("progress", "progress", steps=workers_done, needs="stretch_tui.screens.progress"),
    Shot("settings", "settings"),
    Shot("help", "help"),
    Shot("too-small", size=(50, 15)),
    Shot("session-runner", "session", keys=("5",), steps=mid_hold),
    Shot("session-summary", "session", keys=("5",), steps=session_done),
    Shot("resume-offer", prepare=a_session_cut_off),
    Shot("session-resumed", "resume", prepare=a_session_cut_off),
]
"""Every screenshot, in the order they are taken."""


def sessions(rng: random.Random) -> list[HistoryEntry]:
    """Eight weeks of mornings up to yesterday: most days a session, pain easing from about 6
    to about 3, now and then an exercise skipped."""
    entries = []
    first = TODAY - timedelta(days=56)
    for offset in range(56):
        day = first + timedelta(days=offset)
        if rng.random() < 0.2:
            continue
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE)
        records = []
        for exercise, side, planned in ROUTINE:
            skipped = rng.random() < 0.04
            records.append(
                ExerciseRecord(
                    exercise,
                    side,
                    planned,
                    0 if skipped else planned,
                    2,
                    "skipped" if skipped else "done",
                    rng.choice((None, "better", "same")) if "extension" in exercise else None,
                )
            )
        before = max(0, min(10, round(6 - 3 * offset / 56 + rng.uniform(-1, 1))))
        entries.append(
            HistoryEntry(
                id=f"shot-{offset:03d}",
                started=started,
                ended=started + timedelta(minutes=10),
                routine="recommended",
                status="completed",
                profile="extension",
                pain_before=before,
                pain_after=max(0, before - rng.choice((1, 1, 2, 2, 3))),
                exercises=tuple(records),
            )
        )
    return entries


def prepare_home(home: Path) -> None:
    """Preferences past the welcome (cues on screen only), the profile, the history."""
    paths = resolve_paths(home)
    save_preferences(paths, Preferences(notice_seen=True, sound_mode="visual"))
    ratings = tuple(
        FunctionRating(
            date=SCREENED + timedelta(days=7 * week),
            scores=(3 + week // 2, 4 + week // 3, 2 + week // 2),
        )
        for week in range(8)
    )
    record = ScreeningRecord(
        date=SCREENED,
        responder="extension",
        extension_score=6,
        flexion_score=0,
        questionnaire_version=load_questionnaire().version,
    )
    profile = Profile(
        screening=record,
        activities=tuple(FunctionActivity(name) for name in ACTIVITIES),
        function_ratings=ratings,
    )
    save_profile(paths, profile)
    months: dict[str, list[HistoryEntry]] = {}
    for entry in sessions(random.Random(12)):
        months.setdefault(entry.month, []).append(entry)
    paths.history_dir.mkdir(parents=True, exist_ok=True)
    for month, entries in months.items():
        document = {"schema_version": 1, "session": [entry_to_table(e) for e in entries]}
        paths.history_month(month).write_text(dumps_toml(document), encoding="utf-8")


async def take(shot: Shot, home: Path) -> Path:
    """Draw the shot's screen over `home` and save it into OUT."""
    if shot.prepare is not None:
        shot.prepare(home)
    state = AppState(resolve_paths(home), today=lambda: TODAY)
    if shot.first_run:
        state.update_preferences(notice_seen=False)
    app = StretchApp(state, start_screen=shot.screen)
    clock = ShotClock()
    app.session_clock = clock
    # The session's wall-clock times (history's started and ended) follow the shot's clock.
    session_recorder.wall_clock = lambda: SESSION_START + timedelta(seconds=int(clock.now))
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        for key in shot.keys:
            await pilot.press(key)
        await pilot.pause()
        if shot.steps is not None:
            await shot.steps(pilot)
        hold_still(app)
        await pilot.pause()
        app.save_screenshot(filename=shot.filename, path=str(OUT))
    return OUT / shot.filename


def hold_still(app: StretchApp) -> None:
    """Poses on their first frame, cursors steady: the picture must not depend on the moment.
    The session runner's pose is left as its (stopped) clock set it: the held position."""
    for screen in app.screen_stack:
        for view in screen.query(PoseView):
            view.playing = False
            if not isinstance(screen, SessionScreen):
                view.frame_index = 0
        for field in screen.query(Input):
            field.cursor_blink = False


def main() -> int:
    """Take every shot (or those named) and say where they went."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="take only these shots")
    args = parser.parse_args()
    screening_screen.now = lambda: NOW  # the result page says when it was recorded
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stretch-tui-shots-") as folder:
        template = Path(folder) / "template"
        prepare_home(template)
        for number, shot in enumerate(SHOTS):
            if args.only and shot.name not in args.only:
                continue
            if shot.needs and importlib.util.find_spec(shot.needs) is None:
                print(f"skipped {shot.name}: {shot.needs} does not exist yet", file=sys.stderr)
                continue
            home = Path(folder) / f"{number:02d}-{shot.name}"
            shutil.copytree(template, home)  # each shot starts from the same files
            path = asyncio.run(take(shot, home))
            print(path.relative_to(OUT.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
