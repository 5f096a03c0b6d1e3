"""The `argmap` command: one small function per sub-command.

Errors a user can cause (`ArgmapError`) print one line to stderr and exit with status 2;
argparse's own usage errors are shortened to one line as well.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap.model.errors import ArgmapError, UsageError
from argmap.model.map import ArgumentMap
from argmap.model.progress import terminal_phases

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, as the rest of argmap does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def seed_path() -> Path:
    """The example map that opens when no file is given."""
    return Path(__file__).resolve().parents[1] / "seeds" / "peace-talks.argmap"


# -- sub-commands ---------------------------------------------------------------------------


def cmd_open(args: argparse.Namespace) -> int:
    from argmap.ui.app import run_app

    argv = [str(args.file)] if args.file else []
    if args.screenshot:
        argv += ["--screenshot", str(args.screenshot)]
    return run_app(argv)


def _read_reporting(path: Path, format: str | None = None, *, layout: bool = True) -> ArgumentMap:
    """Read a map, printing the reader's warnings (what it guessed or repaired) to stderr.
    `layout=False`: a map from a file without positions stays unplaced (see registry)."""
    from argmap.io import registry

    m, warnings = registry.read_with_report(path, format, layout=layout)
    for warning in warnings:
        print(f"argmap: warning: {path}: {warning}", file=sys.stderr)
    return m


def cmd_info(args: argparse.Namespace) -> int:
    # Counting needs no positions; the layout measures of --json do.
    m = _read_reporting(args.file, args.format, layout=bool(args.json))
    data = {
        "title": m.info.title,
        "claims": len(m.claims),
        "relations": len(m.relations),
        "groups": len(m.groups),
        "views": sorted(v.name or v.id for v in m.views.values()),
        "kinds": m.kind_counts(),
        "relation_kinds": m.relation_kind_counts(),
        "undercuts": sum(1 for r in m.relations.values() if m.is_undercut(r)),
        "linked_relations": sum(1 for r in m.relations.values() if r.link is not None),
        "sources": [s.id for s in m.info.sources],
    }
    if args.json:
        from argmap.analysis.layout import count_crossings

        # Layout quality as drawn: crossings of straight lines between card centres; arrows
        # through cards as drawn in --arrows (routed by default), estimated card sizes.
        data["crossings"] = count_crossings(m)
        data["arrows"] = args.arrows
        data["arrows_through_cards"] = len(_arrows_through(m, args.arrows))
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(f"{args.file}: {data['title'] or '(untitled)'}")
        print(f"  claims     {data['claims']}  " + _counts(data["kinds"]))
        print(f"  relations  {data['relations']}  " + _counts(data["relation_kinds"]))
        print(f"  undercuts  {data['undercuts']}, linked premises {data['linked_relations']}")
        print(f"  groups     {data['groups']}")
        if data["views"]:
            print("  views      " + ", ".join(data["views"]))
    return EXIT_OK


def _counts(counts: dict[str, int]) -> str:
    return "(" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")"


def _arrows_through(m, style: str) -> list[tuple[str, str]]:
    """(relation, claim) for each arrow through a card it does not belong to, as drawn."""
    from argmap.analysis.layout import arrows_through_cards
    from argmap.analysis.routing import routed_polylines

    paths = None if style == "straight" else routed_polylines(m, style=style)
    return arrows_through_cards(m, paths=paths)


def cmd_layout(args: argparse.Namespace) -> int:
    from argmap.analysis.layout import count_crossings, layered_layout
    from argmap.io import registry
    from argmap.model.edits import MoveClaims

    out = args.output or args.file
    with terminal_phases("layout", ("reading", "laying out", "writing")) as phase:
        phase("reading")
        m = registry.read(args.file, args.format)
        phase("laying out")
        positions = layered_layout(
            m, direction=args.direction, move_pinned=not args.keep_pinned, keep_groups=args.groups
        )
        MoveClaims.of(positions).apply(m)
        phase("writing")
        registry.write(m, out, args.to)
    print(
        f"{out}: laid out {len(positions)} of {len(m.claims)} claims "
        f"({args.direction}; {count_crossings(m)} crossings, "
        f"{len(_arrows_through(m, args.arrows))} {args.arrows} arrows through cards)",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from argmap.analysis.evaluation import evaluate, evaluate_framework, format_evaluation
    from argmap.analysis.semantics import EXTENSION_SEMANTICS
    from argmap.io import registry

    fmt = registry.format_for(args.file, args.format, writing=False)
    if fmt.name == "iccma" and args.semantics in EXTENSION_SEMANTICS:
        # Straight from the file into integer adjacency lists: no map, no networkx.
        from argmap.io import iccma

        fw = iccma.read_framework(args.file)
        ev = evaluate_framework(
            fw, args.semantics, support=args.support, time_limit=args.time_limit
        )
        texts: ArgumentMap | dict[str, str] = dict(zip(fw.names, fw.texts or fw.names, strict=True))
    else:
        lean = None
        if fmt.name == "argmap" and args.semantics in EXTENSION_SEMANTICS:
            # Only ids and relations, checked as a full read checks them (native_relations).
            from argmap.analysis.framework import from_map
            from argmap.io import native_relations

            lean = native_relations.read(args.file)
        if lean is not None:
            fw = from_map(lean, support=args.support)  # type: ignore[arg-type]
            ev = evaluate_framework(
                fw, args.semantics, support=args.support, time_limit=args.time_limit
            )
            texts = lean.claims
        else:
            texts = registry.read(args.file, args.format)
            ev = evaluate(
                texts, args.semantics, support=args.support, time_limit=args.time_limit
            )
    if args.json:
        _print_json(ev.to_json())
    else:
        print(format_evaluation(texts, ev))
    return EXIT_OK


def _print_json(data: object) -> None:
    """`json.dumps(data, indent=2, ensure_ascii=False)` to stdout, byte for byte, but fast:
    with an indent, json encodes in pure Python (2 s for 100,000 labels); here lists of
    strings and dicts of strings are joined in one go from C-encoded strings."""
    sys.stdout.write(_indented(data, 0))
    sys.stdout.write("\n")


def _indented(value: object, level: int) -> str:
    from json.encoder import encode_basestring

    pad = "\n" + "  " * (level + 1)
    end = "\n" + "  " * level
    if isinstance(value, dict):
        if not value:
            return "{}"
        if all(type(k) is str and type(v) is str for k, v in value.items()):
            enc = encode_basestring
            body = pad.join([f"{enc(k)}: {enc(v)}," for k, v in value.items()])
            return "{" + pad + body[:-1] + end + "}"
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {_indented(v, level + 1)}"
            for k, v in value.items()
        ]
        return "{" + pad + ("," + pad).join(items) + end + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(type(v) is str for v in value):
            return "[" + pad + ("," + pad).join(map(encode_basestring, value)) + end + "]"
        return "[" + pad + ("," + pad).join(_indented(v, level + 1) for v in value) + end + "]"
    return json.dumps(value, ensure_ascii=False)


def cmd_check(args: argparse.Namespace) -> int:
    from argmap.analysis.checks import check, format_findings
    from argmap.analysis.cruxes import question_cruxes
    from argmap.io import registry

    m = registry.read(args.file, args.format)
    findings = check(m)
    ranked = question_cruxes(m)
    if args.json:
        data = {
            "file": str(args.file),
            "findings": [f.to_json() for f in findings],
            "open_questions": {t: [q.to_json() for q in qs] for t, qs in ranked.items() if qs},
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_findings(findings, str(args.file)))
        text = format_question_cruxes(ranked)
        if text:
            print(text)
    return EXIT_FOUND if findings else EXIT_OK


def format_question_cruxes(ranked: dict[str, list]) -> str:
    """Open critical questions per thesis, the one whose answer matters most first."""
    lines = []
    for target, found in ranked.items():
        if not found:
            continue
        lines.append(f"open critical questions for {target}, by how much answering matters:")
        for q in found:
            lines.append(
                f"  {q.relation}:{q.question:<14} {q.kind:<10} "
                f"if yes: {q.label_if_yes:<5} {q.strength_if_yes:.3f}  "
                f"if no: {q.label_if_no:<5} {q.strength_if_no:.3f}  "
                f"\u0394 {q.strength_change:.3f}"
            )
            lines.append(f"    {q.text}")
    return "\n".join(lines)


def cmd_cruxes(args: argparse.Namespace) -> int:
    from argmap.analysis.cruxes import cruxes
    from argmap.io import registry
    from argmap.model.progress import terminal_progress

    m = registry.read(args.file, args.format)
    with terminal_progress("cruxes") as progress:
        ranked = cruxes(
            m, args.claim, semantics=args.semantics, support=args.support, progress=progress
        )
    if args.json:
        data = {t: [c.to_json() for c in cs[: args.top]] for t, cs in ranked.items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not ranked:
        print(f"{args.file}: no thesis (name a claim with --claim)")
    for target, found in ranked.items():
        print(f"{target}: {len(found)} claim(s) can change it")
        width = max((len(c.claim) for c in found), default=1)
        for c in found[: args.top]:
            print(
                f"  {c.claim:<{width}}  flips {c.label_flips}  "
                f"(if in: {c.label_if_in:<5} if out: {c.label_if_out:<5})  "
                f"strength \u0394 {c.strength_change:.3f}"
            )
    return EXIT_OK


def _formats_epilog() -> str:
    """The registry's formats, for `argmap convert --help`."""
    from argmap.io import registry

    lines = ["formats (read/write, extensions):"]
    for f in registry.formats():
        rw = ("r" if f.can_read else "-") + ("w" if f.can_write else "-")
        lines.append(f"  {f.name:<8} {rw}  {' '.join(f.extensions):<24} {f.description}")
    lines += [
        "",
        "examples:",
        "  argmap convert debate.argdown debate.argmap   Argdown -> map (laid out)",
        "  argmap convert map.argmap map.ad              map -> Argdown (fields in {argmap: ...})",
        "  argmap convert corpus.json map.argmap         AIF JSON (AIFdb, OVA) -> map",
        "  argmap convert map.argmap map.json            map -> OVA3 AIF JSON (OVA imports it)",
    ]
    return "\n".join(lines)


