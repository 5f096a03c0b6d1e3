"""Atomic saves: a process killed at any moment of a save leaves the old or the new complete
file (never half, never none), the previous version is kept as NAME.bak, and saving keeps the
file's permissions and writes through symbolic links."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.io import atomic, graphml, native
from argmap.io.atomic import SaveError, backup_path, write_bytes_atomic
from argmap.model.map import ArgumentMap
from argmap.model.synthetic import synthetic_map
from argmap.model.types import with_changes

ROOT = Path(__file__).resolve().parents[2]
KILL_ROUNDS = 200


def big_map(variant: str, claims: int = 60, text_chars: int = 40_000) -> ArgumentMap:
    """A map of a few MB whose saving is mostly file writing (long texts dump at C speed), so
    that random kills land in every step of a save, not only in building the text."""
    m = synthetic_map(claims, seed=7)
    rng = random.Random(variant)
    words = ["peace", "talks", "ceasefire", "border", "trust", "aid", "vote", "army"]
    for cid in sorted(m.claims):
        text = " ".join(rng.choice(words) for _ in range(text_chars // 6))[:text_chars]
        m.replace_claim(with_changes(m.claims[cid], text=f"{variant} {text}"))
    return m


def kill_rounds(path: str, rounds: int, seed: int) -> None:
    """Run in a separate interpreter: fork a child that saves maps A and B alternately with
    native.write, SIGKILL it after a random delay, and record what is on disk. Prints JSON lines.

    The delay is uniform over 0 .. max(50 ms, 2.5 saves) with a save timed here first, so that
    on a loaded machine too the kills spread over the first, second and third save of the child
    (building the text, writing, fsync, the backup link, the rename).
    """
    target = Path(path)
    a, b = big_map("A"), big_map("B")
    text = {"A": native.dumps(a).encode(), "B": native.dumps(b).encode()}
    maps = {"A": a, "B": b}
    rng = random.Random(seed)

    def state(p: Path) -> str:
        if not p.exists():
            return "none"
        data = p.read_bytes()
        return next((k for k, v in text.items() if v == data), "other")

    start = time.perf_counter()
    native.write(b, target)
    native.write(a, target)
    window = max(0.05, 2.5 * (time.perf_counter() - start) / 2)
    on_disk = "A"
    for i in range(rounds):
        first, second = ("B", "A") if on_disk == "A" else ("A", "B")
        pid = os.fork()
        if pid == 0:  # the saving process: never returns, dies by SIGKILL
            try:
                while True:
                    native.write(maps[first], target)
                    native.write(maps[second], target)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        on_disk = state(target)
        leftovers = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        for p in leftovers:
            p.unlink()
        loaded = None
        if i % 20 == 0:  # a full load now and then (byte equality with canonical text implies it)
            m = native.read(target)
            loaded = next((k for k, v in maps.items() if v == m), "other")
        row = {
            "round": i,
            "file": on_disk,
            "bak": state(backup_path(target)),
            "tmp_left": len(leftovers),
            "loaded": loaded,
            "window": round(window, 3),
        }
        print(json.dumps(row), flush=True)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_kill_during_save_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.argmap"
    code = (
        "import sys\n"
        "from tests.io.test_atomic import kill_rounds\n"
        "kill_rounds(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target), str(KILL_ROUNDS), "2024"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == KILL_ROUNDS
    assert all(r["file"] in ("A", "B") for r in rows), [r for r in rows if r["file"] not in "AB"]
    assert all(r["bak"] in ("A", "B", "none") for r in rows)
    assert all(r["bak"] != "none" for r in rows)
    assert all(r["loaded"] in (None, "A", "B") for r in rows)
    assert sum(r["loaded"] is not None for r in rows) == KILL_ROUNDS // 20
    # The test tests something: both versions were seen, and many kills landed in the middle
    # of a save (between creating the temporary file and renaming it).
    assert {r["file"] for r in rows} == {"A", "B"}
    assert sum(r["tmp_left"] > 0 for r in rows) >= KILL_ROUNDS // 20


def test_backup_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    write_bytes_atomic(path, b"one")
    assert not backup_path(path).exists(), "no backup of a file that did not exist"
    write_bytes_atomic(path, b"two")
    write_bytes_atomic(path, b"three")
    assert path.read_bytes() == b"three"
    assert backup_path(path).read_bytes() == b"two"
    assert backup_path(path).name == "m.argmap.bak"
    assert os.stat(path).st_ino != os.stat(backup_path(path)).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.argmap", "m.argmap.bak"]


def test_backup_can_be_turned_off(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    write_bytes_atomic(path, b"one", backup=False)
    write_bytes_atomic(path, b"two", backup=False)
    assert path.read_bytes() == b"two"
    assert not backup_path(path).exists()


def test_backup_by_copy_where_hard_links_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File systems without hard links (FAT, some network shares) get a copy instead."""

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    path = tmp_path / "m.graphml"
    write_bytes_atomic(path, b"old")
    write_bytes_atomic(path, b"new")
    assert backup_path(path).read_bytes() == b"old"
    assert path.read_bytes() == b"new"


def test_every_format_writer_keeps_a_backup(tmp_path: Path) -> None:
    m1, m2 = synthetic_map(5, seed=1), synthetic_map(6, seed=2)
    for writer, name in ((native.write, "m.argmap"), (graphml.write, "m.graphml")):
        path = tmp_path / name
        writer(m1, path)
        first = path.read_bytes()
        writer(m2, path)
        assert backup_path(path).read_bytes() == first
        assert backup_path(path).name == name + ".bak"


def test_permissions_are_kept_and_new_files_get_the_usual_ones(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    write_bytes_atomic(path, b"one")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    write_bytes_atomic(path, b"two")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_saving_through_a_symbolic_link_updates_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.argmap"
    link = tmp_path / "link.argmap"
    real.write_bytes(b"old")
    link.symlink_to(real)
    write_bytes_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert (tmp_path / "real.argmap.bak").read_bytes() == b"old"


def test_save_errors_are_one_line_and_leave_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "m.argmap"
    with pytest.raises(SaveError, match=r"no-such-folder/m.argmap: cannot save: No such file"):
        write_bytes_atomic(missing, b"x")


def test_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    write_bytes_atomic(path, b"old")
    with pytest.raises(TypeError):
        write_bytes_atomic(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.argmap"]


def test_cli_reports_an_unwritable_output_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from argmap import cli

    src = tmp_path / "m.argmap"
    native.write(synthetic_map(3), src)
    out = tmp_path / "missing" / "m.graphml"
    assert cli.main(["convert", str(src), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot save" in err and "Traceback" not in err


def test_a_backup_opens_as_the_format_it_backs_up(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from argmap import cli
    from argmap.io import registry

    path = tmp_path / "m.graphml"
    old = synthetic_map(4, seed=3)
    registry.write(old, path)
    registry.write(synthetic_map(5, seed=4), path)
    assert registry.read(backup_path(path)) == old
    restored = tmp_path / "restored.argmap"
    assert cli.main(["convert", str(backup_path(path)), str(restored)]) == 0
    assert native.read(restored) == old
