"""The screening questionnaire and what its answers mean (docs/product.md 4).

The questions live in `catalog/screening.toml`; this module reads and checks that file, scores
the answers (red-flag tier, directional preference), builds the `ScreeningRecord` the profile
keeps, and decides what a result means for sessions (`red_flags_due`, `session_gate`) and for
Home (`banner`).

Why one module of over 600 lines: reading the file and scoring the answers are one set of
rules. The checks on `screening.toml` are the scoring's own invariants (both directions have
the same signs and weights, the conflict pairs name real questions, every tier has advice),
so a clinician who changes the questionnaire, or a developer who changes the scoring, finds
both halves here, in file order: constants, questions and scoring, the gate, then the reader.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal, cast

from attrs import frozen

from stretch_tui.domain.dates import long_day
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.library import OPPOSITE_DIRECTION, for_you
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.problems import KeyPath, Problem
from stretch_tui.domain.profile import (
    MAX_ACTIVITIES,
    RATING_RANGE,
    TIERS,
    Profile,
    Responder,
    ScreeningRecord,
    Tier,
)
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.validation import KEBAB_CASE, FileChecker, read_and_check

RedFlagTier = Literal["soon", "urgent", "emergency"]
"""The tiers a red-flag question can raise (`none` is the absence of any)."""

RED_FLAG_TIERS: Final[tuple[RedFlagTier, ...]] = ("soon", "urgent", "emergency")
"""Every red-flag tier, least urgent first."""

Direction = Literal["extension", "flexion"]
"""The side a directional question's "yes" counts for."""

SignKind = Literal["core", "supporting"]
"""How much a directional sign tells: the core signs (postures and movements) tell more."""

SIGN_KINDS: Final[tuple[SignKind, ...]] = ("core", "supporting")
"""Every kind of directional sign."""

RED_FLAGS_VALID_MONTHS: Final = 3
"""Warning-sign answers older than this are asked again before a session (docs/product.md 4.1)."""

FIRST_TIME_REASON: Final = "Before your first session: a few questions about warning signs."
"""Why the warning signs are asked before a session when they never were."""

CHANGED_REASON: Final = (
    "The questions about warning signs have changed since you last answered them. "
    "Please answer them again before your session."
)
"""Why they are asked again after the questionnaire changed."""

OLD_ANSWERS_REASON: Final = (
    "Your answers about warning signs are from {date}, over "
    f"{RED_FLAGS_VALID_MONTHS} months ago. Please answer them again before your session."
)
"""Why they are asked again when the last answers are old."""

RESPONDERS: Final[tuple[Responder, ...]] = ("extension", "flexion", "unclear")
"""Every directional result."""

SCREENING_FILE: Final = "screening.toml"
"""The questionnaire's file name in the catalog folder."""

EMERGENCY_GATE_MESSAGE: Final = (
    "Sessions are locked: your last screening found signs that need emergency care. "
    "A new screening that clears it unlocks sessions."
)
"""Why the session runner will not start after an emergency result."""

URGENT_GATE_MESSAGE: Final = (
    "Your last screening asked you to see a clinician today. Confirm that you have been "
    "assessed to start a session."
)
"""Why a session needs the "I have been assessed" confirmation after an urgent result."""

ASSESSED_BANNER: Final = (
    "You confirmed a clinician's assessment on {date}. "
    "Take the screening again if anything changes."
)
"""Home's line once an urgent result has been confirmed as assessed."""

_FALLBACK_BANNERS: Final[Mapping[RedFlagTier, str]] = {
    "emergency": "Your last screening found signs that need emergency care. Please get help now.",
    "urgent": "Please see a clinician today. Sessions open once you confirm you were assessed.",
    "soon": "Please book an appointment with a clinician soon. Gentle exercise may continue.",
}
# Used only when the shipped questionnaire cannot be read: a warning must still show.


@frozen
class RedFlagQuestion:
    """A yes/no question about one warning sign; "yes" raises `tier`."""

    id: str
    text: str
    """The question as asked."""
    short: str
    """The sign in a few words, for lists ("numbness in the saddle area")."""
    tier: RedFlagTier