def cmd_convert(args: argparse.Namespace) -> int:
    from argmap.io import registry

    # Formats that map only part of a file (GraphML from other tools) say what they left out
    # or guessed, so a conversion never loses something silently. A map from a file without
    # positions is laid out only when the output keeps positions (not for Argdown).
    target = registry.format_for(args.output, args.to, writing=True)
    with terminal_phases("convert", ("reading", "writing")) as phase:
        phase("reading")
        m = _read_reporting(args.input, args.from_format, layout=target.positions)
        phase("writing")
        registry.write(m, args.output, args.to)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """A picture of the whole map, or of one saved view as a window of --size shows it."""

    with terminal_phases("export", ("reading", "drawing")) as phase:
        phase("reading")
        m = _read_reporting(args.file)
        phase("drawing")
        _export(m, args)
    return EXIT_OK


def _export(m: ArgumentMap, args: argparse.Namespace) -> None:
    from argmap.io import registry

    output = args.output or args.file.with_suffix(f".{args.format}")
    options: dict[str, object] = {"appearance": args.appearance, "arrows": args.arrows}
    if args.view is not None:
        width, _, height = args.size.partition("x")
        try:
            size = (int(width), int(height))
        except ValueError:
            raise UsageError(f"--size {args.size!r} is not WIDTHxHEIGHT") from None
        if not (16 <= size[0] <= 20000 and 16 <= size[1] <= 20000):
            raise UsageError(f"--size {args.size!r} is out of range (16 to 20000 pixels)")
        options |= {"view": args.view, "size": size}
    registry.write(m, output, args.format, **options)
    print(f"wrote {output}", file=sys.stderr)


