"""`argmap eval`, `argmap check` and `argmap cruxes` through main() and one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.io import native
from argmap.model import Claim, ClaimKind, Relation, RelationKind, SourceRef, build_map

S, A = RelationKind.SUPPORT, RelationKind.ATTACK


@pytest.fixture
def debate(tmp_path: Path) -> Path:
    m = build_map(
        [
            Claim("t", "Talks will start in spring", ClaimKind.THESIS),
            Claim("e", "Both sides named envoys", ClaimKind.EVIDENCE, source=SourceRef("d", 1)),
            Claim("a", "The front is moving", ClaimKind.CLAIM, source=SourceRef("d", 2)),
            Claim("d", "The front has frozen", ClaimKind.EVIDENCE, source=SourceRef("d", 3)),
        ],
        [Relation("r1", "e", "t", S), Relation("r2", "a", "t", A), Relation("r3", "d", "a", A)],
    )
    path = tmp_path / "debate.argmap"
    native.write(m, path)
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    m = build_map(
        [Claim("t", kind=ClaimKind.THESIS), Claim("p"), Claim("q")],
        [Relation("r1", "p", "q", A), Relation("r2", "q", "p", A)],
    )
    path = tmp_path / "messy.argmap"
    native.write(m, path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_json_shapes(capsys, debate: Path) -> None:
    code, out, _ = run(capsys, "eval", str(debate), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["semantics"] == "grounded"
    assert data["extensions"] == [["d", "e", "t"]]
    assert data["labels"] == {"t": "in", "e": "in", "a": "out", "d": "in"}
    for sem in ("complete", "preferred", "stable"):
        code, out, _ = run(capsys, "eval", str(debate), "--semantics", sem, "--json")
        data = json.loads(out)
        assert code == 0 and data["semantics"] == sem
        assert data["extensions"] == [["d", "e", "t"]] and set(data["labels"]) == set("tead")
    code, out, _ = run(capsys, "eval", str(debate), "--semantics", "dfquad", "--json")
    data = json.loads(out)
    # a = 0.5 - 0.5 * 0.5 = 0.25; t = 0.5 + 0.5 * (0.5 - 0.25) = 0.625.
    assert data["strengths"]["t"] == pytest.approx(0.625)
    assert data["converged"] is True and data["iterations"] == 1
    code, out, _ = run(capsys, "eval", str(debate), "--semantics", "qe", "--json")
    assert code == 0 and set(json.loads(out)["strengths"]) == set("tead")


def test_eval_text_is_sorted_and_aligned(capsys, debate: Path) -> None:
    code, out, _ = run(capsys, "eval", str(debate))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("grounded semantics (support: necessary) on 4 claims: 3 in, 1 out")
    assert [ln.split()[0] for ln in lines[1:5]] == ["a", "d", "e", "t"]
    assert lines[1].startswith("  a  out    The front is moving")
    assert lines[-1] == "  1: {d, e, t}"


def test_check_exit_codes(capsys, debate: Path, messy: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(debate))
    assert (code, out.strip()) == (0, f"{debate}: no findings")
    code, out, _ = run(capsys, "check", str(messy), "--json")
    data = json.loads(out)
    assert code == 1
    assert {f["code"] for f in data["findings"]} == {
        "unsupported-thesis",
        "isolated-claim",
        "no-source",
        "undecided-mutual-attack",
    }
    assert all(set(f) == {"code", "message", "claims", "relations"} for f in data["findings"])
    code, out, _ = run(capsys, "check", str(messy))
    assert code == 1 and out.splitlines()[0] == f"{messy}: 5 findings"
    bad = tmp_path / "bad.argmap"
    bad.write_text("{ not json")
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2 and err.startswith("argmap: ") and str(bad) in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "eval", str(tmp_path / "missing.argmap"))
    assert code == 2 and "no such file" in err


def test_eval_search_limit_is_a_clean_error(capsys, tmp_path: Path) -> None:
    # 30 mutual attacks: 3**30 complete labellings; a tiny time limit must stop with exit 2.
    path = tmp_path / "hard.apx"
    lines = [f"arg(a{i})." for i in range(60)]
    lines += [f"att(a{i},a{i + 1}).\natt(a{i + 1},a{i})." for i in range(0, 60, 2)]
    path.write_text("\n".join(lines) + "\n")
    code, _, err = run(capsys, "eval", str(path), "--semantics", "complete", "--time-limit", "0.2")
    assert code == 2 and "too hard for complete" in err


def test_cruxes_command(capsys, debate: Path) -> None:
    code, out, _ = run(capsys, "cruxes", str(debate), "--json")
    data = json.loads(out)
    assert code == 0 and list(data) == ["t"]
    assert {c["claim"] for c in data["t"]} == {"a", "d", "e"}
    code, out, _ = run(capsys, "cruxes", str(debate), "--claim", "a")
    assert code == 0 and out.startswith("a: 1 claim(s) can change it")


def test_python_dash_m_argmap_subprocess(debate: Path, messy: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "eval", str(debate), "--semantics", "preferred", "--json"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["extensions"] == [["d", "e", "t"]]
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(messy)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 1 and "undecided-mutual-attack" in done.stdout
