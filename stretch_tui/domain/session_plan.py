"""The step list of a guided session, made from a routine (docs/product.md 6), and what each moment
shows.

A session is a flat list of timed `Step`s: a lead-in, the work of each exercise (holds with a
release between them, breaths, repetitions, cycles or one long timer), a switch step between
the left and right side of a one-sided exercise, and a rest before each further exercise.
`phase_at` says, for any time into a step, which pose frame, cue, breath and repetition the
runner shows; it is a pure function, so the screen can redraw from any clock reading.
The clock that walks through the steps is `stretch_tui.domain.session_clock.SessionClock`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

from attrs import evolve, frozen

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.digest import sha256_hex
from stretch_tui.domain.exercise import DEFAULT_HOLD_REPS, Dose, Exercise, side_text
from stretch_tui.domain.exercise import swap_sides as swap_sides
from stretch_tui.domain.figure import MOVE_SHARE, ease, moving_position
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import Routine, effective_dose

StepKind = Literal["lead-in", "work", "release", "switch", "rest"]
"""What a step is for."""

StepSide = Literal["both", "left", "right", "alternate"]
"""The side a step works; `alternate` steps change side every repetition (see `Phase.side`)."""

PhaseSide = Literal["both", "left", "right"]
"""The side being worked at one moment."""

Breath = Literal["in", "out"]
"""The half of the breath the pacer is in."""

PacingMode = Literal["still", "breaths", "reps", "cycles"]
"""How a step's time is divided: not at all, or into breaths, repetitions or pose cycles."""

RELEASE_SECONDS: Final = 5.0
"""The release between two holds on the same side: long enough to ease out and back in."""

SWITCH_SECONDS: Final = 5.0
"""The switch between the left and right side of an `each` exercise (and between alternate
holds): time to turn round, not a rest."""

NANOS_PER_SECOND: Final = 1_000_000_000
"""Step lengths and clock readings are added as whole nanoseconds, so sums are exact."""

END_LABEL: Final = "End of session"
"""`next_label` of the steps after the last work step."""

_EPSILON: Final = 1e-9
"""Slack for float division at unit boundaries (12.0 / 0.4 must count 30 repetitions)."""


def to_nanos(seconds: float) -> int:
    """Seconds as whole nanoseconds (the unit the clock adds in)."""
    return round(seconds * NANOS_PER_SECOND)


@frozen
class Pacing:
    """How `phase_at` divides a step's time: the phase model of one step."""

    mode: PacingMode = "still"
    frame_cues: tuple[str, ...] = ("",)
    """The cue of each pose frame, as drawn (for the left side); one entry per frame."""
    still_frame: int = 0
    """The frame shown in `still` and `breaths` mode: the start position or the held one."""
    unit_seconds: float = 0.0
    """Length of one counted unit: a breath, a repetition, or a cycle through every frame."""
    units: int = 0
    """Units in the step; for an alternating step both sides' units together."""
    count_index: int = 0
    """`still` mode: which hold this step is (0-based), for "hold 2 of 2"."""
    count_total: int = 0
    """`still` mode: holds per side; 0 when there is nothing to count."""
    inhale_seconds: float = 0.0
    """Breath pacing: one inhale; 0 when the step paces no breath."""
    exhale_seconds: float = 0.0
    """Breath pacing: one exhale."""
    alternate: bool = False
    """Units alternate left, right, left, ... (the `alternate` sides of a dose)."""

    @property
    def frames(self) -> int:
        """Pose frames the step can show."""
        return len(self.frame_cues)

    @property
    def paces_breath(self) -> bool:
        """True when the step shows a breathing pacer."""
        return self.inhale_seconds > 0 and self.exhale_seconds > 0


@frozen
class Step:
    """One timed piece of a session."""

    kind: StepKind
    exercise_id: str
    """The exercise worked; for a lead-in or rest, the one coming next (its pose is shown)."""
    side: StepSide
    seconds: float
    title: str
    """A heading, e.g. `Lumbar trunk rotation, left side, hold 1 of 2` or `Rest`."""
    instruction: str
    """What to do now, in a sentence or two."""
    item_index: int
    """The routine item this step belongs to (lead-in and rest: the item they lead into)."""
    pacing: Pacing = Pacing()
    direction: str = "neutral"
    """The exercise's spinal direction (to stop a direction after a "worse" answer)."""
    next_label: str = ""
    """What comes next, e.g. `Cat-cow` or `End of session`; rests show it prominently."""
    upcoming: str = ""
    """Lead-in and rest: the first instruction of the exercise they lead into."""
    asks_symptom: bool = False
    """The last work step of an extension or flexion exercise: after it the runner asks
    whether leg symptoms got better, stayed the same or got worse (docs/product.md 6)."""
    dose_note: str = ""
    """The first work step of an exercise's first turn in the session: one short line saying
    its dose numbers are a default rather than the article's (`Dose.default_note`); empty
    otherwise, and when the routine set its own numbers."""

    @property
    def is_work(self) -> bool:
        """True for the exercise itself (not a lead-in, release, switch or rest)."""
        return self.kind == "work"


