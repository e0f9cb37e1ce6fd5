"""Exercises as the app knows them: dose, cautions, sources and pose drawings
(docs/product.md 3)."""

from __future__ import annotations

import functools
import re
from typing import Literal

from attrs import evolve, frozen

from stretch_tui.domain.figure import FigureModel

DoseKind = Literal["hold", "breaths", "reps", "cycles", "duration"]
Sides = Literal["both", "each", "alternate"]
Verdict = Literal["ok", "caution", "avoid"]

DEFAULT_HOLD_REPS = 2
"""Holds per side where the articles give none (docs/product.md 3.2)."""

_MIRROR_PAIRS = str.maketrans("/\\()<>[]{}", "\\/)(><][}{")

_LEFT_RIGHT = re.compile(r"\b(left|right|Left|Right|LEFT|RIGHT)\b")
_SWAP = {
    "left": "right",
    "right": "left",
    "Left": "Right",
    "Right": "Left",
    "LEFT": "RIGHT",
    "RIGHT": "LEFT",
}


def swap_sides(text: str) -> str:
    """The text for the mirror-image side: `left` and `right` swapped, as whole words."""
    return _LEFT_RIGHT.sub(lambda match: _SWAP[match.group(0)], text)


def side_text(text: str, side: str) -> str:
    """Catalog text (a step, a cue, a tip) as it reads for `side`.

    The catalog writes steps and cues for the left side, as the poses are drawn
    (docs/product.md 3.3);
    the right side is the mirror image, so `left` and `right` swap. Any other side (`both`,
    `left`, `alternate`) keeps the text as written.
    """
    return swap_sides(text) if side == "right" else text


def mirror_frame(frame: str) -> str:
    """Return the drawing as seen in a mirror: the right side from the left.

    Every line is padded to the frame's width first, then reversed, and the characters with a
    direction swap (`/` and `\\`, `(` and `)`, `<` and `>`, `[` and `]`, `{` and `}`), so the
    mirror of the mirror is the (padded) original.
    """
    lines = frame.split("\n")
    width = max((len(line) for line in lines), default=0)
    return "\n".join(line.ljust(width)[::-1].translate(_MIRROR_PAIRS) for line in lines)


@frozen
class PoseFrame:
    """One ASCII drawing of a pose, with the cue for that phase ("breathe in, arch")."""

    art: str
    """The drawing, lines joined with newlines, each padded to the same width."""
    cue: str = ""
    """What the person does in this phase; empty for a single still pose."""

    def mirrored(self) -> PoseFrame:
        """The same frame for the right side: the drawing mirrored, the cue's left and right
        swapped (so no "turn to the left" sits under a right-side drawing)."""
        return PoseFrame(art=mirror_frame(self.art), cue=swap_sides(self.cue))

    @property
    def width(self) -> int:
        """Columns the drawing takes."""
        return max((len(line) for line in self.art.split("\n")), default=0)

    @property
    def height(self) -> int:
        """Rows the drawing takes."""
        return len(self.art.split("\n"))


@functools.lru_cache(maxsize=64)
def _motion(model: FigureModel, mirror: bool) -> tuple[str, ...]:
    """A model's loop of drawings, made once: drawing them all takes a few milliseconds, and
    only a pose on screen needs them (not the catalog as it loads)."""
    drawings = model.motion()
    return tuple(mirror_frame(art) for art in drawings) if mirror else drawings


@frozen
class Pose:
    """A pose drawn for the left side: one frame, or one per phase for dynamic exercises."""

    frames: tuple[PoseFrame, ...]
    model: FigureModel | None = None
    """The stick figure the frames were drawn from (`stretch_tui.domain.figure`), when the
    catalog gives key poses; its in-between drawings are `motion`."""
    mirror: bool = False
    """True for the right side: `motion` is mirrored as the frames are."""
    drawn: tuple[str, ...] = ()
    """Hand-drawn in-betweens (`between` of `[[pose.frames]]`, catalog/FORMAT.md): the whole
    loop, each frame's own drawing followed by the drawings toward the next, the same number
    per frame; as seen from this pose's side."""

    @property
    def motion(self) -> tuple[str, ...]:
        """The loop of drawings from the first frame through every other and back, the same
        number per frame, each frame's own drawing first: the hand-drawn ones, or those of the
        stick figure (made on first use, once). Empty for frames without in-betweens, which
        are shown in turn."""
        if self.drawn:
            return self.drawn
        if self.model is None or len(self.frames) < 2:
            return ()
        return _motion(self.model, self.mirror)

    def mirrored(self) -> Pose:
        """The pose for the right side."""
        return Pose(
            frames=tuple(frame.mirrored() for frame in self.frames),
            model=self.model,
            mirror=not self.mirror,
            drawn=tuple(mirror_frame(art) for art in self.drawn),
        )

    def art_at(self, position: float) -> str:
        """The drawing at `position`, counted in frames: 1.5 is half way from the second
        frame to the third (after the last frame, back to the first). Without motion, the
        frame `position` falls in."""
        count = len(self.frames)
        if not count:
            return ""
        motion = self.motion
        if not motion:
            return self.frames[int(position) % count].art
        per_frame = len(motion) // count
        return motion[round(position * per_frame) % len(motion)]

    @property
    def animated(self) -> bool:
        """True when the pose has a frame per phase."""
        return len(self.frames) > 1


