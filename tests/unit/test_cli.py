"""The headless command line (docs/product.md 9): output, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stretch_tui import __version__
from stretch_tui.cli import main
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.session_check import suits


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listed_ids(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    code, out, _ = run(capsys, "list", "--json", *argv)
    assert code == 0
    return [item["id"] for item in json.loads(out)["exercises"]]


def test_list_shows_every_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    total = len(load_shipped_catalog().exercises)
    assert code == 0, err
    assert f"{total} of {total} exercises" in out
    assert "pigeon-pose" in out


def test_list_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    document = json.loads(out)
    assert code == 0
    assert document["schema"] == 1
    cat_cow = next(item for item in document["exercises"] if item["id"] == "cat-cow")
    assert set(cat_cow) == {
        "id", "name", "aliases", "summary", "kind", "targets", "position", "direction",
        "difficulty", "dose", "cautions", "sources", "pose_frames", "user",
    }  # fmt: skip
    assert cat_cow["dose"]["kind"] == "cycles"
    assert cat_cow["pose_frames"] >= 2
    assert cat_cow["user"] is False


@pytest.mark.parametrize("responder", ["extension", "flexion"])
def test_safe_for_never_lists_an_exercise_to_avoid(
    capsys: pytest.CaptureFixture[str], responder: str
) -> None:
    catalog = load_shipped_catalog()
    to_avoid = {
        exercise.id
        for exercise in catalog.exercises.values()
        for caution in exercise.cautions
        if caution.level == "avoid" and caution.who in (f"{responder}-responders", "everyone")
    }
    assert to_avoid, "the articles name exercises to avoid for both types"
    shown = listed_ids(capsys, "--safe-for", responder)
    assert not to_avoid & set(shown)
    assert shown == [e.id for e in catalog.exercises.values() if suits(e, responder)]


def test_safe_for_leaves_out_the_other_types_strongest_moves(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The clinical review found these listed as safe for the other type."""
    for_flexion = listed_ids(capsys, "--safe-for", "flexion")
    assert not {"sloppy-push-up", "standing-lumbar-extension"} & set(for_flexion)
    for_extension = listed_ids(capsys, "--safe-for", "extension")
    banned = {"seated-forward-bend", "double-knee-to-chest", "single-knee-to-chest", "pelvic-tilt"}
    assert not banned & set(for_extension)


def test_safe_for_extension_leaves_out_childs_pose_and_keeps_cobra(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = listed_ids(capsys, "--safe-for", "extension")
    assert "childs-pose" not in shown
    assert "wide-legged-forward-fold" not in shown
    assert "cobra" in shown


def test_area_and_position_filters(capsys: pytest.CaptureFixture[str]) -> None:
    catalog = load_shipped_catalog()
    shown = listed_ids(capsys, "--area", "quads", "--position", "standing")
    assert shown
    for exercise_id in shown:
        exercise = catalog.exercises[exercise_id]
        assert "quads" in exercise.targets and exercise.position == "standing"


def test_show_draws_the_pose_steps_dose_cautions_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "show", "pigeon-pose")
    exercise = load_shipped_catalog().exercises["pigeon-pose"]
    assert code == 0
    assert exercise.pose.frames[0].art.split("\n")[0].strip() in out
    assert exercise.steps[0][:30] in out
    assert exercise.dose.describe() in out
    assert "CAUTION for everyone" in out
    assert "14 Stretches to Relieve Lower Back and Hip Pain" in out


def test_show_right_side_draws_the_mirror(capsys: pytest.CaptureFixture[str]) -> None:
    exercise = load_shipped_catalog().exercises["pigeon-pose"]
    _, out, _ = run(capsys, "show", "pigeon-pose", "--side", "right")
    mirrored = exercise.pose.mirrored().frames[0].art.split("\n")
    assert all(line.rstrip() in out for line in mirrored)


def test_unknown_id_is_one_clear_line_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "pigeon")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "no exercise `pigeon`" in err and "pigeon-pose" in err


