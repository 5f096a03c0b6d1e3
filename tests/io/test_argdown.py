"""Argdown: fidelity against the Argdown CLI's own reading, round trips, bad input, CLI use.

tests/data/argdown/*.json are the Argdown CLI's JSON exports of the .argdown files beside them
(`npx argdown json`, @argdown/cli 1.7), reduced by reduce_cli_json.py to what is compared.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap import cli
from argmap.io import argdown, native, registry
from argmap.io.argdown.parse import _TAG as TAG
from argmap.io.argdown.parse import parse
from argmap.model import ArgumentMap, Claim, ClaimKind, Group, MapInfo, Relation, RelationKind
from argmap.model.errors import FormatError
from argmap.model.types import with_changes

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "argdown"
BAD = ROOT / "tests" / "data" / "bad" / "argdown"
FILES = sorted(DATA.glob("*.argdown"))
TYPES = {"statement": "equivalence-class", "argument": "argument", "inference": "inference"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_there_are_enough_fixtures_and_some_are_large():
    assert len(FILES) >= 15
    sizes = [len(json.loads(f.with_suffix(".json").read_text())["statements"]) for f in FILES]
    assert sum(n > 100 for n in sizes) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_reading_matches_the_argdown_cli(path: Path):
    cli_json = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert_matches_cli(parse(path.read_text(encoding="utf-8"), str(path)), cli_json)


def assert_matches_cli(doc, cli_json: dict) -> None:
    """argmap's reading of a file is what the Argdown CLI's JSON of it says."""
    assert set(doc.statements) == set(cli_json["statements"])
    assert set(doc.arguments) == set(cli_json["arguments"])
    for title, want in cli_json["statements"].items():
        node = doc.statements[title]
        ours = [m.argdown_text for m in node.members if not m.is_reference]
        assert [_norm(t) for t in ours] == [_norm(t) for t in want["texts"]], title
        assert node.tags == want["tags"], title
        assert node.section == want["section"], title
    for title, want in cli_json["arguments"].items():
        node = doc.arguments[title]
        ours = [m.argdown_text for m in node.members if not m.is_reference]
        assert [_norm(t) for t in ours] == [_norm(t) for t in want["texts"]], title
        pcs = [[p.title, p.role, p.inference.rules if p.inference else []] for p in node.pcs]
        assert pcs == want["pcs"], title
        assert node.section == want["section"], title
    relations = sorted(
        [r.source[1], TYPES[r.source[0]], r.type, r.target[1], TYPES[r.target[0]]]
        for r in doc.relations
    )
    assert relations == cli_json["relations"]
    # Argdown leaves a heading's tags in its title; argmap's group label is the title alone.
    sections = [[i, _norm(TAG.sub("", t)), n] for i, t, n in cli_json["sections"]]
    assert [[s.id, s.title, s.level] for s in doc.sections] == sections


def _positions_off(m: ArgumentMap) -> ArgumentMap:
    out = m.copy()
    for c in list(out.claims.values()):
        out.replace_claim(with_changes(c, x=0.0, y=0.0))
    return out


def test_seed_map_survives_argdown_and_back(tmp_path: Path):
    m = native.read(ROOT / "seeds" / "peace-talks.argmap")
    path = tmp_path / "seed.argdown"
    registry.write(m, path)
    back = registry.read(path)
    assert _positions_off(back) == _positions_off(m)
    assert len({c.pos for c in back.claims.values()}) == len(back.claims)  # laid out


def test_every_argmap_field_survives_a_round_trip():
    m = ArgumentMap(MapInfo(title="T", description="D", authors=("Ann", "Bo")))
    m.add_claim(
        Claim(
            "t",
            "Thesis with * and _ and [x] and <y> and #z {w}",
            ClaimKind.THESIS,
            title="Thesis",
            holder="Kyiv",
            tags=("two words", "x"),
            notes="n\nm",
            base_score=0.8,
            pinned=True,
        )
    )
    m.add_claim(Claim("p", "Line one\nline two", ClaimKind.EVIDENCE))
    m.add_claim(Claim("q", "  spaced  ", ClaimKind.ASSUMPTION, title="Same"))
    m.add_claim(Claim("u", "Undercutter", title="Same"))
    m.add_relation(Relation("r1", "p", "t", RelationKind.SUPPORT, label="because", link="L"))
    m.add_relation(Relation("r2", "q", "t", RelationKind.SUPPORT, link="L"))
    m.add_relation(Relation("r3", "u", "r1", RelationKind.ATTACK, notes="denies it"))
    m.add_relation(Relation("r4", "u", "p", RelationKind.ATTACK, label="contradicts"))
    m.add_relation(Relation("r5", "p", "u", RelationKind.ATTACK, label="contradicts"))
    m.add_group(Group("g1", "Group one", ("t", "p"), collapsed=True))
    m.add_group(Group("g2", "", ("p", "u")))
    text = argdown.dumps(m)
    back = argdown.loads(text)
    assert _positions_off(back) == _positions_off(m)
    assert ">< [" in text and "_ [" in text


def test_argdown_file_survives_argmap_and_back():
    """Argdown -> argmap -> Argdown: the same statements, arguments, PCS and relations."""
    for path in [*FILES[:11], DATA / "17-multi-step-chains.argdown"]:
        first = parse(path.read_text(encoding="utf-8"))
        again = parse(argdown.dumps(argdown.loads(path.read_text(encoding="utf-8"))))
        titled = {t for t, n in first.statements.items() if not n.auto_title}
        assert titled <= set(again.statements), path.name
        for t in titled:
            assert _norm(first.statements[t].text) == _norm(again.statements[t].text)
        assert {t for t, a in first.arguments.items() if not a.auto_title} <= set(again.arguments)
        for t, a in first.arguments.items():
            if not a.auto_title:  # every step of multi-step PCS too: roles and rules

                def steps(d, arg):
                    return [
                        (
                            _norm(d.statements[p.title].text),
                            p.role,
                            p.inference.rules if p.inference else [],
                        )
                        for p in arg.pcs
                    ]

                assert steps(first, a) == steps(again, again.arguments[t]), t

        def rels(d):
            return {
                (r.source, r.type, r.target)
                if r.type != "contradictory"
                else (min(r.source, r.target), r.type, max(r.source, r.target))
                for r in d.relations
                if not any(
                    d.statements.get(x[1]) and d.statements[x[1]].auto_title
                    for x in (r.source, r.target)
                )
            }

        # documented: argmap keeps one attack per pair, an undercut beside an attack is a note
        lost = {(a, "undercut", b) for a, k, b in rels(first) if k == "attack"}
        assert rels(first) - lost <= rels(again), path.name


def test_arguments_become_units_with_linked_premises():
    m = argdown.loads((DATA / "07-multi-step-pcs.argdown").read_text(encoding="utf-8"))
    dry = next(c for c in m.claims.values() if c.title == "Dry")
    assert dry.kind is ClaimKind.ARGUMENT and dry.text == "Nothing is wet."
    inference = m.relations[f"{dry.id}.inference"]
    assert m.claims[inference.target].title == "Not wet"
    premises = [r for r in m.relations_into(dry.id)]
    assert [m.claims[r.source].title for r in premises] == ["Sun"]
    assert all(r.link == dry.id for r in premises)
    chain = next(c for c in m.claims.values() if c.title == "Chain")
    assert m.relations[f"{chain.id}.inference"].label == "Modus ponens, Generalisation"
    salt = next(c for c in m.claims.values() if c.title == "Salt")
    assert [r.target for r in m.relations_out_of(salt.id)] == [f"{chain.id}.inference"]


def test_metadata_front_matter_and_headings():
    m = argdown.loads((DATA / "05-headings-and-front-matter.argdown").read_text(encoding="utf-8"))
    assert m.info.title == "Headings, groups and front matter"
    assert m.info.authors == ("Analyst",)
    assert "subTitle" in m.info.description
    assert [g.label for g in sorted(m.groups.values(), key=lambda g: g.id)] == [
        "Economy",
        "Labour market",
        "Prices",
        "Politics",
        "Deep heading",
    ]
    inflation = next(c for c in m.claims.values() if c.title == "Inflation")
    assert inflation.tags == ("price level",)
    m8 = argdown.loads((DATA / "08-equivalence-and-contradiction.argdown").read_text())
    free = next(c for c in m8.claims.values() if c.title == "Free")
    assert free.text == "Everyone may say what they think."
    assert 'argdown data: {"priority": 1, "source": "constitution"}' in free.notes
    contra = [r for r in m8.relations.values() if r.label == "contradicts"]
    assert len(contra) == 4  # two contradictions (one written twice), each both ways


@pytest.mark.parametrize(
    "name, expected",
    [
        ("unclosed-pcs.argdown", "line 4 column 1: inference line (--) not closed with --"),
        ("pcs-without-inference.argdown", "line 1: argument <Untitled 1>: premise-conclusion"),
        ("conclusion-without-premises.argdown", "line 1 column 1: a relation needs a statement"),
        ("relation-not-indented.argdown", "line 2 column 1: relation is not indented"),
        ("relation-at-start.argdown", "line 1 column 3: a relation needs a statement"),
    ],
)
def test_bad_argdown_gives_one_line_with_the_place(name: str, expected: str, capsys):
    path = BAD / name
    with pytest.raises(FormatError) as err:
        registry.read(path)
    assert str(err.value).startswith(f"{path}: {expected}"), str(err.value)
    assert "\n" not in str(err.value)
    assert cli.main(["info", str(path)]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(
    "path", sorted((DATA / "accepted").glob("*.argdown")), ids=lambda p: p.stem
)
def test_what_argdown_accepts_is_no_error(path: Path):
    m = registry.read(path)
    assert m.claims


def test_bad_argmap_metadata_is_a_format_error():
    with pytest.raises(FormatError, match=r"base score 7.0 is not in"):
        argdown.loads('[A]: a. {argmap: {"base_score": 7}}', name="x.argdown")


def test_cli_convert_both_ways(tmp_path: Path):
    src = DATA / "01-all-constructs.argdown"
    out = tmp_path / "m.argmap"
    assert cli.main(["convert", str(src), str(out)]) == 0
    assert cli.main(["convert", str(out), str(tmp_path / "m.ad")]) == 0
    assert "[Peace]:" in (tmp_path / "m.ad").read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which("npx") is None or not Path("/work/tools/argdown").is_dir(),
    reason="needs the Argdown CLI",
)
def test_argdown_cli_reads_what_we_write(tmp_path: Path):
    m = native.read(ROOT / "seeds" / "peace-talks.argmap")
    path = tmp_path / "seed.argdown"
    argdown.write(m, path)
    subprocess.run(
        ["npx", "argdown", "json", str(path), str(tmp_path)],
        cwd="/work/tools/argdown",
        check=True,
        capture_output=True,
        timeout=120,
    )
    got = json.loads((tmp_path / "seed.json").read_text(encoding="utf-8"))
    assert len(got["statements"]) == len(m.claims) - sum(
        c.kind is ClaimKind.ARGUMENT for c in m.claims.values()
    )


def test_the_app_offers_argdown_in_its_file_dialogs_and_export(qtbot, tmp_path: Path):
    from argmap.ui.export_dialog import ExportDialog
    from argmap.ui.file_dialogs import open_filter

    assert "*.argdown *.ad" in open_filter()
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(".argdown"))
    assert dialog.extension() == ".argdown" and dialog.options() == {}
    assert "Argdown" in dialog.hint.text()


def test_convert_help_lists_argdown_and_aif(capsys):
    with pytest.raises(SystemExit):
        cli.main(["convert", "--help"])
    out = capsys.readouterr().out
    assert "argdown  rw  .argdown .ad" in out and "aif      rw  .aif .json" in out


def test_multi_step_pcs_keeps_every_inference():
    """(1) (2) -- (3) (4) -- (5): the inner step is a linked support into (3) with its rules;
    the last step is the argument's own (its premises are (3) and (4))."""
    m = argdown.loads((DATA / "17-multi-step-chains.argdown").read_text(encoding="utf-8"))

    def step(link):
        rels = sorted((r for r in m.relations.values() if r.link == link), key=lambda r: r.id)
        return [m.claims[r.source].title for r in rels], {m.claims[r.target].title for r in rels}

    assert step("Three-steps.s1") == (["Ice", "Ice holds"], {"Walkable"})
    assert step("Three-steps.s2") == (["Walkable", "Shortcut"], {"Cross"})
    assert step("Three-steps") == (["Cross", "Late"], {"Three steps"})
    assert m.relations["Three-steps.s1.p1"].label == "Modus ponens"
    assert m.relations["Three-steps.s2.p1"].label == "Practical reasoning"
    assert "uses" in m.relations["Three-steps.s2.p1"].notes  # the inference's {uses: ...}
    assert m.relations["Three-steps.inference"].label == "Modus ponens, Conjunction"
    assert step("Two-steps.s1") == (["Rain"], {"Wet fields"})
    assert m.relations["Two-steps.s1.p1"].label == ""  # "----": no rules
    # an undercut of a multi-step argument hits its main inference, as in Argdown
    assert m.relations["Thaw.undercuts.Three-steps.inference"].target == "Three-steps.inference"