@frozen
class Dose:
    """How much of an exercise makes one go (docs/product.md 3.2)."""

    kind: DoseKind
    sides: Sides = "both"
    seconds: int | None = None
    """`hold`: seconds per hold; `duration`: the whole timer."""
    reps: int | None = None
    """`hold`: holds per side; `reps`: repetitions."""
    breaths: int | None = None
    """`breaths`: breaths to pace and count."""
    tempo_seconds: float | None = None
    """`reps`: seconds per repetition."""
    seconds_per_phase: float | None = None
    """`cycles`: seconds in each frame of the pose."""
    cycles: int | None = None
    """`cycles`: how many times through all the phases."""
    default_note: str | None = None
    """Where these numbers are not from the articles (a default or a usual start), one short
    line that says so, e.g. "The article gives no count; 10 slow repetitions is our start."
    The runner shows it the first time the exercise comes up in a session (docs/product.md 5)."""

    def planned_seconds_per_side(self, breath_seconds: float = 10.0, phases: int = 2) -> float:
        """Seconds one side takes, not counting rests between holds.

        `breath_seconds` is one inhale plus one exhale at the user's pace; `phases` is the
        number of frames a cycle goes through.
        """
        match self.kind:
            case "hold":
                return float((self.seconds or 0) * (self.reps or 1))
            case "breaths":
                return (self.breaths or 0) * breath_seconds
            case "reps":
                return (self.reps or 0) * (self.tempo_seconds or 0.0)
            case "cycles":
                return (self.cycles or 0) * phases * (self.seconds_per_phase or 0.0)
            case "duration":
                return float(self.seconds or 0)

    def describe(self) -> str:
        """The dose in a few words, e.g. `2 x 30 s holds, each side`."""
        match self.kind:
            case "hold":
                reps = self.reps or 1
                length = f"{self.seconds} s" if self.seconds else "default-length"
                text = f"{reps} x {length} hold" + ("s" if reps > 1 else "")
            case "breaths":
                text = f"{self.breaths} slow breaths"
            case "reps":
                text = f"{self.reps} repetitions, {_seconds(self.tempo_seconds)} each"
            case "cycles":
                text = f"{self.cycles} cycles, {_seconds(self.seconds_per_phase)} in each position"
            case "duration":
                text = f"{_minutes(self.seconds or 0)}"
        side_text = {"both": "", "each": ", each side", "alternate": ", alternating sides"}
        return text + side_text[self.sides]


def _seconds(value: float | None) -> str:
    number = value or 0.0
    return f"{number:g} s"


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


@frozen
class Caution:
    """A warning for a group of people (docs/product.md 3.1)."""

    who: Literal["extension-responders", "flexion-responders", "everyone"]
    level: Literal["avoid", "caution"]
    why: str

    def applies_to(self, responder: str | None) -> bool:
        """True when this caution concerns someone with that screening result.

        `everyone` applies to all. For `unclear` or no screening yet, a caution for either
        responder type still applies (we cannot rule it out), but `verdict_for` softens an
        `avoid` to a `caution` for them.
        """
        if self.who == "everyone":
            return True
        if responder in ("extension", "flexion"):
            return self.who == f"{responder}-responders"
        return True


@frozen
class Source:
    """Where an exercise comes from: an article id (see catalog/articles.toml) and the item."""

    article: str
    item: str


@frozen
class Exercise:
    """One exercise of the catalog (docs/product.md 3.1)."""

    id: str
    name: str
    kind: Literal["stretch", "mobility", "strength", "aerobic"]
    targets: tuple[str, ...]
    position: str
    direction: Literal["extension", "flexion", "rotation", "lateral", "mixed", "neutral"]
    difficulty: Literal["beginner", "intermediate", "advanced"]
    dose: Dose
    steps: tuple[str, ...]
    pose: Pose
    sources: tuple[Source, ...] = ()
    aliases: tuple[str, ...] = ()
    summary: str = ""
    cautions: tuple[Caution, ...] = ()
    tips: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    origin: str = ""
    """The file it was loaded from, for messages."""
    user_defined: bool = False
    """True for an exercise from the user's own folder rather than the shipped catalog."""

    def for_side(self, side: str) -> Exercise:
        """The exercise as done on `side`: for `right`, the pose mirrored and every step, cue
        and tip with left and right swapped (see `side_text`); otherwise unchanged.

        An exercise done with both sides at once has no right side and comes back as it is
        (its text may say "right" in another sense: "arms at right angles").
        """
        if side != "right" or self.dose.sides == "both":
            return self
        return evolve(
            self,
            steps=tuple(side_text(step, side) for step in self.steps),
            tips=tuple(side_text(tip, side) for tip in self.tips),
            pose=self.pose.mirrored(),
        )

    def cautions_for(self, responder: str | None) -> tuple[Caution, ...]:
        """The cautions that concern someone with that screening result."""
        return tuple(c for c in self.cautions if c.applies_to(responder))

    def verdict_for(self, responder: str | None) -> Verdict:
        """`avoid`, `caution` or `ok` for someone with that screening result.

        `avoid` only when a caution says so for this responder type (or for everyone); an
        `avoid` for one type is a `caution` for someone whose type is unclear or unknown.
        """
        verdict: Verdict = "ok"
        for caution in self.cautions_for(responder):
            certain = caution.who == "everyone" or responder in ("extension", "flexion")
            if caution.level == "avoid" and certain:
                return "avoid"
            verdict = "caution"
        return verdict

    def matches(self, text: str) -> bool:
        """True when `text` is part of the name, an alias or the id (case-insensitive)."""
        needle = text.strip().casefold()
        if not needle:
            return True
        haystacks = (self.name, self.id, *self.aliases)
        return any(needle in hay.casefold() for hay in haystacks)
