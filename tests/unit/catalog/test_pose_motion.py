"""Poses made from the stick-figure model: drawn within the limits, mirrored by the rule,
the same every time, with in-between drawings (docs/product.md 3.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.domain import figure
from stretch_tui.domain.catalog import check_exercise, load_shipped_catalog
from stretch_tui.domain.exercise import Pose, mirror_frame
from stretch_tui.domain.figure import FigureModel, KeyPose, draw_figure, moving_position
from stretch_tui.domain.vocabulary import POSE_MAX_COLUMNS, POSE_MAX_ROWS

DYNAMIC = (
    "cat-cow",
    "pelvic-tilt",
    "glute-bridge",
    "sloppy-push-up",
    "standing-lumbar-extension",
    "lumbar-trunk-rotation",
)

EXERCISES = load_shipped_catalog().exercises


def drawings(pose: Pose) -> list[str]:
    """Every drawing a pose can show: its frames and its in-between drawings."""
    return [frame.art for frame in pose.frames] + list(pose.motion)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_drawing_is_ascii_and_fits(exercise_id: str) -> None:
    for art in drawings(EXERCISES[exercise_id].pose):
        lines = art.split("\n")
        assert len(lines) <= POSE_MAX_ROWS
        assert max(len(line) for line in lines) <= POSE_MAX_COLUMNS
        assert all(" " <= char <= "~" for char in art.replace("\n", ""))


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_right_side_is_the_mirror_rule_applied_to_every_drawing(exercise_id: str) -> None:
    pose = EXERCISES[exercise_id].pose
    right = pose.mirrored()  # what the runner draws for a right side
    assert drawings(right) == [mirror_frame(art) for art in drawings(pose)]


def test_the_catalog_has_22_exercises_and_the_six_dynamic_ones_move() -> None:
    assert len(EXERCISES) == 22
    for exercise_id in DYNAMIC:
        pose = EXERCISES[exercise_id].pose
        assert len(pose.frames) >= 2
        per_frame = len(pose.motion) // len(pose.frames)
        assert len(pose.motion) == per_frame * len(pose.frames)
        assert per_frame - 1 >= figure.MIN_TWEENS, exercise_id
        # Each frame's own drawing opens its stretch of the loop.
        assert [pose.motion[i * per_frame] for i in range(len(pose.frames))] == [
            frame.art for frame in pose.frames
        ]


@pytest.mark.parametrize("exercise_id", DYNAMIC)
def test_the_in_between_drawings_differ_from_the_key_frames(exercise_id: str) -> None:
    pose = EXERCISES[exercise_id].pose
    per_frame = len(pose.motion) // len(pose.frames)
    keys = {frame.art for frame in pose.frames}
    middle = pose.art_at(0.5)
    assert middle == pose.motion[per_frame // 2]
    assert middle not in keys


@pytest.mark.parametrize("exercise_id", DYNAMIC)
def test_at_least_three_distinct_in_betweens_join_each_pair_of_phases(exercise_id: str) -> None:
    pose = EXERCISES[exercise_id].pose
    per_frame = len(pose.motion) // len(pose.frames)
    keys = {frame.art for frame in pose.frames}
    for index in range(len(pose.frames)):
        between = pose.motion[index * per_frame + 1 : (index + 1) * per_frame]
        assert len(set(between) - keys) >= figure.MIN_TWEENS, (exercise_id, index)


@pytest.mark.parametrize("exercise_id", DYNAMIC)
def test_generation_is_deterministic(exercise_id: str) -> None:
    path = Path(__file__).parents[3] / "catalog" / "exercises" / f"{exercise_id}.toml"
    text = path.read_text(encoding="utf-8")
    first = check_exercise(str(path), text, shipped=True).value
    second = check_exercise(str(path), text, shipped=True).value
    assert first is not None and second is not None
    assert first.pose == second.pose == EXERCISES[exercise_id].pose


@pytest.mark.parametrize("exercise_id", DYNAMIC)
def test_each_dynamic_pose_has_a_floor_line_in_every_drawing(exercise_id: str) -> None:
    pose = EXERCISES[exercise_id].pose
    floor = [art.split("\n")[-1] for art in drawings(pose)]
    assert all(set(line) == {"="} for line in floor)


def test_no_two_dynamic_exercises_share_a_key_drawing() -> None:
    seen: dict[str, str] = {}
    for exercise_id in DYNAMIC:
        for frame in EXERCISES[exercise_id].pose.frames:
            assert frame.art not in seen, (exercise_id, seen.get(frame.art))
            seen[frame.art] = exercise_id


LYING = KeyPose.of(
    {
        "head": (1, 1),
        "neck": (2, 1),
        "shoulder": (3, 1),
        "hip": (8, 1),
        "elbow": (5, 1),
        "hand": (7, 1),
        "knee": (11, 4),
        "foot": (14, 1),
    }
)


def test_a_figure_is_drawn_with_its_head_slopes_and_floor() -> None:
    art = draw_figure(LYING, 16, 6)
    lines = art.split("\n")
    assert lines[-1] == "=" * 16
    assert lines[-2].startswith(" O______")
    assert "/" in art and "\\" in art  # the bent knee
    assert all(len(line) == 16 for line in lines)


def test_a_figure_seen_from_above_has_no_floor_line() -> None:
    art = draw_figure(LYING, 16, 6, floor=False)
    assert "=" not in art
    assert len(art.split("\n")) == 5


def test_in_between_poses_move_every_joint_part_of_the_way() -> None:
    raised = KeyPose.of({**dict(LYING.joints), "knee": (11, 2)})
    half = LYING.toward(raised, 0.5)
    assert dict(half.joints)["knee"] == (11, 3)
    assert dict(half.joints)["hip"] == (8, 1)


def test_the_motion_loop_holds_the_keys_and_their_in_betweens() -> None:
    raised = KeyPose.of({**dict(LYING.joints), "knee": (11, 2)})
    model = FigureModel(width=16, height=6, keys=(LYING, raised), tweens=3)
    motion = model.motion()
    assert len(motion) == 8
    assert motion[0] == draw_figure(LYING, 16, 6)
    assert motion[4] == draw_figure(raised, 16, 6)
    assert model.motion() == motion


def test_the_figure_moves_early_in_a_phase_then_holds() -> None:
    assert moving_position(0, 0.3, 2, at_start=True) == 0.0
    assert moving_position(1, 0.0, 2, at_start=False) == 0.0
    assert moving_position(1, figure.MOVE_SHARE / 2, 2, at_start=False) == pytest.approx(0.5)
    assert moving_position(1, 0.9, 2, at_start=False) == 1.0
    # After the last key, back towards the first.
    assert moving_position(0, figure.MOVE_SHARE / 2, 2, at_start=False) == pytest.approx(1.5)


def test_art_at_wraps_round_and_falls_back_to_frames() -> None:
    pose = EXERCISES["cat-cow"].pose
    assert pose.art_at(0) == pose.frames[0].art
    assert pose.art_at(1) == pose.frames[1].art
    assert pose.art_at(2) == pose.frames[0].art
    still = EXERCISES["cobra"].pose
    assert still.art_at(0.5) == still.frames[0].art


CAT_COW = (Path(__file__).parent / "cat-cow-model.toml").read_text(encoding="utf-8")
"""Cat-cow as key poses of the stick figure (the catalog now draws it by hand)."""


def problems_of(text: str) -> list[str]:
    checked = check_exercise("mine.toml", text)
    assert checked.value is None
    return [str(problem) for problem in checked.problems]


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    return text[:index].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("hand = [24, 1]", "hand = [24, 0]", "`pose.keys.hand` is [24, 0]; x must be 0 to 31"),
        ("hand = [24, 1]", "hand = [40, 1]", "`pose.keys.hand` is [40, 1]"),
        ("hand = [24, 1]", 'hand = "low"', "`pose.keys.hand` must be [x, y], two numbers"),
        ("hand = [24, 1]", "hand = [24, 1]\nelbow2 = [20, 3]", "`elbow2` and `hand2` go together"),
        ("hand = [24, 1]", "hand = [24, 1]\nwrist = [20, 3]", "unknown key `pose.keys.wrist`"),
    ],
)
def test_a_bad_joint_is_reported_at_its_line(old: str, new: str, message: str) -> None:
    text = CAT_COW.replace(old, new, 1)
    [problem] = problems_of(text)
    assert problem.startswith(f"mine.toml:{line_of(text, new.split(chr(10))[-1])}: ")
    assert message in problem


def test_a_missing_joint_is_reported() -> None:
    text = CAT_COW.replace("head = [27, 4]\n", "", 1)
    [problem] = problems_of(text)
    assert "missing `pose.keys.head`" in problem


def test_key_poses_must_place_the_same_joints() -> None:
    text = CAT_COW.replace("foot = [0, 1]\n", "foot = [0, 1]\nmid = [1, 2]\n", 1).replace(
        "mid = [18, 8.6]\n", "", 1
    )
    text = text.replace("mid = [1, 2]\n", "", 1)
    [problem] = problems_of(text)
    assert "every key pose must place the same joints" in problem


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("height = 10", "height = 15", "`pose.model.height` is 15; expected 3 to 14"),
        ("width = 32", "width = 41", "`pose.model.width` is 41; expected 8 to 40"),
        ("height = 10", "height = 10\ntweens = 2", "`pose.model.tweens` is 2; expected 3 to 12"),
        ("height = 10", "height = 10\nfloor = 1", "`pose.model.floor` must be true or false"),
    ],
)
def test_a_bad_model_is_reported_at_its_line(old: str, new: str, message: str) -> None:
    text = CAT_COW.replace(old, new, 1)
    [problem] = problems_of(text)
    assert problem.startswith(f"mine.toml:{line_of(text, new.split(chr(10))[-1])}: ")
    assert message in problem


def test_frames_and_keys_do_not_mix() -> None:
    text = CAT_COW + "\n[[pose.frames]]\nart = '''\n O\n'''\n"
    [problem] = problems_of(text)
    assert "unknown key `pose.frames`" in problem


GLUTE_BRIDGE = (
    Path(__file__).parents[3] / "catalog" / "exercises" / "glute-bridge.toml"
).read_text(encoding="utf-8")


def test_hand_drawn_in_betweens_make_the_loop_in_order() -> None:
    pose = EXERCISES["glute-bridge"].pose
    assert pose.drawn and pose.model is None
    down, up = (frame.art for frame in pose.frames)
    assert len(pose.motion) == 8
    assert pose.motion[0] == down and pose.motion[4] == up
    # The file's drawings from the first frame toward the second, then back.
    assert pose.motion[1] == pose.motion[7] and pose.motion[3] == pose.motion[5]
    assert pose.art_at(0.5) == pose.motion[2] != down
    assert pose.mirrored().motion == tuple(mirror_frame(art) for art in pose.motion)


def test_every_drawing_of_a_hand_drawn_pose_has_the_same_size() -> None:
    pose = EXERCISES["lumbar-trunk-rotation"].pose
    sizes = {(len(art.split("\n")), len(art.split("\n")[0])) for art in drawings(pose)}
    assert len(sizes) == 1


def first_between(text: str) -> str:
    """The first drawing of the first `between` list (its opening line to its closing one)."""
    start = text.index("between = [\n    '''") + len("between = [\n    ")
    return text[start : text.index("''',", start) + 4]


def test_a_frame_with_fewer_in_betweens_than_the_first_is_reported_at_its_line() -> None:
    second = GLUTE_BRIDGE.index("between", GLUTE_BRIDGE.index("between") + 1)
    drawing = first_between(GLUTE_BRIDGE[second - 20 :])
    text = GLUTE_BRIDGE[:second] + GLUTE_BRIDGE[second:].replace(drawing, "", 1)
    [problem] = problems_of(text)
    assert problem.startswith(f"mine.toml:{line_of(text, 'between', 2)}: ")
    assert "has 2 drawings; at least 3" in problem


def test_a_frame_with_more_in_betweens_than_the_first_is_reported() -> None:
    drawing = first_between(GLUTE_BRIDGE)
    second = GLUTE_BRIDGE.index("between", GLUTE_BRIDGE.index("between") + 1)
    opening = GLUTE_BRIDGE.index("[\n", second) + 2
    text = GLUTE_BRIDGE[:opening] + "    " + drawing + "\n" + GLUTE_BRIDGE[opening:]
    [problem] = problems_of(text)
    assert problem.startswith(f"mine.toml:{line_of(text, 'between', 2)}: ")
    assert "has 4 drawings but the first frame's has 3" in problem


def test_a_too_wide_in_between_is_reported_at_its_line() -> None:
    drawing = first_between(GLUTE_BRIDGE)
    wide = drawing.replace("=" * 26, "=" * 41)
    text = GLUTE_BRIDGE.replace(drawing, wide, 1)
    [problem] = problems_of(text)
    assert problem.startswith(f"mine.toml:{line_of(text, 'between')}: ")
    assert "pose frame is 41 columns x 6 rows; at most 40 x 14" in problem


def test_a_frame_without_in_betweens_beside_one_with_them_is_reported() -> None:
    second = GLUTE_BRIDGE.index("between", GLUTE_BRIDGE.index("between") + 1)
    text = (
        GLUTE_BRIDGE[:second]
        + "cues = [\n"[:0]
        + GLUTE_BRIDGE[second:].replace("between = [", "unused = [", 1)
    )
    problems = problems_of(text)
    assert any("every frame needs them" in problem for problem in problems)
