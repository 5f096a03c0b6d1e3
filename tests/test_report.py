"""The review report: valid, self-contained HTML with every map text escaped; Markdown too."""

from __future__ import annotations

import base64
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.analysis import review
from argmap.cli import main
from argmap.io import native
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    MapInfo,
    Relation,
    RelationKind,
    ReviewStatus,
)
from argmap.report import collect, outline_rows, to_html, to_markdown, write_report

NASTY = '<script>alert("x")</script> & <img src=http://evil.example/x onerror=alert(1)>'
VOID = {"meta", "img", "br", "hr", "link", "input", "source", "col", "wbr", "area", "base"}


class Page(HTMLParser):
    """Collects tags, attributes and text, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert not page.errors, page.errors[:3]
    assert not page.stack, page.stack
    return page


def review_map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Talks <b>2025</b>", authors=("Ann & Bo",)))
    m.add_claim(Claim("t", "Talks should resume", ClaimKind.THESIS, x=0, y=0))
    m.add_claim(Claim("a", NASTY, x=-150, y=200))
    m.add_claim(Claim("b", "The front is frozen", ClaimKind.EVIDENCE, x=150, y=200))
    m.add_claim(Claim("u", "Only on paper", x=300, y=400))
    m.add_claim(
        Claim("lonely", "Nobody links to me", tags=("conflict",), notes="[merge conflict] x")
    )
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT, label="<i>because</i>"))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    m.add_relation(Relation("r3", "u", "r2", RelationKind.ATTACK))
    t0 = "2026-11-25T08:00:00Z"
    review.add_comment(m, "a", "Is <this> sourced?", "Ann", t0).apply(m)
    review.reply(m, "a", "cm1", "Yes & no", "Bo", t0).apply(m)
    review.set_review(m, "b", ReviewStatus.DISPUTED, "Bo <bo@x>", t0).apply(m)
    return m


def test_html_parses_is_self_contained_and_escapes_every_text() -> None:
    m = review_map()
    parts = collect(m)
    page = parse(to_html(m, parts))
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    for tag, name, value in page.attrs:
        assert not name.startswith("on"), (tag, name)
        if name in ("src", "href", "action", "srcset"):
            assert value.startswith("data:"), (tag, name, value[:40])
    text = "".join(page.text)
    for raw in (NASTY, "Talks <b>2025</b>", "<i>because</i>", "Is <this> sourced?", "Yes & no"):
        assert raw in text  # shown as text, so it was escaped, not interpreted
    assert "Bo <bo@x>" in text and "merge conflict" in text
    # The sections with their content.
    assert "Open comments (1)" in text and "Disputed or needing evidence (1)" in text
    assert "undercuts" in text and "Not connected to a thesis" in text


def test_the_picture_is_an_embedded_svg_of_the_map() -> None:
    m = review_map()
    parts = collect(m)
    page = parse(to_html(m, parts))
    (src,) = [v for tag, k, v in page.attrs if tag == "img" and k == "src"]
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    svg = base64.b64decode(src[len(prefix) :]).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Talks should resume" in svg and "<script" not in svg


def test_evaluation_and_checks_are_in_the_report() -> None:
    m = review_map()
    parts = collect(m)
    assert parts.labels["t"] in ("in", "out", "undec") and "t" in parts.strengths
    text = "".join(parse(to_html(m, parts)).text)
    assert "Labels under grounded semantics" in text
    for finding in parts.findings:
        assert finding.message in text
    assert any(f.code == "isolated-claim" for f in parts.findings)


def test_the_report_works_without_the_picture_module(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "argmap.ui.pictures", None)  # as if Qt were missing
    m = review_map()
    parts = collect(m)
    assert parts.picture is None and "picture not available" in parts.picture_note
    text = "".join(parse(to_html(m, parts)).text)
    assert "picture not available" in text and "Talks should resume" in text


def test_outline_covers_every_claim_once_even_in_cycles() -> None:
    m = ArgumentMap()
    for cid in "abc":
        m.add_claim(Claim(cid, cid.upper()))
    m.add_relation(Relation("r1", "a", "b", RelationKind.SUPPORT))
    m.add_relation(Relation("r2", "b", "c", RelationKind.SUPPORT))
    m.add_relation(Relation("r3", "c", "a", RelationKind.ATTACK))
    main_rows, rest = outline_rows(m)
    assert main_rows == []
    assert sorted(r.claim.id for r in rest if not r.repeated) == ["a", "b", "c"]
    assert [r.depth for r in rest] == [0, 1, 2, 3] and rest[-1].repeated


def test_a_chain_of_thousands_of_reasons_is_not_a_recursion() -> None:
    m = ArgumentMap()
    m.add_claim(Claim("c0", "the thesis", ClaimKind.THESIS))
    for i in range(1, 3000):
        m.add_claim(Claim(f"c{i}", f"reason {i}"))
        m.add_relation(Relation(f"r{i}", f"c{i}", f"c{i - 1}", RelationKind.SUPPORT))
    rows, rest = outline_rows(m)
    assert len(rows) == 3000 and rest == [] and rows[-1].depth == 2999
    page = parse(to_html(m, collect(m, picture=False)))
    assert "level 2999" in "".join(page.text)
    assert (
        max(
            len(line) - len(line.lstrip())
            for line in to_markdown(m, collect(m, picture=False)).splitlines()
        )
        <= 24
    )


def test_markdown_escapes_html_and_markdown(tmp_path: Path) -> None:
    m = review_map()
    out = to_markdown(m, collect(m, picture=False))
    assert "<script" not in out and "&lt;script&gt;" in out and "<img" not in out
    assert "Talks &lt;b&gt;2025&lt;/b&gt;" in out
    assert "- **undercuts** Only on paper" in out.replace("  ", "")


def test_cli_report(tmp_path: Path, capsys) -> None:
    src = tmp_path / "m.argmap"
    native.write(review_map(), src)
    html_out, md_out = tmp_path / "report.html", tmp_path / "report.md"
    assert main(["report", str(src), "-o", str(html_out)]) == 0
    parse(html_out.read_text(encoding="utf-8"))
    assert main(["report", str(src), "-o", str(md_out)]) == 0
    assert md_out.read_text(encoding="utf-8").startswith("# Talks &lt;b&gt;2025")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-picture"]) == 0
    assert "picture left out" in (tmp_path / "r.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(src), "-o", str(tmp_path / "r.txt")]) == 2
    assert "a report is .html or .md" in capsys.readouterr().err
    assert main(["report", str(src), "-o", str(html_out), "--semantics", "nope"]) == 2
    assert "unknown semantics 'nope'" in capsys.readouterr().err


def test_the_seed_map_report(seed_path: Path, tmp_path: Path) -> None:
    if not seed_path.exists():
        pytest.skip("no seed map yet")
    m = native.read(seed_path)
    out = tmp_path / "seed.html"
    write_report(m, out, picture=False)
    text = "".join(parse(out.read_text(encoding="utf-8")).text)
    for c in m.claims.values():
        assert " ".join(c.text.split()) in " ".join(text.split())


def test_report_shows_schemes_grades_likelihood_and_key_assumptions(tmp_path):
    from argmap.model import Answer, build_map
    from argmap.model.reasons import answer_question
    from argmap.report import write_report

    m = build_map(
        [
            Claim("t", "Talks start soon", ClaimKind.THESIS),
            Claim("e", "The envoy <said> so", ClaimKind.EVIDENCE, reliability="B", credibility=2),
            Claim("k", "Both sides want a pause", ClaimKind.ASSUMPTION),
        ],
        [
            Relation("r1", "e", "t", scheme="expert_opinion"),
            Relation("r2", "k", "t", RelationKind.SUPPORT),
        ],
    )
    answer_question(m, "r1", "field", Answer.NO, "an envoy, not a <general>").apply(m)
    html_path = tmp_path / "r.html"
    parts = write_report(m, html_path, picture=False)
    page = html_path.read_text(encoding="utf-8")
    assert "Argument from expert opinion" in page
    assert "graded B2 (usually reliable, probably true)" in page
    assert "<h2>Key assumptions</h2>" in page and "Critical questions" in page
    assert "an envoy, not a &lt;general&gt;" in page and "<general>" not in page
    s_e = parts.strengths["e"]
    assert f"strength {s_e:.2f}, likely" in page  # 0.74: ICD 203 "likely"
    keys = [k.item for k in parts.key_assumptions["t"]]
    assert "k" in keys and "r1:expertise" in keys and "r1:field" not in keys  # answered no
    md_path = tmp_path / "r.md"
    write_report(m, md_path)
    md = md_path.read_text(encoding="utf-8")
    assert "## Key assumptions" in md and "| likelihood |" in md
    assert "\\[Argument from expert opinion\\]" in md
