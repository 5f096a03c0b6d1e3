"""Schemes, answers and grades survive GraphML; bad ones are one-line errors with a place."""

from __future__ import annotations

import pytest

from argmap.cli import main
from argmap.io import graphml, native
from tests.io.test_native_schemes import graded_map


def test_graphml_round_trip_keeps_schemes_answers_and_grades(tmp_path):
    m = graded_map()
    path = tmp_path / "m.graphml"
    graphml.write(m, path)
    text = path.read_text(encoding="utf-8")
    for key in ("e_scheme", "e_role", "e_questions", "n_reliability", "n_credibility"):
        assert f'key="{key}"' in text, key
    again = graphml.read(path)
    assert again == m


def test_the_seed_map_round_trips_through_graphml(tmp_path, seed_path):
    m = native.read(seed_path)
    assert any(r.scheme for r in m.relations.values())
    path = tmp_path / "seed.graphml"
    graphml.write(m, path)
    assert graphml.read(path) == m


@pytest.mark.parametrize(
    "old, new, reason",
    [
        (">expert_opinion<", ">expert_opinon<", "unknown scheme 'expert_opinon'"),
        ('<data key="n_reliability">B<', '<data key="n_reliability">G<', "not one of A-F"),
        ('<data key="n_credibility">3<', '<data key="n_credibility">9<', "not one of 1-6"),
        ('{"id":"field"', '{"id":"similar"', "no critical question 'similar'"),
    ],
)
def test_bad_scheme_data_in_graphml_is_one_line_exit_2(tmp_path, capsys, old, new, reason):
    path = tmp_path / "bad.graphml"
    graphml.write(graded_map(), path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(path) in err and reason in err, err
    assert "line" in err or "edge" in err or "node" in err  # the place