@frozen
class DirectionQuestion:
    """A yes/no question about one sign of a directional preference."""

    id: str
    text: str
    points_to: Direction
    """The responder type a "yes" is a sign of."""
    sign: SignKind
    """A core or a supporting sign; `ClassificationRule` says what each is worth."""


@frozen
class TierAdvice:
    """What the app says for a red-flag tier."""

    title: str
    """The result page's heading ("Please see a clinician today")."""
    what_to_do: str
    """The result page's calm explanation and instruction."""
    banner: str
    """Home's one line until the next screening."""


@frozen
class ResponderAdvice:
    """How the result page explains a directional result."""

    title: str
    summary: str
    """One sentence in plain words."""
    explanation: str
    prefer: str
    """What the app puts first for this result."""


@frozen
class FunctionSettings:
    """The function-score part: how many activities and the rating scale (docs/product.md 4.3)."""

    max_activities: int
    scale_min: int
    scale_max: int
    prompt: str
    scale_min_label: str
    scale_max_label: str
    examples: tuple[str, ...]


@frozen
class ClassificationRule:
    """How directional answers become a result (the comments in `screening.toml` say it in
    words)."""

    core_points: int
    """Points a core sign answered yes adds to its side."""
    supporting_points: int
    """Points a supporting sign answered yes adds to its side."""
    min_core_signs: int
    """Core signs a side needs before it can be the result."""
    min_lead: int
    """Points a side must lead the other by; less is `unclear`."""
    conflicts: tuple[tuple[str, str], ...]
    """Pairs of questions that contradict each other: "yes" to both is `unclear`."""


@frozen
class Classification:
    """The directional result of a set of answers, with both sides' scores."""

    responder: Responder
    extension_score: int
    flexion_score: int
    conflict: tuple[str, str] | None = None
    """The first contradicting pair answered yes, which made the result `unclear`."""