@frozen
class Phase:
    """What the runner shows at one moment of a step."""

    frame_index: int
    """Which pose frame to draw (mirror it when `side` is `right`)."""
    cue: str
    """The frame's cue, with left and right swapped on the right side."""
    breath: Breath | None
    """The breathing pacer's half, or None when the step paces no breath."""
    rep_index: int
    """The hold, breath, repetition or cycle in progress, 0-based (per side when alternating)."""
    reps_total: int
    """How many there are (per side when alternating); 0 when nothing is counted."""
    side: PhaseSide
    """The side worked now; for an alternating step it changes every repetition."""
    unit_fraction: float
    """0 to 1 through the current breath, repetition or cycle (through the step when still)."""
    breath_fraction: float | None
    """0 to 1 through the current inhale or exhale; None when no breath is paced."""
    pose_position: float = 0.0
    """Where the figure is along the pose's frames (1.5: half way from frame 2 to frame 3),
    for a pose drawn with in-between frames (`Pose.art_at`); a whole number while it holds."""


@frozen
class SessionPlan:
    """The steps of one session, with the exact total length."""

    routine_id: str
    routine_name: str
    steps: tuple[Step, ...]
    missing: tuple[str, ...] = ()
    """Exercise ids of the routine that the catalog does not have (left out of the plan)."""

    @property
    def total_seconds(self) -> float:
        """The planned length: the sum of the steps, added exactly."""
        return sum(to_nanos(step.seconds) for step in self.steps) / NANOS_PER_SECOND

    def start_of(self, index: int) -> float:
        """Seconds from the start of the session to the start of step `index`."""
        nanos = sum(to_nanos(step.seconds) for step in self.steps[:index])
        return nanos / NANOS_PER_SECOND

    @property
    def item_count(self) -> int:
        """How many exercises the plan holds."""
        return len({step.item_index for step in self.steps if step.is_work})

    @property
    def fingerprint(self) -> str:
        """A digest of the steps: a session saved to resume later carries it, and planning
        the routine again must give the same one (an edited catalog or changed settings
        would otherwise resume a different session at a step that means something else)."""
        # The timing and the order only: a reworded instruction changes nothing that matters.
        shape = [
            (step.kind, step.exercise_id, step.side, step.seconds, step.item_index, step.pacing)
            for step in self.steps
        ]
        return sha256_hex(repr(shape).encode("utf-8"))[:32]


