"""Integrity checks for the default example map, seeds/peace-talks.argmap.

The structural checks use plain `json`, so they hold whatever the package's API does; the last
tests load the file through `argmap.io.native` and check it is in the writer's canonical form.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from .layout_check import report, too_close

REPO = Path(__file__).resolve().parents[2]
MAP = REPO / "seeds" / "peace-talks.argmap"
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "peace-talks-article.txt"
PARAGRAPHS = 26

KINDS = {"thesis", "claim", "evidence", "assumption"}
HOLDERS = {"Kyiv", "Moscow", "Washington", "European capitals", "the author"}
SECTIONS = {
    "overview",
    "ceasefire",
    "kursk",
    "sovereignty",
    "nato",
    "demilitarisation",
    "defence-industry",
    "settlement",
}
ID = re.compile(r"^[A-Za-z0-9_.:\-]+$")

TOP_KEYS = {
    "authors", "claims", "created", "description", "format", "groups", "modified",
    "relations", "sources", "title", "version",
}  # fmt: skip
CLAIM_KEYS = {
    "anchors", "base_score", "comments", "holder", "id", "kind", "notes", "pinned", "review",
    "source", "tags", "text", "title", "x", "y",
}  # fmt: skip
RELATION_KEYS = {
    "comments", "id", "kind", "label", "link", "notes", "review", "source", "target",
}  # fmt: skip
GROUP_KEYS = {"claims", "collapsed", "id", "label"}
# Written only when set (docs/format.md): evidence grades, and schemes on reasons.
CLAIM_OPTIONAL = {"credibility", "reliability"}
RELATION_OPTIONAL = {"questions", "role", "scheme"}
# The article is a reference only (path, media type, digest): the project never holds its text.
SOURCE_KEYS = {"author", "date", "id", "media_type", "path", "sha256", "title", "url"}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return json.loads(MAP.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def claims(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in doc["claims"]}


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and typographic quotes ignored."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def article_paragraphs() -> list[str]:
    return [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- the file ---------------------------------------------------------------------------------


def test_is_canonical_json(doc: dict[str, Any]) -> None:
    text = MAP.read_text(encoding="utf-8")
    assert text == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    for key in ("claims", "relations", "groups"):
        ids = [item["id"] for item in doc[key]]
        assert ids == sorted(ids), f"{key} not sorted by id"


def test_header(doc: dict[str, Any]) -> None:
    assert set(doc) == TOP_KEYS
    assert doc["format"] == "argmap"
    assert doc["version"] == 1
    assert doc["title"] and doc["description"]
    assert doc["authors"] == ["argmap team"]
    assert len(doc["sources"]) == 1
    for s in doc["sources"]:
        assert set(s) == SOURCE_KEYS
        assert ID.match(s["id"])


def test_every_field_present(doc: dict[str, Any]) -> None:
    for c in doc["claims"]:
        assert CLAIM_KEYS <= set(c) <= CLAIM_KEYS | CLAIM_OPTIONAL, c["id"]
        assert set(c["source"]) == {"document", "paragraph", "span"}, c["id"]
    for r in doc["relations"]:
        assert RELATION_KEYS <= set(r) <= RELATION_KEYS | RELATION_OPTIONAL, r["id"]
    for g in doc["groups"]:
        assert set(g) == GROUP_KEYS, g["id"]


# -- claims -----------------------------------------------------------------------------------


def test_every_claim_has_a_short_title(doc: dict[str, Any]) -> None:
    """Titles are the labels of the zoomed-out canvas: short enough to show whole."""
    from argmap.analysis.labels import LABEL_CHARS

    titles = [c["title"] for c in doc["claims"]]
    assert all(t.strip() and len(t) <= LABEL_CHARS for t in titles)
    assert len(set(titles)) == len(titles)


def test_claim_count(doc: dict[str, Any]) -> None:
    assert 45 <= len(doc["claims"]) <= 80
    assert len(doc["relations"]) > len(doc["claims"])


def test_claims_are_complete(doc: dict[str, Any]) -> None:
    documents = {s["id"] for s in doc["sources"]}
    for c in doc["claims"]:
        assert c["text"].strip(), c["id"]
        assert c["kind"] in KINDS, c["id"]
        assert c["holder"].strip(), c["id"]
        assert c["holder"] in HOLDERS, c["id"]
        assert c["source"]["document"] in documents, c["id"]
        para = c["source"]["paragraph"]
        assert type(para) is int and 1 <= para <= PARAGRAPHS, c["id"]
        assert isinstance(c["base_score"], float) and 0.0 <= c["base_score"] <= 1.0, c["id"]
        assert c["pinned"] is False and c["review"] is None and c["comments"] == []


def test_kinds_all_used(doc: dict[str, Any]) -> None:
    kinds = Counter(c["kind"] for c in doc["claims"])
    assert set(kinds) == KINDS
    assert 3 <= kinds["thesis"] <= 8


def test_one_section_tag_per_claim_and_every_section_present(doc: dict[str, Any]) -> None:
    seen = set()
    for c in doc["claims"]:
        sections = [t for t in c["tags"] if t in SECTIONS]
        assert len(sections) == 1, (c["id"], c["tags"])
        assert len(set(c["tags"])) == len(c["tags"]), c["id"]
        seen.add(sections[0])
    assert seen == SECTIONS


def test_every_paragraph_is_used(doc: dict[str, Any]) -> None:
    used = {c["source"]["paragraph"] for c in doc["claims"]}
    assert used == set(range(1, PARAGRAPHS + 1))


def test_notes_flag_weak_points(doc: dict[str, Any]) -> None:
    noted = [c for c in doc["claims"] if c["notes"].strip()]
    assert 10 <= len(noted) <= 25


def test_article_has_26_paragraphs() -> None:
    if not ARTICLE.exists():
        pytest.skip(f"article not found at {ARTICLE}")
    assert len(article_paragraphs()) == PARAGRAPHS


def test_claims_are_in_own_words(doc: dict[str, Any]) -> None:
    """No claim text (or note) shares a run of 8 or more words with the article."""
    if not ARTICLE.exists():
        pytest.skip(f"article not found at {ARTICLE}")
    article = words(ARTICLE.read_text(encoding="utf-8"))
    n = 8
    runs = {tuple(article[i : i + n]) for i in range(len(article) - n + 1)}
    copied = []
    for c in doc["claims"]:
        for field in ("text", "notes"):
            w = words(c[field])
            for i in range(len(w) - n + 1):
                if tuple(w[i : i + n]) in runs:
                    copied.append((c["id"], field, " ".join(w[i : i + n])))
    for r in doc["relations"]:  # the notes on critical questions too
        for a in r.get("questions", ()):
            w = words(a.get("note", ""))
            for i in range(len(w) - n + 1):
                if tuple(w[i : i + n]) in runs:
                    copied.append((r["id"], a["id"], " ".join(w[i : i + n])))
    assert not copied


# -- relations and groups ---------------------------------------------------------------------


def test_ids_unique_and_valid(doc: dict[str, Any]) -> None:
    ids = [c["id"] for c in doc["claims"]] + [r["id"] for r in doc["relations"]]
    assert len(ids) == len(set(ids))
    assert all(ID.match(i) for i in ids)


def test_relations_point_at_claims_or_relations(doc: dict[str, Any], claims: dict) -> None:
    relation_ids = {r["id"] for r in doc["relations"]}
    keys = set()
    for r in doc["relations"]:
        assert r["kind"] in {"support", "attack"}, r["id"]
        assert r["source"] in claims, r["id"]
        assert r["target"] in claims or r["target"] in relation_ids, r["id"]
        if r["target"] in relation_ids:
            assert r["kind"] == "attack", f"{r['id']}: only an attack can undercut"
            assert r["target"] != r["id"]
        assert r["source"] != r["target"], r["id"]
        key = (r["source"], r["target"], r["kind"])
        assert key not in keys, r["id"]
        keys.add(key)


def test_linked_premises_and_undercuts(doc: dict[str, Any], claims: dict) -> None:
    links: dict[str, list[dict[str, Any]]] = {}
    for r in doc["relations"]:
        if r["link"] is not None:
            links.setdefault(r["link"], []).append(r)
    assert links, "no linked premises"
    for link, members in links.items():
        assert len(members) >= 2, link
        assert len({m["target"] for m in members}) == 1, link
        assert len({m["kind"] for m in members}) == 1, link
    undercuts = [r for r in doc["relations"] if r["target"] not in claims]
    assert undercuts, "no undercuts"


def test_every_claim_is_connected(doc: dict[str, Any]) -> None:
    touched = {r["source"] for r in doc["relations"]} | {r["target"] for r in doc["relations"]}
    assert {c["id"] for c in doc["claims"]} <= touched


def test_one_group_per_section(doc: dict[str, Any], claims: dict) -> None:
    assert len(doc["groups"]) == len(SECTIONS)
    covered = []
    for g in doc["groups"]:
        assert g["label"].strip() and g["collapsed"] is False
        assert g["claims"], g["id"]
        sections = {next(t for t in claims[i]["tags"] if t in SECTIONS) for i in g["claims"]}
        assert len(sections) == 1, g["id"]
        covered.extend(g["claims"])
    assert sorted(covered) == sorted(claims)


# -- layout -----------------------------------------------------------------------------------


def test_positions_are_whole_numbers(doc: dict[str, Any]) -> None:
    for c in doc["claims"]:
        assert isinstance(c["x"], float) and c["x"] == round(c["x"]), c["id"]
        assert isinstance(c["y"], float) and c["y"] == round(c["y"]), c["id"]


def test_no_cards_overlap(doc: dict[str, Any]) -> None:
    """Cards keep at least 60 px apart across or 80 px apart down."""
    assert too_close(doc["claims"]) == []


def test_arrows_point_upwards(doc: dict[str, Any]) -> None:
    """Premises sit below (or beside) what they support or attack, never above it."""
    assert report(doc)["downward_arrows"] == []


def test_theses_on_top(doc: dict[str, Any]) -> None:
    top = min(c["y"] for c in doc["claims"] if c["kind"] != "thesis")
    for c in doc["claims"]:
        if c["kind"] == "thesis":
            assert c["y"] <= top, c["id"]


def test_sections_read_left_to_right(doc: dict[str, Any]) -> None:
    """Below the top band, each section is a column block, in article order."""
    order = ["ceasefire", "kursk", "sovereignty", "nato", "demilitarisation", "defence-industry"]
    spans = []
    for section in order:
        xs = [c["x"] for c in doc["claims"] if section in c["tags"]]
        spans.append((min(xs), max(xs)))
    for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
        assert right < left


# -- through the package ----------------------------------------------------------------------


# -- anchors ----------------------------------------------------------------------------------


def test_every_claim_is_anchored_by_position_and_digest_only(doc: dict[str, Any]) -> None:
    """One anchor per claim: a TextPositionSelector and a SHA-256, no quote of the article."""
    for c in doc["claims"]:
        assert len(c["anchors"]) == 1, c["id"]
        anchor = c["anchors"][0]
        assert anchor["source"] == "article"
        assert [s["type"] for s in anchor["selector"]] == ["TextPositionSelector"], c["id"]
        assert re.fullmatch("[0-9a-f]{64}", anchor["sha256"])
    assert "text" not in doc["sources"][0]


def test_source_path_leads_to_the_article() -> None:
    """The source's path, relative to the map, names the article beside the repository."""
    doc = json.loads(MAP.read_text(encoding="utf-8"))
    path = doc["sources"][0]["path"]
    assert (MAP.parent / path).resolve() == ARTICLE.resolve()


