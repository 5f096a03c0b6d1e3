"""Write the small files of the bad-file corpus (run it again after changing a case).

One file per kind of damage, named for it. The big cases (a file over the size limit, a claim
of 200,000 characters, a million and one claims) are made by fixtures in
tests/io/test_bad_files.py rather than committed. Usage: python tests/data/bad/make_corpus.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def doc(claims: object = None, relations: object = None, **extra: object) -> dict:
    """A small valid document, changed by the arguments."""
    d: dict = {
        "format": "argmap",
        "version": 1,
        "claims": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
        if claims is None
        else claims,
        "relations": [{"id": "r1", "source": "a", "target": "b", "kind": "support"}]
        if relations is None
        else relations,
    }
    d.update(extra)
    return d


def js(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def claim(**fields: object) -> list[dict]:
    return [{"id": "a", "text": "A", **fields}, {"id": "b", "text": "B"}]


def comment(depth: int) -> dict:
    c: dict = {"id": f"c{depth}", "author": "x", "time": "", "text": "t", "replies": []}
    return c if depth == 0 else {**c, "replies": [comment(depth - 1)]}


GOOD = js(doc())
H = b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
OWN_KEYS = (
    b'<key id="argmap_format" for="graph" attr.name="argmap_format" attr.type="int"/>\n'
    b'<key id="n_text" for="node" attr.name="text" attr.type="string"/>\n'
    b'<key id="n_tags" for="node" attr.name="tags" attr.type="string"/>\n'
    b'<key id="n_x" for="node" attr.name="x" attr.type="double"/>\n'
    b'<key id="e_relation" for="edge" attr.name="relation" attr.type="string"/>\n'
    b'<key id="n_comments" for="node" attr.name="comments" attr.type="string"/>\n'
    b'<key id="n_source" for="node" attr.name="source" attr.type="string"/>\n'
    b'<key id="g_sources" for="graph" attr.name="sources" attr.type="string"/>\n'
)


def own(body: bytes, version: bytes = b"1", graph: bytes = b"") -> bytes:
    return (
        H
        + OWN_KEYS
        + b'<graph id="G" edgedefault="directed">\n<data key="argmap_format">'
        + version
        + b"</data>\n"
        + graph
        + body
        + b"</graph>\n</graphml>\n"
    )


def own_comments(comments: list[dict]) -> bytes:
    """argmap's own GraphML: one claim whose comments attribute holds `comments`."""
    text = json.dumps(comments).replace("&", "&amp;").replace("<", "&lt;").encode()
    node = b'<node id="a"><data key="n_text">A</data><data key="n_comments">'
    return own(node + text + b"</data></node>\n")


def yed_group(active: bytes) -> bytes:
    """A yEd group node whose <y:Realizers active="..."> is `active`, with one member."""
    return (
        H.replace(b"xmlns=", b'xmlns:y="http://www.yworks.com/xml/graphml" xmlns=')
        + b'<key id="d0" for="node" yfiles.type="nodegraphics"/>\n'
        + b'<graph id="G" edgedefault="directed">\n'
        + b'<node id="g"><data key="d0"><y:ProxyAutoBoundsNode>'
        + b'<y:Realizers active="' + active + b'"><y:GroupNode><y:NodeLabel>Group</y:NodeLabel>'
        + b'<y:State closed="false"/></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>\n'
        + b'<graph id="g:" edgedefault="directed"><node id="a"/></graph></node>\n'
        + b"</graph>\n</graphml>\n"
    )


def foreign(body: bytes, keys: bytes = b"") -> bytes:
    return H + keys + b'<graph id="G" edgedefault="directed">\n' + body + b"</graph>\n</graphml>\n"


COMMENTS_KEY = b'<key id="c" for="node" attr.name="comments" attr.type="string"/>\n'



