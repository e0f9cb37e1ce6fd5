"""Every screen's keys for Help, written out by `make help-keys` (scripts/help_keys.py):
do not edit. Help reads them here rather than importing every screen to read its
bindings, which cost 2.4 MiB, a third of the memory budget's headroom (docs/product.md
10); `tests/app/test_registry.py` fails once a screen's keys differ from these.
"""

SCREEN_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Welcome (first run)",
        (
            ("s", "Take the screening"),
            ("l", "Later"),
            ("escape", "Later"),
        ),
    ),
    (
        "Home",
        (
            ("r", "Session"),
            ("s", "Screening"),
            ("l", "Library"),
            ("t", "Routines"),
            ("g", "Progress"),
            ("o", "Settings"),
            ("w", "Re-rate activities"),
            ("q", "Quit"),
        ),
    ),
    (
        "Screening",
        (
            ("y", "Yes"),
            ("n", "No"),
            ("left", "Choose yes"),
            ("right", "Choose no"),
            ("b", "Back"),
            ("backspace", "Back"),
            ("a", "I have been assessed"),
            ("c", "Continue to the movement questions"),
            ("enter", "Done"),
            ("escape", "Leave"),
        ),
    ),
    (
        "Library",
        (
            ("tab", "Filters"),
            ("f2", "Safe for me"),
            ("enter", "Open"),
            ("escape", "Clear"),
            ("f8", "Leave out"),
            ("f3", "Next body area"),
            ("f4", "Next position"),
            ("f5", "Next level"),
            ("f6", "Next direction"),
            ("f7", "Next dose kind"),
            ("up", "Previous row"),
            ("down", "Next row"),
            ("pageup", "Page up"),
            ("pagedown", "Page down"),
        ),
    ),
    (
        "Exercise detail",
        (
            ("escape", "Back"),
            ("s", "Start"),
            ("a", "Add to routine"),
            ("x", "Switch side"),
            ("space", "Pause"),
            ("l", "Leave out"),
        ),
    ),
    (
        "Routines",
        (
            ("s", "Start"),
            ("enter", "Start"),
            ("n", "New"),
            ("e", "Edit"),
            ("d", "Delete"),
            ("escape", "Back"),
        ),
    ),
    (
        "Routine editor",
        (
            ("a", "Add"),
            ("enter", "Dose"),
            ("x", "Remove"),
            ("delete", "Remove"),
            ("ctrl+up", "Up"),
            ("left_square_bracket", "Up"),
            ("ctrl+down", "Down"),
            ("right_square_bracket", "Down"),
            ("f2", "Save"),
            ("escape", "Back"),
        ),
    ),
    (
        "Session",
        (
            ("space", "Pause"),
            ("n", "Next"),
            ("right", "Next"),
            ("p", "Back"),
            ("left", "Back"),
            ("r", "Restart"),
            ("h", "It hurts"),
            ("v", "Voice on/off"),
            ("q", "Quit"),
            ("escape", "Quit"),
        ),
    ),
    (
        "Session summary",
        (
            ("enter", "Done"),
            ("escape", "Done"),
            ("q", "Done"),
            ("s", "Take the screening"),
            ("g", "Progress"),
        ),
    ),
    (
        "Progress",
        (
            ("escape", "Back"),
            ("e", "Export report"),
            ("b", "Browse sessions"),
        ),
    ),
    (
        "Settings",
        (
            ("escape", "Back"),
            ("space", "Toggle"),
            ("right", "Change"),
            ("left", "Change back"),
            ("enter", "Set"),
            ("plus", "One more"),
            ("minus", "One less"),
            ("up", "Previous setting"),
            ("down", "Next setting"),
            ("home", "First setting"),
            ("end", "Last setting"),
            ("pageup", "Page up"),
            ("pagedown", "Page down"),
        ),
    ),
    (
        "Help",
        (("escape", "Back"),),
    ),
)