_METADATA = re.compile(r"\s*\{argmap:.*", re.S)


def _cli_meaning(cli: dict) -> dict:
    """What the round trip keeps from the CLI's JSON: statements (titles, each defining
    member's text, in any order; sections by title), arguments (texts, PCS with roles and
    rules), relations. Texts without argmap's own `{argmap: ...}` metadata (the CLI keeps the
    space before it) and with white space normalised; a contradiction (or, in strict mode, a
    contrary) as a pair (the CLI orders its ends as the line that wrote it: `[A] >< [B]` or
    `[B] >< [A]` is the same contradiction, which argmap holds as two attacks)."""

    def texts(v: dict) -> list[str]:
        # in any order: the writer puts a claim's own definition after its other ones, also
        # when Argdown's `isCanonical` picked an earlier one
        return sorted(_norm(_METADATA.sub("", t)) for t in v["texts"])

    # a section by its title (tags left out, as argmap's group labels): section ids are the
    # order of headings, which a rewrite may change (a front matter's regroup is written
    # as headings)
    titles = {i: _norm(TAG.sub("", t)) for i, t, _ in cli["sections"]}

    relations = sorted(
        [k, *sorted([[f, ft], [t, tt]])]
        if k in ("contradictory", "contrary")  # symmetric in Argdown
        else [f, ft, k, t, tt]
        for f, ft, k, t, tt in cli["relations"]
    )
    return {
        "statements": {
            k: [texts(v), titles.get(v["section"])] for k, v in cli["statements"].items()
        },
        "arguments": {
            k: {**v, "texts": texts(v), "section": titles.get(v["section"])}
            for k, v in cli["arguments"].items()
        },
        "relations": relations,
    }


