"""The check before every session: which items do not suit this person, and why.

Every way to start a session (Home, a routine, the library, an exercise's detail,
`stretch-tui session`) and `stretch-tui plan` ask `check_routine`, so the rules live here once
(docs/product.md 5):

- `avoid`: a caution says to avoid the exercise for the person's responder type, or for everyone.
- `caution`: a caution applies to them (for their type, or for everyone).
- `opposite-direction`: the exercise loads the spine in the direction opposite to the one that
  eases their pain.
- `advanced`: an advanced exercise, and they have not opted in to advanced exercises.

For someone whose screening gave no clear direction (`unclear`), or who has not answered the
movement questions, a caution for *either* responder type applies with the level the catalog
gives it: we cannot rule out that they are that type.

An advanced exercise's caution for everyone is the catalog's way of saying it is advanced; it is
reported as `advanced` without the opt-in and not at all with it (opting in is the person's
answer to exactly that warning).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final, Literal

from attrs import frozen

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.exercise import Caution, Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import Routine, effective_dose, without_items
from stretch_tui.domain.session_plan import SessionPlan
from stretch_tui.domain.session_records import planned_work, whole_seconds

WarningKind = Literal["avoid", "caution", "opposite-direction", "advanced"]
"""Why an item is flagged; the words `stretch-tui plan --json` prints."""

WARNING_KINDS: Final[tuple[WarningKind, ...]] = (
    "avoid",
    "caution",
    "opposite-direction",
    "advanced",
)
"""Every kind, the most serious first (the order warnings are listed in)."""

OPPOSITE: Final = {"extension": "flexion", "flexion": "extension"}
"""The direction that is the opposite of each responder type's."""

_IF_YOU: Final = {
    "extension-responders": " if bending backwards eases your pain",
    "flexion-responders": " if bending forwards eases your pain",
    "everyone": "",
}


@frozen
class ItemWarning:
    """One reason an exercise may not suit the person."""

    kind: WarningKind
    why: str
    """A sentence that names who it concerns and the reason."""


@frozen
class FlaggedItem:
    """A routine item with at least one warning."""

    item_index: int
    exercise_id: str
    name: str
    warnings: tuple[ItemWarning, ...]

    @property
    def summary(self) -> str:
        """One line for the pre-session dialog: the name and every reason."""
        reasons = " ".join(warning.why for warning in self.warnings)
        return f"{self.name}: {reasons}"


@frozen
class PreSessionCheck:
    """What the check found in one routine."""

    routine: Routine
    flagged: tuple[FlaggedItem, ...]

    @property
    def clear(self) -> bool:
        """True when nothing needs the person's attention before starting."""
        return not self.flagged

    def without_flagged(self) -> Routine:
        """The routine with every flagged item left out (the default answer)."""
        return without_items(self.routine, {item.item_index for item in self.flagged})


def is_typed(responder: str | None) -> bool:
    """True when the screening found a direction (`extension` or `flexion`)."""
    return responder in OPPOSITE


def exercise_warnings(
    exercise: Exercise, responder: str | None, preferences: Preferences
) -> tuple[ItemWarning, ...]:
    """Every reason this exercise may not suit someone with that screening result."""
    warnings = [
        ItemWarning(caution.level, _caution_text(caution))
        for caution in _cautions_that_warn(exercise, responder)
    ]
    if _is_opposite(exercise, responder):
        warnings.append(
            ItemWarning(
                "opposite-direction",
                f"Other direction: it bends the back into {exercise.direction}; your "
                f"screening found that {responder} eases your pain.",
            )
        )
    if exercise.difficulty == "advanced" and not preferences.include_advanced:
        marked = next(
            (c.why for c in exercise.cautions if c.who == "everyone" and c.level == "caution"),
            "The source marks it as an advanced movement.",
        )
        warnings.append(
            ItemWarning("advanced", f"Advanced, and not turned on in Settings: {marked}")
        )
    order = {kind: position for position, kind in enumerate(WARNING_KINDS)}
    return tuple(sorted(warnings, key=lambda warning: order[warning.kind]))


def suits(exercise: Exercise, responder: str | None) -> bool:
    """True when nothing about the exercise itself would be flagged for that responder type:
    no `avoid`, `caution` or `opposite-direction` warning (being advanced is a matter of the
    person's opt-in, and not a reason to call it unsafe). "Safe for me" and `--safe-for` keep
    exactly these.

    The same answer as `exercise_warnings(exercise, responder, Preferences(include_advanced=True))`
    being empty, without writing the warnings: the library asks it of every exercise it lists.
    """
    if _is_opposite(exercise, responder):
        return False
    return next(_cautions_that_warn(exercise, responder), None) is None


def _is_opposite(exercise: Exercise, responder: str | None) -> bool:
    """True when the exercise bends the back the other way from what eases this person."""
    return is_typed(responder) and exercise.direction == OPPOSITE[str(responder)]


def _cautions_that_warn(exercise: Exercise, responder: str | None) -> Iterator[Caution]:
    """The cautions that apply and are a warning of their own: an advanced exercise's general
    caution is covered by the advanced warning, or by the person's opt-in."""
    advanced = exercise.difficulty == "advanced"
    for caution in _cautions_that_apply(exercise, responder):
        if not (advanced and caution.who == "everyone" and caution.level == "caution"):
            yield caution


def check_routine(
    routine: Routine, catalog: Catalog, responder: str | None, preferences: Preferences
) -> PreSessionCheck:
    """The items of `routine` that do not suit that person, each with every reason.

    An item whose exercise is not in the catalog is not flagged: the plan leaves it out and
    says so.
    """
    flagged = []
    for index, item in enumerate(routine.items):
        exercise = catalog.get(item.exercise_id)
        if exercise is None:
            continue
        warnings = exercise_warnings(exercise, responder, preferences)
        if warnings:
            flagged.append(FlaggedItem(index, exercise.id, exercise.name, warnings))
    return PreSessionCheck(routine=routine, flagged=tuple(flagged))


@frozen
class PlannedItem:
    """One exercise and side of a planned session, as `stretch-tui plan` shows it."""

    item_index: int
    exercise_id: str
    name: str
    side: str
    planned_seconds: int
    dose: str
    warnings: tuple[ItemWarning, ...]


def planned_items(plan: SessionPlan, check: PreSessionCheck, catalog: Catalog) -> list[PlannedItem]:
    """The plan's work per exercise and side, in order, with the check's warnings attached."""
    seconds, exercise_of = planned_work(plan.steps)
    warned = {item.item_index: item.warnings for item in check.flagged}
    result = []
    for (index, side), total in seconds.items():
        exercise = catalog.get(exercise_of[index])
        item = check.routine.items[index]
        dose = effective_dose(item, exercise).describe() if exercise is not None else ""
        name = exercise.name if exercise is not None else exercise_of[index]
        result.append(
            PlannedItem(
                item_index=index,
                exercise_id=exercise_of[index],
                name=name,
                side=side,
                planned_seconds=whole_seconds(total),
                dose=dose,
                warnings=warned.get(index, ()),
            )
        )
    return result


def _cautions_that_apply(exercise: Exercise, responder: str | None) -> Iterable[Caution]:
    for caution in exercise.cautions:
        if (
            caution.who == "everyone"
            or not is_typed(responder)
            or caution.who == f"{responder}-responders"
        ):
            yield caution


def _caution_text(caution: Caution) -> str:
    level = "Avoid" if caution.level == "avoid" else "Take care"
    return f"{level}{_IF_YOU[caution.who]}: {caution.why.strip()}"