FILES: dict[str, bytes] = {
    # -- .argmap: bytes and JSON --------------------------------------------------------
    "empty-file.argmap": b"",
    "whitespace-only.argmap": b"  \n\t\n",
    "truncated-json.argmap": GOOD[: len(GOOD) * 2 // 3],
    "trailing-garbage.argmap": GOOD + b"}{\n",
    "not-json.argmap": b"Claims:\n- the peace talks will fail\n",
    "binary-garbage.argmap": bytes(range(256)) * 4,
    "not-utf8.argmap": js(doc(claim(text="caf\u00e9"))).replace("é".encode(), b"\xe9"),
    "utf16-bom.argmap": b"\xff\xfe" + json.dumps(doc()).encode("utf-16-le"),
    "utf32-bom.argmap": b"\x00\x00\xfe\xff" + json.dumps(doc()).encode("utf-32-be"),
    "deep-nesting.argmap": b'{"format": "argmap", "version": 1, "claims": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b', "relations": []}\n',
    "deep-comment-replies.argmap": js(doc(claim(comments=[comment(80)]))),
    "huge-number.argmap": js(doc(claim(source={"document": "d", "paragraph": 1}))).replace(
        b'"paragraph": 1', b'"paragraph": ' + b"9" * 5000
    ),
    "lone-surrogate.argmap": js(doc()).replace(b'"text": "A"', b'"text": "A \\ud83d"'),
    # -- .argmap: header ------------------------------------------------------------------
    "top-level-array.argmap": js([doc()]),
    "missing-format.argmap": js({k: v for k, v in doc().items() if k != "format"}),
    "wrong-format-name.argmap": js(doc(format="argdown")),
    "future-version.argmap": js(doc(version=7)),
    "version-is-string.argmap": js(doc(version="1")),
    "unknown-old-version.argmap": js(doc(version=0)),
    # -- .argmap: fields and types --------------------------------------------------------
    "missing-claims.argmap": js({k: v for k, v in doc().items() if k != "claims"}),
    "claims-not-array.argmap": js(doc(claims={"a": "A"})),
    "claim-text-is-number.argmap": js(doc(claim(text=42))),
    "claim-missing-text.argmap": js(doc([{"id": "a"}, {"id": "b", "text": "B"}])),
    "claim-extra-field.argmap": js(doc(claim(colour="red"))),
    "unknown-top-level-field.argmap": js(doc(layout="dot")),
    "bad-claim-kind.argmap": js(doc(claim(kind="opinion"))),
    "invalid-id.argmap": js(doc([{"id": "a b", "text": "A"}], [])),
    "pinned-is-string.argmap": js(doc(claim(pinned="yes"))),
    "nan-score.argmap": js(doc()).replace(b'"text": "A"', b'"text": "A", "base_score": NaN'),
    "score-out-of-range.argmap": js(doc(claim(base_score=1.5))),
    "infinite-position.argmap": js(doc()).replace(b'"text": "A"', b'"text": "A", "x": 1e999'),
    "infinity-literal.argmap": js(doc()).replace(b'"text": "A"', b'"text": "A", "y": -Infinity'),
    "span-wrong-length.argmap": js(doc(claim(source={"document": "d", "span": [1, 2, 3]}))),
    "review-bad-status.argmap": js(doc(claim(review={"status": "maybe"}))),
    "comment-missing-author.argmap": js(
        doc(claim(comments=[{"id": "c1", "time": "", "text": "t"}]))
    ),
    # -- .argmap: references --------------------------------------------------------------
    "duplicate-claim-id.argmap": js(doc([{"id": "a", "text": "A"}, {"id": "a", "text": "A2"}], [])),
    "duplicate-id-claim-and-relation.argmap": js(
        doc(relations=[{"id": "a", "source": "a", "target": "b", "kind": "attack"}])
    ),
    "relation-to-missing-claim.argmap": js(
        doc(relations=[{"id": "r1", "source": "a", "target": "zz", "kind": "support"}])
    ),
    "relation-from-missing-claim.argmap": js(
        doc(relations=[{"id": "r1", "source": "zz", "target": "a", "kind": "attack"}])
    ),
    "support-of-relation.argmap": js(
        doc(
            relations=[
                {"id": "r1", "source": "a", "target": "b", "kind": "support"},
                {"id": "r2", "source": "b", "target": "r1", "kind": "support"},
            ]
        )
    ),
    "duplicate-relation.argmap": js(
        doc(
            relations=[
                {"id": "r1", "source": "a", "target": "b", "kind": "support"},
                {"id": "r2", "source": "a", "target": "b", "kind": "support"},
            ]
        )
    ),
    "self-undercut.argmap": js(
        doc(relations=[{"id": "r1", "source": "a", "target": "r1", "kind": "attack"}])
    ),
    "group-with-missing-claim.argmap": js(doc(groups=[{"id": "g", "claims": ["a", "zz"]}])),
    "duplicate-group-id.argmap": js(doc(groups=[{"id": "g"}, {"id": "g"}])),
    # -- GraphML --------------------------------------------------------------------------
    "billion-laughs.graphml": b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G">'
    + b'<node id="n"><data key="d">&lol9;</data></node></graph></graphml>\n',
    "external-entity.graphml": b'<?xml version="1.0"?>\n<!DOCTYPE graphml [\n'
    b' <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
    b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G">'
    b'<node id="n"><data key="d">&secret;</data></node></graph></graphml>\n',
    "external-parameter-entity.graphml": b'<?xml version="1.0"?>\n<!DOCTYPE graphml [\n'
    b' <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">\n %remote;\n]>\n'
    b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G"/></graphml>\n',
    "truncated.graphml": foreign(
        b'<node id="a"/>\n<node id="b"/>\n<edge source="a" target="b"/>\n'
    )[:-30],
    "binary-garbage.graphml": bytes(range(256)) * 4,
    "not-utf8.graphml": foreign(b'<node id="a"><data key="label">caf\xe9</data></node>\n'),
    "unknown-encoding.graphml": b'<?xml version="1.0" encoding="UTF-88"?>\n<graphml/>\n',
    "utf7-encoding.graphml": b'<?xml version="1.0" encoding="utf-7"?>\n<graphml/>\n',
    "not-graphml-root.graphml": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "no-graph-element.graphml": H + b"</graphml>\n",
    "node-without-id.graphml": foreign(b"<node/>\n"),
    "edge-without-target.graphml": foreign(b'<node id="a"/>\n<edge source="a"/>\n'),
    "deep-groups.graphml": foreign(
        b'<node id="n"><graph id="g" edgedefault="directed">\n' * 70
        + b'<node id="leaf"/>\n'
        + b"</graph></node>\n" * 70
    ),
    "own-future-version.graphml": own(b'<node id="a"><data key="n_text">A</data></node>\n', b"9"),
    "own-bad-json-attribute.graphml": own(
        b'<node id="a"><data key="n_text">A</data><data key="n_tags">["x", </data></node>\n'
    ),
    "own-deep-json-attribute.graphml": own(
        b'<node id="a"><data key="n_text">A</data><data key="n_tags">'
        + b"[" * 5000
        + b"]" * 5000
        + b"</data></node>\n"
    ),
    "own-bad-number.graphml": own(
        b'<node id="a"><data key="n_text">A</data><data key="n_x">left</data></node>\n'
    ),
    "own-duplicate-node.graphml": own(
        b'<node id="a"><data key="n_text">A</data></node>\n'
        b'<node id="a"><data key="n_text">A again</data></node>\n'
    ),
    # -- argmap's own GraphML with values .argmap refuses (issue 12): refused here too ---------
    "own-comment-author-lone-surrogate.graphml": own_comments(
        [{"id": "k1", "author": "\ud800", "time": "", "text": "t"}]
    ),
    "own-source-title-lone-surrogate.graphml": own(
        b'<node id="a"><data key="n_text">A</data></node>\n',
        graph=b'<data key="g_sources">[{"id": "s1", "title": "\\ud83d"}]</data>\n',
    ),
    "own-comment-bad-id.graphml": own_comments(
        [{"id": "not an id!", "author": "x", "time": "", "text": "t"}]
    ),
    "own-comments-31-deep.graphml": own_comments([comment(30)]),
    "own-claim-id-newline.graphml": own(b'<node id="a&#10;"><data key="n_text">A</data></node>\n'),
    "own-empty-source-id.graphml": own(
        b'<node id="a"><data key="n_text">A</data></node>\n',
        graph=b'<data key="g_sources">[{"id": ""}]</data>\n',
    ),
    "own-source-paragraph-0.graphml": own(
        b'<node id="a"><data key="n_text">A</data>'
        b'<data key="n_source">{"document": "s1", "paragraph": 0}</data></node>\n'
    ),
    # -- ICCMA ----------------------------------------------------------------------------
    "apx-bad-line.apx": b"arg(a).\narg(b).\natt(a;b).\n",
    "apx-undeclared-argument.apx": b"arg(a).\natt(a,b).\n",
    "apx-duplicate-argument.apx": b"arg(a).\narg(a).\n",
    "apx-not-utf8.apx": b"arg(a).\narg(caf\xe9).\n",
    "tgf-two-hash-lines.tgf": b"a\nb\n#\na b\n#\n",
    "tgf-undeclared-argument.tgf": b"a\nb\n#\na c\n",
    "tgf-attack-one-end.tgf": b"a\nb\n#\na\n",
    "af-missing-header.af": b"# no header\n1 2\n",
    "af-bad-header.af": b"p graph 3\n1 2\n",
    "af-argument-out-of-range.af": b"p af 3\n1 2\n2 4\n",
    "af-too-many-arguments.af": b"p af 100000000\n1 2\n",
    "af-huge-number.af": b"p af " + b"9" * 5000 + b"\n1 2\n",
    "af-unicode-digits.af": "p af \u00b2\n1 2\n".encode(),
}


