"""The `stretch-tui` command line: headless commands, or the app on a chosen screen
(docs/product.md 9).

Errors are one line on stderr; exit status 2 for usage errors and invalid files, 1 for other
failures, 0 for success. Headless commands never import Textual, so they start fast.
"""

from __future__ import annotations

import sys

from stretch_tui import __version__
from stretch_tui.cli.usage import UsageError

# `stretch-tui status` runs before every shell prompt: `main` hands it over before anything
# else is imported (argparse, attrs and the screen registry cost more than its whole budget,
# docs/product.md 9), so the imports the parser needs happen in the functions below.
TYPE_CHECKING = False  # without importing `typing`
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn

PROGRAM = "stretch-tui"

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "APP_SCREENS":
        # Commands that open the app on that screen (the registry's `command_line` flag).
        from stretch_tui.screen_names import command_line_screens

        return command_line_screens()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse, but a usage error is one clear line instead of the whole usage block."""

        def error(self, message: str) -> NoReturn:
            raise UsageError(f"{message} (see `{self.prog} --help`)")

    return _Parser


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command of docs/product.md 9 that exists so far."""
    import argparse
    from pathlib import Path

    from stretch_tui.domain import vocabulary as vocab
    from stretch_tui.screen_names import command_line_screens

    _Parser = _parser_class()
    home = _Parser(add_help=False)
    home.add_argument(
        "--home",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="keep every file under DIR (also: STRETCH_TUI_HOME=DIR)",
    )
    parser = _Parser(
        prog=PROGRAM,
        parents=[home],
        description="A terminal trainer for lower back and hip pain. "
        "Without a command, opens the app on its Home screen.",
        epilog="This is self-care guidance, not a diagnosis. Stop on sharp pain.",
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    for screen in command_line_screens():
        commands.add_parser(screen, parents=[home], help=f"open the app on the {screen} screen")

    session = commands.add_parser(
        "session", parents=[home], help="open the app straight into a guided session"
    )
    session.add_argument(
        "routine_id",
        nargs="?",
        metavar="ROUTINE_ID",
        help="the routine to run (default: the one recommended for you)",
    )
    session.add_argument(
        "--resume",
        action="store_true",
        help="go on with the session cut off last time (a dropped connection), where it stopped",
    )

    plan = commands.add_parser(
        "plan",
        parents=[home],
        help="print the session you would get now, with its warnings, without starting it",
    )
    plan.add_argument(
        "routine_id",
        nargs="?",
        metavar="ROUTINE_ID",
        help="the routine to plan (default: the one recommended for you)",
    )
    plan.add_argument("--json", action="store_true", help="print JSON (see the README)")

    listing = commands.add_parser("list", parents=[home], help="list the exercises")
    listing.add_argument("--json", action="store_true", help="print JSON (see the README)")
    listing.add_argument("--area", choices=vocab.TARGETS, metavar="AREA", help="body area")
    listing.add_argument("--position", choices=vocab.POSITIONS, metavar="POSITION")
    listing.add_argument(
        "--safe-for",
        choices=vocab.RESPONDER_TYPES,
        help="keep only exercises with no warning for this responder type",
    )

    show = commands.add_parser("show", parents=[home], help="print one exercise with its pose")
    show.add_argument("exercise_id", metavar="EXERCISE_ID")
    show.add_argument("--side", choices=("left", "right"), default="left", help="pose side")

    check = commands.add_parser("check", parents=[home], help="validate catalog TOML files")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    history = commands.add_parser("history", parents=[home], help="print the session history")
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON (see the README)")
    form.add_argument("--csv", action="store_true", help="print CSV, one row per exercise")
    history.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions from this day on")

    from stretch_tui.cli.report import positive_weeks

    report = commands.add_parser(
        "report", parents=[home], help="a Markdown report for you or your clinician"
    )
    report.add_argument(
        "--weeks", type=positive_weeks, default=4, metavar="N", help="weeks covered (default 4)"
    )
    report.add_argument(
        "--out", type=Path, metavar="FILE", help="write the report to FILE (default: print it)"
    )

    status = commands.add_parser(
        "status",
        parents=[home],
        help="one line for a shell prompt: last session, streak, this week, any warning",
    )
    status_form = status.add_mutually_exclusive_group()
    status_form.add_argument(
        "--short", action="store_true", help="at most 40 columns (see the README)"
    )
    status_form.add_argument("--json", action="store_true", help="print JSON (see the README)")

    commands.add_parser("paths", parents=[home], help="print where the files live")
    commands.add_parser(
        "sound-test", parents=[home], help="play every cue and say which sound mode is used"
    )

    from stretch_tui.cli.serve import add_serve_arguments

    add_serve_arguments(
        commands.add_parser(
            "serve", parents=[home], help="the app in a web browser, through textual-serve"
        )
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        quick = _status_arguments(sys.argv[1:] if argv is None else list(argv))
        if quick is not None:
            from stretch_tui.cli.status import run_status

            return run_status(*quick)
        app = _app_arguments(sys.argv[1:] if argv is None else list(argv))
        if app is not None:
            return _run_app_quickly(*app)
        args = build_parser().parse_args(argv)
        return _dispatch(args)
    except UsageError as error:
        _fail(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `stretch-tui list | head`: the reader left; nothing more to say.
        sys.stderr.close()
        return EXIT_OK


def _status_arguments(argv: list[str]) -> tuple[str | None, str] | None:
    """`(home, form)` for `[--home DIR] status [--home DIR] [--short | --json]`, read without
    argparse (see the imports); None for any other command line, or anything unusual in this
    one (help, a mistake), which the full parser then handles."""
    home: str | None = None
    if argv[:1] == ["--home"] and len(argv) > 2:
        home, argv = argv[1], argv[2:]
    elif argv[:1] and argv[0].startswith("--home="):
        home, argv = argv[0].removeprefix("--home="), argv[1:]
    if argv[:1] != ["status"]:
        return None
    from stretch_tui.cli.status import parse_arguments

    found = parse_arguments(argv[1:])
    if found is None or home == "":
        return None
    return (found[0] if found[0] is not None else home), found[1]


def _app_arguments(argv: list[str]) -> tuple[str | None, str | None] | None:
    """`(home, screen)` for `stretch-tui [--home DIR] [SCREEN]` (the home option before or
    after the screen), read without argparse: building the full parser took a tenth of the
    launch's time to the first frame over a bare Textual app's (docs/product.md 10). None for
    any other command line, which the full parser handles (help, a mistake, other commands)."""
    from stretch_tui.screen_names import command_line_screens

    home: str | None = None
    screen: str | None = None
    arguments = list(argv)
    while arguments:
        argument = arguments.pop(0)
        if argument == "--home" and home is None and arguments and arguments[0]:
            home = arguments.pop(0)
            if home.startswith("-"):
                return None
        elif argument.startswith("--home=") and home is None and argument != "--home=":
            home = argument.removeprefix("--home=")
        elif screen is None and argument in command_line_screens():
            screen = argument
        else:
            return None
    return home, screen


def _run_app_quickly(home: str | None, screen: str | None) -> int:
    """The app on `screen` (Home when None), as `_dispatch` runs it after the full parser."""
    from stretch_tui.cli.launch import run_app
    from stretch_tui.storage.paths import resolve_paths

    return run_app(resolve_paths(home), screen=screen)


def _dispatch(args: argparse.Namespace) -> int:
    from stretch_tui.storage.paths import resolve_paths

    paths = resolve_paths(getattr(args, "home", None))
    match args.command:
        case "list" | "show" | "check":
            from stretch_tui.cli import catalog_commands

            runner = {
                "list": catalog_commands.run_list,
                "show": catalog_commands.run_show,
                "check": catalog_commands.run_check,
            }[args.command]
            return runner(args, paths)
        case "history":
            from stretch_tui.cli.files import run_history

            return run_history(args, paths)
        case "plan":
            from stretch_tui.cli.plan import run_plan

            return run_plan(args, paths)
        case "report":
            from stretch_tui.cli.report import run_report

            return run_report(args, paths)
        case "status":
            from stretch_tui.cli.status import run_status

            return run_status(getattr(args, "home", None), _status_form(args))
        case "paths":
            from stretch_tui.cli.files import run_paths

            return run_paths(args, paths)
        case "sound-test":
            from stretch_tui.cli.sound_test import run_sound_test

            return run_sound_test(args, paths)
        case "serve":
            from stretch_tui.cli.serve import run_serve

            return run_serve(args)
        case "session":
            from stretch_tui.cli.launch import check_resumable, check_routine_id, run_app

            if args.resume:
                if args.routine_id is not None:
                    raise UsageError("--resume goes on with the session cut off; name no routine")
                check_resumable(paths)
                return run_app(paths, screen="resume")
            if args.routine_id is not None:
                check_routine_id(paths, args.routine_id)
            return run_app(paths, screen="session", routine=args.routine_id)
        case _:
            from stretch_tui.cli.launch import run_app

            return run_app(paths, screen=args.command)


def _status_form(args: argparse.Namespace) -> str:
    return "short" if args.short else "json" if args.json else "line"


def _fail(message: str) -> None:
    print(f"{PROGRAM}: {message}", file=sys.stderr)