@pytest.mark.parametrize(
    "argv",
    [["list", "--area", "knees"], ["--frobnicate"], ["list", "--safe-for", "maybe"], ["dance"]],
)
def test_bad_flags_are_one_line_on_stderr_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("stretch-tui: ")
    assert "Traceback" not in err


def test_check_accepts_the_shipped_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    catalog_dir = Path(__file__).resolve().parents[2] / "catalog"
    code, out, err = run(capsys, "check", str(catalog_dir))
    assert code == 0, err
    assert "all valid" in out


def test_check_reports_a_bad_file_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\nid = "x"\nname = 5\n')
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2
    assert f"{bad}:3: `name` must be non-empty text" in err


def test_user_exercises_are_listed_and_bad_ones_reported(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    source = load_shipped_catalog().exercises["cat-cow"].origin
    text = Path(source).read_text().replace('id = "cat-cow"', 'id = "my-cat-cow"')
    (folder / "mine.toml").write_text(text)
    (folder / "broken.toml").write_text("schema_version = 1\nid = \n")
    code, out, err = run(capsys, "list", "--json")
    ids = [item["id"] for item in json.loads(out)["exercises"]]
    assert code == 0
    assert "my-cat-cow" in ids and len(ids) == 23
    assert f"{folder / 'broken.toml'}:2: not valid TOML" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as version:
        main(["--version"])
    assert version.value.code == 0
    assert capsys.readouterr().out.strip() == f"stretch-tui {__version__}"
    with pytest.raises(SystemExit) as help_:
        main(["--help"])
    assert help_.value.code == 0
    out = capsys.readouterr().out
    for command in ("list", "show", "check", "history", "paths", "library", "screening"):
        assert command in out


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stretch_tui", "show", "cat-cow"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Cat" in result.stdout


def test_show_ends_with_the_general_advice(capsys: pytest.CaptureFixture[str]) -> None:
    from stretch_tui.domain.guidance import load_advice

    code, out, _ = run(capsys, "show", "cat-cow")
    titles = {advice.id: advice.title for advice in load_advice()}
    assert code == 0
    assert "Good to know:" in out
    assert titles["tension-not-pain"] in out and titles["start-small"] in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, None)),
        (["--home", "dir"], ("dir", None)),
        (["--home=dir"], ("dir", None)),
        (["library"], (None, "library")),
        (["library", "--home", "dir"], ("dir", "library")),
        (["--home", "dir", "progress"], ("dir", "progress")),
    ],
)
def test_the_app_command_lines_are_read_without_the_full_parser(
    argv: list[str], expected: tuple[str | None, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import stretch_tui.cli as cli
    from stretch_tui.cli import launch

    def no_parser() -> None:
        raise AssertionError("the full parser was built")

    opened: list[tuple[Path, str | None]] = []

    def run_app(paths: object, screen: str | None = None, routine: str | None = None) -> int:
        opened.append((paths.config_dir, screen))  # type: ignore[attr-defined]
        return 0

    monkeypatch.setattr(cli, "build_parser", no_parser)
    monkeypatch.setattr(launch, "run_app", run_app)
    monkeypatch.setenv("STRETCH_TUI_HOME", "/elsewhere")
    assert main(argv) == 0
    home, screen = expected
    assert opened == [(Path(home or "/elsewhere").absolute(), screen)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--home"],
        ["--home="],
        ["--home", "--help"],
        ["--home", "a", "--home", "b"],
        ["library", "progress"],
        ["library", "--help"],
        ["nonsense"],
        ["--version"],
        ["session"],
    ],
)
def test_any_other_command_line_goes_to_the_full_parser(argv: list[str]) -> None:
    from stretch_tui.cli import _app_arguments

    assert _app_arguments(argv) is None


def test_a_mistake_next_to_a_screen_is_still_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "library", "--bogus")
    assert code == 2 and out == ""
    assert err.startswith("stretch-tui: unrecognized arguments: --bogus")