@frozen
class Questionnaire:
    """The whole screening, as read from `screening.toml`."""

    version: int
    """The version of the questions (`questionnaire_version`); a record answered with an
    older one asks the warning signs again."""
    red_flags: tuple[RedFlagQuestion, ...]
    """Asked first, in this order."""
    directions: tuple[DirectionQuestion, ...]
    """Asked after the red flags when every answer there was no."""
    rule: ClassificationRule
    tiers: Mapping[RedFlagTier, TierAdvice]
    responders: Mapping[Responder, ResponderAdvice]
    function: FunctionSettings

    def urgency_tier(self, answers: Mapping[str, bool]) -> Tier:
        """The most urgent tier among the red flags answered yes; `none` when there are none."""
        raised = [TIERS.index(q.tier) for q in self.red_flags if answers.get(q.id)]
        return TIERS[max(raised, default=0)]

    def flags(self, answers: Mapping[str, bool]) -> tuple[str, ...]:
        """The ids of the red flags answered yes, in the order they are asked."""
        return tuple(q.id for q in self.red_flags if answers.get(q.id))

    def points(self, question: DirectionQuestion) -> int:
        """What a "yes" to a directional question adds to its side."""
        rule = self.rule
        return rule.core_points if question.sign == "core" else rule.supporting_points

    def classify(self, answers: Mapping[str, bool]) -> Classification:
        """Score both directions and pick one only when it is consistent, strong and ahead.

        Contradicting answers (a `conflicts` pair) are `unclear`. Otherwise a side needs
        `min_core_signs` of its core signs and a lead of `min_lead` points (never less than
        one, so a tie is always `unclear`). The rule is the same for both sides.
        """
        rule = self.rule
        scores = {"extension": 0, "flexion": 0}
        core = {"extension": 0, "flexion": 0}
        for question in self.directions:
            if answers.get(question.id):
                scores[question.points_to] += self.points(question)
                core[question.points_to] += question.sign == "core"
        extension, flexion = scores["extension"], scores["flexion"]
        conflict = next(
            (pair for pair in rule.conflicts if answers.get(pair[0]) and answers.get(pair[1])),
            None,
        )
        lead = max(rule.min_lead, 1)
        responder: Responder = "unclear"
        consistent = conflict is None
        if consistent and core["extension"] >= rule.min_core_signs and extension - flexion >= lead:
            responder = "extension"
        elif consistent and core["flexion"] >= rule.min_core_signs and flexion - extension >= lead:
            responder = "flexion"
        return Classification(responder, extension, flexion, conflict)

    def red_flag_answers(self, answers: Mapping[str, bool]) -> dict[str, bool]:
        """The answers to this questionnaire's warning-sign questions among `answers`."""
        return {q.id: answers[q.id] for q in self.red_flags if q.id in answers}

    def movement_answers(self, answers: Mapping[str, bool]) -> dict[str, bool]:
        """The answers to this questionnaire's movement questions among `answers`."""
        return {q.id: answers[q.id] for q in self.directions if q.id in answers}

    def record(self, answers: Mapping[str, bool], date: datetime) -> ScreeningRecord:
        """The screening record for these answers, taken at `date` (offset-aware).

        An emergency or urgent sign ends the screening, so its record has no directional
        result; neither has one without movement answers (only the warning signs were
        asked). A "soon" sign allows gentle exercise, so someone who went on to answer the
        movement questions gets a directional result beside the tier.
        """
        flag_answers = self.red_flag_answers(answers)
        tier = self.urgency_tier(flag_answers)
        movement = self.movement_answers(answers)
        record = ScreeningRecord(
            date=date,
            answers=flag_answers,
            tier=tier,
            flags=self.flags(flag_answers),
            questionnaire_version=self.version,
        )
        if tier in ("urgent", "emergency") or not movement:
            return record
        result = self.classify(movement)
        return replace(
            record,
            responder=result.responder,
            extension_score=result.extension_score,
            flexion_score=result.flexion_score,
            movement_answers=movement,
        )

    def red_flag_record(
        self, answers: Mapping[str, bool], date: datetime, previous: ScreeningRecord | None
    ) -> ScreeningRecord:
        """The record after answering only the warning signs again, at `date`.

        The answers, tier, flags, date and questionnaire version are new; the movement result
        of `previous` (its answers, scores and their date) is kept, whatever the new tier:
        the tier's own gate decides about sessions.
        """
        record = self.record(self.red_flag_answers(answers), date)
        if previous is None or previous.responder is None:
            return record
        return replace(
            record,
            responder=previous.responder,
            extension_score=previous.extension_score,
            flexion_score=previous.flexion_score,
            movement_answers=dict(previous.movement_answers),
            movement_date=previous.responder_date,
        )

    def advice_for(self, tier: Tier) -> TierAdvice | None:
        """What the result page says for a red-flag tier; None for `none`."""
        return None if tier == "none" else self.tiers.get(tier)

    def red_flag(self, question_id: str) -> RedFlagQuestion | None:
        """The red-flag question with that id, or None."""
        return next((q for q in self.red_flags if q.id == question_id), None)


class QuestionnaireError(Exception):
    """The shipped questionnaire is missing or invalid; `problems` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def parse_screening(path: str, text: str) -> tuple[Questionnaire | None, list[Problem]]:
    """Check `screening.toml`'s text; the questionnaire, or None and every problem found."""
    return read_and_check(path, text, _build_questionnaire)


def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """Read the questionnaire shipped with the app (or the one in `folder`).

    Raises `QuestionnaireError` when it is missing or invalid: without it there is no screening
    to run, and the screen says so rather than guessing.
    """
    path = (folder or shipped_data_dir("catalog")) / SCREENING_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QuestionnaireError([Problem(str(path), 1, f"cannot read: {error}")]) from error
    questionnaire, problems = parse_screening(str(path), text)
    if questionnaire is None:
        raise QuestionnaireError(problems)
    return questionnaire