@pytest.mark.parametrize("original", FILES, ids=lambda p: p.stem)
def test_written_back_reads_in_argdowns_cli_as_the_original(original: Path):
    """argmap's Argdown of each file, read by the Argdown CLI (its JSON kept as a fixture in
    written/), has the same statements (every defining member's text), arguments (every
    step, role and rule of each PCS) and relations as the CLI's JSON of the original; and
    argmap reads its own Argdown as the CLI does."""
    written = argdown.dumps(argdown.loads(original.read_text(encoding="utf-8")))
    kept = DATA / "written" / original.name
    assert written == kept.read_text(encoding="utf-8"), "writer changed: redo the fixture"
    cli_written = json.loads(kept.with_suffix(".json").read_text(encoding="utf-8"))
    cli_original = json.loads(original.with_suffix(".json").read_text(encoding="utf-8"))
    assert _cli_meaning(cli_written) == _cli_meaning(cli_original)
    assert_matches_cli(parse(written), cli_written)
    # and argmap → Argdown → argmap gives the same map again
    m = argdown.loads(original.read_text(encoding="utf-8"))
    assert _positions_off(argdown.loads(written)) == _positions_off(m)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_argdown_to_argmap_and_back_is_the_same_map(path: Path):
    m = argdown.loads(path.read_text(encoding="utf-8"))
    assert _positions_off(argdown.loads(argdown.dumps(m))) == _positions_off(m)


