"""`stretch-tui serve`: the checks before serving, and the command textual-serve runs per tab
(docs/product.md 9.1). Nothing here listens on a port or starts a browser; the end-to-end
test (tests/e2e/test_serve_browser.py) does."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

import pytest

from stretch_tui.cli import build_parser, main
from stretch_tui.cli import serve as serve_cli


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Record what would be served instead of serving it (the port check still runs)."""
    calls: list[dict[str, object]] = []

    def serve_app(command: str, *, host: str, port: int, url: str) -> None:
        calls.append({"command": command, "host": host, "port": port, "url": url})

    pytest.importorskip("textual_serve")
    from stretch_tui.cli import browser_server

    monkeypatch.setattr(browser_server, "serve_app", serve_app)
    return calls


def test_without_the_web_extra_it_says_how_to_install_it_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(serve_cli, "find_spec", lambda name: None)
    assert main(["serve"]) == 2
    line = one_error_line(capsys)
    assert "pip install 'stretch-tui[web]'" in line
    assert line.startswith("stretch-tui: ")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_a_host_other_machines_reach_needs_the_no_login_flag(
    host: str, capsys: pytest.CaptureFixture[str], served: list[dict[str, object]]
) -> None:
    assert main(["serve", "--host", host]) == 2
    line = one_error_line(capsys)
    assert "no login" in line and serve_cli.NO_LOGIN_FLAG in line
    assert served == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_need_no_flag(host: str) -> None:
    assert serve_cli.is_loopback(host)


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_a_bad_port_is_one_line_and_exit_2(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", port]) == 2
    assert "port number" in one_error_line(capsys)


def test_it_binds_the_loopback_address_by_default(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], served: list[dict[str, object]]
) -> None:
    port = free_port()
    assert main(["serve", "--port", str(port)]) == 0
    (call,) = served
    assert call["host"] == "127.0.0.1"
    assert call["port"] == port
    assert call["url"] == f"http://127.0.0.1:{port}"
    assert capsys.readouterr().err == ""


def test_the_tab_command_is_this_python_running_the_app_over_the_same_home(
    tmp_path: Path, served: list[dict[str, object]]
) -> None:
    home = tmp_path / "a home with spaces"
    assert main(["--home", str(home), "serve", "--port", str(free_port())]) == 0
    command = str(served[0]["command"])
    assert shlex.split(command) == [sys.executable, "-m", "stretch_tui", "--home", str(home)]


def test_the_tab_command_takes_the_home_from_the_environment(
    isolated_home: Path, served: list[dict[str, object]]
) -> None:
    assert main(["serve", "--port", str(free_port())]) == 0
    assert shlex.split(str(served[0]["command"]))[-2:] == ["--home", str(isolated_home)]


def test_a_relative_home_is_made_absolute_for_the_tabs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["--home", "stretch", "serve"])
    assert serve_cli.chosen_home(args, {}) == tmp_path / "stretch"
    assert serve_cli.chosen_home(argparse.Namespace(), {}) is None


def test_without_a_home_the_tabs_use_the_platform_folders_as_this_process_does() -> None:
    words = shlex.split(serve_cli.app_command(None, python="/opt/py/bin/python3"))
    assert words == ["/opt/py/bin/python3", "-m", "stretch_tui"]


def test_a_host_other_machines_reach_is_served_with_a_warning_once_allowed(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], served: list[dict[str, object]]
) -> None:
    port = free_port()
    argv = ["serve", "--host", "0.0.0.0", "--port", str(port), serve_cli.NO_LOGIN_FLAG]
    assert main(argv) == 0
    warning = one_error_line(capsys)
    assert "warning" in warning and "no login" in warning
    (call,) = served
    assert call["host"] == "0.0.0.0"
    # 0.0.0.0 cannot be opened in a browser: the address printed names this machine.
    assert call["url"] != f"http://0.0.0.0:{port}"
    assert str(call["url"]).endswith(f":{port}")


def test_an_ipv6_address_is_put_in_brackets_in_the_url() -> None:
    assert serve_cli.url_to_open("::1", 8000) == "http://[::1]:8000"


def test_a_port_already_in_use_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], served: list[dict[str, object]]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in one_error_line(capsys)
    assert served == []


def test_serve_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--port" in out and "--host" in out and serve_cli.NO_LOGIN_FLAG in out


def free_port() -> int:
    """A port nobody listens on now (the kernel's pick)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
