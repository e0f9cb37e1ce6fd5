"""Preferences: every setting round-trips; bad values fall back to defaults, loudly."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.preferences import NUMBER_LIMITS, SOUND_MODES, Preferences
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.preferences import load_preferences, save_preferences
from tests.unit.storage.builders import words


def _number(name: str) -> st.SearchStrategy[int]:
    low, high = NUMBER_LIMITS[name]
    return st.integers(low, high)


preferences = st.builds(
    Preferences,
    sound_mode=st.sampled_from(SOUND_MODES),
    cue_volume=_number("cue_volume"),
    tick_last_seconds=st.booleans(),
    voice=st.booleans(),
    voice_breathing=st.booleans(),
    lead_in_seconds=_number("lead_in_seconds"),
    rest_seconds=_number("rest_seconds"),
    default_hold_seconds=_number("default_hold_seconds"),
    inhale_seconds=_number("inhale_seconds"),
    exhale_seconds=_number("exhale_seconds"),
    theme=words,
    reduced_motion=st.booleans(),
    target_minutes=_number("target_minutes"),
    include_advanced=st.booleans(),
    left_out=st.lists(words, unique=True, max_size=5).map(tuple),
    notice_seen=st.booleans(),
)


@given(preferences)
def test_preferences_read_back_as_written(value: Preferences) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve_paths(Path(folder))
        save_preferences(paths, value)
        loaded = load_preferences(paths)
    assert loaded.value == value
    assert loaded.notices == []


def test_no_file_means_the_defaults(paths: AppPaths) -> None:
    loaded = load_preferences(paths)
    assert loaded.value == Preferences()
    assert loaded.value.sound_mode == "auto" and loaded.value.cue_volume == 80
    assert loaded.value.include_advanced is False and loaded.value.notice_seen is False
    assert loaded.notices == [] and not loaded.read_only


def test_a_file_from_before_the_voice_loads_with_the_voice_on_and_breathing_cues_off(
    paths: AppPaths,
) -> None:
    paths.preferences.parent.mkdir(parents=True, exist_ok=True)
    paths.preferences.write_text(
        'schema_version = 1\nsound_mode = "bell"\ntick_last_seconds = false\n', encoding="utf-8"
    )
    loaded = load_preferences(paths)
    assert loaded.notices == []
    assert (loaded.value.sound_mode, loaded.value.tick_last_seconds) == ("bell", False)
    assert (loaded.value.voice, loaded.value.voice_breathing) == (True, False)


def test_the_voice_settings_are_saved_by_name(paths: AppPaths) -> None:
    save_preferences(paths, Preferences(voice=False, voice_breathing=True))
    document = tomllib.loads(paths.preferences.read_text(encoding="utf-8"))
    assert (document["voice"], document["voice_breathing"]) == (False, True)


def test_bad_values_are_reported_and_replaced_by_defaults(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.preferences.write_text(
        "schema_version = 1\n"
        "cue_volume = 150\n"
        'sound_mode = "loud"\n'
        "reduced_motion = 1\n"
        "rest_seconds = true\n"
        "lead_in_seconds = 3\n"
    )
    loaded = load_preferences(paths)

    assert loaded.value == Preferences(lead_in_seconds=3)
    [notice] = loaded.notices
    assert notice.kind == "invalid"
    for phrase in ("`cue_volume` is 150; expected 0 to 100", '`sound_mode` is "loud"',
                   "`reduced_motion` is 1", "`rest_seconds` is true"):  # fmt: skip
        assert phrase in notice.message
    assert str(paths.preferences) in notice.message


def test_an_unknown_setting_is_reported_and_kept_when_saving(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.preferences.write_text('schema_version = 1\nfuture_option = "x"\n[plugin]\na = 1\n')

    loaded = load_preferences(paths)
    assert [n.kind for n in loaded.notices] == ["unknown-key"]
    assert "`future_option`" in loaded.notices[0].message

    save_preferences(paths, Preferences(theme="nord"))
    document = tomllib.loads(paths.preferences.read_text())
    assert document["future_option"] == "x" and document["plugin"] == {"a": 1}
    assert document["theme"] == "nord"
    assert next(iter(document)) == "schema_version"


def test_saving_keeps_the_left_out_list_in_order_without_repeats(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.preferences.write_text('schema_version = 1\nleft_out = ["cobra", "b", "cobra"]\n')
    assert load_preferences(paths).value.left_out == ("cobra", "b")
