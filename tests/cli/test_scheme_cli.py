"""`argmap check` ranks open critical questions; `argmap eval` shows ICD 203 words."""

from __future__ import annotations

import json

from argmap.cli import main
from argmap.io import native
from argmap.model import Answer, Claim, ClaimKind, Relation, SourceRef, build_map
from argmap.model.types import QuestionAnswer


def _write(tmp_path):
    src = SourceRef("d", 1)
    m = build_map(
        [Claim("t", "Talks start", ClaimKind.THESIS),
         Claim("e", "The envoy said so", ClaimKind.EVIDENCE, source=src, base_score=0.9),
         Claim("f", "Like in 1944", ClaimKind.EVIDENCE, source=src, base_score=0.3)],
        [Relation("r1", "e", "t", scheme="expert_opinion",
                  questions=(QuestionAnswer("expertise", Answer.YES),)),
         Relation("r2", "f", "t", scheme="analogy")],
    )  # fmt: skip
    path = tmp_path / "m.argmap"
    native.write(m, path)
    return path


def test_check_lists_open_questions_per_thesis_ranked(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "open-question" in out
    block = out.split("open critical questions for t", 1)[1]
    lines = [ln.split()[0] for ln in block.splitlines()[1:] if ln.startswith("  r")]
    # r1's open assumptions (field, assertion) and exceptions come before r2's: e weighs more
    assert lines[0].startswith("r1:") and lines[-1].startswith("r2:")
    assert "r1:expertise" not in lines  # answered
    assert set(lines) >= {"r1:field", "r1:assertion", "r2:base", "r2:similar"}
    assert main(["check", "--json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    ranked = data["open_questions"]["t"]
    changes = [q["strength_change"] for q in ranked]
    assert changes == sorted(changes, reverse=True)
    assert {f["code"] for f in data["findings"]} >= {"open-question"}


def test_eval_prints_likelihood_words(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["eval", "--semantics", "dfquad", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.split()[:1] == ["e"])
    assert "0.900" in line and "very likely" in line
    assert main(["eval", "--semantics", "dfquad", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["likelihood"]["f"] == "unlikely"  # 0.3
