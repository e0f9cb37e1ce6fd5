"""The recommended routine, built from the screening result and the settings (docs/product.md 5).

The rules, in the order they are applied:

1. Left out, each with its reason shown to the user: every exercise the pre-session check
   (`stretch_tui.domain.session_check`) would flag for this person: `avoid` or `caution` for
   their type (for `unclear` or no screening: for either type), the direction opposite to the
   preferred one, `advanced` ones unless Settings opted in. So the recommended routine never
   needs a warning before it starts. Also left out: ones that need equipment (a bike: the
   routine is one you can do on a mat anywhere; the flexion-responder routine has the bike)
   and ones the user left out.
2. Ranked by relevance: the preferred direction first (repeated movements before held
   stretches, as directional exercise is built on them), then rotation and mixed work, then
   neutral, then lateral. For `unclear` or no screening: rotation and mixed work, then neutral
   work. The shipped flexion and extension exercises all carry a caution for the other type,
   so none of them is left; a user's own gentle (beginner, no caution) flexion exercise goes
   in only paired with a gentle extension one, so the two directions stay even.
3. Fitted to `target_minutes`: in rank order, each exercise goes in when the whole session,
   timed exactly as the runner will run it (lead-in, holds, releases, switches, rests), still
   fits; otherwise it is left out as "does not fit" and smaller ones further down may still go
   in. The session never runs over the target.
4. Ordered to keep position changes few: standing, kneeling, tabletop, seated, on the back,
   on the stomach (equipment, were it ever included, first: a warm-up before getting down);
   within one position, the preferred direction first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from attrs import frozen

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import RECOMMENDED_ID, Routine, RoutineItem
from stretch_tui.domain.session_check import OPPOSITE, exercise_warnings, is_typed
from stretch_tui.domain.session_plan import NANOS_PER_SECOND, plan_session, to_nanos

POSITION_ORDER: Final = (
    "equipment",
    "standing",
    "kneeling",
    "tabletop",
    "seated",
    "supine",
    "prone",
)
"""Positions in session order: from standing down to the floor, so the person gets up once."""

_KIND_ORDER: Final = ("mobility", "stretch", "strength", "aerobic")
_DIFFICULTY_ORDER: Final = ("beginner", "intermediate", "advanced")


class LeftOut(NamedTuple):
    """An exercise the recommended routine does not hold, and why (shown to the user)."""

    exercise_id: str
    reason: str


@frozen
class Recommendation:
    """The recommended routine and what was left out of it."""

    routine: Routine
    left_out: tuple[LeftOut, ...]
    """Every catalog exercise not in the routine, with its reason, in catalog order."""
    estimated_seconds: float
    """The session's length as the runner will time it (at most `target_seconds`)."""
    target_seconds: int
    responder: str | None
    """The screening result it was built for; None when never screened."""

    def reason_for(self, exercise_id: str) -> str | None:
        """Why that exercise is not in the routine; None when it is (or is unknown)."""
        return next(
            (left.reason for left in self.left_out if left.exercise_id == exercise_id), None
        )


def recommend_routine(
    catalog: Catalog, profile_responder: str | None, preferences: Preferences
) -> Recommendation:
    """The routine docs/product.md 5 recommends for that screening result and those settings."""
    responder = profile_responder if profile_responder in ("extension", "flexion") else None
    target = preferences.target_minutes * 60
    order = {exercise_id: position for position, exercise_id in enumerate(catalog.exercises)}
    reasons: dict[str, str] = {}
    candidates: list[Exercise] = []
    for exercise in catalog.exercises.values():
        reason = _reason_to_leave_out(exercise, profile_responder, preferences)
        if reason is None:
            candidates.append(exercise)
        else:
            reasons[exercise.id] = reason
    ranked = sorted(candidates, key=lambda exercise: _rank(exercise, responder, order))
    groups, unpaired = _groups(ranked, responder)
    for exercise in unpaired:
        reasons[exercise.id] = "left out to keep flexion and extension work even"
    chosen: list[Exercise] = []
    timing = _Timing(catalog, preferences)
    for group in groups:
        trial = [*chosen, *group]
        if timing.nanos(trial) <= target * NANOS_PER_SECOND:
            chosen = trial
        else:
            for exercise in group:
                reasons[exercise.id] = f"does not fit in {preferences.target_minutes} minutes"
    ordered = order_by_position(chosen, responder)
    routine = Routine(
        id=RECOMMENDED_ID,
        name="Recommended for you",
        items=tuple(RoutineItem(exercise.id) for exercise in ordered),
        description=_description(profile_responder, preferences.target_minutes),
    )
    left_out = tuple(
        LeftOut(exercise_id, reasons[exercise_id])
        for exercise_id in catalog.exercises
        if exercise_id in reasons
    )
    return Recommendation(
        routine=routine,
        left_out=left_out,
        estimated_seconds=plan_session(routine, catalog, preferences).total_seconds,
        target_seconds=target,
        responder=profile_responder,
    )


