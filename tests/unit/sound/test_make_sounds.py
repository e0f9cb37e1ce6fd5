"""The shipped cue sounds are exactly what `scripts/make_sounds.py` makes, and are well formed."""

from __future__ import annotations

import array
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.sound.cues import Cue

REPOSITORY = Path(__file__).resolve().parents[3]
SCRIPT = REPOSITORY / "scripts" / "make_sounds.py"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sounds")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return out


def samples(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as reader:
        data = array.array("h", reader.readframes(reader.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def test_the_script_writes_one_file_per_cue_and_nothing_else(regenerated: Path) -> None:
    assert sorted(p.name for p in regenerated.iterdir()) == sorted(c.file_name for c in Cue)


@pytest.mark.parametrize("cue", list(Cue), ids=lambda cue: cue.value)
def test_shipped_file_is_byte_for_byte_what_the_script_makes(cue: Cue, regenerated: Path) -> None:
    shipped = shipped_data_dir("sounds") / cue.file_name
    assert shipped.read_bytes() == (regenerated / cue.file_name).read_bytes(), (
        f"{shipped} is out of date: run `make sounds` and commit the result"
    )


@pytest.mark.parametrize("cue", list(Cue), ids=lambda cue: cue.value)
def test_cue_is_16_bit_mono_and_short(cue: Cue) -> None:
    with wave.open(str(shipped_data_dir("sounds") / cue.file_name), "rb") as reader:
        assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
        assert reader.getframerate() in (22_050, 44_100)
        milliseconds = 1000 * reader.getnframes() / reader.getframerate()
    low, high = (30, 50) if cue is Cue.TICK else (150, 600)
    assert low <= milliseconds <= high


@pytest.mark.parametrize("cue", list(Cue), ids=lambda cue: cue.value)
def test_cue_starts_and_ends_near_silence_so_it_does_not_click(cue: Cue) -> None:
    data = samples(shipped_data_dir("sounds") / cue.file_name)
    assert abs(data[0]) < 200
    assert abs(data[-1]) < 200
    # No clipping: headroom is left below full scale.
    assert max(abs(value) for value in data) < 30_000


def test_tick_is_the_quietest_cue() -> None:
    folder = shipped_data_dir("sounds")
    peaks = {cue: max(abs(v) for v in samples(folder / cue.file_name)) for cue in Cue}
    assert peaks[Cue.TICK] < min(peak for cue, peak in peaks.items() if cue is not Cue.TICK)


def test_running_the_script_twice_gives_the_same_bytes(regenerated: Path, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    for cue in Cue:
        assert (tmp_path / cue.file_name).read_bytes() == (regenerated / cue.file_name).read_bytes()
