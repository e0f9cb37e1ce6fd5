"""Render the spoken cues into `sounds/voice/` with espeak-ng (docs/product.md 7).

One WAV file per fixed phrase of `sounds/voice/phrases.toml` (`KEY.wav`) and one per exercise
name of the shipped catalog (`exercise-ID.wav`). espeak-ng (the Debian package `espeak-ng`) is
needed here only: the app plays the files, so no speech engine is needed at run time.

Each recording is trimmed of the silence espeak-ng leaves around it, brought to one loudness
(the same RMS level, with the peak kept below full scale), given short fades so it never clicks,
and written as 16-bit mono PCM. `sounds/voice/spoken.toml` records the text each file says, so
a test can tell when an exercise was renamed without its name being recorded again.

    python scripts/make_voice.py            # writes sounds/voice/*.wav in the repository
    python scripts/make_voice.py --out DIR  # writes them somewhere else
"""

from __future__ import annotations

import argparse
import array
import io
import math
import shutil
import subprocess
import sys
import tomllib
import wave
from collections.abc import Sequence
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from stretch_tui.domain.catalog import load_catalog  # noqa: E402 - after the path is set
from stretch_tui.sound.voice import EXERCISE_PREFIX  # noqa: E402

ESPEAK_VOICE = "en-us"
ESPEAK_WORDS_PER_MINUTE = 145
"""A little slower than espeak-ng's 175: calm, and clear from across a room."""

RATE = 22_050
"""espeak-ng's own rate: no resampling, and speech needs no more."""

TARGET_RMS = 10 ** (-19 / 20)
"""Loudness of every phrase: -19 dBFS RMS over the trimmed recording, about the most that
keeps the peaks of nearly every phrase below `PEAK_LIMIT` (the rest come out within 1 dB)."""

PEAK_LIMIT = 10 ** (-1 / 20)
"""No sample above -1 dBFS: a phrase that would peak higher is made quieter instead."""

SILENCE_LEVEL = 0.01
"""Samples below 1% of full scale at either end count as silence and are trimmed."""

LEAD_SECONDS = 0.03
TAIL_SECONDS = 0.06
FADE_SECONDS = 0.005

FULL_SCALE = 32_767


def phrases_to_render(phrases_file: Path, exercises_dir: Path) -> dict[str, str]:
    """File stem -> text to speak: the fixed phrases, then every shipped exercise's name."""
    with phrases_file.open("rb") as stream:
        fixed: dict[str, str] = tomllib.load(stream)["phrases"]
    catalog = load_catalog(None, shipped_dir=exercises_dir)
    names = {
        f"{EXERCISE_PREFIX}{exercise.id}": f"{exercise.name}."
        for exercise in sorted(catalog.exercises.values(), key=lambda e: e.id)
    }
    return {**fixed, **names}


def speak(text: str, espeak: str) -> array.array[int]:
    """espeak-ng's recording of `text`, as 16-bit samples at `RATE`."""
    result = subprocess.run(
        [espeak, "-v", ESPEAK_VOICE, "-s", str(ESPEAK_WORDS_PER_MINUTE), "--stdout", text],
        check=True,
        capture_output=True,
    )
    with wave.open(io.BytesIO(result.stdout), "rb") as reader:
        if (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) != (1, 2, RATE):
            raise SystemExit(f"espeak-ng gave an unexpected format for {text!r}")
        samples = array.array("h", reader.readframes(reader.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def finish(samples: Sequence[int]) -> list[int]:
    """Trimmed, at the common loudness, faded in and out."""
    threshold = SILENCE_LEVEL * FULL_SCALE
    loud = [index for index, sample in enumerate(samples) if abs(sample) >= threshold]
    if not loud:
        raise SystemExit("espeak-ng produced silence")
    first = max(0, loud[0] - round(LEAD_SECONDS * RATE))
    last = min(len(samples), loud[-1] + 1 + round(TAIL_SECONDS * RATE))
    kept = [float(sample) for sample in samples[first:last]]
    rms = math.sqrt(sum(value * value for value in kept) / len(kept))
    peak = max(abs(value) for value in kept)
    gain = min(TARGET_RMS * FULL_SCALE / rms, PEAK_LIMIT * FULL_SCALE / peak)
    fade = round(FADE_SECONDS * RATE)
    out = []
    for index, value in enumerate(kept):
        edge = min(index, len(kept) - 1 - index)
        level = gain * (0.5 - 0.5 * math.cos(math.pi * edge / fade)) if edge < fade else gain
        out.append(max(-FULL_SCALE, min(FULL_SCALE, round(value * level))))
    return out


def write_wav(path: Path, samples: Sequence[int]) -> None:
    """Mono 16-bit little-endian PCM at `RATE`."""
    data = array.array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data.tobytes())


def spoken_toml(rendered: dict[str, str]) -> str:
    """`spoken.toml`: what each file says (written by this script, read by the tests)."""
    lines = [
        "# Written by scripts/make_voice.py: the text each WAV file of this folder says.",
        "",
        "[spoken]",
    ]
    for stem, text in rendered.items():
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{stem} = "{escaped}"')
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Render every phrase into the chosen folder."""
    voice_dir = REPOSITORY / "sounds" / "voice"
    parser = argparse.ArgumentParser(description="Render the spoken cues with espeak-ng.")
    parser.add_argument(
        "--out",
        type=Path,
        default=voice_dir,
        metavar="DIR",
        help="folder to write the WAV files into (default: the repository's sounds/voice/)",
    )
    args = parser.parse_args(argv)
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print(
            "make_voice: espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng)",
            file=sys.stderr,
        )
        return 1
    rendered = phrases_to_render(voice_dir / "phrases.toml", REPOSITORY / "catalog" / "exercises")
    args.out.mkdir(parents=True, exist_ok=True)
    # Recordings of phrases no longer listed (a removed exercise) would ship for nothing.
    for old in args.out.glob("*.wav"):
        if old.stem not in rendered:
            old.unlink()
    total = 0
    for stem, text in rendered.items():
        samples = finish(speak(text, espeak))
        path = args.out / f"{stem}.wav"
        write_wav(path, samples)
        total += path.stat().st_size
        print(f"wrote {path.name} ({len(samples) / RATE * 1000:.0f} ms): {text}")
    (args.out / "spoken.toml").write_text(spoken_toml(rendered), encoding="utf-8")
    print(f"{len(rendered)} phrases, {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
