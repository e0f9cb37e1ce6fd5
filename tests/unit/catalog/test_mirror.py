"""The right side is the mirror image of the left (docs/product.md 3.3)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.catalog import load_shipped_catalog, normalise_art
from stretch_tui.domain.exercise import Pose, PoseFrame, mirror_frame

ascii_art = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


@given(st.lists(ascii_art, min_size=1, max_size=14))
def test_mirror_of_the_mirror_is_the_original(lines: list[str]) -> None:
    frame = normalise_art("\n".join(lines))
    assert mirror_frame(mirror_frame(frame)) == frame


def test_mirrored_drawing_swaps_the_paired_characters() -> None:
    assert mirror_frame("/\\()<>[]{}") == "{}[]<>()/\\"


def test_mirror_reverses_each_line_and_swaps_pairs() -> None:
    left = "o   \n/|  \n(_ >"
    assert mirror_frame(left) == "   o\n  |\\\n< _)"


def test_every_paired_character_has_its_partner_in_the_mirror() -> None:
    pairs = {"/": "\\", "\\": "/", "(": ")", ")": "(", "<": ">", ">": "<"}
    pairs |= {"[": "]", "]": "[", "{": "}", "}": "{"}
    for left, right in pairs.items():
        assert mirror_frame(left) == right


def test_mirror_pads_short_lines_so_the_figure_keeps_its_shape() -> None:
    assert mirror_frame("ab\nc") == "ba\n c"


def test_pose_mirrored_keeps_cues_and_mirrors_each_frame() -> None:
    pose = Pose(frames=(PoseFrame(art="/ ", cue="up"), PoseFrame(art="( ", cue="down")))
    right = pose.mirrored()
    assert [frame.cue for frame in right.frames] == ["up", "down"]
    assert [frame.art for frame in right.frames] == [" \\", " )"]
    assert right.mirrored() == pose


def test_a_mirrored_cue_names_the_other_side() -> None:
    frame = PoseFrame(art="/ ", cue="Elbow against the knee, turn to the left")
    assert frame.mirrored().cue == "Elbow against the knee, turn to the right"
    assert frame.mirrored().mirrored() == frame


def test_every_shipped_pose_survives_two_mirrors() -> None:
    catalog = load_shipped_catalog()
    assert catalog.exercises
    for exercise in catalog.exercises.values():
        assert exercise.pose.mirrored().mirrored() == exercise.pose, exercise.id
