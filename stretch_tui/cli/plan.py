"""`plan`: the session the person would get now, without starting it (docs/product.md 9).

The same routine, dose and pre-session check as a session started from the app: the
recommended routine by default, or `ROUTINE_ID`; each exercise and side with its dose, the
planned seconds and every warning (`stretch_tui.domain.session_check`). `--json` prints the
stable shape documented in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stretch_tui.domain.session_check import PlannedItem, PreSessionCheck
    from stretch_tui.domain.session_plan import SessionPlan
    from stretch_tui.storage.paths import AppPaths

PLAN_SCHEMA = 1
"""The `schema` of `plan --json`; goes up only when a field changes meaning or goes away."""

_EXIT_OK, _EXIT_USAGE = 0, 2


def run_plan(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the planned session for the current profile and preferences."""
    from stretch_tui.domain.history import NO_PROFILE
    from stretch_tui.domain.recommend import recommend_routine
    from stretch_tui.domain.routine import RECOMMENDED_ID
    from stretch_tui.domain.session_check import check_routine, planned_items
    from stretch_tui.domain.session_plan import plan_session
    from stretch_tui.storage.preferences import load_preferences
    from stretch_tui.storage.profile import load_profile
    from stretch_tui.storage.user_catalog import load_all_routines, load_user_catalog

    profile = load_profile(paths)
    preferences = load_preferences(paths)
    for notice in [*profile.notices, *preferences.notices]:
        print(f"stretch-tui: {notice}", file=sys.stderr)
    catalog = load_user_catalog(paths)
    responder = profile.value.responder
    routine_id = args.routine_id or RECOMMENDED_ID
    if routine_id == RECOMMENDED_ID:
        routine = recommend_routine(catalog, responder, preferences.value).routine
    else:
        routines, _problems = load_all_routines(paths, catalog)
        found = routines.get(routine_id)
        if found is None:
            known = ", ".join([RECOMMENDED_ID, *sorted(routines)])
            print(
                f"stretch-tui: unknown routine `{routine_id}`; known routines: {known}",
                file=sys.stderr,
            )
            return _EXIT_USAGE
        routine = found
    check = check_routine(routine, catalog, responder, preferences.value)
    plan = plan_session(routine, catalog, preferences.value)
    items = planned_items(plan, check, catalog)
    profile_name = responder or NO_PROFILE
    if args.json:
        json.dump(_as_json(routine.id, profile_name, items), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_as_text(plan, check, items, profile_name))
    return _EXIT_OK


def _as_json(routine_id: str, profile: str, items: list[PlannedItem]) -> dict[str, Any]:
    return {
        "schema": PLAN_SCHEMA,
        "routine": routine_id,
        "profile": profile,
        "items": [
            {
                "exercise": item.exercise_id,
                "side": item.side,
                "planned_seconds": item.planned_seconds,
                "warnings": [
                    {"kind": warning.kind, "why": warning.why} for warning in item.warnings
                ],
            }
            for item in items
        ],
    }


def _as_text(
    plan: SessionPlan, check: PreSessionCheck, items: list[PlannedItem], profile: str
) -> str:
    from stretch_tui.domain.session_summary import format_duration

    lines = [
        f"{plan.routine_name} ({plan.routine_id}), for profile: {profile}",
        f"{len(items)} parts, {format_duration(round(plan.total_seconds))} with lead-in and rests",
        "",
    ]
    for item in items:
        side = "" if item.side == "both" else f", {item.side} side"
        lines.append(f"- {item.name}{side}: {item.dose}, {item.planned_seconds} s")
        lines.extend(f"    ! {warning.kind}: {warning.why}" for warning in item.warnings)
    if plan.missing:
        lines.append(f"Not in the catalog, left out: {', '.join(plan.missing)}")
    if check.flagged:
        lines += [
            "",
            f"{len(check.flagged)} exercise(s) may not suit you; a session started now lists "
            "them first and offers to skip them.",
        ]
    return "\n".join(lines) + "\n"