def test_an_undercut_of_an_undercut_survives_argdown(tmp_path: Path):
    """Argdown has no form for an undercut of an undercut: it rides in the undercutting
    claim's metadata (and a comment in the file says so), and comes back as it was."""
    m = ArgumentMap()
    for cid in "abcd":
        m.add_claim(Claim(cid, f"claim {cid}"))
    m.add_relation(Relation("r0", "b", "a", RelationKind.SUPPORT))
    m.add_relation(Relation("u1", "c", "r0", RelationKind.ATTACK))
    m.add_relation(Relation("u2", "d", "u1", RelationKind.ATTACK, label="on second thought"))
    text = argdown.dumps(m)
    assert "// argmap: u2 undercuts u1" in text
    back = argdown.loads(text)
    assert back.relations["u2"] == m.relations["u2"]
    assert _positions_off(back) == _positions_off(m)


def test_a_broken_not_argdown_relation_is_a_one_line_error_naming_the_line():
    text = '[a]: A.\n\n[d]: D. {argmap: {"not_argdown": [{"id": "u2", "kind": "attack"}]}}\n'
    with pytest.raises(FormatError) as err:
        argdown.loads(text, name="bad.argdown")
    message = str(err.value)
    assert "bad.argdown" in message and "line 3" in message and "not_argdown" in message
    assert "\n" not in message