def phase_at(step: Step, elapsed: float) -> Phase:
    """The frame, cue, breath and count `elapsed` seconds into `step` (clamped to the step)."""
    pacing = step.pacing
    moment = min(max(elapsed, 0.0), step.seconds)
    side: PhaseSide = "left" if step.side == "alternate" else step.side
    breath, breath_fraction = _breath_at(pacing, moment)
    if pacing.mode == "still" or pacing.units <= 0 or pacing.unit_seconds <= 0:
        fraction = moment / step.seconds if step.seconds > 0 else 1.0
        frame = pacing.still_frame
        rep_index, reps_total = pacing.count_index, pacing.count_total
    else:
        unit = min(int((moment + _EPSILON) // pacing.unit_seconds), pacing.units - 1)
        into = moment - unit * pacing.unit_seconds
        fraction = min(max(into / pacing.unit_seconds, 0.0), 1.0)
        rep_index, reps_total = unit, pacing.units
        if pacing.alternate:
            side = "left" if unit % 2 == 0 else "right"
            rep_index, reps_total = unit // 2, pacing.units // 2
        if pacing.mode == "breaths":
            frame = pacing.still_frame
        else:
            # Reps and cycles walk through the frames evenly within each unit.
            frame_length = pacing.unit_seconds / pacing.frames
            frame = min(int((into + _EPSILON) // frame_length), pacing.frames - 1)
    cue = pacing.frame_cues[frame] if frame < pacing.frames else ""
    cue = side_text(cue, side)
    position = _pose_position(step, moment, frame)
    return Phase(
        pose_position=position,
        frame_index=frame,
        cue=cue,
        breath=breath,
        rep_index=rep_index,
        reps_total=reps_total,
        side=side,
        unit_fraction=fraction,
        breath_fraction=breath_fraction,
    )


def _pose_position(step: Step, moment: float, frame: int) -> float:
    """Where the figure is along the frames `moment` seconds into `step` (see `Phase`).

    Repetitions and cycles move into each phase's frame at the start of the phase (from the
    start position at the very beginning); a hold moves into the held frame on the first
    breath out, in step with the breath pacer; a release eases back to the start position.
    """
    pacing = step.pacing
    frames = pacing.frames
    if frames <= 1:
        return 0.0
    if pacing.mode in ("reps", "cycles") and pacing.units > 0 and pacing.unit_seconds > 0:
        unit = min(int((moment + _EPSILON) // pacing.unit_seconds), pacing.units - 1)
        frame_length = pacing.unit_seconds / frames
        into = moment - unit * pacing.unit_seconds - frame * frame_length
        return moving_position(
            frame, into / frame_length, frames, at_start=unit == 0 and frame == 0
        )
    if step.kind == "release":
        # Out of the held frame (the last) and back to the first.
        travelled = min(moment / (step.seconds * MOVE_SHARE), 1.0) if step.seconds else 1.0
        return (frames - 1) * (1.0 - ease(travelled))
    if pacing.mode == "still" and step.kind == "work" and pacing.still_frame > 0:
        if pacing.paces_breath:
            # Still on the first breath in; into the pose on the first breath out.
            out = (moment - pacing.inhale_seconds) / pacing.exhale_seconds
        else:
            out = moment / (step.seconds * MOVE_SHARE) if step.seconds else 1.0
        return pacing.still_frame * ease(min(max(out, 0.0), 1.0))
    return float(frame)


def _breath_at(pacing: Pacing, moment: float) -> tuple[Breath | None, float | None]:
    if not pacing.paces_breath:
        return None, None
    period = pacing.inhale_seconds + pacing.exhale_seconds
    into = (moment + _EPSILON) % period - _EPSILON
    into = max(into, 0.0)
    if into < pacing.inhale_seconds:
        return "in", min(into / pacing.inhale_seconds, 1.0)
    return "out", min((into - pacing.inhale_seconds) / pacing.exhale_seconds, 1.0)


def units_done(step: Step, elapsed: float) -> dict[PhaseSide, int]:
    """Whole holds, breaths, repetitions or cycles finished `elapsed` seconds into a work step,
    per side (an alternating step counts left and right apart).

    A hold or a duration counts 1 once it ran to its end.
    """
    pacing = step.pacing
    moment = min(max(elapsed, 0.0), step.seconds)
    if step.kind != "work":
        return {}
    if pacing.mode == "still" or pacing.unit_seconds <= 0:
        side: PhaseSide = "left" if step.side == "alternate" else step.side
        return {side: 1 if moment + _EPSILON >= step.seconds else 0}
    finished = min(int((moment + _EPSILON) // pacing.unit_seconds), pacing.units)
    if pacing.alternate:
        return {"left": (finished + 1) // 2, "right": finished // 2}
    return {_plain_side(step): finished}


def seconds_by_side(step: Step, elapsed: float) -> dict[PhaseSide, float]:
    """How `elapsed` seconds of a step split between the sides (alternating steps split)."""
    moment = min(max(elapsed, 0.0), step.seconds)
    pacing = step.pacing
    if step.side != "alternate" or pacing.unit_seconds <= 0:
        return {_plain_side(step): moment}
    unit = pacing.unit_seconds
    whole = min(int((moment + _EPSILON) // unit), pacing.units)
    rest = max(moment - whole * unit, 0.0)
    left = ((whole + 1) // 2) * unit + (rest if whole % 2 == 0 else 0.0)
    right = (whole // 2) * unit + (rest if whole % 2 == 1 else 0.0)
    return {"left": left, "right": right}


def _plain_side(step: Step) -> PhaseSide:
    return "left" if step.side == "alternate" else step.side


def plan_session(routine: Routine, catalog: Catalog, preferences: Preferences) -> SessionPlan:
    """The steps of a session of `routine`, timed with the routine's or the user's settings.

    Items whose exercise the catalog lacks are left out and listed in `SessionPlan.missing`.
    A lead-in or rest of 0 seconds gives no step at all.
    """
    lead_in = (
        routine.lead_in_seconds
        if routine.lead_in_seconds is not None
        else preferences.lead_in_seconds
    )
    rest = routine.rest_seconds if routine.rest_seconds is not None else preferences.rest_seconds
    missing: list[str] = []
    groups: list[list[Step]] = []
    noted: set[str] = set()
    for index, item in enumerate(routine.items):
        exercise = catalog.get(item.exercise_id)
        if exercise is None:
            missing.append(item.exercise_id)
            continue
        dose = effective_dose(item, exercise)
        work = [
            step for step in _exercise_steps(index, exercise, dose, preferences) if step.seconds > 0
        ]
        if not any(step.is_work for step in work):
            continue
        if exercise.direction in ("extension", "flexion"):
            last = max(i for i, step in enumerate(work) if step.is_work)
            work[last] = evolve(work[last], asks_symptom=True)
        first_index, first = next((i, step) for i, step in enumerate(work) if step.is_work)
        note = default_note(exercise, dose)
        if note and exercise.id not in noted:
            noted.add(exercise.id)
            work[first_index] = first = evolve(first, dose_note=note)
        waiting_kind: StepKind = "rest" if groups else "lead-in"
        waiting_seconds = rest if groups else lead_in
        if waiting_seconds > 0:
            upcoming = side_text(exercise.steps[0], first.side) if exercise.steps else ""
            waiting = Step(
                kind=waiting_kind,
                exercise_id=exercise.id,
                side=first.side,
                seconds=float(waiting_seconds),
                title="Get ready" if waiting_kind == "lead-in" else "Rest",
                instruction=waiting_instruction(
                    waiting_kind, side_title(exercise.name, first.side), upcoming
                ),
                item_index=index,
                direction=exercise.direction,
                upcoming=upcoming,
                pacing=Pacing(frame_cues=_cues(exercise)),
            )
            work.insert(0, waiting)
        groups.append(work)
    steps = [step for group in groups for step in group]
    return SessionPlan(
        routine_id=routine.id,
        routine_name=routine.name,
        steps=tuple(_with_next_labels(steps)),
        missing=tuple(missing),
    )


def default_note(exercise: Exercise, dose: Dose) -> str:
    """The exercise's note on its default dose, when `dose` still has the exercise's own
    numbers; empty when there is none or a routine set numbers of its own."""
    note = exercise.dose.default_note or ""
    same_numbers = evolve(dose, sides=exercise.dose.sides) == exercise.dose
    return note if same_numbers else ""


def waiting_instruction(kind: StepKind, next_title: str, upcoming: str) -> str:
    """The instruction of a lead-in or rest before `next_title`."""
    if kind == "lead-in":
        text = f"Get ready for {next_title}."
    else:
        text = f"Rest and breathe easily. Next: {next_title}."
    return f"{text} {upcoming}".strip()


def _with_next_labels(steps: Sequence[Step]) -> list[Step]:
    """Each step with `next_label`: the title of the next work step, or `End of session`."""
    labelled: list[Step] = []
    following = END_LABEL
    for step in reversed(steps):
        labelled.append(evolve(step, next_label=following))
        if step.is_work:
            following = step.title
    return labelled[::-1]


def side_title(name: str, side: StepSide) -> str:
    """An exercise's name with its side, e.g. `Lumbar trunk rotation, left side`."""
    suffix = {
        "both": "",
        "left": ", left side",
        "right": ", right side",
        "alternate": ", alternating sides",
    }
    return name + suffix[side]


def _cues(exercise: Exercise) -> tuple[str, ...]:
    return tuple(frame.cue for frame in exercise.pose.frames) or ("",)


def _exercise_steps(
    index: int, exercise: Exercise, dose: Dose, preferences: Preferences
) -> list[Step]:
    """The work, release and switch steps of one exercise."""
    maker = _StepMaker(index, exercise, dose, preferences)
    if dose.sides == "both":
        return maker.side_steps("both")
    if dose.sides == "alternate" and dose.kind == "hold":
        return maker.alternating_holds()
    if dose.sides == "alternate" and dose.kind != "duration":
        return [maker.counted_step("alternate")]
    # `each`, and a duration marked `alternate` (a timer cannot alternate within itself).
    left = maker.side_steps("left")
    right = maker.side_steps("right")
    return [*left, maker.switch("right"), *right]


class _StepMaker:
    """Builds the steps of one exercise; keeps the shared facts in one place."""

    def __init__(
        self, index: int, exercise: Exercise, dose: Dose, preferences: Preferences
    ) -> None:
        self.index = index
        self.exercise = exercise
        self.dose = dose
        self.preferences = preferences
        self.cues = _cues(exercise)
        # A hold shows the held position: the last frame of a pose drawn in phases.
        self.held_frame = len(self.cues) - 1
        self.holds = dose.reps if dose.reps is not None else DEFAULT_HOLD_REPS
        self.hold_seconds = float(
            dose.seconds if dose.seconds is not None else preferences.default_hold_seconds
        )

    def side_steps(self, side: StepSide) -> list[Step]:
        """The steps of one side (or of both at once)."""
        if self.dose.kind != "hold":
            return [self.counted_step(side)]
        steps: list[Step] = []
        for hold in range(self.holds):
            if hold:
                steps.append(self.release(side))
            steps.append(self.hold(side, hold))
        return steps

    def alternating_holds(self) -> list[Step]:
        """Left and right holds taking turns, with a switch between each."""
        steps: list[Step] = []
        for hold in range(self.holds):
            for side in ("left", "right"):
                if steps:
                    steps.append(self.switch(side))
                steps.append(self.hold(side, hold))
        return steps

    def hold(self, side: StepSide, hold: int) -> Step:
        """One hold."""
        title = self._title(side)
        if self.holds > 1:
            title += f", hold {hold + 1} of {self.holds}"
        pacing = Pacing(
            frame_cues=self.cues,
            still_frame=self.held_frame,
            count_index=hold,
            count_total=self.holds,
            inhale_seconds=float(self.preferences.inhale_seconds),
            exhale_seconds=float(self.preferences.exhale_seconds),
        )
        return self._step(
            "work",
            side,
            self.hold_seconds,
            title,
            "Hold the stretch and breathe slowly. Tension is fine; sharp pain means stop.",
            pacing,
        )

    def release(self, side: StepSide) -> Step:
        """The short release between two holds on one side."""
        return self._step(
            "release",
            side,
            RELEASE_SECONDS,
            "Release",
            "Ease out of the stretch and relax for a moment.",
            Pacing(frame_cues=self.cues),
        )

    def switch(self, side: StepSide) -> Step:
        """The change to `side` (the side coming next, so its pose is shown)."""
        return self._step(
            "switch",
            side,
            SWITCH_SECONDS,
            f"Switch to the {side} side",
            f"Come out of the pose and set up on the {side} side.",
            Pacing(frame_cues=self.cues),
        )

    def counted_step(self, side: StepSide) -> Step:
        """The one step of a breaths, reps, cycles or duration dose."""
        dose = self.dose
        alternate = side == "alternate"
        both_sides = 2 if alternate else 1
        inhale = float(self.preferences.inhale_seconds)
        exhale = float(self.preferences.exhale_seconds)
        turns = ", alternating sides" if alternate else ""
        match dose.kind:
            case "breaths":
                count = (dose.breaths or 0) * both_sides
                pacing = Pacing(
                    mode="breaths",
                    frame_cues=self.cues,
                    still_frame=self.held_frame,
                    unit_seconds=inhale + exhale,
                    units=count,
                    inhale_seconds=inhale,
                    exhale_seconds=exhale,
                    alternate=alternate,
                )
                text = f"Hold the pose and follow the pacer: {dose.breaths} slow breaths{turns}."
            case "reps":
                tempo = float(dose.tempo_seconds or 0.0)
                count = (dose.reps or 0) * both_sides
                pacing = Pacing(
                    mode="reps",
                    frame_cues=self.cues,
                    unit_seconds=tempo,
                    units=count,
                    alternate=alternate,
                )
                text = f"{dose.reps} slow repetitions{turns}, {tempo:g} s each: move with the cues."
            case "cycles":
                cycle = float(dose.seconds_per_phase or 0.0) * len(self.cues)
                count = (dose.cycles or 0) * both_sides
                pacing = Pacing(
                    mode="cycles",
                    frame_cues=self.cues,
                    unit_seconds=cycle,
                    units=count,
                    alternate=alternate,
                )
                text = (
                    f"{dose.cycles} slow cycles{turns}, {dose.seconds_per_phase:g} s in each "
                    "position: follow the cues."
                )
            case _:
                count = 1
                pacing = Pacing(frame_cues=self.cues, still_frame=self.held_frame)
                text = f"Keep an easy, steady pace for {_minutes(dose.seconds or 0)}."
        seconds = pacing.unit_seconds * count if dose.kind != "duration" else dose.seconds or 0
        return self._step("work", side, float(seconds), self._title(side), text, pacing)

    def _title(self, side: StepSide) -> str:
        return side_title(self.exercise.name, side)

    def _step(
        self,
        kind: StepKind,
        side: StepSide,
        seconds: float,
        title: str,
        instruction: str,
        pacing: Pacing,
    ) -> Step:
        return Step(
            kind=kind,
            exercise_id=self.exercise.id,
            side=side,
            seconds=seconds,
            title=title,
            instruction=instruction,
            item_index=self.index,
            pacing=pacing,
            direction=self.exercise.direction,
        )


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} minute" + ("s" if minutes > 1 else "")
    return f"{rest} s"