def test_anchors_fit_the_article_in_the_claims_paragraphs(doc: dict[str, Any]) -> None:
    """The article has the digest the map records, every anchor's passage has its digest,
    and lies inside the paragraph the claim cites."""
    if not ARTICLE.is_file():
        pytest.skip(f"article not found at {ARTICLE}")
    from argmap.io.sources import read_source_text
    from argmap.model.sourcetext import paragraph_spans, sha256_text

    read = read_source_text(ARTICLE)
    assert read.sha256 == doc["sources"][0]["sha256"]
    spans = paragraph_spans(read.text)
    assert len(spans) == PARAGRAPHS
    for c in doc["claims"]:
        anchor = c["anchors"][0]
        position = anchor["selector"][0]
        start, end = position["start"], position["end"]
        assert sha256_text(read.text[start:end]) == anchor["sha256"], c["id"]
        ps, pe = spans[c["source"]["paragraph"] - 1]
        assert ps <= start < end <= pe, c["id"]


def test_loads_with_native_reader() -> None:
    native = pytest.importorskip("argmap.io.native")
    m = native.read(MAP)
    assert len(m.claims) == len(json.loads(MAP.read_text(encoding="utf-8"))["claims"])


def test_native_round_trip_is_byte_identical(tmp_path: Path) -> None:
    native = pytest.importorskip("argmap.io.native")
    m = native.read(MAP)
    out = tmp_path / "again.argmap"
    native.write(m, out)
    assert out.read_bytes() == MAP.read_bytes()


# -- schemes and grades (issue 16) -------------------------------------------------------------


def test_every_evidence_claim_is_graded(doc: dict[str, Any]) -> None:
    for c in doc["claims"]:
        graded = "reliability" in c and "credibility" in c
        assert graded == (c["kind"] == "evidence"), c["id"]


def test_schemes_where_the_article_argues_that_way(doc: dict[str, Any]) -> None:
    schemes = {r["id"]: r["scheme"] for r in doc["relations"] if "scheme" in r}
    assert schemes["r-077"] == "analogy"  # the Finland comparison
    assert schemes["r-028"] == "practical_reasoning"  # Putin's ceasefire terms
    assert {schemes["r-049"], schemes["r-069"]} == {"position_to_know"}  # officials' statements
    answers = {r["id"]: r.get("questions", []) for r in doc["relations"] if "scheme" in r}
    # the author's undercut of the European fear carries the critical question it raises
    assert {"id": "rule", "claim": "rearm-fear-risible"} in answers["r-024"]
    # questions the article leaves open stay open, with a note saying why
    finland = {a["id"]: a for a in answers["r-077"]}
    assert finland["similar"].get("state", "open") == "open" and finland["similar"]["note"]
