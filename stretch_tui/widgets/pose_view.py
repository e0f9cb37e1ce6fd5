"""The ASCII drawing of a pose, with the cue for the frame shown, animated or still.

Used by the exercise detail, the library's preview and (later) the session runner. The runner
drives `frame_index` itself; the detail gives an interval and lets the widget's own timer turn
the frames. A frame change repaints this widget only: every frame is padded to the same size,
so the layout never moves.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar, Literal

from attrs import evolve
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from stretch_tui.domain.exercise import Pose, PoseFrame
from stretch_tui.domain.figure import moving_position

Side = Literal["left", "right"]
"""Which side the pose is drawn for; the catalog draws the left, the right is its mirror."""


TICKS_PER_FRAME = 10
"""A pose with in-between drawings moves on its own timer in this many ticks per frame."""


def _pad(art: str, width: int, height: int) -> str:
    lines = [line.ljust(width) for line in art.split("\n")]
    lines += [" " * width] * (height - len(lines))
    return "\n".join(lines)


def _padded(pose: Pose) -> Pose:
    """The pose with every frame padded to one width and height, so moving from one to the
    next never changes the size (drawings from a model all have the model's size already)."""
    width = max((frame.width for frame in pose.frames), default=0)
    height = max((frame.height for frame in pose.frames), default=0)
    frames = tuple(
        PoseFrame(art=_pad(frame.art, width, height), cue=frame.cue) for frame in pose.frames
    )
    return evolve(pose, frames=frames)


class PoseView(Widget):
    """A pose for one side: the current frame's drawing with its cue underneath.

    With `interval` (seconds per frame) and more than one frame, a timer turns the frames while
    `playing` is true and `still` is false; a pose with in-between drawings moves through them
    (`TICKS_PER_FRAME` ticks a frame). `still` (reduced motion) shows the first frame and lists
    every phase's cue instead. `frame_index`, `position` and `side` can be set from outside.
    """

    DEFAULT_CSS = """
    PoseView {
        width: auto;
        height: auto;
    }
    PoseView > .pose-view--art {
        color: $foreground;
    }
    PoseView > .pose-view--cue {
        color: $text-accent;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pose-view--art", "pose-view--cue"}
    """`--art` styles the drawing, `--cue` the cue lines under it."""

    frame_index: reactive[int] = reactive(0)
    """The frame whose cue is shown (0-based), wrapped around the number of frames."""
    position: reactive[float] = reactive(0.0)
    """Where the figure is along the frames (`Pose.art_at`): 0.5 is half way from frame 1 to
    frame 2. Only a pose with in-between drawings uses it; others draw `frame_index`."""
    side: reactive[Side] = reactive[Side]("left")
    """`left` draws the pose as the catalog has it; `right` draws the mirror image."""
    still: reactive[bool] = reactive(False, layout=True)
    """Reduced motion: frame 1 only, with every phase's cue listed; the timer does not run."""
    playing: reactive[bool] = reactive(True)
    """False pauses the timer (the frame stays where it is)."""

    def __init__(
        self,
        pose: Pose,
        *,
        side: Side = "left",
        interval: float | None = None,
        still: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._poses: dict[Side, Pose] = {}
        self._tick = 0
        self._looped = False
        self._interval = interval
        self._timer: Timer | None = None
        self._started = False  # `is_mounted` is still False while `on_mount` runs
        self._set_frames(pose)
        self.set_reactive(PoseView.side, side)
        self.set_reactive(PoseView.still, still)

    @property
    def pose(self) -> Pose:
        """The pose as drawn for the left side."""
        return self._pose

    @property
    def frame_count(self) -> int:
        """How many frames the pose has."""
        return len(self._poses["left"].frames)

    @property
    def current_frame(self) -> PoseFrame:
        """The frame whose cue is on screen, drawn for the current side."""
        return self._side_pose().frames[0 if self.still else self.frame_index]

    @property
    def current_art(self) -> str:
        """The drawing on screen: an in-between one while the figure moves."""
        pose = self._side_pose()
        if self.still:
            return pose.frames[0].art
        if pose.motion:
            return pose.art_at(self.position)
        return pose.frames[self.frame_index].art

    def set_pose(self, pose: Pose, *, interval: float | None = None) -> None:
        """Show another pose from its first frame (and turn frames every `interval` seconds)."""
        self._set_frames(pose)
        self._interval = interval
        self.set_reactive(PoseView.frame_index, 0)
        self.set_reactive(PoseView.position, 0.0)
        self._tick = 0
        self._looped = False
        self._restart_timer()
        self.refresh(layout=True)

    def _set_frames(self, pose: Pose) -> None:
        self._pose = pose
        self._poses = {"left": _padded(pose)}

    def _side_pose(self) -> Pose:
        pose = self._poses.get(self.side)
        if pose is None:
            # The mirror is made once per side and pose, not at every frame.
            pose = self._poses["left"].mirrored()
            self._poses[self.side] = pose
        return pose

    def on_mount(self) -> None:
        """Start turning frames if the pose has several and an interval was given."""
        self._started = True
        self._restart_timer()

    def _restart_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._started and self._interval and self.frame_count > 1:
            if self._poses["left"].motion:
                tick = self._interval / TICKS_PER_FRAME
                self._timer = self.set_interval(tick, self.move, pause=not self._runs)
            else:
                self._timer = self.set_interval(self._interval, self.advance, pause=not self._runs)

    @property
    def _runs(self) -> bool:
        return self.playing and not self.still

    def advance(self) -> None:
        """Show the next frame (after the last, the first again)."""
        self.frame_index = (self.frame_index + 1) % max(self.frame_count, 1)
        self.position = float(self.frame_index)
        self._tick = self.frame_index * TICKS_PER_FRAME
        self._looped = True

    def move(self) -> None:
        """One tick of the pose's own timer: the figure moves into each frame at the start
        of its time and holds it for the rest, as in the runner."""
        count = max(self.frame_count, 1)
        self._tick = (self._tick + 1) % (count * TICKS_PER_FRAME)
        self._looped = self._looped or self._tick == 0
        frame, tick = divmod(self._tick, TICKS_PER_FRAME)
        self.frame_index = frame
        self.position = moving_position(
            frame, tick / TICKS_PER_FRAME, count, at_start=frame == 0 and not self._looped
        )

    def validate_frame_index(self, index: int) -> int:
        """Keep the index on an existing frame, and draw that frame as it is: whoever moves
        the figure sets `position` after `frame_index` (this runs on every set, so holding
        a paused pose on a frame is exact even when the index does not change)."""
        index = index % max(self.frame_count, 1)
        self.position = float(index)
        return index

    def validate_position(self, position: float) -> float:
        """Round to the nearest drawing, so a move that does not change it repaints nothing."""
        pose = self._poses["left"]
        motion = pose.motion
        if not motion or not pose.frames:
            return float(int(position)) if position >= 0 else 0.0
        per_frame = len(motion) // len(pose.frames)
        return (round(position * per_frame) % len(motion)) / per_frame

    def _sync_timer(self) -> None:
        if self._timer is None:
            return
        if self._runs:
            self._timer.resume()
        else:
            self._timer.pause()

    def watch_playing(self) -> None:
        """Pause or resume the frames."""
        self._sync_timer()

    def watch_still(self) -> None:
        """Reduced motion stops the frames; leaving it starts them again."""
        self._sync_timer()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the widest frame."""
        return max((frame.width for frame in self._poses["left"].frames), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The drawing, plus the most cue lines any frame needs, so frames never resize it."""
        art = self._poses["left"].frames[0].height if self.frame_count else 0
        cues = max((len(self._cue_lines(width, i)) for i in range(self.frame_count)), default=0)
        return art + cues

    def _cue_lines(self, width: int, index: int) -> list[str]:
        """The lines under the drawing when frame `index` shows: a blank line and the cue."""
        frames = self._poses["left"].frames
        if self.still:
            cues = [frame.cue for frame in frames if frame.cue]
            if len(cues) > 1:
                cues = [f"{number}. {cue}" for number, cue in enumerate(cues, start=1)]
        else:
            cues = [frames[index].cue] if frames and frames[index].cue else []
        if not cues:
            return []
        lines = [""]
        for cue in cues:
            lines += textwrap.wrap(cue, max(width, 10)) or [""]
        return lines

    def render(self) -> Text:
        """The current frame, centred in the width, and its cue under it."""
        art_style = self.get_component_rich_style("pose-view--art")
        cue_style = self.get_component_rich_style("pose-view--cue")
        frame = self.current_frame
        index = 0 if self.still else self.frame_index
        width = self.content_size.width or frame.width
        margin = " " * max((width - frame.width) // 2, 0)
        art = "\n".join(margin + line for line in self.current_art.split("\n"))
        text = Text(art, style=art_style, no_wrap=True, end="")
        cue_lines = self._cue_lines(width, index)
        if cue_lines:
            text.append("\n" + "\n".join(cue_lines), style=cue_style)
        return text
