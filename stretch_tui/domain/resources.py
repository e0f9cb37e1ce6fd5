"""Finding the data shipped with the app: the catalog and the cue sounds.

In the repository they sit at the top (`catalog/`, `sounds/`); an installed wheel carries them
inside the package as `stretch_tui/_data/`. Both layouts are looked for, the wheel's first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_data_dir(name: str) -> Path:
    """The folder of shipped data called `name` (`catalog` or `sounds`)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the shipped `{name}` folder is missing from this installation of stretch-tui"
    )
