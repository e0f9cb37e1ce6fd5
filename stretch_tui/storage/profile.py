"""`profile.toml`: screening results, function activities and ratings (docs/product.md 4 and 8).

Parts that fail their checks are reported and left out of the loaded profile; top-level keys
this version does not know are reported and kept in the file when the profile is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar, cast

from stretch_tui.domain.profile import (
    MAX_ACTIVITIES,
    RATING_RANGE,
    TIERS,
    FunctionActivity,
    FunctionRating,
    Profile,
    Responder,
    ScreeningRecord,
)
from stretch_tui.domain.vocabulary import RESPONDER_TYPES
from stretch_tui.storage import checks
from stretch_tui.storage.notices import Loaded, reading_notices
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileKind, read_toml, save_keeping_unknown, unchanged

# The movement questions of questionnaire version 1, the only one profile version 1 knew.
# Frozen here: the migration must read old files the same way whatever the catalog says now.
_V1_MOVEMENT_QUESTIONS: Final = frozenset(
    {
        "sitting-worse",
        "standing-worse",
        "standing-walking-eases",
        "sitting-eases",
        "bending-worse",
        "walking-worse",
        "arching-eases",
        "rounding-eases",
        "morning-worst",
        "leg-symptoms",
        "sciatica-sitting-bending",
        "cough-sneeze",
    }
)


def _split_answers(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: each screening says which questionnaire it was answered with (all
    were version 1), and keeps its movement answers apart from the warning-sign answers, so
    that the warning signs can be asked again on their own."""
    tables = [document.get("screening"), *_list(document.get("earlier_screenings"))]
    for table in tables:
        if not isinstance(table, dict):
            continue  # reported when the migrated document is read
        table.setdefault("questionnaire_version", 1)
        answers = table.get("answers")
        if isinstance(answers, dict) and "movement_answers" not in table:
            table["answers"] = {k: v for k, v in answers.items() if k not in _V1_MOVEMENT_QUESTIONS}
            table["movement_answers"] = {
                k: v for k, v in answers.items() if k in _V1_MOVEMENT_QUESTIONS
            }
    return document


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


PROFILE_FILE: Final = FileKind("profile", 2, {0: unchanged, 1: _split_answers})
"""Version 1 is the first format; a version-0 file is one without `schema_version`.
Version 2 gives each screening its questionnaire version and the movement part its own
answers and date."""

_KEYS: Final = (
    "assessed_confirmed_at",
    "screening",
    "earlier_screenings",
    "activities",
    "function_ratings",
)
_SCREENING_KEYS: Final = (
    "date",
    "tier",
    "flags",
    "questionnaire_version",
    "responder",
    "extension_score",
    "flexion_score",
    "answers",
    "movement_answers",
    "movement_date",
)
_MAX_VERSION: Final = 1000
_MAX_SCORE: Final = 1000

T = TypeVar("T")


def load_profile(paths: AppPaths) -> Loaded[Profile]:
    """The saved profile, or an empty one; problems with the file are in the notices."""
    read = read_toml(paths.profile, PROFILE_FILE)
    profile, problems, unknown = profile_from_document(read.data)
    notices = reading_notices(
        paths.profile,
        read.notices,
        problems,
        "Those parts are not used.",
        unknown,
        "is not known to this version; not used.",
    )
    return Loaded(profile, notices, read.read_only)


def save_profile(paths: AppPaths, profile: Profile) -> None:
    """Write the profile, keeping top-level keys this version does not know.

    Raises `StorageError` (with a one-line message) when the file cannot be written.
    """
    save_keeping_unknown(paths.profile, PROFILE_FILE, profile_to_document(profile), _KEYS)


def profile_to_document(profile: Profile) -> dict[str, Any]:
    """The profile as the TOML document holds it (without `schema_version`)."""
    document: dict[str, Any] = {}
    if profile.assessed_confirmed_at is not None:
        document["assessed_confirmed_at"] = profile.assessed_confirmed_at
    if profile.screening is not None:
        document["screening"] = _screening_to_table(profile.screening)
    document["earlier_screenings"] = [_screening_to_table(s) for s in profile.earlier_screenings]
    document["activities"] = [{"name": activity.name} for activity in profile.activities]
    document["function_ratings"] = [
        {"date": rating.date, "scores": list(rating.scores)} for rating in profile.function_ratings
    ]
    return document


def _screening_to_table(record: ScreeningRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "date": record.date,
        "tier": record.tier,
        "flags": list(record.flags),
        "questionnaire_version": record.questionnaire_version,
    }
    if record.responder is not None:
        table["responder"] = record.responder
    table["extension_score"] = record.extension_score
    table["flexion_score"] = record.flexion_score
    if record.movement_date is not None:
        table["movement_date"] = record.movement_date
    table["answers"] = dict(record.answers)
    table["movement_answers"] = dict(record.movement_answers)
    return table