_LOOKS_LIKE_MARKUP = [
    "For all x: .A.x (P(x) .->. Q(x)), and .A.E. twice",
    "A thumb :+1: and a heart :heart: written as words",
    "Insert @include(other.argdown) here, said nobody",
]


def test_text_that_looks_like_a_shortcode_or_an_include_reads_back_as_written():
    """Argdown turns `.A.` into ∀ and its CLI inserts the file of `@include(...)`: a claim
    whose text holds them is written so that both argmap and Argdown read it as written."""
    m = ArgumentMap()
    for n, text in enumerate(_LOOKS_LIKE_MARKUP):
        m.add_claim(Claim(f"c{n}", text, title=f"T{n}", notes=text))
    back = argdown.loads(argdown.dumps(m))
    assert [back.claims[f"c{n}"].text for n in range(3)] == _LOOKS_LIKE_MARKUP
    assert [back.claims[f"c{n}"].notes for n in range(3)] == _LOOKS_LIKE_MARKUP


@pytest.mark.skipif(
    shutil.which("npx") is None or not Path("/work/tools/argdown").is_dir(),
    reason="needs the Argdown CLI",
)
def test_argdown_cli_reads_shortcode_lookalikes_as_written(tmp_path: Path):
    m = ArgumentMap()
    for n, text in enumerate(_LOOKS_LIKE_MARKUP):
        m.add_claim(Claim(f"c{n}", text, title=f"T{n}", notes=text))
    path = tmp_path / "codes.argdown"
    argdown.write(m, path)
    subprocess.run(
        ["npx", "argdown", "json", str(path), str(tmp_path)],
        cwd="/work/tools/argdown",
        check=True,
        capture_output=True,
        timeout=120,
    )
    got = json.loads((tmp_path / "codes.json").read_text(encoding="utf-8"))
    texts = [got["statements"][f"T{n}"]["members"][0]["text"].strip() for n in range(3)]
    assert texts == _LOOKS_LIKE_MARKUP


