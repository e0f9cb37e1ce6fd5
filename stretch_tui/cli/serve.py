"""`stretch-tui serve`: the app in a web browser, through `textual-serve` (docs/product.md 9.1).

textual-serve runs one command per browser tab, in a shell, with Textual's web driver named in
`TEXTUAL_DRIVER`; here that command is this interpreter running `-m stretch_tui` over the same
files (`--home`), so each tab is an app process of its own and two tabs share the files through
the same locks as two terminals do. It has no login, so it listens on the loopback address
unless told otherwise, in so many words.

`build_parser` imports this module for every command, so what only serving needs (sockets,
addresses, quoting) is imported inside the functions that use it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Final

from stretch_tui.cli.usage import UsageError
from stretch_tui.storage.paths import HOME_VARIABLE

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000

NO_LOGIN_FLAG: Final = "--i-understand-there-is-no-login"
"""What `--host` needs besides a loopback address: anyone who reaches the port gets the app."""

INSTALL_HINT: Final = "serve needs the `web` extra (textual-serve): pip install 'stretch-tui[web]'"

_EXIT_OK: Final = 0


def add_serve_arguments(serve: argparse.ArgumentParser) -> None:
    """The options of `stretch-tui serve`."""
    serve.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default {DEFAULT_PORT})",
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="H",
        help=f"the address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    serve.add_argument(
        NO_LOGIN_FLAG,
        dest="no_login_understood",
        action="store_true",
        help="allow a --host other machines can reach; there is no login, so anyone who "
        "can reach the port gets your history",
    )


def port_number(text: str) -> int:
    """A port from 1 to 65535, for argparse."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 1 to 65535")
    return port


def is_loopback(host: str) -> bool:
    """True when `host` only reaches this machine: `localhost` or a loopback address."""
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(home: Path | None, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser tab: this interpreter running
    the app over `home` (None: the platform's folders, as for this process)."""
    import shlex

    words = [python, "-m", "stretch_tui"]
    if home is not None:
        words += ["--home", str(home)]
    return shlex.join(words)


def chosen_home(args: argparse.Namespace, environ: Mapping[str, str]) -> Path | None:
    """The home folder given with `--home` or STRETCH_TUI_HOME, made absolute (the tabs'
    processes then find it wherever they start), or None for the platform's folders."""
    chosen = getattr(args, "home", None) or environ.get(HOME_VARIABLE) or None
    return None if chosen is None else Path(chosen).expanduser().absolute()


def url_to_open(host: str, port: int) -> str:
    """The address to type in the browser: an IPv6 address in brackets, and this machine's
    name for an address that means "every interface" (0.0.0.0, ::), which a browser cannot
    open."""
    import ipaddress
    import socket

    bare = host.strip("[]")
    try:
        if ipaddress.ip_address(bare).is_unspecified:
            bare = socket.gethostname()
    except ValueError:
        pass
    shown = f"[{bare}]" if ":" in bare else bare
    return f"http://{shown}:{port}"


def check_serve_arguments(args: argparse.Namespace) -> None:
    """Raise `UsageError` (one line) when serving would need the extra, or would open the app
    to other machines without the flag that says the person knows there is no login."""
    if find_spec("textual_serve") is None:
        raise UsageError(INSTALL_HINT)
    if not is_loopback(args.host) and not args.no_login_understood:
        raise UsageError(
            f"--host {args.host} lets other machines in and there is no login; "
            f"add {NO_LOGIN_FLAG} if that is what you want"
        )


def run_serve(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    """Serve the app until Ctrl+C; 2 (through `UsageError`) when it cannot start."""
    check_serve_arguments(args)
    command = app_command(chosen_home(args, environ))
    _check_port_free(args.host, args.port)
    url = url_to_open(args.host, args.port)
    if not is_loopback(args.host):
        print(
            f"stretch-tui: warning: serving on {args.host} with no login; anyone who can "
            f"reach port {args.port} can use the app and read your history",
            file=sys.stderr,
        )
    from stretch_tui.cli.browser_server import serve_app

    serve_app(command, host=args.host, port=args.port, url=url)
    return _EXIT_OK


def _check_port_free(host: str, port: int) -> None:
    """Raise `UsageError` when the port cannot be listened on, before the server says so in a
    traceback."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: {error.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise UsageError(f"cannot listen on {host} port {port}: {error.strerror}") from None
