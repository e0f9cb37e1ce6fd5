"""The library's filtering and "For you" labels (stretch_tui.domain.library)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from stretch_tui.domain import library
from stretch_tui.domain import vocabulary as vocab
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.exercise import Caution, Dose, Exercise, Pose, PoseFrame
from stretch_tui.domain.library import (
    ForYou,
    LibraryFilter,
    LibraryIndex,
    apply_filter,
    explain,
    for_you,
    normalise_search_text,
    search_key,
    short_why,
    toggled_left_out,
)
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.session_check import exercise_warnings

CATALOG = load_shipped_catalog()
EXERCISES = list(CATALOG.exercises.values())
RESPONDERS = ["extension", "flexion", "unclear", None]
DEFAULTS = Preferences()


def ids(entries: list[object]) -> list[str]:
    return [entry.exercise.id for entry in entries]  # type: ignore[attr-defined]


def make_exercise(exercise_id: str, **changes: object) -> Exercise:
    base = Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        kind="stretch",
        targets=("hips",),
        position="supine",
        direction="neutral",
        difficulty="beginner",
        dose=Dose(kind="hold", seconds=30, reps=2),
        steps=("Do it.",),
        pose=Pose(frames=(PoseFrame(art="O"),)),
    )
    return evolve(base, **changes)  # type: ignore[arg-type]


# --- the name search ------------------------------------------------------------------------


def test_search_finds_by_part_of_the_name() -> None:
    assert ids(apply_filter(EXERCISES, LibraryFilter(text="pig"), None, DEFAULTS)) == [
        "pigeon-pose"
    ]


def test_search_finds_by_alias_as_well_as_name() -> None:
    found = ids(apply_filter(EXERCISES, LibraryFilter(text="spin"), None, DEFAULTS))
    assert "recumbent-bike" in found  # alias "Spin cycle"
    found = ids(apply_filter(EXERCISES, LibraryFilter(text="lower back twist"), None, DEFAULTS))
    assert found == ["lumbar-trunk-rotation"]  # alias "Lower-back twist"


def test_search_ignores_case_apostrophes_and_hyphens() -> None:
    for text in ("CHILDS", "child's", "Child’s"):
        assert ids(apply_filter(EXERCISES, LibraryFilter(text=text), None, DEFAULTS)) == [
            "childs-pose"
        ]
    assert "cat-cow" in ids(apply_filter(EXERCISES, LibraryFilter(text="cat cow"), None, DEFAULTS))


def test_every_word_of_the_search_must_match() -> None:
    found = ids(apply_filter(EXERCISES, LibraryFilter(text="knee chest single"), None, DEFAULTS))
    assert found == ["single-knee-to-chest"]


def test_empty_search_shows_everything_in_name_order() -> None:
    entries = apply_filter(EXERCISES, LibraryFilter(), None, DEFAULTS)
    names = [entry.exercise.name.casefold() for entry in entries]
    assert len(entries) == len(EXERCISES) > 0
    assert names == sorted(names)


def test_search_that_matches_nothing_is_empty() -> None:
    assert apply_filter(EXERCISES, LibraryFilter(text="zzz"), None, DEFAULTS) == []


def test_normalise_search_text() -> None:
    assert normalise_search_text("  Child's   Pose ") == "childs pose"
    assert normalise_search_text("Lower-back twist") == "lower back twist"


TEXT = st.text(alphabet=st.sampled_from(list("aBz09_ -'`.,/\n’éÉß")), max_size=12)


@given(text=TEXT)
def test_plain_ascii_text_is_normalised_as_any_other(text: str) -> None:
    """ASCII takes a shortcut; "é" at the end sends the same text the general way."""
    words = normalise_search_text(text).split()
    assert normalise_search_text(text + " é") == " ".join([*words, "é"])


@given(name=TEXT, aliases=st.lists(TEXT, max_size=2), word=TEXT)
def test_a_search_word_is_in_the_search_key_when_in_the_name_an_alias_or_the_id(
    name: str, aliases: list[str], word: str
) -> None:
    exercise = make_exercise("knee-hug", name=name, aliases=tuple(aliases))
    for needle in normalise_search_text(word).split():
        parts = (name, *aliases, "knee-hug")
        expected = any(needle in normalise_search_text(part) for part in parts)
        assert (needle in search_key(exercise)) == expected


# --- the other filters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "attribute"),
    [
        ("area", "piriformis", lambda e: "piriformis" in e.targets),
        ("position", "kneeling", lambda e: e.position == "kneeling"),
        ("difficulty", "advanced", lambda e: e.difficulty == "advanced"),
        ("direction", "extension", lambda e: e.direction == "extension"),
        ("dose_kind", "cycles", lambda e: e.dose.kind == "cycles"),
    ],
)
def test_each_filter_keeps_exactly_the_matching_exercises(
    field: str, value: str, attribute: object
) -> None:
    chosen = evolve(LibraryFilter(), **{field: value})
    found = set(ids(apply_filter(EXERCISES, chosen, None, DEFAULTS)))
    expected = {e.id for e in EXERCISES if attribute(e)}  # type: ignore[operator]
    assert found == expected
    assert 0 < len(found) < len(EXERCISES)


def test_filters_combine_with_the_search() -> None:
    chosen = LibraryFilter(text="stretch", position="standing")
    found = ids(apply_filter(EXERCISES, chosen, None, DEFAULTS))
    assert found == ["standing-hip-flexor-stretch", "standing-quad-stretch"]


# --- safe for me ----------------------------------------------------------------------------


@pytest.mark.parametrize("responder", RESPONDERS)
def test_safe_for_me_shows_exactly_what_the_pre_session_check_would_not_flag(
    responder: str | None,
) -> None:
    shown = apply_filter(EXERCISES, LibraryFilter(safe_for_me=True), responder, DEFAULTS)
    everything = Preferences(include_advanced=True)
    assert all(entry.exercise.verdict_for(responder) != "avoid" for entry in shown)
    assert all(not exercise_warnings(entry.exercise, responder, everything) for entry in shown)
    hidden = {e.id for e in EXERCISES} - set(ids(shown))
    assert hidden
    for each in hidden:
        kinds = {w.kind for w in exercise_warnings(CATALOG.exercises[each], responder, everything)}
        assert kinds & {"avoid", "caution", "opposite-direction"}, each


def test_safe_for_me_hides_the_forward_bends_for_an_extension_responder() -> None:
    shown = ids(apply_filter(EXERCISES, LibraryFilter(safe_for_me=True), "extension", DEFAULTS))
    assert "childs-pose" not in shown
    assert "wide-legged-forward-fold" not in shown
    assert "cobra" in shown


def test_safe_for_me_hides_every_backward_bend_for_a_flexion_responder() -> None:
    shown = ids(apply_filter(EXERCISES, LibraryFilter(safe_for_me=True), "flexion", DEFAULTS))
    for exercise_id in ("cobra", "sloppy-push-up", "standing-lumbar-extension"):
        assert exercise_id not in shown
    assert "childs-pose" in shown


def test_without_safe_for_me_avoid_items_show_and_say_so() -> None:
    entries = apply_filter(EXERCISES, LibraryFilter(), "extension", DEFAULTS)
    child = next(entry for entry in entries if entry.exercise.id == "childs-pose")
    assert child.for_you.status == "avoid"
    assert child.for_you.reason.startswith("avoid: ")


@settings(max_examples=60, deadline=None)
@given(
    responder=st.sampled_from(RESPONDERS),
    area=st.none() | st.sampled_from(vocab.TARGETS),
    position=st.none() | st.sampled_from(vocab.POSITIONS),
    direction=st.none() | st.sampled_from(vocab.DIRECTIONS),
    text=st.sampled_from(["", "s", "st", "pose", "knee", "x"]),
)
def test_safe_for_me_holds_under_any_other_filter(
    responder: str | None, area: str | None, position: str | None, direction: str | None, text: str
) -> None:
    chosen = LibraryFilter(
        text=text, area=area, position=position, direction=direction, safe_for_me=True
    )
    for entry in apply_filter(EXERCISES, chosen, responder, DEFAULTS):
        assert entry.exercise.verdict_for(responder) != "avoid"


# --- the "For you" labels -------------------------------------------------------------------


def test_opposite_direction_is_marked_for_each_responder_type() -> None:
    # A user's own exercises may lack the direction caution the shipped ones carry.
    knees = evolve(CATALOG.exercises["double-knee-to-chest"], cautions=())
    press_up = evolve(CATALOG.exercises["sloppy-push-up"], cautions=())
    assert for_you(knees, "extension", DEFAULTS) == ForYou("opposite", "opposite direction")
    assert for_you(press_up, "flexion", DEFAULTS) == ForYou("opposite", "opposite direction")
    assert for_you(knees, "flexion", DEFAULTS).status == "ok"


def test_a_shipped_exercise_of_the_other_direction_says_take_care_first() -> None:
    knees = CATALOG.exercises["double-knee-to-chest"]
    press_up = CATALOG.exercises["sloppy-push-up"]
    assert for_you(knees, "extension", DEFAULTS).status == "caution"
    assert for_you(press_up, "flexion", DEFAULTS).status == "caution"
    assert for_you(press_up, "extension", DEFAULTS).status == "ok"
    # Either type may be the person's: the caution for extension responders applies.
    assert for_you(knees, "unclear", DEFAULTS).status == "caution"


def test_caution_shows_a_short_reason() -> None:
    status, reason = for_you(CATALOG.exercises["kneeling-hip-flexor-stretch"], "flexion", DEFAULTS)
    assert status == "caution"
    assert reason.startswith("caution: ")
    assert len(reason) <= len("caution: ") + 40


def test_advanced_needs_an_opt_in() -> None:
    pigeon = CATALOG.exercises["pigeon-pose"]
    assert for_you(pigeon, "extension", DEFAULTS) == ForYou("advanced", "advanced: opt in")
    opted_in = replace(DEFAULTS, include_advanced=True)
    assert for_you(pigeon, "extension", opted_in).status == "caution"


def test_left_out_is_marked_and_restorable() -> None:
    cat_cow = CATALOG.exercises["cat-cow"]
    left_out = toggled_left_out((), "cat-cow")
    preferences = replace(DEFAULTS, left_out=left_out)
    assert for_you(cat_cow, "extension", preferences) == ForYou("left-out", "left out")
    restored = replace(DEFAULTS, left_out=toggled_left_out(left_out, "cat-cow"))
    assert restored.left_out == ()
    assert for_you(cat_cow, "extension", restored).status == "ok"


def test_avoid_wins_over_left_out() -> None:
    preferences = replace(DEFAULTS, left_out=("childs-pose",))
    child = CATALOG.exercises["childs-pose"]
    assert for_you(child, "extension", preferences).status == "avoid"
    assert for_you(child, "flexion", preferences).status == "left-out"


def test_unclear_profile_sees_an_avoid_as_a_caution() -> None:
    exercise = make_exercise(
        "forward-thing",
        cautions=(Caution(who="extension-responders", level="avoid", why="It rounds: bends."),),
    )
    assert for_you(exercise, "unclear", DEFAULTS).status == "caution"
    assert for_you(exercise, None, DEFAULTS).status == "caution"
    assert for_you(exercise, "extension", DEFAULTS).status == "avoid"


def test_explain_gives_the_whole_reason() -> None:
    child = CATALOG.exercises["childs-pose"]
    caution = child.cautions[0].why
    assert explain(child, "extension", DEFAULTS) == f"Avoid: {caution}"
    assert "No screening yet" in explain(CATALOG.exercises["cat-cow"], None, DEFAULTS)
    knees = evolve(CATALOG.exercises["double-knee-to-chest"], cautions=())
    assert explain(knees, "extension", DEFAULTS).startswith("Opposite direction")


@pytest.mark.parametrize(
    ("why", "short"),
    [
        ("The source says skip it: it bends the back forward.", "it bends the back forward"),
        ("If symptoms rise, stop. Then rest.", "if symptoms rise, stop"),
        (
            "Someone says: a long reason that goes on and on well past the limit of the cell",
            "a long reason that goes on and on well…",
        ),
    ],
)
def test_short_why(why: str, short: str) -> None:
    assert short_why(why) == short


# --- the index ------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    typed=st.lists(st.sampled_from(list("abcdeiklnoprst -'")), max_size=12),
    deletes=st.lists(st.integers(min_value=0, max_value=11), max_size=4),
    position=st.none() | st.sampled_from(vocab.POSITIONS),
)
def test_index_reusing_the_last_result_gives_the_same_rows_as_a_fresh_search(
    typed: list[str], deletes: list[int], position: str | None
) -> None:
    index = LibraryIndex(EXERCISES, "extension", DEFAULTS)
    text = ""
    steps = [*typed, *(None for _ in deletes)]
    for step in steps:
        text = text + step if step is not None else text[:-1]
        chosen = LibraryFilter(text=text, position=position)
        fresh = apply_filter(EXERCISES, chosen, "extension", DEFAULTS)
        assert ids(index.filter(chosen)) == ids(fresh)


def test_index_keeps_the_longest_name_for_stable_columns() -> None:
    index = LibraryIndex(EXERCISES, None, DEFAULTS)
    assert index.longest_name == max(len(e.name) for e in EXERCISES)
    assert len(index) == len(EXERCISES)


def test_index_handles_thousands_of_exercises() -> None:
    many = [make_exercise(f"stretch-{n}", name=f"Stretch number {n}") for n in range(5000)]
    index = LibraryIndex(many, None, DEFAULTS)
    for text in ("number 4", "number 49", "number 499", "number 4999", "number 49"):
        expected = sum(1 for n in range(5000) if text.split()[1] in str(n))
        assert len(index.filter(LibraryFilter(text=text))) == expected
    assert [e.exercise.id for e in index.filter(LibraryFilter(text="4999"))] == ["stretch-4999"]


def test_an_index_labels_a_row_once_and_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the index prepares what every search needs; a label waits for its row to be
    drawn, and "safe for me" for that filter, so 5,000 rows come sooner."""
    labelled: list[str] = []
    checked: list[str] = []
    real_for_you, real_suits = library.for_you, library.suits

    def counting_for_you(exercise: Exercise, *rest: object) -> ForYou:
        labelled.append(exercise.id)
        return real_for_you(exercise, *rest)  # type: ignore[arg-type]

    def counting_suits(exercise: Exercise, responder: str | None) -> bool:
        checked.append(exercise.id)
        return real_suits(exercise, responder)

    monkeypatch.setattr(library, "for_you", counting_for_you)
    monkeypatch.setattr(library, "suits", counting_suits)
    index = LibraryIndex(EXERCISES, "extension", DEFAULTS)
    assert labelled == [] and checked == []

    entry = index.entries[0]
    assert entry.for_you is entry.for_you
    assert entry.for_you == for_you(entry.exercise, "extension", DEFAULTS)
    assert labelled == [entry.exercise.id]

    safe = index.filter(LibraryFilter(safe_for_me=True))
    assert sorted(checked) == sorted(exercise.id for exercise in EXERCISES)
    assert 0 < len(safe) < len(EXERCISES)
