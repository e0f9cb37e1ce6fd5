"""The self-care notice, in one place, shown on first run and in Help (docs/product.md 1)."""

SELF_CARE_NOTICE = (
    "stretch-tui is self-care guidance, not a diagnosis or a treatment plan. "
    "Feeling a stretch pull is fine; sharp pain means stop. "
    "If your pain is not easing within a few days, or you notice any warning sign the "
    "screening asks about, see a clinician."
)
"""Said once, plainly, on first run and in help; never hidden by a red-flag result."""