def order_by_position(exercises: Iterable[Exercise], responder: str | None) -> list[Exercise]:
    """The exercises in `POSITION_ORDER`, the preferred direction first within a position;
    otherwise in the order given (the sort is stable)."""

    def key(exercise: Exercise) -> tuple[int, int]:
        position = (
            POSITION_ORDER.index(exercise.position)
            if exercise.position in POSITION_ORDER
            else len(POSITION_ORDER)
        )
        return position, 0 if exercise.direction == responder else 1

    return sorted(exercises, key=key)


def _reason_to_leave_out(
    exercise: Exercise, profile_responder: str | None, preferences: Preferences
) -> str | None:
    if exercise.position == "equipment" or exercise.equipment:
        needs = ", ".join(exercise.equipment) or "equipment"
        return f"needs equipment ({needs}); the recommended routine needs none"
    warnings = exercise_warnings(exercise, profile_responder, preferences)
    if warnings:
        first = warnings[0]
        if first.kind in ("avoid", "caution") and not is_typed(profile_responder):
            return f"{first.why}; {_until_clear(profile_responder)}"
        return first.why
    if exercise.id in preferences.left_out:
        return "you left it out (you can put it back in the library)"
    gentle = exercise.difficulty == "beginner"
    if not is_typed(profile_responder) and exercise.direction in OPPOSITE and not gentle:
        return f"not a gentle {exercise.direction} exercise; {_until_clear(profile_responder)}"
    return None


def _until_clear(profile_responder: str | None) -> str:
    if profile_responder is None:
        return "left out until the screening shows which direction eases your pain"
    return "left out while your screening gives no clear direction"


def _rank(
    exercise: Exercise, responder: str | None, order: dict[str, int]
) -> tuple[int, int, int, int, int]:
    if responder is not None:
        tiers = {responder: 0, "rotation": 1, "mixed": 1, "neutral": 2, "lateral": 3}
    else:
        tiers = {"rotation": 0, "mixed": 0, "flexion": 1, "extension": 1, "neutral": 2}
    return (
        tiers.get(exercise.direction, 4),
        0 if exercise.verdict_for(responder) == "ok" else 1,
        _index(_DIFFICULTY_ORDER, exercise.difficulty),
        _index(_KIND_ORDER, exercise.kind),
        order[exercise.id],
    )


def _index(words: Sequence[str], word: str) -> int:
    return words.index(word) if word in words else len(words)


def _groups(
    ranked: list[Exercise], responder: str | None
) -> tuple[list[list[Exercise]], list[Exercise]]:
    """The exercises in the order they are tried, each group going in whole or not at all;
    and the ones left without a partner (unclear direction: flexion and extension pair up)."""
    if responder is not None:
        return [[exercise] for exercise in ranked], []
    flexion = [e for e in ranked if e.direction == "flexion"]
    extension = [e for e in ranked if e.direction == "extension"]
    pairs = [list(pair) for pair in zip(flexion, extension, strict=False)]
    unpaired = flexion[len(pairs) :] + extension[len(pairs) :]
    first = [[e] for e in ranked if e.direction in ("rotation", "mixed")]
    later = [[e] for e in ranked if e.direction not in ("rotation", "mixed", *OPPOSITE)]
    return first + pairs[:1] + later + pairs[1:], unpaired


class _Timing:
    """A session's length, in nanoseconds, as `plan_session` would time it, from each
    exercise's own steps worked out once: planning every trial session in full took seconds
    with thousands of the user's exercises (docs/product.md 10).

    `plan_session` puts each exercise's steps one after the other, with a lead-in before the
    first exercise that has any and a rest before each later one, so a session's length is
    the sum of those parts; `tests/unit/session/test_recommend.py` checks it against the plan."""

    def __init__(self, catalog: Catalog, preferences: Preferences) -> None:
        self._catalog = catalog
        self._preferences = preferences
        self._lead_in = to_nanos(float(preferences.lead_in_seconds))
        self._rest = to_nanos(float(preferences.rest_seconds))
        self._own: dict[str, int] = {}

    def own(self, exercise: Exercise) -> int:
        """The exercise's own steps (no lead-in or rest); 0 when it has none."""
        known = self._own.get(exercise.id)
        if known is None:
            alone = Routine(id=RECOMMENDED_ID, name="", items=(RoutineItem(exercise.id),))
            plan = plan_session(alone, self._catalog, self._preferences)
            known = sum(to_nanos(step.seconds) for step in plan.steps if step.kind != "lead-in")
            self._own[exercise.id] = known
        return known

    def nanos(self, exercises: Sequence[Exercise]) -> int:
        """The length of a session of `exercises` in that order."""
        total = 0
        for exercise in exercises:
            own = self.own(exercise)
            if own:
                total += own + (self._rest if total else self._lead_in)
        return total


def _description(responder: str | None, minutes: int) -> str:
    match responder:
        case "extension" | "flexion":
            focus = f"{responder} exercises first, then rotation and neutral work"
        case "unclear":
            focus = (
                "rotation and neutral work; exercises that bend the back one way only are "
                "left out while your screening gives no clear direction"
            )
        case _:
            focus = (
                "rotation and neutral work; exercises that bend the back one way only are "
                "left out until the screening shows which direction eases your pain"
            )
    return f"Built from your screening: {focus}; fitted to {minutes} minutes."
