"""`stretch-tui plan [ROUTINE_ID] [--json]`: the session you would get now, with its warnings."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from stretch_tui.cli import main
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile


def screened_as(home: Path, responder: str) -> None:
    record = ScreeningRecord(date=datetime.now().astimezone(), responder=responder)
    save_profile(resolve_paths(home), Profile(screening=record))


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["plan", *args, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_the_json_has_the_documented_shape(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screened_as(isolated_home, "flexion")
    document = plan_json(capsys, "fourteen-stretches")
    assert set(document) == {"schema", "routine", "profile", "items"}
    assert document["schema"] == 1
    assert document["routine"] == "fourteen-stretches"
    assert document["profile"] == "flexion"
    for item in document["items"]:
        assert set(item) == {"exercise", "side", "planned_seconds", "warnings"}
        assert item["side"] in ("both", "left", "right")
        assert isinstance(item["planned_seconds"], int) and item["planned_seconds"] > 0
        for warning in item["warnings"]:
            assert set(warning) == {"kind", "why"}
            assert warning["kind"] in ("avoid", "caution", "opposite-direction", "advanced")
    cobra = next(item for item in document["items"] if item["exercise"] == "cobra")
    assert [w["kind"] for w in cobra["warnings"]] == ["avoid", "opposite-direction"]
    twist = [item for item in document["items"] if item["exercise"] == "seated-spinal-twist"]
    assert [item["side"] for item in twist] == ["left", "right"]
    assert twist[0]["warnings"] == []


def test_the_default_is_the_recommended_routine_with_no_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan_json(capsys)
    assert document["routine"] == "recommended"
    assert document["profile"] == "unknown"
    assert document["items"]
    assert all(item["warnings"] == [] for item in document["items"])


def test_an_unscreened_user_sees_both_directions_warned_in_the_hip_stretches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan_json(capsys, "seven-hip-stretches")
    warned = {item["exercise"] for item in document["items"] if item["warnings"]}
    assert {"childs-pose", "double-knee-to-chest", "pelvic-tilt"} <= warned


def test_the_text_form_names_each_exercise_its_dose_and_warnings(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screened_as(isolated_home, "flexion")
    assert main(["plan", "extension-responders"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Extension responder")
    assert "- Sloppy push-up: 10 repetitions" in out
    assert "! opposite-direction:" in out
    assert "may not suit you" in out


def test_an_unknown_routine_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "no-such-routine"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "unknown routine `no-such-routine`" in err
