"""Synthesise the session cue sounds into `sounds/` (docs/product.md 7), with the standard library
only.

Each cue is a few soft sine notes (a little second and third harmonic so they sound like a
chime rather than a test tone), shaped by a smooth attack, a gentle decay and a release that ends
exactly at zero, so no cue clicks. The output is deterministic: the same bytes on every run, so
the shipped files can be checked against this script (tests/unit/sound/test_make_sounds.py).

    python scripts/make_sounds.py            # writes sounds/*.wav in the repository
    python scripts/make_sounds.py --out DIR  # writes them somewhere else
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

RATE = 44_100
"""Samples per second: CD rate, which every sound device plays without resampling."""

SAMPLE_WIDTH = 2
"""Bytes per sample: 16-bit signed PCM."""

FULL_SCALE = 32_767

ATTACK_SECONDS = 0.006
"""Long enough to avoid a click at the start, short enough to still sound like a strike."""

RELEASE_SECONDS = 0.02
"""Every note fades to silence over its last 20 ms, so none ends with a jump."""

HARMONICS = ((1, 1.0), (2, 0.22), (3, 0.07))
"""(multiple of the note, relative level): a soft, chime-like timbre."""

C5, E5, G5, C6, A6 = 523.25, 659.26, 783.99, 1046.50, 1760.00
"""Note frequencies in Hz (equal temperament, A4 = 440 Hz)."""


class Note(NamedTuple):
    """One note of a cue."""

    frequency: float
    start: float
    """Seconds from the start of the cue."""
    length: float
    """Seconds, release included."""
    decay: float
    """Time constant of the exponential decay, in seconds: smaller rings shorter."""


class CueSound(NamedTuple):
    """A cue: its notes, its total length and how loud its loudest sample is."""

    notes: tuple[Note, ...]
    seconds: float
    peak: float
    """Fraction of full scale; headroom is left so that nothing clips."""


CUES: dict[str, CueSound] = {
    # Step start: a rising fifth, "go".
    "start": CueSound(
        (Note(C5, 0.0, 0.16, 0.12), Note(G5, 0.12, 0.22, 0.10)),
        0.34,
        0.55,
    ),
    # Switch sides: the same note twice, "other side".
    "switch": CueSound(
        (Note(E5, 0.0, 0.13, 0.08), Note(E5, 0.16, 0.14, 0.08)),
        0.30,
        0.55,
    ),
    # The last seconds of a step: a short, quiet, high blip.
    "tick": CueSound((Note(A6, 0.0, 0.04, 0.02),), 0.04, 0.22),
    # Step end: a falling fifth, "done".
    "end": CueSound(
        (Note(G5, 0.0, 0.16, 0.12), Note(C5, 0.12, 0.26, 0.14)),
        0.38,
        0.55,
    ),
    # Session done: a C major arpeggio whose notes ring on together.
    "session-done": CueSound(
        (
            Note(C5, 0.0, 0.60, 0.30),
            Note(E5, 0.12, 0.48, 0.26),
            Note(G5, 0.24, 0.36, 0.22),
            Note(C6, 0.36, 0.24, 0.14),
        ),
        0.60,
        0.55,
    ),
}
"""Every cue sound, by the file name it is written to (without `.wav`)."""


def envelope(t: float, length: float, decay: float) -> float:
    """Loudness of a note `t` seconds after it starts: raised-cosine attack, exponential decay,
    raised-cosine release to exactly zero at `length`."""
    if t < 0.0 or t >= length:
        return 0.0
    level = math.exp(-t / decay)
    if t < ATTACK_SECONDS:
        level *= 0.5 - 0.5 * math.cos(math.pi * t / ATTACK_SECONDS)
    release = min(RELEASE_SECONDS, length / 2)
    until_end = length - t
    if until_end < release:
        level *= 0.5 - 0.5 * math.cos(math.pi * until_end / release)
    return level


def render(cue: CueSound) -> list[int]:
    """The cue's 16-bit samples, scaled so the loudest one is `cue.peak` of full scale."""
    count = round(cue.seconds * RATE)
    mixed = [0.0] * count
    harmonic_total = sum(level for _, level in HARMONICS)
    for note in cue.notes:
        first = round(note.start * RATE)
        for index in range(first, min(count, first + round(note.length * RATE))):
            t = (index - first) / RATE
            level = envelope(t, note.length, note.decay)
            if level == 0.0:
                continue
            phase = 2.0 * math.pi * note.frequency * t
            tone = sum(weight * math.sin(multiple * phase) for multiple, weight in HARMONICS)
            mixed[index] += level * tone / harmonic_total
    loudest = max(abs(value) for value in mixed)
    scale = cue.peak * FULL_SCALE / loudest
    return [round(value * scale) for value in mixed]


def write_wav(path: Path, samples: Sequence[int]) -> None:
    """Write mono 16-bit little-endian PCM; `wave` puts no timestamp in the header."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main(argv: Sequence[str] | None = None) -> int:
    """Write every cue file into the chosen folder."""
    repository = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="Synthesise the session cue sounds.")
    parser.add_argument(
        "--out",
        type=Path,
        default=repository / "sounds",
        metavar="DIR",
        help="folder to write the WAV files into (default: the repository's sounds/)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, cue in CUES.items():
        path = args.out / f"{name}.wav"
        write_wav(path, render(cue))
        print(f"wrote {path} ({cue.seconds * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