@functools.cache
def shipped_questionnaire() -> Questionnaire | None:
    """The shipped questionnaire, read once; None when it cannot be read."""
    try:
        return load_questionnaire()
    except (QuestionnaireError, FileNotFoundError):
        return None


@frozen
class SessionGate:
    """Whether the latest screening lets a session start, and why not."""

    allowed: bool
    needs_confirmation: bool
    """True while an urgent result waits for "I have been assessed"."""
    message: str
    """Why a session is locked or waits; a reminder for the soon tier; empty otherwise."""


def session_gate(profile: Profile) -> SessionGate:
    """What the latest screening means for starting a session (docs/product.md 4.1).

    No screening, `none` or `soon`: allowed. `emergency`: locked until a new screening clears
    it. `urgent`: locked until the user confirms an assessment made after that screening.
    """
    record = profile.screening
    if record is None or record.tier == "none":
        return SessionGate(allowed=True, needs_confirmation=False, message="")
    if record.tier == "soon":
        return SessionGate(allowed=True, needs_confirmation=False, message=_banner_text("soon"))
    if record.tier == "emergency":
        return SessionGate(allowed=False, needs_confirmation=False, message=EMERGENCY_GATE_MESSAGE)
    if is_assessed(profile):
        return SessionGate(allowed=True, needs_confirmation=False, message="")
    return SessionGate(allowed=False, needs_confirmation=True, message=URGENT_GATE_MESSAGE)


def red_flags_due(
    profile: Profile, now: datetime, questionnaire: Questionnaire | None
) -> str | None:
    """Why the warning-sign questions must be asked before a session, or None when the last
    answers still hold (docs/product.md 4.1).

    They must when they were never answered, when they were answered with an older version of
    `questionnaire` (a changed questionnaire; None skips that check, as when it cannot be
    read), or when they are more than `RED_FLAGS_VALID_MONTHS` calendar months old at `now`.
    Until they are answered again, the profile counts as not screened for this check. The
    reason is one line, to show above the questions.
    """
    record = profile.screening
    if record is None:
        return FIRST_TIME_REASON
    if questionnaire is not None and record.questionnaire_version < questionnaire.version:
        return CHANGED_REASON
    valid_until = add_months(record.date, RED_FLAGS_VALID_MONTHS)
    # Timestamps compare an offset-aware and a naive datetime (read as local time) alike.
    if now.timestamp() > valid_until.timestamp():
        return OLD_ANSWERS_REASON.format(date=format_date(record.date))
    return None


