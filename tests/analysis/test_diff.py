"""diff_maps, word diffs, edits_between and the `argmap diff` / `argmap textconv` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.diff import diff_maps, edits_between, format_diff, outline, word_diff
from argmap.cli import main
from argmap.io import native
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Comment,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    with_changes,
)
from tests.strategies import maps

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def small_map() -> ArgumentMap:
    m = ArgumentMap()
    m.add_claim(Claim("t", "Talks should resume in May", ClaimKind.THESIS, x=0, y=0))
    m.add_claim(Claim("a", "Both sides are exhausted", tags=("military",), x=-100, y=150))
    m.add_claim(Claim("b", "The front line is frozen", x=100, y=150))
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    return m


@FAST
@given(maps())
def test_a_map_has_no_difference_with_itself(m: ArgumentMap) -> None:
    assert not diff_maps(m, m)
    assert not diff_maps(m, m.copy())
    assert diff_maps(m, m.copy()).to_json()["equal"] is True
    assert format_diff(diff_maps(m, m)) == ""


@FAST
@given(maps(), maps())
def test_edits_between_turn_one_map_into_the_other(a: ArgumentMap, b: ArgumentMap) -> None:
    target = a.copy()
    undo = edits_between(a, b).apply(target)
    assert target == b
    undo.apply(target)
    assert target == a


@FAST
@given(maps(), st.data())
def test_diff_names_exactly_the_items_that_changed(m: ArgumentMap, data: st.DataObject) -> None:
    if not m.claims:
        return
    new = m.copy()
    cid = data.draw(st.sampled_from(sorted(m.claims)))
    text = data.draw(st.text(max_size=10))
    new.replace_claim(with_changes(new.claims[cid], text=text))
    d = diff_maps(m, new)
    if text == m.claims[cid].text:
        assert not d
    else:
        assert d.claims.changed_ids() == {cid: ("text",)}
        assert not d.relations and not d.groups and not d.info


def test_added_removed_and_changed_by_field() -> None:
    old = small_map()
    new = small_map()
    new.replace_claim(with_changes(new.claims["t"], text="Talks should resume in June"))
    new.replace_claim(with_changes(new.claims["a"], tags=("military", "economy"), x=-120.0))
    new.remove_relation("r2")
    new.remove_claim("b")
    new.add_claim(Claim("e", "A ceasefire held in 2024", ClaimKind.EVIDENCE))
    new.add_relation(Relation("r3", "e", "t", RelationKind.SUPPORT, label="precedent"))
    d = diff_maps(old, new)
    assert d.to_json()["claims"] == {
        "added": ["e"],
        "removed": ["b"],
        "changed": {"a": ["tags", "x"], "t": ["text"]},
    }
    assert d.to_json()["relations"] == {"added": ["r3"], "removed": ["r2"], "changed": {}}
    text = format_diff(d, "old.argmap", "new.argmap")
    assert text.startswith("--- old.argmap\n+++ new.argmap\n")
    assert "text: Talks should resume in [-May-]{+June+}" in text
    assert "tags: +'economy'" in text
    assert "position: (-100, 150) → (-120, 150)" in text
    assert '+ claim e [evidence] "A ceasefire held in 2024"' in text
    assert '- claim b [claim] "The front line is frozen"' in text
    assert '+ relation r3: e -support-> t "precedent"' in text
    assert "- relation r2: b -attack-> t" in text


def test_ignore_layout_ignores_positions_only() -> None:
    old = small_map()
    new = small_map()
    new.replace_claim(with_changes(new.claims["a"], x=999.0, y=-5.0))
    assert diff_maps(old, new).claims.changed_ids() == {"a": ("x", "y")}
    assert not diff_maps(old, new, ignore_layout=True)
    new.replace_claim(with_changes(new.claims["a"], x=0.0, pinned=True))
    assert diff_maps(old, new, ignore_layout=True).claims.changed_ids() == {"a": ("pinned",)}


def test_review_and_comment_changes_are_described() -> None:
    old = small_map()
    new = small_map()
    c = Comment("cm1", "Ann", "2026-11-25T08:00:00Z", "Source?")
    old.replace_claim(with_changes(old.claims["a"], comments=(c,)))
    new.replace_claim(
        with_changes(
            new.claims["a"],
            comments=(with_changes(c, resolved=True), Comment("cm2", "Bo", "t", "Added it")),
            review=Review(ReviewStatus.DISPUTED, "Bo", "2026-11-25T09:00:00Z"),
        )
    )
    text = format_diff(diff_maps(old, new))
    assert "review: none → disputed by Bo at 2026-11-25T09:00:00Z" in text
    assert "~ comment cm1: resolved" in text
    assert '+ comment cm2 by Bo: "Added it"' in text


def test_word_diff() -> None:
    assert word_diff("a b c", "a b c") == "a b c"
    assert word_diff("", "new words") == "{+new words+}"
    assert word_diff("old words", "") == "[-old words-]"
    assert word_diff("the quick fox", "the slow fox") == "the [-quick-]{+slow+} fox"


def test_outline_is_stable_and_local(tmp_path: Path) -> None:
    m = small_map()
    text = outline(m)
    assert outline(native.loads(native.dumps(m))) == text
    assert "claim t [thesis]: Talks should resume in May" in text
    assert "relation r2: b -attack-> t" in text
    changed = m.copy()
    changed.replace_claim(with_changes(changed.claims["b"], notes="line one\nline two"))
    new_lines = set(outline(changed).splitlines()) - set(text.splitlines())
    assert new_lines == {"  notes: line one", "    | line two"}


def test_cli_diff_exit_status_and_json(tmp_path: Path, capsys) -> None:
    old, new, bad = tmp_path / "old.argmap", tmp_path / "new.argmap", tmp_path / "bad.argmap"
    native.write(small_map(), old)
    m = small_map()
    m.replace_claim(with_changes(m.claims["t"], text="Talks should resume in June"))
    native.write(m, new)
    bad.write_text('{"format": "argmap", "version": 1, "claims": [}', encoding="utf-8")

    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["diff", str(old), str(new)]) == 1
    assert "[-May-]{+June+}" in capsys.readouterr().out
    assert main(["diff", "--json", str(old), str(new)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["claims"]["changed"] == {"t": ["text"]}
    assert main(["diff", str(old), str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"argmap: {bad}: line 1") and "\n" not in err
    assert main(["diff", str(old), str(tmp_path / "missing.argmap")]) == 2


def test_textconv_command_runs_as_a_process(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    native.write(small_map(), path)
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "textconv", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == outline(small_map())
    broken = tmp_path / "broken.argmap"
    broken.write_text("not json", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "textconv", str(broken)], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == "not json"
    assert "showing the file as it is" in done.stderr


def test_views_and_collapsed_claims_are_diffed_field_by_field():
    from argmap.analysis.diff import diff_maps, edits_between, format_diff, outline
    from argmap.model import ArgumentMap, Claim, View, with_changes

    old = ArgumentMap()
    for cid in ("a", "b", "c"):
        old.add_claim(Claim(cid, cid.upper()))
    old.add_view(View("v1", "Talks", zoom=0.5, collapsed=("a",)))
    old.add_view(View("v2", "Gone"))
    new = old.copy()
    new.replace_claim(with_changes(new.claim("b"), collapsed=True))
    new.replace_view(View("v1", "Talks", zoom=0.8, focus="c", collapsed=("a", "b")))
    new.remove_view("v2")
    new.add_view(View("v3", "New", extra=(("layers", '["x"]'),)))
    d = diff_maps(old, new)
    assert d.to_json()["views"] == {
        "added": ["v3"],
        "removed": ["v2"],
        "changed": {"v1": ["zoom", "focus", "collapsed"]},
    }
    assert d.claims.changed_ids() == {"b": ("collapsed",)}
    text = format_diff(d)
    assert "views: 1 added, 1 removed, 1 changed" in text
    assert "~ view v1 \"Talks\"\n    zoom: 0.5 → 0.8\n    focus: None → 'c'\n" in text
    assert "    collapsed: +b\n" in text
    assert "    collapsed: False → True" in text
    assert 'view v3: New\n  zoom to fit; layers ["x"]' in outline(new)
    applied = old.copy()
    edits_between(old, new).apply(applied)
    assert applied == new


def test_claim_title_changes_are_shown() -> None:
    old = small_map()
    new = small_map()
    new.replace_claim(with_changes(new.claims["t"], title="Resume talks"))
    d = diff_maps(old, new)
    assert d.to_json()["claims"]["changed"] == {"t": ["title"]}
    assert "title: {+Resume talks+}" in format_diff(d, "a", "b")
    assert "  title: Resume talks" in outline(new)
    assert "title:" not in outline(old)