def profile_from_document(document: Mapping[str, Any]) -> tuple[Profile, list[str], list[str]]:
    """The profile in a document: the value (leaving out what failed its checks), the
    problems (one phrase each) and the top-level keys this version does not know."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    if "assessed_confirmed_at" in document:
        try:
            values["assessed_confirmed_at"] = checks.moment(document["assessed_confirmed_at"])
        except checks.BadValue as bad:
            problems.append(f"`assessed_confirmed_at` {bad}")
    if "screening" in document:
        values["screening"] = _screening(document["screening"], "screening", problems)
    earlier = []
    for index, table in enumerate(_tables(document, "earlier_screenings", problems)):
        record = _screening(table, f"earlier_screenings[{index}]", problems)
        if record is not None:
            earlier.append(record)
    values["earlier_screenings"] = tuple(earlier)
    activities = []
    for index, table in enumerate(_tables(document, "activities", problems)):
        try:
            activities.append(FunctionActivity(name=checks.text(table.get("name"))))
        except checks.BadValue as bad:
            problems.append(f"`activities[{index}].name` {bad}")
    if len(activities) > MAX_ACTIVITIES:
        problems.append(f"more than {MAX_ACTIVITIES} activities; only the first are used")
        activities = activities[:MAX_ACTIVITIES]
    values["activities"] = tuple(activities)
    ratings = []
    for index, table in enumerate(_tables(document, "function_ratings", problems)):
        try:
            ratings.append(_rating(table))
        except checks.BadValue as bad:
            problems.append(f"`function_ratings[{index}]` {bad}")
    values["function_ratings"] = tuple(ratings)
    unknown = [key for key in document if key not in _KEYS]
    return Profile(**values), problems, unknown


def _tables(document: Mapping[str, Any], key: str, problems: list[str]) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.append(f"`{key}` is not a list of tables")
        return []
    return value


def _screening(value: object, where: str, problems: list[str]) -> ScreeningRecord | None:
    if not isinstance(value, dict):
        problems.append(f"`{where}` is not a table")
        return None
    try:
        record = ScreeningRecord(
            date=_field(checks.moment, value, "date"),
            answers=_field(_answers, value, "answers", {}),
            tier=_field(lambda v: checks.word(v, TIERS), value, "tier"),
            flags=_field(checks.texts, value, "flags", ()),
            # Without a version the answers are from the first questionnaire: asking again is
            # the safe side.
            questionnaire_version=_field(_version, value, "questionnaire_version", 1),
            responder=_field(_responder, value, "responder", None),
            extension_score=_field(_score, value, "extension_score", 0),
            flexion_score=_field(_score, value, "flexion_score", 0),
            movement_answers=_field(_answers, value, "movement_answers", {}),
            movement_date=_field(checks.moment, value, "movement_date", None),
        )
    except checks.BadValue as bad:
        problems.append(f"`{where}`: {bad}")
        return None
    unknown = [key for key in value if key not in _SCREENING_KEYS]
    if unknown:
        problems.append(f"`{where}` has keys this version does not know: {', '.join(unknown)}")
    return record


_REQUIRED: Final = object()


def _field(
    check: Callable[[object], T], table: Mapping[str, Any], key: str, default: Any = _REQUIRED
) -> T:
    if key not in table:
        if default is _REQUIRED:
            raise checks.BadValue(f"`{key}` is missing")
        return cast(T, default)
    try:
        return check(table[key])
    except checks.BadValue as bad:
        raise checks.BadValue(f"`{key}` {bad}") from None


def _responder(value: object) -> Responder:
    return cast(Responder, checks.word(value, RESPONDER_TYPES))


def _answers(value: object) -> dict[str, bool]:
    if not isinstance(value, dict) or not all(
        isinstance(answer, bool) for answer in value.values()
    ):
        raise checks.BadValue("must map question ids to true or false")
    return dict(value)


def _version(value: object) -> int:
    return checks.whole_number(value, 1, _MAX_VERSION)


def _score(value: object) -> int:
    return checks.whole_number(value, 0, _MAX_SCORE)


def _rating(table: Mapping[str, Any]) -> FunctionRating:
    scores = table.get("scores")
    if not isinstance(scores, list):
        raise checks.BadValue(f"`scores` is {checks.show(scores)}; expected a list of numbers")
    low, high = RATING_RANGE
    return FunctionRating(
        date=_field(checks.moment, table, "date"),
        scores=tuple(checks.whole_number(score, low, high) for score in scores),
    )
