"""docs/schemes.md documents every scheme and question of the catalogue, and the grading."""

from pathlib import Path

from argmap.model.grading import Grading
from argmap.model.schemes import catalogue

DOC = (Path(__file__).resolve().parents[2] / "docs" / "schemes.md").read_text(encoding="utf-8")


def test_every_scheme_and_question_is_documented():
    for s in catalogue():
        section = DOC.split(f"— `{s.id}`", 1)[1].split("\n### ", 1)[0]
        for q in s.questions:
            assert f"| `{q.id}` | {q.kind[0].upper()} | {q.raise_as} | {q.text} |" in section
        for p in s.premises:
            assert f"| `{p.role}` | {p.text} |" in section


def test_the_grading_table_in_the_docs_is_the_shipped_one():
    g = Grading.default()
    for r in "ABCDEF":
        row = f"| **{r}** | " + " | ".join(f"{g.scores[f'{r}{c}']:.2f}" for c in range(1, 7))
        assert row in DOC
