"""Write `stretch_tui/screens/help_keys.py`: every screen's keys, as Help lists them.

    python scripts/help_keys.py        (make help-keys)

Help reads that copy instead of importing every screen for its bindings (docs/product.md 10,
memory); `tests/app/test_registry.py` fails when a screen's keys change until this is run.
"""

from __future__ import annotations

from pathlib import Path

from stretch_tui.screens.help import current_screen_keys, help_keys_module

TARGET = Path(__file__).resolve().parent.parent / "stretch_tui" / "screens" / "help_keys.py"

if __name__ == "__main__":
    TARGET.write_text(help_keys_module(current_screen_keys()), encoding="utf-8")
    print(f"wrote {TARGET.name}")
