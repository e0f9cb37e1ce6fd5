"""The screening's result page, section by section: what the warning signs found and what
the movement questions found (docs/product.md 4). Widgets built from domain values; the
screen (`screens/screening.py`) puts them together with its buttons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widget import Widget
from textual.widgets import Static

from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import ScreeningRecord
from stretch_tui.domain.screening import Questionnaire, exercise_plan

CONSEQUENCES = {
    "emergency": "Sessions stay locked until a new screening no longer shows these signs.",
    "urgent": (
        "Sessions stay locked until you record that a clinician has assessed you "
        "(press a once you have been seen)."
    ),
    "soon": (
        "Gentle exercise may continue. A reminder shows on Home until you take the screening again."
    ),
}
"""What a red-flag result changes in the app, said on the result page."""

SOON_WITHOUT_DIRECTION = (
    " Answer the movement questions too (c) so the app can pick the stretches that suit you; "
    "without them it keeps to neutral and twisting movements and flags stretches that suit "
    "only one type."
)


def red_flag_result(
    questionnaire: Questionnaire, record: ScreeningRecord, goes_on_to_session: bool
) -> list[Widget]:
    """What the warning signs found: the advice, the signs answered yes, what changes in the
    app (and, when `goes_on_to_session`, how to go on to the session)."""
    advice = questionnaire.advice_for(record.tier)
    if advice is None:
        return []
    signs = [q.short for flag in record.flags if (q := questionnaire.red_flag(flag))]
    consequence = CONSEQUENCES[record.tier]
    if goes_on_to_session:
        consequence += " Press enter to go on to your session, or esc to leave it for now."
    elif record.tier == "soon" and record.responder is None:
        consequence += SOON_WITHOUT_DIRECTION
    widgets: list[Widget] = [
        Static(advice.title, classes=f"result-title tier-{record.tier}", markup=False),
        Static(advice.what_to_do, markup=False),
        Static("You answered yes to:", classes="section-title"),
        Static("\n".join(f"  - {sign}" for sign in signs), markup=False, id="result-signs"),
        Static(consequence, id="result-consequence", classes="section-title"),
    ]
    if record.tier == "urgent":
        status = Static("", id="assessed-status", classes="section-title")
        status.display = False
        widgets.append(status)
    return widgets


def responder_result(
    questionnaire: Questionnaire,
    record: ScreeningRecord,
    function: list[tuple[str, int]],
    catalog_exercises: Iterable[Exercise],
    preferences: Preferences,
) -> list[Widget]:
    """The movement result: the responder type explained, what the app will do with the
    catalog's exercises, the scores behind it, and the activities rated."""
    responder = record.responder or "unclear"
    advice = questionnaire.responders[responder]
    plan = exercise_plan(responder, catalog_exercises, preferences)
    rule = questionnaire.rule
    scores = (
        f"Signs that point to extension: {_points(record.extension_score)}; "
        f"to flexion: {_points(record.flexion_score)}. A side needs {rule.min_core_signs} "
        f"of its main signs and a lead of {_points(rule.min_lead)} to count."
    )
    conflict = questionnaire.classify(record.movement_answers).conflict
    if conflict is not None:
        # Say why a strong score still came out unclear.
        scores += " " + _conflict_text(questionnaire, conflict)
    widgets: list[Widget] = [
        Static(f"Your result: {advice.title}", classes="result-title", markup=False),
        Static(advice.summary, classes="result-summary", markup=False),
        Static(advice.explanation, markup=False),
        Static("What the app will do", classes="section-title"),
        Static(advice.prefer, markup=False),
    ]
    opposite = {"extension": "flexion", "flexion": "extension"}.get(responder, "")
    # Safety first: what is avoided shows before what is merely left out.
    sections = [
        ("Comes first", plan.prefer, ""),
        ("Avoided", plan.avoid, "not suitable for your type"),
        ("Flagged with a caution", plan.flag, "shown with the reason in the library"),
        (
            "Left out of your recommended routine",
            plan.left_out,
            f"they move your back the {opposite} way; you can still open them in the library",
        ),
    ]
    for title, exercises, why in sections:
        if exercises:
            widgets.append(_exercise_list(title, exercises, why))
    widgets.append(Static(scores, classes="muted", id="result-scores"))
    if function:
        widgets.append(Static("Your activities, to follow week by week", classes="section-title"))
        widgets.append(
            Static(
                "\n".join(f"  - {name}: {score}/10" for name, score in function),
                markup=False,
                id="result-activities",
            )
        )
    return widgets


def _exercise_list(title: str, exercises: Sequence[Exercise], why: str) -> Widget:
    names = ", ".join(exercise.name for exercise in exercises)
    suffix = f" ({why})" if why else ""
    return Static(f"{title}{suffix}: {names}.", markup=False, classes="result-exercises")


def _conflict_text(questionnaire: Questionnaire, pair: tuple[str, str]) -> str:
    texts = {q.id: q.text for q in questionnaire.directions}
    first, second = (texts.get(i, i).rstrip("?").lower() for i in pair)
    return (
        f'You answered yes both to "{first}" and to "{second}", which pull opposite ways, '
        "so the result stays unclear."
    )


def _points(score: int) -> str:
    return f"{score} point" if score == 1 else f"{score} points"
