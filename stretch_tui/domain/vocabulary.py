"""The fixed vocabularies of the catalog (docs/product.md 3.1 and 3.2).

Catalog files may only use these words; the validator reports anything else.
"""

from typing import Final

TARGETS: Final = (
    "lower-back",
    "mid-back",
    "upper-back",
    "spine",
    "hips",
    "hip-flexors",
    "psoas",
    "glutes",
    "piriformis",
    "hamstrings",
    "quads",
    "adductors",
    "obliques",
    "intercostals",
    "abdominals",
    "chest",
    "shoulders",
    "ankles",
)
"""Body areas an exercise can work."""

KINDS: Final = ("stretch", "mobility", "strength", "aerobic")
"""What sort of exercise it is; `mobility` means dynamic."""

POSITIONS: Final = ("standing", "seated", "kneeling", "tabletop", "supine", "prone", "equipment")
"""The starting position."""

DIRECTIONS: Final = ("extension", "flexion", "rotation", "lateral", "mixed", "neutral")
"""The spinal direction an exercise loads."""

DIFFICULTIES: Final = ("beginner", "intermediate", "advanced")
"""How hard it is."""

DOSE_KINDS: Final = ("hold", "breaths", "reps", "cycles", "duration")
"""How the runner doses it (docs/product.md 3.2)."""

SIDES: Final = ("both", "each", "alternate")
"""`both`: one go; `each`: left then right; `alternate`: left/right within each rep."""

CAUTION_WHO: Final = ("extension-responders", "flexion-responders", "everyone")
"""Who a caution is for."""

CAUTION_LEVELS: Final = ("avoid", "caution")
"""How strong a caution is."""

RESPONDER_TYPES: Final = ("extension", "flexion", "unclear")
"""Results of the directional-preference screening (docs/product.md 4.2)."""

POSE_MAX_COLUMNS: Final = 40
"""Widest a pose frame may be."""

POSE_MAX_ROWS: Final = 14
"""Tallest a pose frame may be."""
