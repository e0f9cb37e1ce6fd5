"""A small 2D stick figure: key poses as joint positions, the poses between them, and a
deterministic drawing of each onto a character grid (docs/product.md 3.3).

The dynamic exercises describe their phases as key poses (`[[pose.keys]]` in the catalog,
see catalog/FORMAT.md); the drawings between two key poses are made here by moving every
joint part of the way, so the runner can show a movement instead of a jump between two
pictures. Coordinates are in character cells: `x` is the column, `y` the row counted up from
the floor line (row 0), so `y = 1` lies on the floor; fractions place a nearly level line
within its row (`_` low, `.`, `-`, `'` high).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import Final

from attrs import frozen

JOINTS: Final = (
    "head",
    "neck",
    "shoulder",
    "mid",
    "low",
    "hip",
    "elbow",
    "hand",
    "knee",
    "foot",
    "elbow2",
    "hand2",
    "knee2",
    "foot2",
)
"""Every joint a key pose can place, in the order they are stored."""

REQUIRED_JOINTS: Final = ("head", "neck", "shoulder", "hip", "elbow", "hand", "knee", "foot")
"""The joints every key pose places; `mid` and `low` bend the back, the `2` limbs are the
far arm and leg (drawn behind the near ones)."""

JOINT_PAIRS: Final = (("elbow2", "hand2"), ("knee2", "foot2"))
"""Far limbs: both joints of a pair, or neither."""

_FAR_LIMBS: Final = (
    ("shoulder", "elbow2"),
    ("elbow2", "hand2"),
    ("hip", "knee2"),
    ("knee2", "foot2"),
)
_NEAR_LIMBS: Final = (("hip", "knee"), ("knee", "foot"), ("shoulder", "elbow"), ("elbow", "hand"))

MIN_TWEENS: Final = 3
"""Drawings between two key poses, at least (docs/product.md 3.3: smooth, not a jump)."""
MAX_TWEENS: Final = 12
DEFAULT_TWEENS: Final = 4
"""In-betweens when a pose does not say (`tweens` in `[pose.model]`)."""

MOVE_SHARE: Final = 0.6
"""The part of a phase the figure spends moving into its key pose; it holds it for the rest."""

_SHALLOW: Final = 0.45
"""Rows per column below which a line is drawn level (`_ . - '`)."""
_STEEP: Final = 2.2
"""Rows per column above which a line is drawn upright (`|`)."""
_FLAT: Final = 0.12
"""Rows per column below which a level line keeps to `_` and `-`."""
_DIAGONAL: Final = 0.8
"""Rows per column from which a sloping line is drawn with `/` and `\\`, a cell a row."""
_CURVE_PIECES: Final = 6
"""Straight pieces per stretch of a curved back."""

Point = tuple[float, float]
_Put = Callable[[int, float, str], None]


@frozen
class KeyPose:
    """One key pose: where each joint is (see the module docstring for the coordinates)."""

    joints: tuple[tuple[str, Point], ...]
    """(name, (x, y)) in the order of `JOINTS`."""
    cue: str = ""
    """What the person does in this phase."""

    @classmethod
    def of(cls, joints: Mapping[str, Point], cue: str = "") -> KeyPose:
        """A key pose from a name -> (x, y) mapping, stored in the order of `JOINTS`."""
        ordered = tuple((name, joints[name]) for name in JOINTS if name in joints)
        return cls(joints=ordered, cue=cue)

    @property
    def names(self) -> tuple[str, ...]:
        """The joints this pose places."""
        return tuple(name for name, _ in self.joints)

    def toward(self, other: KeyPose, amount: float) -> KeyPose:
        """The pose `amount` (0 to 1) of the way from this one to `other` (same joints)."""
        moved = tuple(
            (name, (x + (ox - x) * amount, y + (oy - y) * amount))
            for (name, (x, y)), (_, (ox, oy)) in zip(self.joints, other.joints, strict=True)
        )
        return KeyPose(joints=moved, cue=self.cue)


@frozen
class FigureModel:
    """A pose as key poses on a grid of `width` x `height` cells, floor line included."""

    width: int
    height: int
    keys: tuple[KeyPose, ...]
    tweens: int = DEFAULT_TWEENS
    """Drawings between each key pose and the next (the last key leads back to the first)."""
    floor: bool = True
    """False for a view from above (lying seen from the ceiling): no floor line is drawn and
    the drawing is one row shorter."""

    def key_drawings(self) -> tuple[str, ...]:
        """Each key pose drawn."""
        return tuple(
            draw_figure(key, self.width, self.height, floor=self.floor) for key in self.keys
        )

    def motion(self) -> tuple[str, ...]:
        """The whole loop of drawings: key 1, its in-betweens towards key 2, key 2, ... and
        the in-betweens from the last key back to key 1; `tweens + 1` drawings per key, evenly
        spaced (the easing is in time: `moving_position`)."""
        drawings: list[str] = []
        count = len(self.keys)
        for index, key in enumerate(self.keys):
            following = self.keys[(index + 1) % count]
            for step in range(self.tweens + 1):
                amount = step / (self.tweens + 1)
                between = key.toward(following, amount)
                drawings.append(draw_figure(between, self.width, self.height, floor=self.floor))
        return tuple(drawings)


def ease(amount: float) -> float:
    """Slow out of a pose and slow into the next (smoothstep), as a body moves."""
    amount = min(max(amount, 0.0), 1.0)
    return amount * amount * (3.0 - 2.0 * amount)


def moving_position(phase: int, phase_fraction: float, phases: int, *, at_start: bool) -> float:
    """Where the figure is along its key poses during `phase`, `phase_fraction` (0 to 1) into it.

    In each phase the figure moves from the previous key pose into this phase's one during the
    first `MOVE_SHARE` of the phase (slow out, slow in), then holds it. The result counts key
    poses: 1.5 is half way from the second to the third (wrapping round after the last).
    `at_start` is the very first phase of a movement: the person starts in that pose, so it
    holds.
    """
    if phases <= 1 or at_start:
        return float(phase % max(phases, 1))
    travelled = ease(min(max(phase_fraction, 0.0) / MOVE_SHARE, 1.0))
    start = (phase - 1) % phases
    return start + travelled


def draw_figure(pose: KeyPose, width: int, height: int, *, floor: bool = True) -> str:
    """The pose drawn on a `width` x `height` grid, the floor line (`=`) on the bottom row
    (without `floor`, the bottom row is left out).

    Far limbs first, then the back, the neck, the near limbs, and the head on top; where two
    lines meet, the later one wins, except that an arm leaves the cell of its shoulder, and of
    a hand resting on the body, as drawn (so the corner of a shoulder shows). The same pose
    always gives the same drawing.
    """
    grid = [[" "] * width for _ in range(height)]
    joints = dict(pose.joints)
    kept: set[tuple[int, int]] = set()

    def put(column: int, y: float, char: str) -> None:
        row = math.floor(y + 1e-9)
        if 0 <= column < width and 1 <= row < height and (column, row) not in kept:
            grid[height - 1 - row][column] = char

    def line(start: str, end: str) -> None:
        if start in joints and end in joints:
            _draw_line(joints[start], joints[end], put)

    def keep(name: str) -> None:
        x, y = joints[name]
        cell = (_column(x), math.floor(y + 1e-9))
        inside = 0 <= cell[0] < width and 1 <= cell[1] < height
        if inside and grid[height - 1 - cell[1]][cell[0]] != " ":
            kept.add(cell)

    for start, end in _FAR_LIMBS:
        line(start, end)
    line("shoulder", "neck")
    back = [joints[name] for name in ("hip", "low", "mid", "shoulder") if name in joints]
    (hip_x, hip_y), (top_x, top_y) = back[0], back[-1]
    if abs(top_y - hip_y) < abs(top_x - hip_x):
        # A back more level than upright (on all fours, lying) bends round; an upright one
        # keeps its straight pieces, which `/`, `|` and `\` draw more cleanly.
        back = _smooth(back)
    for piece_start, piece_end in pairwise(back):
        _draw_line(piece_start, piece_end, put)
    line("neck", "head")
    for name in ("shoulder", "hand"):
        keep(name)
    for start, end in _NEAR_LIMBS:
        line(start, end)
    kept.clear()
    head_x, head_y = joints["head"]
    put(_column(head_x), head_y, "O")
    if floor:
        grid[height - 1] = ["="] * width
    else:
        grid.pop()
    return "\n".join("".join(row).rstrip().ljust(width) for row in grid)


def _smooth(points: list[Point], pieces: int = _CURVE_PIECES) -> list[Point]:
    """A curve through `points` (Catmull-Rom), as short straight pieces: a back drawn
    through its hip, low back, mid back and shoulder bends round instead of at corners."""
    if len(points) < 3:
        return points
    ends = [points[0], *points, points[-1]]
    curve = [points[0]]
    for index in range(1, len(ends) - 2):
        before, start, end, after = ends[index - 1 : index + 3]
        for piece in range(1, pieces + 1):
            t = piece / pieces
            curve.append(
                (
                    _catmull_rom(before[0], start[0], end[0], after[0], t),
                    _catmull_rom(before[1], start[1], end[1], after[1], t),
                )
            )
    return curve


def _catmull_rom(before: float, start: float, end: float, after: float, t: float) -> float:
    return 0.5 * (
        2 * start
        + (end - before) * t
        + (2 * before - 5 * start + 4 * end - after) * t * t
        + (3 * start - before - 3 * end + after) * t * t * t
    )


def _level_char(y: float, slope: float) -> str:
    """A nearly level line at height `y`: where in its row the line runs. A flat run keeps to
    `_` and `-`; a gentle slope also uses `.` and `'` so it curves (`_.-'`)."""
    within = y - math.floor(y + 1e-9)
    if slope < _FLAT:
        return "_" if within < 0.5 else "-"
    if within < 0.25:
        return "_"
    if within < 0.5:
        return "."
    if within < 0.75:
        return "-"
    return "'"


def _draw_line(start: Point, end: Point, put: _Put) -> None:
    (ax, ay), (bx, by) = start, end
    dx, dy = bx - ax, by - ay
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return
    slope = abs(dy) / abs(dx) if abs(dx) > 1e-9 else math.inf
    if slope > _STEEP:
        low, high = sorted((ay, by))
        for row in range(math.floor(low), math.floor(high - 1e-9) + 1):
            y = min(max(row + 0.5, low), high)
            x = ax + (y - ay) / dy * dx
            put(_column(x), y, "|")
        return
    if slope < _DIAGONAL:
        # One cell a column: level characters, or `.'` for about a row every two columns.
        for column in _columns(ax, bx):
            # A column centre past the end of the line counts as the end.
            x = min(max(column, min(ax, bx)), max(ax, bx))
            y = ay + (x - ax) / dx * dy
            if slope < _SHALLOW:
                put(column, y, _level_char(y, slope))
            else:
                put(column, y, _rising_char(y))
        return
    # One cell a row.
    char = "/" if dx * dy > 0 else "\\"
    low, high = sorted((ay, by))
    for row in range(math.floor(low), math.floor(high - 1e-9) + 1):
        y = min(max(row + 0.5, low), high)
        x = ax + (y - ay) / dy * dx
        put(_column(x), y, char)


def _rising_char(y: float) -> str:
    """A line of about one row per two columns: `.` low in its row, `'` high (`.'` rising,
    `'.` falling)."""
    within = y - math.floor(y + 1e-9)
    return "." if within < 0.5 else "'"


def _columns(ax: float, bx: float) -> Iterable[int]:
    low, high = sorted((_column(ax), _column(bx)))
    return range(low, high + 1)


def _column(x: float) -> int:
    """The column a point falls in (halves round up, the same way everywhere)."""
    return math.floor(x + 0.5)