def cmd_diff(args: argparse.Namespace) -> int:
    from argmap.analysis.diff import diff_maps, format_diff

    old, new = _read_map(args.old), _read_map(args.new)
    d = diff_maps(old, new, ignore_layout=args.ignore_layout)
    if args.json:
        print(json.dumps(d.to_json(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_diff(d, str(args.old), str(args.new)))
    return EXIT_FOUND if d else EXIT_OK


def cmd_textconv(args: argparse.Namespace) -> int:
    from argmap.analysis.diff import outline
    from argmap.io import native
    from argmap.model.errors import FormatError

    data = native.read_file_bytes(args.file)
    try:
        text = outline(native.loads(data, name=str(args.file)))
    except FormatError as exc:
        # git calls this for every version of the file; a broken one shows as it is.
        print(f"argmap: {exc} (showing the file as it is)", file=sys.stderr)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK


def _read_map(path: Path, empty_ok: bool = False) -> ArgumentMap:
    """Read any registered format; a file without a known extension (git's temporary files
    are named `.merge_file_XXXXXX`) is read as .argmap. An empty file is an empty map when
    `empty_ok` (git passes one as the base when both branches added the file)."""
    from argmap.io import native, registry

    if empty_ok and not native.read_file_bytes(path).strip():
        return ArgumentMap()
    known = {e for f in registry.formats() for e in f.extensions}
    return registry.read(path) if path.suffix.lower() in known else native.read(path)


def cmd_merge(args: argparse.Namespace) -> int:
    from argmap.analysis.merge import merge_maps
    from argmap.io import native, registry

    base = _read_map(args.base, empty_ok=True)
    ours, theirs = _read_map(args.ours), _read_map(args.theirs)
    result = merge_maps(base, ours, theirs)
    out = args.output
    if out.suffix.lower() == ".argmap" or not out.suffix:
        # no .bak: as git's merge driver the output is git's own temporary file
        native.write(result.map, out, backup=not args.output.name.startswith(".merge_file"))
    else:
        registry.write(result.map, out)
    for conflict in result.conflicts:
        print(f"argmap merge: CONFLICT ({conflict.where}): {conflict.message}", file=sys.stderr)
    if result.conflicts:
        print(
            f"argmap merge: {len(result.conflicts)} conflict(s) left in {out} "
            "(claims tagged 'conflict')",
            file=sys.stderr,
        )
    return EXIT_FOUND if result.conflicts else EXIT_OK


GIT_ATTRIBUTES_LINE = "*.argmap merge=argmap diff=argmap"


def _exclude_backups(top: str) -> None:
    """Keep the NAME.argmap.bak files of argmap's saves out of `git add -A` (in the
    repository's own .git/info/exclude, which is not committed)."""
    import subprocess

    from argmap.io.atomic import write_bytes_atomic

    done = subprocess.run(
        ["git", "-C", top, "rev-parse", "--git-path", "info/exclude"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return
    exclude = Path(top) / done.stdout.strip()
    text = exclude.read_text(encoding="utf-8") if exclude.exists() else ""
    if "*.argmap.bak" not in text.splitlines():
        text += ("" if not text or text.endswith("\n") else "\n") + "*.argmap.bak\n"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(exclude, text.encode("utf-8"), backup=False)


def cmd_git_setup(args: argparse.Namespace) -> int:
    import shlex
    import subprocess

    from argmap.io.atomic import write_bytes_atomic

    command = args.run_with or (
        f"{shlex.quote(sys.executable)} -m argmap" if args.python else "argmap"
    )
    try:
        top = subprocess.run(
            ["git", "-C", str(args.repo), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise UsageError("not inside a git repository", file=str(args.repo)) from None
    attributes = Path(top) / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if GIT_ATTRIBUTES_LINE not in text.splitlines():
        text += ("" if not text or text.endswith("\n") else "\n") + GIT_ATTRIBUTES_LINE + "\n"
        write_bytes_atomic(attributes, text.encode("utf-8"), backup=False)
    _exclude_backups(top)
    settings = {
        "merge.argmap.name": "argmap three-way merge of maps",
        "merge.argmap.driver": f"{command} merge %O %A %B -o %A",
        "diff.argmap.textconv": f"{command} textconv",
    }
    for key, value in settings.items():
        subprocess.run(["git", "-C", top, "config", key, value], check=True)
    print(f"{attributes}: {GIT_ATTRIBUTES_LINE}")
    for key, value in settings.items():
        print(f"git config {key} {shlex.quote(value)}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from argmap.report import write_report

    m = _read_map(args.file)
    parts = write_report(m, args.output, semantics=args.semantics, picture=not args.no_picture)
    for note in (parts.picture_note, parts.evaluation_note, parts.checks_note):
        if note and args.output.suffix.lower() != ".md":
            print(f"argmap report: {note}", file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _given_sources(pairs: Sequence[str]) -> dict[str, Path]:
    """`--source ID=FILE` arguments as {id: path}."""
    out: dict[str, Path] = {}
    for pair in pairs:
        sid, sep, file = pair.partition("=")
        if not sep or not sid or not file:
            raise UsageError(f"--source wants ID=FILE, got {pair!r}")
        out[sid] = Path(file)
    return out


def _anchored_sources(m: ArgumentMap) -> list[str]:
    items = [*m.claims.values(), *m.relations.values()]
    return sorted({a.source for item in items for a in item.anchors})


def cmd_anchors(args: argparse.Namespace) -> int:
    """Every anchor with its status against the given (or attached) text; --fix re-anchors."""
    from argmap.analysis.anchoring import counts, fix_edits, reanchor_map
    from argmap.io import native
    from argmap.io.sources import load_texts
    from argmap.model.edits import Composite

    m = native.read(args.file)
    loaded = load_texts(m, args.file, _given_sources(args.source), required=_anchored_sources(m))
    texts = {sid: t.text for sid, t in loaded.items()}
    old = {sid: t.stored for sid, t in loaded.items() if t.stored is not None}
    reports = reanchor_map(m, texts, old)
    tally = counts(reports)
    if args.json:
        print(
            json.dumps(
                {"anchors": [r.to_json() for r in reports], "counts": tally},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for r in reports:
            p = r.placement
            score = f" {p.score:.2f}" if p.status.value == "fuzzy" else ""
            moved = f" (was {r.anchor.start}-{r.anchor.end})" if p.start != r.anchor.start else ""
            print(f"{r.item}\t{r.anchor.source}\t{p.status.value}{score}\t{p.start}-{p.end}{moved}")
        print(", ".join(f"{n} {s}" for s, n in tally.items()), file=sys.stderr)
    if not args.fix:
        return EXIT_OK
    if tally["lost"] and not args.drop_lost:
        print(
            f"argmap anchors: {tally['lost']} anchor(s) lost; not written (anchor them again in "
            "the app, or pass --drop-lost to remove them)",
            file=sys.stderr,
        )
        return EXIT_FOUND
    versions = {sid: (t.text, t.sha256) for sid, t in loaded.items()}
    edits = fix_edits(m, reports, versions, drop_lost=args.drop_lost)
    if edits:
        Composite(tuple(edits)).apply(m)
        native.write(m, args.file)
        print(f"wrote {args.file}", file=sys.stderr)
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    """Per source and paragraph, the share of characters that anchors cover."""
    from argmap.analysis.anchoring import coverage, reanchor_map
    from argmap.io import native
    from argmap.io.sources import load_texts

    m = native.read(args.file)
    loaded = load_texts(m, args.file, _given_sources(args.source), required=_anchored_sources(m))
    texts = {sid: t.text for sid, t in loaded.items()}
    old = {sid: t.stored for sid, t in loaded.items() if t.stored is not None}
    reports = reanchor_map(m, texts, old)
    out = []
    for sid in sorted(texts):
        spans = [
            (r.placement.start, r.placement.end)
            for r in reports
            if r.anchor.source == sid and r.placement.found
        ]
        paragraphs = coverage(texts[sid], spans)
        total = sum(p.end - p.start for p in paragraphs)
        covered = sum(p.covered for p in paragraphs)
        out.append(
            {
                "source": sid,
                "characters": total,
                "covered": covered,
                "share": round(covered / total, 4) if total else 0.0,
                "lost_anchors": sum(
                    1 for r in reports if r.anchor.source == sid and not r.placement.found
                ),
                "paragraphs": [
                    {
                        "paragraph": p.number,
                        "characters": p.end - p.start,
                        "covered": p.covered,
                        "share": round(p.share, 4),
                    }
                    for p in paragraphs
                ],
                "uncovered": [p.number for p in paragraphs if p.covered == 0],
            }
        )
    if args.json:
        print(json.dumps({"sources": out}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for s in out:
        print(
            f"source {s['source']}: {s['share']:.0%} of {s['characters']:,} characters covered"
            + (f", {s['lost_anchors']} anchor(s) lost" if s["lost_anchors"] else "")
        )
        for p in s["paragraphs"]:
            bar = "#" * round(p["share"] * 20)
            print(f"  ¶{p['paragraph']:<4} {p['share']:>4.0%} {bar}")
        none = ", ".join(map(str, s["uncovered"])) or "none"
        print(f"  paragraphs with no anchor: {none}")
    return EXIT_OK


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from argmap.desktop import install_desktop, uninstall_desktop

    if args.uninstall:
        for path in uninstall_desktop(args.prefix):
            print(f"removed {path}")
    else:
        for path in install_desktop(args.prefix):
            print(f"wrote {path}")
    return EXIT_OK


# -- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="argmap",
        description="Argument maps: claims joined by support and attack relations.",
    )
    from argmap import __version__

    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help: str) -> _Parser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("open", cmd_open, "start the desktop app (on the seed map when no file is given)")
    p.add_argument("file", nargs="?", type=Path, help="map to open")
    p.add_argument("--screenshot", type=Path, metavar="PATH", help="save a PNG of the window, exit")

    p = add(
        "install-desktop",
        cmd_install_desktop,
        "add argmap to the desktop's menus, with its icon and the .argmap file type (no root)",
    )
    p.add_argument(
        "--prefix", type=Path, help="data folder to install into (default $XDG_DATA_HOME)"
    )
    p.add_argument("--uninstall", action="store_true", help="remove what install-desktop wrote")

    p = add("info", cmd_info, "print counts of claims and relations")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", help="read as this format instead of guessing from the extension")
    p.add_argument(
        "--arrows",
        choices=("straight", "curved", "orthogonal"),
        default="curved",
        help="arrows drawn straight or routed (curved, the default; orthogonal) for the counts",
    )

    p = add("layout", cmd_layout, "lay a map out in layers, theses on top (in place or to -o)")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("-o", "--output", type=Path, help="write here (default: back to FILE)")
    p.add_argument(
        "--direction",
        default="TB",
        choices=("TB", "BT", "LR", "RL"),
        help="TB theses on top (default), LR premises left and conclusions right, BT, RL",
    )
    p.add_argument("--keep-pinned", action="store_true", help="pinned claims stay where they are")
    p.add_argument(
        "--groups", action="store_true", help="keep each group's claims together: no frames overlap"
    )
    p.add_argument("--format", help="read as this format instead of guessing from the extension")
    p.add_argument("--to", metavar="FORMAT", help="output format (default: from the extension)")
    p.add_argument(
        "--arrows",
        choices=("straight", "curved", "orthogonal"),
        default="curved",
        help="arrows drawn straight or routed (curved, the default; orthogonal) for the counts",
    )

    p = add("eval", cmd_eval, "label or score every claim under an argumentation semantics")
    p.add_argument("file", type=Path, help="map file (.argmap, or ICCMA .apx/.tgf/.af/.i23)")
    p.add_argument(
        "--semantics",
        default="grounded",
        choices=("grounded", "complete", "preferred", "stable", "dfquad", "qe"),
        help="extension semantics (labels) or gradual semantics (strengths); default grounded",
    )
    p.add_argument(
        "--support",
        default="necessary",
        choices=("necessary", "deductive", "bipolar", "none"),
        help="how supports take part in extension semantics (see docs/evaluation.md)",
    )
    p.add_argument(
        "--time-limit", type=float, default=20.0, metavar="S", help="search limit in seconds"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", help="read as this format instead of guessing from the extension")

    p = add("check", cmd_check, "report structural problems of a map (exit 1 when any)")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", help="read as this format instead of guessing from the extension")

    p = add("cruxes", cmd_cruxes, "rank the claims that decide each thesis")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("--claim", help="target claim (default: every thesis)")
    p.add_argument("--top", type=int, default=10, help="how many per target (default 10)")
    p.add_argument(
        "--semantics", default="grounded", choices=("grounded", "complete", "preferred", "stable")
    )
    p.add_argument(
        "--support", default="necessary", choices=("necessary", "deductive", "bipolar", "none")
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", help="read as this format instead of guessing from the extension")

    p = add("convert", cmd_convert, "convert a map between formats (chosen by extension)")
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = _formats_epilog()
    p.add_argument("input", type=Path, help="map to read")
    p.add_argument("output", type=Path, help="file to write")
    p.add_argument("--to", metavar="FORMAT", help="output format (default: from the extension)")
    p.add_argument("--from", dest="from_format", metavar="FORMAT", help="input format")

    p = add("export", cmd_export, "draw a map, or one of its saved views, as PNG, SVG or PDF")
    p.add_argument("format", choices=("png", "svg", "pdf"), help="picture format")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("-o", "--output", type=Path, help="picture to write (default: FILE.FORMAT)")
    p.add_argument("--view", metavar="NAME", help="a saved view of the map (name or id)")
    p.add_argument(
        "--size", default="1600x1000", metavar="WxH", help="window size for --view (1600x1000)"
    )
    p.add_argument("--appearance", choices=("light", "dark"), default="light")
    p.add_argument(
        "--arrows",
        choices=("straight", "curved", "orthogonal"),
        default="curved",
        help="straight, or routed around the cards: curved (default) or orthogonal",
    )

    p = add("diff", cmd_diff, "list claims and relations added, removed and changed (exit 1)")
    p.add_argument("old", type=Path, help="the older map")
    p.add_argument("new", type=Path, help="the newer map")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--ignore-layout", action="store_true", help="ignore card positions")

    p = add("textconv", cmd_textconv, "print a map as a stable outline (for git diff)")
    p.add_argument("file", type=Path, help="map file")

    p = add("merge", cmd_merge, "three-way merge of maps (exit 1 when conflicts remain)")
    p.add_argument("base", type=Path, help="the common ancestor (git's %%O)")
    p.add_argument("ours", type=Path, help="our version (git's %%A)")
    p.add_argument("theirs", type=Path, help="their version (git's %%B)")
    p.add_argument("-o", "--output", type=Path, required=True, help="where to write the result")

    p = add("report", cmd_report, "write a review report: HTML (self-contained) or Markdown")
    p.add_argument("file", type=Path, help="map file")
    p.add_argument("-o", "--output", type=Path, required=True, help="report.html or report.md")
    p.add_argument("--semantics", default="grounded", help="labels to show (default grounded)")
    p.add_argument("--no-picture", action="store_true", help="leave the map's picture out")

    p = add("anchors", cmd_anchors, "list every anchor with its status against the source text")
    p.add_argument("file", type=Path, help="map file (.argmap)")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="ID=FILE",
        help="read source ID from FILE (default: the stored text, or the file the source names)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--fix", action="store_true", help="re-anchor and write the map (atomically)")
    p.add_argument(
        "--drop-lost", action="store_true", help="with --fix: remove the anchors that are lost"
    )

    p = add("coverage", cmd_coverage, "per source and paragraph, the share anchors cover")
    p.add_argument("file", type=Path, help="map file (.argmap)")
    p.add_argument(
        "--source", action="append", default=[], metavar="ID=FILE", help="as for anchors"
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = add("git-setup", cmd_git_setup, "make git merge and diff .argmap files with argmap")
    p.add_argument("repo", nargs="?", type=Path, default=Path("."), help="repository (default .)")
    p.add_argument("--command", dest="run_with", help="how git should run argmap (default: argmap)")
    p.add_argument("--python", action="store_true", help="run this Python's argmap module")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            args = parser.parse_args(["open"])
        return int(args.func(args))
    except ArgmapError as exc:
        print(f"argmap: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
