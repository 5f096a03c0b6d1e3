"""`argmap layout` lays a map out headless; `argmap info --json` reports how it is drawn."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.analysis.geometry import estimated_card_size, overlaps
from argmap.cli import main
from argmap.io import native, registry
from argmap.model import Claim, Relation, RelationKind
from argmap.model.map import build_map


def stacked_map(tmp_path: Path) -> Path:
    """Seven claims all at (0, 0), as formats without geometry import them; one pinned."""
    claims = [Claim("t", "Thesis", pinned=False)] + [
        Claim(f"p{i}", f"Reason {i}") for i in range(5)
    ]
    claims.append(Claim("pin", "Pinned claim", x=5000.0, y=5000.0, pinned=True))
    rels = [Relation(f"r{i}", f"p{i}", "t") for i in range(5)]
    rels.append(Relation("ra", "pin", "p0", RelationKind.ATTACK))
    path = tmp_path / "stacked.argmap"
    native.write(build_map(claims, rels), path)
    return path


def test_layout_writes_a_laid_out_copy(tmp_path: Path, capsys) -> None:
    src = stacked_map(tmp_path)
    before = src.read_bytes()
    out = tmp_path / "out.graphml"
    assert main(["layout", str(src), "-o", str(out)]) == 0
    assert "laid out 7 of 7 claims" in capsys.readouterr().err
    assert src.read_bytes() == before
    m = registry.read(out)
    pos = {cid: c.pos for cid, c in m.claims.items()}
    assert overlaps(pos, {cid: estimated_card_size(c) for cid, c in m.claims.items()}) == []
    assert all(pos["t"][1] < pos[f"p{i}"][1] for i in range(5))
    assert pos["pin"] != (5000.0, 5000.0)  # pins are ignored unless --keep-pinned


def test_keep_pinned_and_direction(tmp_path: Path) -> None:
    src = stacked_map(tmp_path)
    assert main(["layout", str(src), "--keep-pinned", "--direction", "LR"]) == 0
    m = native.read(src)  # written back in place
    assert m.claims["pin"].pos == (5000.0, 5000.0)
    assert all(m.claims["t"].x > m.claims[f"p{i}"].x for i in range(5))


def test_info_json_reports_crossings_and_arrows_through_cards(tmp_path: Path, capsys) -> None:
    claims = [
        Claim(c, c.upper(), x=x, y=y)
        for c, x, y in (
            ("a", 0, 0),
            ("b", 1000, 600),
            ("c", 1000, 0),
            ("d", 0, 600),
            ("e", 500, 300),
        )
    ]
    m = build_map(claims, [Relation("r1", "a", "b"), Relation("r2", "c", "d")])
    path = tmp_path / "x.argmap"
    native.write(m, path)
    assert main(["info", str(path), "--json", "--arrows", "straight"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["crossings"] == 1  # the two arrows cross as an X ...
    assert data["arrows_through_cards"] == 2  # ... right through card e, drawn straight
    for style in ("curved", "orthogonal"):  # routed, they go around it
        assert main(["info", str(path), "--json", "--arrows", style]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["arrows"], data["arrows_through_cards"]) == (style, 0)
    assert main(["info", str(path), "--json"]) == 0  # curved is the default
    assert json.loads(capsys.readouterr().out)["arrows_through_cards"] == 0


def test_bad_direction_is_a_usage_error(tmp_path: Path, capsys) -> None:
    src = stacked_map(tmp_path)
    assert main(["layout", str(src), "--direction", "XY"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'XY'" in err


def test_layout_groups_keeps_the_seed_sections_apart(tmp_path: Path, capsys) -> None:
    from tests.seed.test_seed_layout import MAP, frame_overlaps

    out = tmp_path / "seed.argmap"
    assert main(["layout", str(MAP), "-o", str(out), "--groups"]) == 0
    assert "0 curved arrows through cards" in capsys.readouterr().err
    m = native.read(out)
    pos = {cid: c.pos for cid, c in m.claims.items()}
    sizes = {cid: estimated_card_size(c) for cid, c in m.claims.items()}
    assert frame_overlaps(m, pos, sizes) == []
    assert main(["layout", str(MAP), "-o", str(out)]) == 0  # without: sections interleave
    m = native.read(out)
    assert frame_overlaps(m, {cid: c.pos for cid, c in m.claims.items()}, sizes) != []