def _titled(m: ArgumentMap) -> dict[str, str]:
    return {c.title: c.id for c in m.claims.values() if c.title}


def test_strict_mode_reads_contrary_statements_as_an_attack_each_way():
    """`model: {mode: strict}` (fixture 22): Argdown reads an attack between statements as
    a symmetric `contrary`, which argmap holds as two attacks labelled "contrary" (as a
    contradiction); a support between statements (`entails`) stays a support. The front
    matter is written back, so Argdown reads the rewrite in strict mode too."""
    m = argdown.loads((DATA / "22-strict-mode.argdown").read_text(encoding="utf-8"))
    t = _titled(m)

    def rel(a: str, b: str) -> list[tuple[str, str]]:
        ends = (t[a], t[b])
        rels = m.relations.values()
        return [(r.kind.value, r.label) for r in rels if (r.source, r.target) == ends]

    assert rel("Coal", "Gas") == [("attack", "contrary")] == rel("Gas", "Coal")
    assert rel("Coal", "Solar") == [("attack", "contrary")] == rel("Solar", "Coal")
    assert rel("Jobs", "Coal") == [("support", "")]
    assert rel("Gas", "Neither") == [("attack", "contradicts")]
    assert parse(argdown.dumps(m)).front_matter["model"] == {"mode": "strict"}


def test_regroup_in_the_front_matter_gives_the_maps_groups():
    """`group: {regroup: [...]}` (fixture 24): Argdown puts its sections in place of the
    headings' and so does argmap, nested ones included; an unnamed statement is in none."""
    m = argdown.loads((DATA / "24-regroup.argdown").read_text(encoding="utf-8"))
    titles = {c.id: c.title for c in m.claims.values()}
    groups = {g.label: {titles[c] for c in g.claims} for g in m.groups.values()}
    assert groups == {
        "Remedies": {"Rail"},
        "Causes": {"Warming", "Emissions", "Greenhouse"},
        "Human causes": {"Traffic"},
    }
    written = parse(argdown.dumps(m))
    assert "group" not in (written.front_matter or {})  # its sections are written as headings
    assert [s.title for s in written.sections] == ["Remedies", "Causes", "Human causes"]


def test_a_map_from_a_strict_file_keeps_its_own_relations_through_argdown():
    """A map read from a strict-mode file keeps the file's front matter, so its Argdown
    rewrite is read by Argdown in strict mode too; argmap reads its own rewrite as the map
    was, also an attack added between two statements that is no contrary."""
    m = argdown.loads((DATA / "22-strict-mode.argdown").read_text(encoding="utf-8"))
    t = _titled(m)
    m.add_relation(Relation("added", t["Neither"], t["Jobs"], RelationKind.ATTACK))
    m.add_relation(Relation("back", t["Jobs"], t["Neither"], RelationKind.ATTACK, label="x"))
    assert _positions_off(argdown.loads(argdown.dumps(m))) == _positions_off(m)


INCLUDE = DATA / "include"