# Files from other tools that argmap reads with a repair and a warning (tests/io/test_bad_files.py
# holds the warning and the repaired value of each): written to repaired/.
REPAIRED: dict[str, bytes] = {
    "yed-realizers-active-negative.graphml": yed_group(b"-3"),
    "yed-realizers-active-not-a-number.graphml": yed_group(b"first"),
    "yed-realizers-active-too-large.graphml": yed_group(b"99999999999999999999999"),
    "yed-geometry-overflows.graphml": foreign(
        b'<node id="a"><data key="d0"><y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml">'
        b'<y:Geometry x="1.7e308" y="0" width="1e308" height="10"/></y:ShapeNode></data></node>\n'
        b'<node id="b"/>\n',
        b'<key id="d0" for="node" yfiles.type="nodegraphics"/>\n',
    ),
    "foreign-comment-author-lone-surrogate.graphml": foreign(
        b'<node id="a"><data key="c">[{"id": "k1", "author": "\\udc00", "time": "", '
        b'"text": "t"}]</data></node>\n',
        COMMENTS_KEY,
    ),
    "foreign-comment-bad-id.graphml": foreign(
        b'<node id="a"><data key="c">[{"id": "not an id!", "author": "x", "time": "", '
        b'"text": "t"}]</data></node>\n',
        COMMENTS_KEY,
    ),
    "foreign-comments-31-deep.graphml": foreign(
        b'<node id="a"><data key="c">' + json.dumps([comment(30)]).encode() + b"</data></node>\n",
        COMMENTS_KEY,
    ),
    "foreign-source-paragraph-0.graphml": foreign(
        b'<node id="a"><data key="s">{"document": "s1", "paragraph": 0}</data></node>\n',
        b'<key id="s" for="node" attr.name="source" attr.type="string"/>\n',
    ),
    "foreign-node-id-newline.graphml": foreign(b'<node id="a&#10;"/>\n'),
}


def main() -> None:
    for old in [*HERE.iterdir(), *(HERE / "repaired").glob("*")]:
        if old.suffix in (".argmap", ".graphml", ".apx", ".tgf", ".af"):
            old.unlink()
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    (HERE / "repaired").mkdir(exist_ok=True)
    for name, data in REPAIRED.items():
        (HERE / "repaired" / name).write_bytes(data)
    print(f"wrote {len(FILES)} files to {HERE} and {len(REPAIRED)} to {HERE / 'repaired'}")


if __name__ == "__main__":
    main()
