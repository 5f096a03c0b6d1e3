"""The `argmap` command: output, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from argmap.cli import main
from argmap.io import native
from argmap.model.synthetic import synthetic_map

GOOD = {
    "format": "argmap",
    "version": 1,
    "claims": [
        {"id": "a", "text": "Troops were freed", "kind": "claim"},
        {"id": "b", "text": "Pokrovsk holds", "kind": "thesis"},
        {"id": "c", "text": "They were exhausted", "kind": "evidence"},
    ],
    "relations": [
        {"id": "r1", "source": "a", "target": "b", "kind": "support"},
        {"id": "r2", "source": "c", "target": "a", "kind": "attack"},
    ],
}


def write(tmp_path, name, content) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return str(path)


def test_info_json_counts(tmp_path, capsys):
    path = write(tmp_path, "m.argmap", GOOD)
    assert main(["info", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"] == 3 and data["relations"] == 2
    assert data["kinds"] == {"thesis": 1, "claim": 1, "evidence": 1, "assumption": 0, "argument": 0}
    assert data["relation_kinds"] == {"support": 1, "attack": 1}


def test_info_text(tmp_path, capsys):
    path = write(tmp_path, "m.argmap", GOOD)
    assert main(["info", path]) == 0
    out = capsys.readouterr().out
    assert "claims     3" in out and "support 1" in out


def test_convert_argmap_to_argmap_is_canonical(tmp_path):
    m = synthetic_map(40, seed=5)
    src = tmp_path / "in.argmap"
    native.write(m, src)
    out = tmp_path / "out.argmap"
    assert main(["convert", str(src), str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()


def test_convert_unknown_extension_is_a_usage_error(tmp_path, capsys):
    path = write(tmp_path, "m.argmap", GOOD)
    assert main(["convert", path, str(tmp_path / "out.xyz")]) == 2
    err = capsys.readouterr().err
    assert "out.xyz" in err and "cannot tell the format" in err and err.count("\n") == 1


BAD = {
    "truncated.argmap": (json.dumps(GOOD)[:70].encode(), "invalid JSON"),
    "wrong-type.argmap": (
        {**GOOD, "claims": [{"id": "a", "text": ["not", "a", "string"]}]},
        "$.claims[0].text: expected string, got array",
    ),
    "future.argmap": ({**GOOD, "version": 7}, "$.version: version 7 is newer"),
    "missing-claim.argmap": (
        {**GOOD, "relations": [{"id": "r1", "source": "a", "target": "zz", "kind": "support"}]},
        "$.relations[0].target: target 'zz' is not a claim or relation",
    ),
    "duplicate.argmap": (
        {**GOOD, "claims": GOOD["claims"] + [{"id": "b", "text": "again"}]},
        "$.claims[3].id: duplicate id 'b'",
    ),
    "latin1.argmap": ('{"format": "argmap", "title": "Kyïv"}'.encode("latin-1"), "not UTF-8"),
    "empty.argmap": (b"", "empty file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_exit_2_with_one_line(tmp_path, capsys, name):
    content, reason = BAD[name]
    path = write(tmp_path, name, content)
    assert main(["info", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"argmap: {path}: ")
    assert reason in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_missing_file_and_bad_usage(tmp_path, capsys):
    assert main(["info", str(tmp_path / "nope.argmap")]) == 2
    assert "nope.argmap: no such file" in capsys.readouterr().err
    assert main(["info"]) == 2
    err = capsys.readouterr().err
    assert "the following arguments are required: file" in err and err.count("\n") == 1
    assert main(["frobnicate"]) == 2


@pytest.mark.parametrize("command", ["open", "info", "convert"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage: argmap " + command in capsys.readouterr().out


def test_python_dash_m_runs_the_cli(tmp_path):
    bad = write(tmp_path, "bad.argmap", b"{ nope")
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "info", bad], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert run.stderr.strip().startswith(f"argmap: {bad}: line 1 column 3: invalid JSON")
    assert "Traceback" not in run.stderr
    good = write(tmp_path, "good.argmap", GOOD)
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "info", good, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0 and json.loads(run.stdout)["claims"] == 3