def test_includes_are_put_in_place_as_argdowns_cli_does():
    """`@include(path)` (fixture include/main.argdown: a file including a file that includes
    another, and the first one twice, the second time mid-line): the file's text in place,
    relative to the including file, each file once, as the Argdown CLI reads it (its JSON
    kept, reduced); argmap's rewrite (one file) reads in the CLI as the original."""
    assert_matches_cli(argdown.parse_file(INCLUDE / "main.argdown"), _json(INCLUDE / "main.json"))
    m = registry.read(INCLUDE / "main.argdown")
    written = argdown.dumps(m)
    assert written == (INCLUDE / "written-main.argdown").read_text(encoding="utf-8")
    cli_written = _json(INCLUDE / "written-main.json")
    assert _cli_meaning(cli_written) == _cli_meaning(_json(INCLUDE / "main.json"))
    assert "@include" not in written
    # read as text (no file to be relative to), an @include stays text
    as_text = argdown.loads((INCLUDE / "main.argdown").read_text(encoding="utf-8"))
    assert any("@include(parts/_benefits.argdown)" in c.text for c in as_text.claims.values())


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, where, expected",
    [
        ("includes-broken", "_broken.argdown: line 4 column 1", "inference line (--) not closed"),
        ("includes-missing", "includes-missing.argdown: line 4", "@include(parts/nowhere.argdown)"),
    ],
)
def test_a_problem_in_an_include_names_the_file_and_line(name, where, expected, capsys):
    path = BAD / "include" / f"{name}.argdown"
    with pytest.raises(FormatError) as err:
        registry.read(path)
    message = str(err.value)
    assert message.startswith(str(BAD / "include" / where)) and expected in message, message
    assert "\n" not in message
    assert cli.main(["info", str(path)]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(
    "unit", ["[", "a [", "@[", "[a](", "*a ", "__a ", "{", "<!--", "#(", ".A. ["]
)
def test_runs_of_one_construct_are_read_in_one_pass(unit: str):
    """200,000 characters of one construct that a backtracking pattern reads in quadratic
    time (minutes): read like any text (benchmarks/bench_argdown_worst.py has the times)."""
    doc = parse(unit * (200_000 // len(unit)))
    assert len(doc.statements) == 1


def test_tags_inside_the_sentence_stay_and_members_keep_their_own_tags():
    """Fixture 28: a tag inside the sentence stays in the claim's text where Argdown shows
    it (`a #(night bus) to`), one at the end is the claim's tag only; the other definitions
    of a statement or argument are kept (notes) and written back before its own, each with
    its own tags, also when the last definition repeats a tag of another (`#cost` twice)."""
    m = argdown.loads((DATA / "28-tags-and-members.argdown").read_text(encoding="utf-8"))
    t = _titled(m)
    bus = m.claims[t["Bus"]]
    assert (bus.text, bus.tags) == ("A bus should run every night.", ("night bus", "transport"))
    lead = m.claims["untitled-1"]
    assert (lead.text, lead.tags) == ("#cost A bus costs too much for the budget.", ("cost",))
    late = m.claims[t["Late workers"]]
    assert "argdown text: Late shifts end after #midnight when the trains stop." in late.notes
    written = argdown.dumps(m)
    assert "[Fares]: Fares pay part of it. #cost\n\n[Fares]: Fares cover a third" in written
    assert "<Late workers>: Late shifts end after #midnight when" in written


def test_a_premise_named_twice_in_a_pcs_is_written_twice():
    """Fixture 30: Argdown keeps both places of a statement a PCS names twice in one step
    (argmap holds one support per premise): an `argdown premise (n) again:` line on the
    argument brings the repeat back at its number, in a one-step and a two-step PCS."""
    m = argdown.loads((DATA / "30-premise-named-twice.argdown").read_text(encoding="utf-8"))
    steps = m.claims[_titled(m)["Steps"]]
    assert steps.notes == "argdown premise (3) again: Dry\nargdown premise (5) again: Safe"
    written = argdown.dumps(m)
    assert "(1) [Dry]\n(2) [Lit]\n(3) [Dry]\n-- Conjunction --\n(4) [Safe]\n(5) [Safe]\n" in written
    assert "(1) [Route]\n(2) [Open]\n(3) [Route]\n----\n(4) [Cross]" in written
