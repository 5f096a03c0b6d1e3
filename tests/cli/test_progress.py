"""Progress on the command line: a bar on stderr when it is a terminal, nothing when piped."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios

import pytest

from argmap.analysis.cruxes import cruxes
from argmap.model.progress import Cancelled, terminal_progress
from argmap.model.synthetic import synthetic_map


def test_cruxes_reports_progress_and_stops_when_cancelled():
    m = synthetic_map(120, seed=3)
    seen: list[tuple[int, int]] = []
    cruxes(m, progress=lambda done, total: seen.append((done, total)))
    total = seen[0][1]
    assert total > 10 and [d for d, _ in seen] == list(range(total))

    def cancel_at_5(done: int, total: int) -> None:
        if done == 5:
            raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        cruxes(m, progress=cancel_at_5)


def test_no_bar_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with terminal_progress("work", stream) as progress:
        assert progress is None
    assert stream.getvalue() == ""


def test_cli_draws_a_bar_on_a_terminal_and_not_in_a_pipe(tmp_path, seed_path):
    cmd = [sys.executable, "-m", "argmap", "cruxes", str(seed_path), "--top", "1"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert piped.returncode == 0 and piped.stderr == ""
    # A pseudo-terminal as stderr: tqdm draws "cruxes: ... step" lines there.
    leader, follower = pty.openpty()
    # 24 rows, 100 columns (a new pseudo-terminal has 0 columns: no room for a bar).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=follower, env=env)
    drawn = b""
    while select.select([leader], [], [], 0)[0]:  # what the finished process wrote there
        drawn += os.read(leader, 65536)
    os.close(follower)
    os.close(leader)
    assert run.returncode == 0
    assert b"cruxes:" in drawn and b"step" in drawn
    assert run.stdout == piped.stdout.encode()


def _on_a_terminal(cmd: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=follower, env=env)
    drawn = b""
    while select.select([leader], [], [], 0)[0]:
        drawn += os.read(leader, 65536)
    os.close(follower)
    os.close(leader)
    return run.returncode, drawn


@pytest.mark.parametrize(
    ("command", "phases"),
    [
        (["layout", "{seed}", "-o", "{out}.argmap"], [b"reading", b"laying out", b"writing"]),
        (["convert", "{seed}", "{out}.graphml"], [b"reading", b"writing"]),
        (["export", "svg", "{seed}", "-o", "{out}.svg"], [b"reading", b"drawing"]),
    ],
)
def test_long_commands_show_their_phases_on_a_terminal_only(tmp_path, seed_path, command, phases):
    args = [a.format(seed=seed_path, out=tmp_path / "out") for a in command]
    cmd = [sys.executable, "-m", "argmap", *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert piped.returncode == 0
    assert "%|" not in piped.stderr and "laying out" not in piped.stderr  # no bar in a pipe
    status, drawn = _on_a_terminal(cmd, env)
    assert status == 0
    assert f"{command[0]}:".encode() in drawn
    for phase in phases:
        assert phase in drawn, (phase, drawn[-400:])