def add_months(moment: datetime, months: int) -> datetime:
    """The same time of day `months` calendar months later; a day the month lacks (31 March
    plus 3 months) becomes its last day (30 June)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    next_month = datetime(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def is_assessed(profile: Profile) -> bool:
    """True when "I have been assessed" was confirmed at or after the latest screening."""
    record, confirmed = profile.screening, profile.assessed_confirmed_at
    if record is None or confirmed is None:
        return False
    # Timestamps compare an offset-aware and a naive datetime (read as local time) alike.
    return confirmed.timestamp() >= record.date.timestamp()


def confirm_assessed(profile: Profile, when: datetime) -> Profile:
    """The profile with "I have been assessed by a clinician" recorded at `when`."""
    return replace(profile, assessed_confirmed_at=when)


def banner(profile: Profile, questionnaire: Questionnaire | None = None) -> str | None:
    """Home's warning line for the latest screening, or None when there is nothing to say.

    `soon` shows until the next screening; `emergency` and `urgent` show their instruction,
    and `urgent` turns into a reminder once an assessment is confirmed.
    """
    record = profile.screening
    if record is None or record.tier == "none":
        return None
    tier = record.tier
    if tier == "urgent" and is_assessed(profile) and profile.assessed_confirmed_at is not None:
        return ASSESSED_BANNER.format(date=format_date(profile.assessed_confirmed_at))
    text = _banner_text(tier, questionnaire)
    return f"{text} (screening of {format_date(record.date)})"


def _banner_text(tier: RedFlagTier, questionnaire: Questionnaire | None = None) -> str:
    source = questionnaire or shipped_questionnaire()
    if source is not None and tier in source.tiers:
        return source.tiers[tier].banner
    return _FALLBACK_BANNERS[tier]


def format_date(moment: datetime) -> str:
    """A date in words that read the same in every locale: `3 March 2025`."""
    return long_day(moment)


@frozen
class ExercisePlan:
    """What the app will prefer, avoid and flag for a directional result, by exercise."""

    prefer: tuple[Exercise, ...]
    """Exercises the recommended routine puts first."""
    avoid: tuple[Exercise, ...]
    """Exercises marked `avoid` for this result: never in the recommended routine."""
    flag: tuple[Exercise, ...]
    """Exercises shown with a caution."""
    left_out: tuple[Exercise, ...]
    """Exercises moving the opposite way, left out of the recommended routine
    (docs/product.md 5)."""


_PREFERRED_DIRECTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "extension": ("extension",),
    "flexion": ("flexion",),
    "unclear": ("neutral", "rotation"),
}


def exercise_plan(
    responder: Responder | None,
    exercises: Iterable[Exercise],
    preferences: Preferences | None = None,
) -> ExercisePlan:
    """Sort the catalog's exercises by what a result means for them.

    Uses the library's "For you" status, so the result page and the library agree: advanced
    exercises (unless opted in) and the ones the user left out never come first. No result yet
    (None) is treated as `unclear`: neither direction can be ruled out.
    """
    kind = responder or "unclear"
    preferred = _PREFERRED_DIRECTIONS[kind]
    opposite = OPPOSITE_DIRECTION.get(kind)
    chosen = preferences or Preferences()
    prefer: list[Exercise] = []
    avoid: list[Exercise] = []
    flag: list[Exercise] = []
    left_out: list[Exercise] = []
    for exercise in exercises:
        status = for_you(exercise, responder, chosen).status
        if status == "avoid":
            avoid.append(exercise)
            continue
        if exercise.verdict_for(responder) == "caution":
            flag.append(exercise)
        if exercise.direction == opposite:
            left_out.append(exercise)
        elif exercise.direction in preferred and status in ("ok", "caution"):
            prefer.append(exercise)
    return ExercisePlan(tuple(prefer), tuple(avoid), tuple(flag), tuple(left_out))


# --- reading the file ---------------------------------------------------------------------------

_TOP_KEYS = (
    "schema_version",
    "questionnaire_version",
    "red_flag",
    "direction",
    "classification",
    "tiers",
    "responders",
    "function",
)


def _build_questionnaire(checker: FileChecker, document: dict[str, Any]) -> Questionnaire | None:
    checker.check_keys(document, (), _TOP_KEYS)
    version = checker.number(document, (), "questionnaire_version", low=1, high=1000)
    seen: set[str] = set()
    red_flags = _build_red_flags(checker, document, seen)
    directions = _build_directions(checker, document, seen)
    rule = _build_classification(checker, document, directions)
    tiers = _build_tiers(checker, document)
    responders = _build_responders(checker, document)
    function = _build_function(checker, document)
    if (
        version is None
        or rule is None
        or tiers is None
        or responders is None
        or function is None
        or checker.problems
    ):
        return None
    return Questionnaire(
        version=int(version),
        red_flags=red_flags,
        directions=directions,
        rule=rule,
        tiers=tiers,
        responders=responders,
        function=function,
    )


def _question_id(
    checker: FileChecker, entry: Mapping[str, Any], where: KeyPath, seen: set[str]
) -> str | None:
    question_id = checker.text_value(entry, where, "id")
    if question_id is None:
        return None
    if not KEBAB_CASE.match(question_id):
        checker.report((*where, "id"), f'question id "{question_id}" must be kebab-case')
        return None
    if question_id in seen:
        # Answers are stored by id, so one id asked twice would overwrite an answer.
        checker.report((*where, "id"), f"duplicate question id `{question_id}`")
        return None
    seen.add(question_id)
    return question_id


def _build_red_flags(
    checker: FileChecker, document: Mapping[str, Any], seen: set[str]
) -> tuple[RedFlagQuestion, ...]:
    questions: list[RedFlagQuestion] = []
    entries = checker.tables(document, (), "red_flag")
    if not entries and "red_flag" in document:
        checker.report(("red_flag",), "`red_flag` must list at least one question")
    for where, entry in entries:
        checker.check_keys(entry, where, ("id", "tier", "short", "text"))
        question_id = _question_id(checker, entry, where, seen)
        tier = checker.word(entry, where, "tier", RED_FLAG_TIERS)
        short = checker.text_value(entry, where, "short")
        text = checker.text_value(entry, where, "text")
        if question_id and tier and short and text:
            questions.append(RedFlagQuestion(question_id, text, short, cast(RedFlagTier, tier)))
    return tuple(questions)


def _build_directions(
    checker: FileChecker, document: Mapping[str, Any], seen: set[str]
) -> tuple[DirectionQuestion, ...]:
    questions: list[DirectionQuestion] = []
    for where, entry in checker.tables(document, (), "direction"):
        checker.check_keys(entry, where, ("id", "points_to", "sign", "text"))
        question_id = _question_id(checker, entry, where, seen)
        points_to = checker.word(entry, where, "points_to", ("extension", "flexion"))
        sign = checker.word(entry, where, "sign", SIGN_KINDS)
        text = checker.text_value(entry, where, "text")
        if question_id and points_to and sign and text:
            direction, kind = cast(Direction, points_to), cast(SignKind, sign)
            questions.append(DirectionQuestion(question_id, text, direction, kind))
    if "direction" in document and not checker.problems:
        # docs/product.md 4.2: neither type may be easier to reach than the other.
        counts = {
            side: tuple(
                sum(q.points_to == side and q.sign == k for q in questions) for k in SIGN_KINDS
            )
            for side in ("extension", "flexion")
        }
        if counts["extension"] != counts["flexion"] or not any(counts["extension"]):
            checker.report(
                ("direction",),
                "both sides need the same number of `direction` signs of each kind "
                f"(core, supporting): extension has {counts['extension']}, "
                f"flexion has {counts['flexion']}",
            )
    return tuple(questions)


_CLASSIFICATION_NUMBERS: Final = ("core_points", "supporting_points", "min_core_signs", "min_lead")


def _build_classification(
    checker: FileChecker, document: Mapping[str, Any], directions: tuple[DirectionQuestion, ...]
) -> ClassificationRule | None:
    table = checker.table(document, (), "classification")
    if table is None:
        return None
    where: KeyPath = ("classification",)
    checker.check_keys(table, where, (*_CLASSIFICATION_NUMBERS, "conflicts"))
    numbers = [
        checker.number(table, where, key, low=1, high=100) for key in _CLASSIFICATION_NUMBERS
    ]
    conflicts = _conflicts(checker, table, where, {q.id: q for q in directions})
    if conflicts is None or any(number is None for number in numbers):
        return None
    core_points, supporting_points, min_core_signs, min_lead = (int(n or 0) for n in numbers)
    return ClassificationRule(core_points, supporting_points, min_core_signs, min_lead, conflicts)


def _conflicts(
    checker: FileChecker,
    table: Mapping[str, Any],
    where: KeyPath,
    directions: Mapping[str, DirectionQuestion],
) -> tuple[tuple[str, str], ...] | None:
    value = table.get("conflicts", [])
    key_path: KeyPath = (*where, "conflicts")
    if not isinstance(value, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, str) for i in pair)
        for pair in value
    ):
        checker.report(key_path, "`classification.conflicts` must be a list of pairs of ids")
        return None
    pairs: list[tuple[str, str]] = []
    for first, second in value:
        unknown = [i for i in (first, second) if i not in directions]
        if unknown:
            checker.report(key_path, f"conflict names no `direction` question: {unknown[0]}")
        elif directions[first].points_to == directions[second].points_to:
            # Two signs of the same side agree; only opposite sides can contradict.
            checker.report(key_path, f"conflict `{first}`, `{second}`: both point the same way")
        else:
            pairs.append((first, second))
    return tuple(pairs) if len(pairs) == len(value) else None


def _build_tiers(
    checker: FileChecker, document: Mapping[str, Any]
) -> dict[RedFlagTier, TierAdvice] | None:
    table = checker.table(document, (), "tiers")
    if table is None:
        return None
    checker.check_keys(table, ("tiers",), RED_FLAG_TIERS)
    tiers: dict[RedFlagTier, TierAdvice] = {}
    for name in RED_FLAG_TIERS:
        entry = table.get(name)
        if not isinstance(entry, dict):
            continue  # reported as missing by check_keys, or below when not a table
        where: KeyPath = ("tiers", name)
        checker.check_keys(entry, where, ("title", "what_to_do", "banner"))
        values = [checker.text_value(entry, where, key) for key in ("title", "what_to_do")]
        banner_text = checker.text_value(entry, where, "banner")
        title, what_to_do = values
        if title and what_to_do and banner_text:
            tiers[name] = TierAdvice(title, what_to_do, banner_text)
    for key, value in table.items():
        if key in RED_FLAG_TIERS and not isinstance(value, dict):
            checker.report(("tiers", key), f"`tiers.{key}` must be a table")
    return tiers if len(tiers) == len(RED_FLAG_TIERS) else None


def _build_responders(
    checker: FileChecker, document: Mapping[str, Any]
) -> dict[Responder, ResponderAdvice] | None:
    table = checker.table(document, (), "responders")
    if table is None:
        return None
    checker.check_keys(table, ("responders",), RESPONDERS)
    responders: dict[Responder, ResponderAdvice] = {}
    keys = ("title", "summary", "explanation", "prefer")
    for name in RESPONDERS:
        entry = table.get(name)
        if not isinstance(entry, dict):
            if name in table:
                checker.report(("responders", name), f"`responders.{name}` must be a table")
            continue
        where: KeyPath = ("responders", name)
        checker.check_keys(entry, where, keys)
        title, summary, explanation, prefer = (
            checker.text_value(entry, where, key) for key in keys
        )
        if title and summary and explanation and prefer:
            responders[name] = ResponderAdvice(title, summary, explanation, prefer)
    return responders if len(responders) == len(RESPONDERS) else None


def _build_function(checker: FileChecker, document: Mapping[str, Any]) -> FunctionSettings | None:
    table = checker.table(document, (), "function")
    if table is None:
        return None
    where: KeyPath = ("function",)
    texts = ("prompt", "scale_min_label", "scale_max_label")
    checker.check_keys(
        table, where, ("max_activities", "scale_min", "scale_max", *texts, "examples")
    )
    # The profile stores at most MAX_ACTIVITIES ratings on the 0-10 scale, so the file may
    # narrow these but not widen them.
    low, high = RATING_RANGE
    most = checker.number(table, where, "max_activities", low=1, high=MAX_ACTIVITIES)
    scale_min = checker.number(table, where, "scale_min", low=low, high=high - 1)
    scale_max = checker.number(table, where, "scale_max", low=low + 1, high=high)
    prompt, min_label, max_label = (checker.text_value(table, where, key) for key in texts)
    examples = checker.text_list(table, where, "examples")
    if scale_min is not None and scale_max is not None and scale_min >= scale_max:
        checker.report((*where, "scale_max"), "`function.scale_max` must be above `scale_min`")
        return None
    if (
        most is None
        or scale_min is None
        or scale_max is None
        or prompt is None
        or min_label is None
        or max_label is None
        or examples is None
    ):
        return None
    return FunctionSettings(
        max_activities=int(most),
        scale_min=int(scale_min),
        scale_max=int(scale_max),
        prompt=prompt,
        scale_min_label=min_label,
        scale_max_label=max_label,
        examples=examples,
    )
