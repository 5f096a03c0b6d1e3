"""Each check finds what it should, names the right claims, and stays quiet on a clean map."""

from __future__ import annotations

import pytest

from argmap.analysis.checks import CHECKS, check
from argmap.analysis.cruxes import cruxes, influencers
from argmap.model import Claim, ClaimKind, Relation, RelationKind, SourceRef, build_map

S, A = RelationKind.SUPPORT, RelationKind.ATTACK
T, E, AS, C = ClaimKind.THESIS, ClaimKind.EVIDENCE, ClaimKind.ASSUMPTION, ClaimKind.CLAIM
SRC = SourceRef("doc", 1)


def codes(m) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for f in check(m):
        out.setdefault(f.code, []).append(f.claims)
    return out


def test_clean_map_has_no_findings() -> None:
    m = build_map(
        [Claim("t", kind=T), Claim("e", kind=E, source=SRC), Claim("a", kind=AS)],
        [Relation("r1", "e", "t", S), Relation("r2", "e", "a", A)],
    )
    assert check(m) == []


def test_each_check_fires_with_its_claims() -> None:
    m = build_map(
        [
            Claim("t1", kind=T),  # supported only through an assumption chain
            Claim("t2", kind=T),  # no support at all
            Claim("c1", kind=C, source=SRC),
            Claim("asm", kind=AS),
            Claim("x", kind=C, source=SRC),
            Claim("y", kind=C, source=SRC),
            Claim("p", kind=C, source=SRC),
            Claim("q", kind=C, source=SRC),
            Claim("lonely", kind=E),  # no relation, no source
            Claim("selfish", kind=AS),
        ],
        [
            Relation("r1", "c1", "t1", S),
            Relation("r2", "asm", "c1", S),
            Relation("r3", "x", "y", S, scheme="sign"),  # its assumption `strength` is open
            Relation("r4", "y", "x", S),
            Relation("r5", "p", "q", A),
            Relation("r6", "q", "p", A),
            Relation("r7", "selfish", "selfish", A),
            Relation("r8", "x", "t2", A),
            Relation("r9", "p", "t2", A),
        ],
    )
    found = codes(m)
    assert found == {
        "circular-support": [("x", "y")],
        "self-attack": [("selfish",)],
        "unsupported-thesis": [("t2",)],
        "isolated-claim": [("lonely",)],
        "evidence-free": [("t1", "asm")],
        "no-source": [("lonely",)],
        "undecided-mutual-attack": [("p", "q")],
        "open-question": [("y", "x")],
    }
    assert set(found) == set(CHECKS)
    by_code = {f.code: f for f in check(m)}
    assert by_code["circular-support"].relations == ("r3", "r4")
    assert "assumptions" in by_code["evidence-free"].message
    assert by_code["open-question"].relations == ("r3",)
    assert "strength" in by_code["open-question"].message


def test_mutual_attack_decided_elsewhere_is_not_reported() -> None:
    # z defeats q, so p wins the mutual attack under grounded.
    m = build_map(
        [Claim(c, kind=C, source=SRC) for c in "pqz"],
        [Relation("r1", "p", "q", A), Relation("r2", "q", "p", A), Relation("r3", "z", "q", A)],
    )
    assert "undecided-mutual-attack" not in codes(m)


def test_cruxes_rank_what_decides_the_thesis() -> None:
    # t is attacked by a; d defends t by attacking a; e supports t (its only reason);
    # n attacks nothing that reaches t.
    m = build_map(
        [
            Claim("t", kind=T),
            Claim("a", base_score=0.9),
            Claim("d", base_score=0.6),
            Claim("e", kind=E, base_score=0.8),
            Claim("n"),
            Claim("m"),
        ],
        [
            Relation("r1", "a", "t", A),
            Relation("r2", "d", "a", A),
            Relation("r3", "e", "t", S),
            Relation("r4", "n", "m", A),
        ],
    )
    assert influencers(m, "t") == ["a", "d", "e"]
    ranked = cruxes(m)["t"]
    assert [c.claim for c in ranked] == [c.claim for c in cruxes(m, "t")["t"]]
    by_claim = {c.claim: c for c in ranked}
    assert "n" not in by_claim
    # Grounded: d in, a out, e in, t in.  Forcing a in, d out or e out each flips t to out.
    assert by_claim["a"].label_if_in == "out" and by_claim["a"].label_flips == 1
    assert by_claim["e"].label_if_out == "out"
    assert all(c.label_flips == 1 for c in ranked)
    # DF-QuAD: a = 0.9 - 0.9 * 0.6 = 0.36; t = 0.5 + 0.5 * (0.8 - 0.36) = 0.72.
    # e to 0: t = 0.5 - 0.5 * 0.36 = 0.32 (change 0.40); a to 1 (strength 0.4): t = 0.5 + 0.5 *
    # 0.4 = 0.70, a to 0: t = 0.90 (change 0.18); d to 0: a = 0.9, t = 0.45 (change 0.27).
    assert [c.claim for c in ranked] == ["e", "d", "a"]
    assert by_claim["e"].strength_change == pytest.approx(0.40)
