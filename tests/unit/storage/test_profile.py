"""The profile: screening records, activities and ratings round-trip; bad parts are reported."""

from __future__ import annotations

import tempfile
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.profile import (
    TIERS,
    FunctionActivity,
    FunctionRating,
    Profile,
    ScreeningRecord,
)
from stretch_tui.domain.vocabulary import RESPONDER_TYPES
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.profile import load_profile, save_profile
from tests.unit.storage.builders import moments, same_offsets, words

screenings = st.builds(
    ScreeningRecord,
    date=moments,
    answers=st.dictionaries(words, st.booleans(), max_size=8),
    tier=st.sampled_from(TIERS),
    flags=st.lists(words, max_size=3).map(tuple),
    responder=st.none() | st.sampled_from(RESPONDER_TYPES),
    extension_score=st.integers(0, 20),
    flexion_score=st.integers(0, 20),
    questionnaire_version=st.integers(1, 5),
    movement_answers=st.dictionaries(words, st.booleans(), max_size=8),
    movement_date=st.none() | moments,
)
profiles = st.builds(
    Profile,
    screening=st.none() | screenings,
    assessed_confirmed_at=st.none() | moments,
    earlier_screenings=st.lists(screenings, max_size=3).map(tuple),
    activities=st.lists(st.builds(FunctionActivity, name=words), max_size=3).map(tuple),
    function_ratings=st.lists(
        st.builds(FunctionRating, date=moments, scores=st.lists(st.integers(0, 10)).map(tuple)),
        max_size=4,
    ).map(tuple),
)


@given(profiles)
def test_a_profile_reads_back_as_written(profile: Profile) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve_paths(Path(folder))
        save_profile(paths, profile)
        loaded = load_profile(paths)
    assert loaded.value == profile
    assert loaded.notices == []
    if profile.screening is not None:
        assert loaded.value.screening is not None
        assert same_offsets(loaded.value.screening.date, profile.screening.date)
        assert loaded.value.screening.answers == profile.screening.answers


def when(day: int) -> datetime:
    return datetime(2024, 5, day, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_never_screened_means_no_responder_type(paths: AppPaths) -> None:
    profile = load_profile(paths).value
    assert profile.responder is None
    assert profile.tier == "none"


def test_a_new_screening_pushes_the_old_one_to_the_front_of_earlier_ones() -> None:
    first = ScreeningRecord(date=when(1), responder="flexion")
    second = ScreeningRecord(date=when(8), responder="extension")
    third = ScreeningRecord(date=when(15), tier="urgent")
    profile = Profile(assessed_confirmed_at=when(2)).replace_screening(first)
    profile = profile.replace_screening(second).replace_screening(third)
    assert profile.screening == third
    assert profile.earlier_screenings == (second, first)
    assert profile.responder is None and profile.tier == "urgent"
    assert profile.assessed_confirmed_at is None


def test_bad_parts_are_reported_and_left_out_while_the_rest_loads(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.profile.write_text(
        "schema_version = 2\n"
        "[screening]\n"
        "date = 2024-05-01T09:00:00+01:00\n"
        'tier = "purple"\n'
        "[[earlier_screenings]]\n"
        "date = 2024-04-01T09:00:00+01:00\n"
        'tier = "none"\n'
        'responder = "flexion"\n'
        "[[activities]]\nname = 'socks'\n"
        "[[activities]]\nname = 'stairs'\n"
        "[[activities]]\nname = 'car'\n"
        "[[activities]]\nname = 'garden'\n"
        "[[function_ratings]]\n"
        "date = 2024-05-01T09:00:00+01:00\n"
        "scores = [4, 11]\n"
    )
    loaded = load_profile(paths)

    profile = loaded.value
    assert profile.screening is None
    assert [r.responder for r in profile.earlier_screenings] == ["flexion"]
    assert [a.name for a in profile.activities] == ["socks", "stairs", "car"]
    assert profile.function_ratings == ()
    [notice] = loaded.notices
    assert '`tier` is "purple"' in notice.message
    assert "more than 3 activities" in notice.message
    assert "is 11; expected 0 to 10" in notice.message


def test_unknown_top_level_keys_survive_a_save(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.profile.write_text('schema_version = 2\nclinician = "Dr. Okafor"\n')
    assert [n.kind for n in load_profile(paths).notices] == ["unknown-key"]
    save_profile(paths, Profile(activities=(FunctionActivity("socks"),)))
    document = tomllib.loads(paths.profile.read_text())
    assert document["clinician"] == "Dr. Okafor"
    assert document["activities"] == [{"name": "socks"}]
