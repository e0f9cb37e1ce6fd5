"""The library's filtering and its "For you" labels, as plain code (docs/product.md 2, issue 4).

A keystroke in the library's name filter must redraw the table in under 16 ms even with 5,000
exercises (docs/product.md 10), so the search keys are normalised once, when a `LibraryIndex` is
built, and a filter only compares prepared strings. Narrowing a search (typing one more letter)
looks only at the rows the previous search kept. Building the index is on the way to the
library's rows (5,000 of them within 300 ms, issue 14), so it prepares only what every search
needs, the search keys, in one pass; a row's label waits until the row is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Literal, NamedTuple

from attrs import evolve, frozen

from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.session_check import suits

ForYouStatus = Literal["ok", "caution", "opposite", "advanced", "left-out", "avoid"]
"""How an exercise stands for this user, worst first in `STATUS_ORDER`."""

STATUS_ORDER: Final[tuple[ForYouStatus, ...]] = (
    "avoid",
    "left-out",
    "advanced",
    "caution",
    "opposite",
    "ok",
)
"""Which status wins when several apply: safety first, then the user's own choices."""

OPPOSITE_DIRECTION: Final[dict[str, str]] = {"extension": "flexion", "flexion": "extension"}
"""For each responder type, the spinal direction that tends to make their pain worse."""

SHORT_WHY_CHARS: Final = 40
"""Longest a caution's reason may be in the "For you" label; the detail shows all of it."""


class ForYou(NamedTuple):
    """An exercise's status for this user and the label that says why ("caution: ...")."""

    status: ForYouStatus
    reason: str


_LEFT_OUT: Final = ForYou("left-out", "left out")
_ADVANCED: Final = ForYou("advanced", "advanced: opt in")
_OPPOSITE: Final = ForYou("opposite", "opposite direction")
_OK: Final = ForYou("ok", "ok")
"""The labels without a reason of the exercise's own, made once."""


@frozen
class LibraryFilter:
    """What the library shows: a name search and one optional value per filter.

    `None` means "any". `safe_for_me` hides the exercises that the pre-session check would flag
    for the user's profile (to avoid, to take care with, or of the opposite direction).
    """

    text: str = ""
    area: str | None = None
    position: str | None = None
    difficulty: str | None = None
    direction: str | None = None
    dose_kind: str | None = None
    safe_for_me: bool = False

    @property
    def is_default(self) -> bool:
        """True when nothing is filtered: every exercise shows."""
        return self == LibraryFilter()

    def cleared(self) -> LibraryFilter:
        """No filter at all."""
        return LibraryFilter()

    def with_text(self, text: str) -> LibraryFilter:
        """The same filter with another name search."""
        return evolve(self, text=text)


class LibraryEntry:
    """One row of the library: the exercise, its prepared search key and its label.

    The label and `suits` are worked out when first asked for: a table draws a screenful of
    rows, and "safe for me" is a filter seldom chosen, so preparing them for 5,000 rows up
    front would only delay the rows (issue 14)."""

    __slots__ = ("_for_you", "_preferences", "_responder", "_suits", "exercise", "search_key")

    def __init__(
        self,
        exercise: Exercise,
        search_key: str,
        responder: str | None,
        preferences: Preferences,
    ) -> None:
        self.exercise = exercise
        self.search_key = search_key
        """Name, aliases and id, normalised together by `normalise_search_text` (`search_key`)."""
        self._responder = responder
        self._preferences = preferences
        self._for_you: ForYou | None = None
        self._suits: bool | None = None

    @property
    def for_you(self) -> ForYou:
        """The exercise's status for this user and the label that says why (`for_you`)."""
        if self._for_you is None:
            self._for_you = for_you(self.exercise, self._responder, self._preferences)
        return self._for_you

    @property
    def suits(self) -> bool:
        """Nothing the pre-session check would flag for this user, apart from the advanced
        opt-in (`stretch_tui.domain.session_check.suits`): what "safe for me" keeps."""
        if self._suits is None:
            self._suits = suits(self.exercise, self._responder)
        return self._suits

    def __repr__(self) -> str:
        return f"LibraryEntry({self.exercise.id!r}, {self.search_key!r})"


_NOT_WORD = re.compile(r"[^\w]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_APOSTROPHES = re.compile(r"['\u2019`]")
_ASCII_SEARCH_TEXT: Final = {
    code: (
        chr(code) if chr(code).isalnum() or chr(code) == "_" else None if chr(code) in "'`" else " "
    )
    for code in range(128)
}
"""`_APOSTROPHES` dropped and `_NOT_WORD` made a space, for ASCII text (every character is a
key: a missing one costs `str.translate` a failed lookup)."""


def normalise_search_text(text: str) -> str:
    """Text as the search compares it: case-folded, apostrophes dropped, other punctuation a space.

    So "childs", "child's" and "Child's" all find "Child's pose", and "cat cow" finds "Cat-cow".
    """
    folded = text.casefold()
    if folded.isascii():  # the usual case, in one pass instead of two
        return " ".join(folded.translate(_ASCII_SEARCH_TEXT).split())
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", folded)).split())


def search_key(exercise: Exercise) -> str:
    """The exercise's name, aliases and id as the search compares them, in one string.

    Normalised together rather than one by one: a search word never holds a space, so it is in
    the result exactly when it is in one of them normalised on its own.
    """
    return normalise_search_text(" ".join((exercise.name, *exercise.aliases, exercise.id)))


def short_why(why: str, limit: int = SHORT_WHY_CHARS) -> str:
    """A caution's reason cut to a few words for a table cell.

    The catalog writes cautions as "who says so: the reason." so the clause after the first
    sentence's last colon is the reason; without a colon, the first sentence. Longer than
    `limit`, it is cut at a word and ends with an ellipsis.
    """
    first = _SENTENCE_END.split(why.strip(), maxsplit=1)[0].rstrip(".!? ")
    clause = first.rsplit(": ", 1)[-1].strip()
    if clause[1:2].islower():
        # It follows "caution: " in the label, so a capital would read as a new sentence.
        clause = clause[0].lower() + clause[1:]
    if len(clause) <= limit:
        return clause
    cut = clause[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def for_you(exercise: Exercise, responder: str | None, preferences: Preferences) -> ForYou:
    """The exercise's status for someone with this screening result and these preferences.

    - `avoid`: a caution says to avoid it for this responder type (hidden by "safe for me").
    - `left-out`: the user left it out of recommended routines (restorable).
    - `advanced`: advanced, and the user has not opted in to advanced exercises.
    - `caution`: a caution applies to this user.
    - `opposite`: it loads the direction opposite to the user's preference.
    - `ok`: none of these.

    When several apply, the first in that list wins (`STATUS_ORDER`).
    """
    verdict = exercise.verdict_for(responder) if exercise.cautions else "ok"
    if verdict == "avoid":
        worst = _first_caution_why(exercise, responder, "avoid")
        return ForYou("avoid", f"avoid: {short_why(worst)}")
    if exercise.id in preferences.left_out:
        return _LEFT_OUT
    if exercise.difficulty == "advanced" and not preferences.include_advanced:
        return _ADVANCED
    if verdict == "caution":
        why = _first_caution_why(exercise, responder, "caution")
        return ForYou("caution", f"caution: {short_why(why)}")
    if responder is not None and OPPOSITE_DIRECTION.get(responder) == exercise.direction:
        return _OPPOSITE
    return _OK


def _first_caution_why(exercise: Exercise, responder: str | None, level: str) -> str:
    cautions = exercise.cautions_for(responder)
    for caution in cautions:
        if caution.level == level:
            return caution.why
    # An `avoid` softened to a caution for an unclear profile has level "avoid" but verdict
    # "caution": any applying caution explains it.
    return cautions[0].why if cautions else ""


def _matches_fields(entry: LibraryEntry, chosen: LibraryFilter) -> bool:
    exercise = entry.exercise
    return (
        (chosen.area is None or chosen.area in exercise.targets)
        and (chosen.position is None or exercise.position == chosen.position)
        and (chosen.difficulty is None or exercise.difficulty == chosen.difficulty)
        and (chosen.direction is None or exercise.direction == chosen.direction)
        and (chosen.dose_kind is None or exercise.dose.kind == chosen.dose_kind)
        and not (chosen.safe_for_me and not entry.suits)
    )


class LibraryIndex:
    """The exercises with their search keys prepared once, ready to filter often.

    Build a new index when the exercises, the responder type or the preferences change; the
    labels depend on them.
    """

    _BASE_CACHE_SIZE: Final = 32

    def __init__(
        self, exercises: Iterable[Exercise], responder: str | None, preferences: Preferences
    ) -> None:
        self.responder = responder
        self.preferences = preferences
        # Sorted by name, then id (the position only keeps equal exercises in their order).
        rows = [
            (
                exercise.name.casefold(),
                exercise.id,
                position,
                LibraryEntry(exercise, search_key(exercise), responder, preferences),
            )
            for position, exercise in enumerate(exercises)
        ]
        rows.sort()
        self.entries: tuple[LibraryEntry, ...] = tuple([row[3] for row in rows])
        self.longest_name = max((len(entry.exercise.name) for entry in self.entries), default=0)
        """The longest name's length, so a table can keep its columns while rows come and go."""
        # Rows passing the non-text filters, by those filters: stepping a filter is rare, typing
        # is not, so a keystroke only searches text.
        self._bases: dict[LibraryFilter, list[LibraryEntry]] = {}
        self._last: tuple[LibraryFilter, tuple[str, ...], list[LibraryEntry]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def _base(self, fields: LibraryFilter) -> list[LibraryEntry]:
        base = self._bases.get(fields)
        if base is None:
            if fields.is_default:
                base = list(self.entries)
            else:
                base = [entry for entry in self.entries if _matches_fields(entry, fields)]
            if len(self._bases) >= self._BASE_CACHE_SIZE:
                self._bases.clear()
            self._bases[fields] = base
        return base

    def filter(self, chosen: LibraryFilter) -> list[LibraryEntry]:
        """The entries that pass every part of `chosen`, in name order.

        Every word of the search must appear in the name, an alias or the id. When only the
        search changed and it got longer (the user typed a letter), only the previous result
        is searched.
        """
        words = tuple(normalise_search_text(chosen.text).split())
        fields = chosen.with_text("")
        candidates: list[LibraryEntry] | None = None
        if self._last is not None:
            last_filter, last_words, last_result = self._last
            if last_filter == chosen:
                return list(last_result)
            if last_filter.with_text("") == fields and _narrows(last_words, words):
                candidates = last_result
        if candidates is None:
            candidates = self._base(fields)
        result = candidates
        for word in words:
            result = [entry for entry in result if word in entry.search_key]
        self._last = (chosen, words, result)
        return list(result)


def _narrows(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """True when every row matching `after` also matched `before`.

    That holds when `after` is `before` with the last word longer and words added after it.
    """
    if not before:
        return True
    if len(after) < len(before):
        return False
    *head, last = before
    return tuple(after[: len(head)]) == tuple(head) and after[len(head)].startswith(last)


def apply_filter(
    exercises: Iterable[Exercise],
    chosen: LibraryFilter,
    responder: str | None,
    preferences: Preferences,
) -> list[LibraryEntry]:
    """Filter the exercises once; for repeated filtering build a `LibraryIndex` and keep it."""
    return LibraryIndex(exercises, responder, preferences).filter(chosen)


def explain(exercise: Exercise, responder: str | None, preferences: Preferences) -> str:
    """The "For you" label in a full sentence, for the line under the table and the detail."""
    status, _ = for_you(exercise, responder, preferences)
    match status:
        case "avoid":
            return f"Avoid: {_first_caution_why(exercise, responder, 'avoid')}"
        case "left-out":
            return "Left out of your recommended routines (you chose this; you can restore it)."
        case "advanced":
            return (
                "Advanced: recommended routines include it only if you opt in (Settings). "
                "You can still open and do it."
            )
        case "caution":
            return f"Caution: {_first_caution_why(exercise, responder, 'caution')}"
        case "opposite":
            return (
                f"Opposite direction: it moves the back into {exercise.direction}, while your "
                f"screening says {responder} eases your pain. Recommended routines leave it out."
            )
    if responder is None:
        return "No screening yet: take it to see which exercises suit you."
    return "Nothing in your screening speaks against it."


def toggled_left_out(left_out: tuple[str, ...], exercise_id: str) -> tuple[str, ...]:
    """`left_out` without the exercise if it was there, with it (at the end) if it was not."""
    if exercise_id in left_out:
        return tuple(each for each in left_out if each != exercise_id)
    return (*left_out, exercise_id)
