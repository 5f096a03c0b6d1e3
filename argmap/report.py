"""The review report: one self-contained HTML file (or Markdown) to send to people without argmap.

`argmap report FILE -o report.html` writes the map's picture (a PNG inside the file as a data
URI), the claims as an outline from each thesis down, the evaluation (grounded labels and
DF-QuAD strengths), open comment threads, claims and relations that are disputed or need
evidence, merge conflicts left in the map, and the findings of the checks. Strengths are also
said in ICD 203's words; graded evidence shows its grade; reasons show their argument scheme;
a section lists each thesis's key assumptions (ranked like cruxes) and every critical question
with its answer.

Self-contained on purpose: inline CSS, no script, no external link, so it opens the same from
a mail attachment, offline, years later. Every text of the map goes through `html.escape`: a
claim text is never interpreted as HTML. The picture needs Qt (`argmap.ui.pictures`); the
evaluation and checks need their analysis modules. Each part is optional, and when one cannot
be made the report says so in its place instead of failing.
"""

from __future__ import annotations

import base64
import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argmap.analysis.review import needs_attention, open_comments
from argmap.io.atomic import write_bytes_atomic
from argmap.model.errors import ArgmapError, UsageError
from argmap.model.grading import Grading, likelihood_words
from argmap.model.map import ArgumentMap
from argmap.model.schemes import UNKNOWN_PREFIX, catalogue
from argmap.model.types import Claim, ClaimKind, Comment, Relation, RelationKind

CONFLICT_TAG = "conflict"  # the tag argmap merge puts on claims in conflict


@dataclass
class ReportParts:
    """What goes into a report besides the map; a `…_note` says why a part is missing."""

    labels: dict[str, str] = field(default_factory=dict)
    strengths: dict[str, float] = field(default_factory=dict)
    semantics: str = "grounded"
    evaluation_note: str = ""
    findings: list[Any] = field(default_factory=list)
    checks_note: str = ""
    picture: bytes | None = None  # SVG: vector, so the reader can zoom into a big map
    picture_note: str = ""
    key_assumptions: dict[str, list[Any]] = field(default_factory=dict)  # thesis -> ranked
    key_note: str = ""


def collect(m: ArgumentMap, *, semantics: str = "grounded", picture: bool = True) -> ReportParts:
    """Evaluate, check and draw the map for the report; a part that fails is left out, noted."""
    parts = ReportParts(semantics=semantics)
    try:
        from argmap.analysis.evaluation import evaluate
    except ImportError as exc:  # an install without the analysis modules
        parts.evaluation_note = f"evaluation not available ({exc})"
    else:
        try:
            parts.labels = evaluate(m, semantics).labels
            parts.strengths = evaluate(m, "dfquad").strengths
        except UsageError:  # an unknown semantics is the user's to fix, not a gap to note
            raise
        except ArgmapError as exc:  # a search limit on a large map
            parts.evaluation_note = f"evaluation not available: {exc}"
    try:
        from argmap.analysis.key_assumptions import key_assumptions

        theses = sorted(c.id for c in m.claims.values() if c.kind is ClaimKind.THESIS)
        parts.key_assumptions = {t: key_assumptions(m, t, semantics=semantics) for t in theses}
    except ImportError as exc:
        parts.key_note = f"key assumptions not available ({exc})"
    except UsageError:
        raise
    except ArgmapError as exc:
        parts.key_note = f"key assumptions not available: {exc}"
    try:
        from argmap.analysis.checks import check
    except ImportError as exc:
        parts.checks_note = f"checks not available ({exc})"
    else:
        try:
            parts.findings = check(m)
        except ArgmapError as exc:
            parts.checks_note = f"checks not available: {exc}"
    if not picture:
        parts.picture_note = "picture left out (--no-picture)"
    elif not m.claims:
        parts.picture_note = "the map has no claims to draw"
    else:
        try:
            from argmap.ui.pictures import ensure_app, render_svg

            ensure_app()
            # SVG rather than PNG: a third of the bytes of a readable PNG of the seed map, and
            # sharp at any zoom; inside <img> a browser never runs anything in it.
            parts.picture = render_svg(m)
        except ImportError as exc:  # no Qt: the report still works without the picture
            parts.picture_note = f"picture not available (Qt could not be loaded: {exc})"
        except ArgmapError as exc:
            parts.picture_note = f"picture not available: {exc}"
    return parts


# -- the outline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the outline: a claim at a depth, reached through `via` (None for a root)."""

    depth: int
    claim: Claim
    via: Relation | None = None
    undercut: bool = False  # `via` attacks an inference, not a claim
    repeated: bool = False  # shown in full above; not expanded again


# Deeper levels are drawn at this indentation (with their level shown), so a long chain of
# reasons does not push the text off the page.
MAX_INDENT = 12


def outline_rows(m: ArgumentMap) -> tuple[list[Row], list[Row]]:
    """The outline from each thesis down to its premises, and of the claims no thesis reaches.

    Rows in reading order (depth first), with undercuts of an inference listed first under
    the premise it concerns. The second list starts from conclusions (claims that support or
    attack no claim) among the claims left over; a map without theses is all second list. A
    claim reached twice is expanded the first time and marked `repeated` after, which also
    stops cycles. An explicit stack, not recursion: a chain of ten thousand reasons is fine.
    """
    seen: set[str] = set()

    def order(claims: list[Claim]) -> list[Claim]:
        return sorted(claims, key=lambda c: (c.y, c.x, c.id))

    def walk(root: Claim) -> list[Row]:
        rows: list[Row] = []
        stack = [Row(0, root)]
        while stack:
            row = stack.pop()
            if row.claim.id in seen:
                rows.append(Row(row.depth, row.claim, row.via, row.undercut, True))
                continue
            seen.add(row.claim.id)
            rows.append(row)
            kids: list[Row] = []
            if row.via is not None:
                for u in m.undercuts_of(row.via.id):
                    kids.append(Row(row.depth + 1, m.claims[u.source], u, True))
            into = sorted(
                m.relations_into(row.claim.id),
                key=lambda r: (r.kind is RelationKind.ATTACK, m.claims[r.source].x, r.id),
            )
            kids.extend(Row(row.depth + 1, m.claims[r.source], r) for r in into)
            stack.extend(reversed(kids))
        return rows

    theses = order([c for c in m.claims.values() if c.kind is ClaimKind.THESIS])
    main = [row for c in theses if c.id not in seen for row in walk(c)]
    left = order([c for c in m.claims.values() if c.id not in seen])
    # Every claim with a relation into a drawn claim is drawn, so the conclusions among the
    # rest point at no claim at all; a cycle has none, so any of its claims starts it.
    roots = [c for c in left if not any(r.target in m.claims for r in m.relations_out_of(c.id))]
    rest = [row for c in [*roots, *left] if c.id not in seen for row in walk(c)]
    return main, rest


# -- HTML -----------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 "DejaVu Sans",Helvetica,Arial,sans-serif;color:#1d2433;margin:0;
 background:#f4f5f7}
main{max-width:1080px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;
 border-bottom:2px solid #e3e6ec}
.meta{color:#5b6474;margin:0 0 16px}.desc{margin:8px 0 16px}
.summary{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.summary div{background:#f1f4f9;border-radius:6px;padding:8px 14px;min-width:90px}
.summary b{display:block;font-size:22px}
figure{margin:0;border:1px solid #e3e6ec;border-radius:6px;overflow:auto;max-height:900px}
figure img{display:block;width:100%;height:auto}
figcaption{color:#8a93a3;font-size:12px;padding:4px 10px;border-top:1px solid #e3e6ec}
.missing{color:#8a6d00;background:#fff8e1;border-radius:6px;padding:10px 14px}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:22px;border-left:1px dashed #cfd5df}
ul.tree{padding-left:0;border:0}ul.tree li{margin:6px 0}
.claim{display:inline}.id{color:#8a93a3;font-size:12px;font-family:monospace;white-space:nowrap}
.rel{font-size:12px;font-weight:bold;border-radius:4px;padding:1px 6px;margin-right:4px}
.support{background:#e3f4e6;color:#1f6b31}.attack{background:#fbe4e4;color:#a12626}
.undercut{background:#f3e8fb;color:#6c2c91}
.badge{font-size:11px;border-radius:9px;padding:1px 7px;margin-left:4px;white-space:nowrap;
 border:1px solid #d5dae3;color:#4a5262}
.kind-thesis{background:#1d2433;color:#fff;border-color:#1d2433}
.kind-evidence{background:#eef5ff;color:#1f4f9a;border-color:#bcd3f5}
.kind-assumption{background:#fff4e5;color:#8a5300;border-color:#f2d3a6}
.lab-in{background:#d9f2de;color:#1f6b31;border-color:#a9dcb4}
.lab-out{background:#f8dada;color:#a12626;border-color:#eab0b0}
.lab-undec{background:#eceff3;color:#4a5262}
.rev-disputed,.rev-needs_evidence,.conflict{background:#fff0d6;color:#8a4b00;
 border-color:#f0c886}.rev-accepted{background:#e3f4e6;color:#1f6b31}
.label{color:#5b6474;font-style:italic}.repeat{color:#8a93a3}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e9ecf1;vertical-align:top}
th{background:#f6f7f9}.num{text-align:right;font-variant-numeric:tabular-nums;
 white-space:nowrap;width:120px}.when{white-space:nowrap}
.bar{display:inline-block;height:8px;background:#5b8def;border-radius:4px;margin-right:6px}
.thread{border-left:3px solid #d5dae3;padding:4px 12px;margin:10px 0}
.thread .reply{margin-left:18px}.who{color:#5b6474;font-size:13px}
.quote{color:#5b6474}footer{color:#8a93a3;font-size:12px;margin-top:40px}
@media print{body{background:#fff}main{padding:0}figure{max-height:none}}
"""


def _esc(text: str) -> str:
    """Escaped text; newlines become line breaks."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def _when(stamp: str) -> str:
    """`2026-11-25T09:10:00Z` as `2026-11-25 09:10 UTC`; other text as it is."""
    match = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(\.\d+)?)?Z", stamp)
    return f"{match[1]} {match[2]} UTC" if match else stamp


def _badge(text: str, css: str = "") -> str:
    return f'<span class="badge {css}">{_esc(text)}</span>'


def _claim_html(c: Claim, parts: ReportParts) -> str:
    out = [f'<span class="claim">{_esc(c.text) or "<i>(no text)</i>"}</span>']
    out.append(f' <span class="id">{_esc(c.id)}</span>')
    if c.kind is not ClaimKind.CLAIM:
        out.append(_badge(c.kind.value, f"kind-{c.kind.value}"))
    label = parts.labels.get(c.id)
    if label:
        out.append(_badge(label, f"lab-{label}"))
    if c.id in parts.strengths:
        s = parts.strengths[c.id]
        out.append(_badge(f"strength {s:.2f}, {likelihood_words(s)}"))
    if c.reliability or c.credibility:
        out.append(_badge(_grade(c), "grade"))
    if c.review is not None and c.review.status.value != "unreviewed":
        out.append(_badge(c.review.status.value.replace("_", " "), f"rev-{c.review.status.value}"))
    if CONFLICT_TAG in c.tags:
        out.append(_badge("merge conflict", "conflict"))
    open_threads = sum(1 for x in c.comments if not x.resolved)
    if open_threads:
        out.append(_badge(f"{open_threads} open comment{'s' * (open_threads > 1)}"))
    return "".join(out)


def _relation_html(r: Relation, undercut: bool = False) -> str:
    if undercut:
        kind = '<span class="rel undercut">undercuts</span>'
    else:
        kind = f'<span class="rel {r.kind.value}">{r.kind.value}s</span>'
    label = f' <span class="label">{_esc(r.label)}</span>' if r.label else ""
    link = _badge(f"linked {r.link}") if r.link else ""
    scheme = _badge(_scheme_name(r.scheme), "scheme") if r.scheme else ""
    return kind + link + scheme + label + " "


def _scheme_name(scheme_id: str) -> str:
    known = catalogue().get(scheme_id)
    return known.name if known is not None else scheme_id.removeprefix(UNKNOWN_PREFIX)


def _grade(c: Claim) -> str:
    return "graded " + Grading.default().describe(c.reliability, c.credibility)


def _answer_rows(m: ArgumentMap) -> list[tuple[Relation, Any, Any]]:
    """(first relation of the reason, question, answer or None) for every scheme question."""
    from argmap.analysis.schemes import reasons
    from argmap.model.reasons import lead

    rows = []
    for group in reasons(m):
        r = lead(group)
        scheme = catalogue().get(r.scheme)
        if scheme is None:
            continue
        answers = {a.id: a for a in r.questions}
        rows.extend((group[0], q, answers.get(q.id)) for q in scheme.questions)
    return rows


def _answer_text(a: Any) -> str:
    if a is None:
        return "open"
    text = a.state.value
    if a.claim:
        text += f", raised as {a.claim}"
    return text


def _rows_html(rows: list[Row], parts: ReportParts) -> list[str]:
    """Rows as nested lists, opened and closed by depth (depth grows by one at most)."""
    out = ['<ul class="tree">']
    level = 0
    for n, row in enumerate(rows):
        depth = min(row.depth, MAX_INDENT)
        if n and depth > level:
            out.append("<ul>")
            level = depth
        elif n:
            out.append("</li>")
            while level > depth:
                out.append("</ul></li>")
                level -= 1
        head = _relation_html(row.via, row.undercut) if row.via is not None else ""
        if row.depth > MAX_INDENT:
            head = _badge(f"level {row.depth}") + " " + head
        body = _claim_html(row.claim, parts)
        if row.repeated:
            body += ' <span class="repeat">(shown above)</span>'
        out.append(f"<li>{head}{body}")
    if rows:
        out.append("</li>")
    while level > 0:
        out.append("</ul></li>")
        level -= 1
    out.append("</ul>")
    return out


def _comment_html(item_id: str, c: Comment, reply: bool = False) -> list[str]:
    css = "reply" if reply else "thread"
    state = " · resolved" if c.resolved else ""
    lines = [
        f'<div class="{css}"><div class="who">{_esc(c.author or "anonymous")} · '
        f"{_esc(_when(c.time))}{state}</div><div>{_esc(c.text)}</div>"
    ]
    for r in c.replies:
        lines.extend(_comment_html(item_id, r, True))
    lines.append("</div>")
    return lines


def _item_title(m: ArgumentMap, item_id: str) -> str:
    if item_id in m.claims:
        return f'claim <span class="id">{_esc(item_id)}</span> “{_esc(m.claims[item_id].text)}”'
    r = m.relations[item_id]
    src = m.claims[r.source].text
    return f'relation <span class="id">{_esc(item_id)}</span> ({r.kind.value}) from “{_esc(src)}”'


def to_html(m: ArgumentMap, parts: ReportParts, generated: str | None = None) -> str:
    """The report as one HTML document with everything inline."""
    info = m.info
    title = info.title or "Untitled map"
    generated = generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    threads = open_comments(m)
    attention = needs_attention(m)
    conflicts = [c for c in m.claims.values() if CONFLICT_TAG in c.tags]
    conflicts_rel = [r for r in m.relations.values() if r.label.startswith("[conflict]")]
    h: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)} — review report</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>{_esc(title)}</h1>",
    ]
    meta = [f"Review report generated {_esc(generated)}"]
    if info.authors:
        meta.insert(0, "By " + _esc(", ".join(info.authors)))
    if info.modified:
        meta.append("map last changed " + _esc(_when(info.modified)))
    h.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if info.description:
        h.append(f'<p class="desc">{_esc(info.description)}</p>')
    counts = m.relation_kind_counts()
    summary = [
        ("claims", len(m.claims)),
        ("supports", counts.get("support", 0)),
        ("attacks", counts.get("attack", 0)),
        ("open comments", len(threads)),
        ("disputed / need evidence", len(attention)),
        ("merge conflicts", len(conflicts) + len(conflicts_rel)),
        ("check findings", len(parts.findings)),
    ]
    h.append('<div class="summary">')
    h.extend(f"<div><b>{n}</b>{_esc(label)}</div>" for label, n in summary)
    h.append("</div>")

    h.append("<h2>The map</h2>")
    if parts.picture:
        data = base64.b64encode(parts.picture).decode("ascii")
        h.append(
            f'<figure><img alt="{_esc(title)}" src="data:image/svg+xml;base64,{data}">'
            "<figcaption>A vector picture: zoom in to read the cards.</figcaption></figure>"
        )
    else:
        h.append(f'<p class="missing">{_esc(parts.picture_note or "no picture")}</p>')

    h.append("<h2>Outline</h2>")
    rows, rest = outline_rows(m)
    if rows:
        h.extend(_rows_html(rows, parts))
    if rest:
        h.append("<p><b>Not connected to a thesis</b></p>")
        h.extend(_rows_html(rest, parts))
    if not m.claims:
        h.append("<p>The map has no claims.</p>")

    h.append("<h2>Evaluation</h2>")
    if parts.labels or parts.strengths:
        h.append(
            f"<p>Labels under <b>{_esc(parts.semantics)}</b> semantics (in: accepted, out: "
            "defeated, undec: undecided); strength under DF-QuAD (0 to 1, from base scores).</p>"
        )
        h.append("<table><tr><th>claim</th><th>label</th><th>strength</th><th>likelihood</th></tr>")
        order = sorted(m.claims.values(), key=lambda c: (-parts.strengths.get(c.id, 0), c.id))
        for c in order:
            label = parts.labels.get(c.id, "")
            s = parts.strengths.get(c.id)
            bar = (
                f'<span class="bar" style="width:{round(60 * s)}px"></span>{s:.2f}'
                if s is not None
                else ""
            )
            h.append(
                f'<tr><td>{_esc(c.text)} <span class="id">{_esc(c.id)}</span></td>'
                f"<td>{_badge(label, f'lab-{label}') if label else ''}</td>"
                f'<td class="num">{bar}</td>'
                f"<td>{'' if s is None else _esc(likelihood_words(s))}</td></tr>"
            )
        h.append("</table>")
    else:
        h.append(f'<p class="missing">{_esc(parts.evaluation_note or "no evaluation")}</p>')
    h.extend(_schemes_html(m, parts))

    h.append("<h2>Review</h2>")
    h.append(f"<h3>Open comments ({len(threads)})</h3>")
    if threads:
        for item_id, c in threads:
            h.append(f"<p>On {_item_title(m, item_id)}</p>")
            h.extend(_comment_html(item_id, c))
    else:
        h.append("<p>No open comments.</p>")
    h.append(f"<h3>Disputed or needing evidence ({len(attention)})</h3>")
    if attention:
        h.append("<table><tr><th>item</th><th>status</th><th>by</th><th>when</th></tr>")
        for item in attention:
            rev = item.review
            assert rev is not None
            h.append(
                f"<tr><td>{_item_title(m, item.id)}</td>"
                f"<td>{_badge(rev.status.value.replace('_', ' '), f'rev-{rev.status.value}')}</td>"
                f'<td>{_esc(rev.by)}</td><td class="when">{_esc(_when(rev.at))}</td></tr>'
            )
        h.append("</table>")
    else:
        h.append("<p>Nothing is disputed.</p>")
    if conflicts or conflicts_rel:
        h.append(f"<h3>Merge conflicts ({len(conflicts) + len(conflicts_rel)})</h3><ul>")
        for item in [*conflicts, *conflicts_rel]:
            note = item.notes[item.notes.find("[merge conflict]") :] if item.notes else ""
            h.append(
                f'<li>{_item_title(m, item.id)}<br><span class="quote">{_esc(note)}</span></li>'
            )
        h.append("</ul>")

    h.append("<h2>Checks</h2>")
    if parts.checks_note:
        h.append(f'<p class="missing">{_esc(parts.checks_note)}</p>')
    elif parts.findings:
        h.append("<table><tr><th>check</th><th>finding</th><th>claims</th></tr>")
        for f in parts.findings:
            ids = ", ".join([*f.claims, *f.relations])
            h.append(
                f"<tr><td>{_esc(f.code)}</td><td>{_esc(f.message)}</td>"
                f'<td><span class="id">{_esc(ids)}</span></td></tr>'
            )
        h.append("</table>")
    else:
        h.append("<p>No findings.</p>")
    h.append(f"<footer>Made with argmap from {len(m.claims)} claims.</footer>")
    h.append("</main></body></html>")
    return "\n".join(h) + "\n"


def _schemes_html(m: ArgumentMap, parts: ReportParts) -> list[str]:
    """Key assumptions per thesis, then every critical question with its answer."""
    rows = _answer_rows(m)
    keyed = {t: ks for t, ks in parts.key_assumptions.items() if ks}
    if not rows and not keyed and not parts.key_note:
        return []
    h = ["<h2>Key assumptions</h2>"]
    if parts.key_note:
        h.append(f'<p class="missing">{_esc(parts.key_note)}</p>')
    h.append(
        "<p>What each thesis rests on: assumption claims, and the assumption questions of its "
        "reasons' schemes (open or granted). Ranked by how many label flips of the thesis "
        "denying it causes, then by the change of its strength.</p>"
    )
    for t, ks in keyed.items():
        h.append(f"<h3>{_item_title(m, t)}</h3>")
        h.append(
            "<table><tr><th>assumption</th><th>state</th><th>flips</th><th>\u0394 strength</th>"
            "</tr>"
        )
        for k in ks:
            h.append(
                f'<tr><td>{_esc(k.text)} <span class="id">{_esc(k.item)}</span></td>'
                f'<td>{_esc(k.state)}</td><td class="num">{k.label_flips}</td>'
                f'<td class="num">{k.strength_change:.3f}</td></tr>'
            )
        h.append("</table>")
    if rows:
        h.append("<h3>Critical questions</h3>")
        h.append(
            "<table><tr><th>reason</th><th>scheme</th><th>question</th><th>kind</th>"
            "<th>answer</th><th>note</th></tr>"
        )
        for r, q, a in rows:
            h.append(
                f'<tr><td><span class="id">{_esc(r.id)}</span> {_esc(r.source)} \u2192 '
                f"{_esc(r.target)}</td><td>{_esc(_scheme_name(r.scheme))}</td>"
                f"<td>{_esc(q.text)}</td><td>{q.kind}</td><td>{_esc(_answer_text(a))}</td>"
                f"<td>{_esc(a.note if a else '')}</td></tr>"
            )
        h.append("</table>")
    return h


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\d+[.)]|[#>+\-=])")


def _md(text: str) -> str:
    """Text safe in Markdown: HTML escaped (Markdown passes raw HTML on), specials quoted."""
    one_line = " ".join(text.split())
    quoted = _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return _MD_LINE_START.sub(r"\\\1", quoted)


def _claim_md(c: Claim, parts: ReportParts) -> str:
    tags = [f"`{c.id}`"]
    if c.kind is not ClaimKind.CLAIM:
        tags.append(c.kind.value)
    if c.id in parts.labels:
        tags.append(parts.labels[c.id])
    if c.id in parts.strengths:
        s = parts.strengths[c.id]
        tags.append(f"strength {s:.2f}, {likelihood_words(s)}")
    if c.reliability or c.credibility:
        tags.append(_grade(c))
    if c.review is not None and c.review.status.value != "unreviewed":
        tags.append(c.review.status.value.replace("_", " "))
    if CONFLICT_TAG in c.tags:
        tags.append("**merge conflict**")
    return f"{_md(c.text) or '*(no text)*'} ({', '.join(tags)})"


def _rows_md(rows: list[Row], parts: ReportParts) -> list[str]:
    out = []
    for row in rows:
        head = f"(level {row.depth}) " if row.depth > MAX_INDENT else ""
        if row.via is not None:
            head += "**undercuts** " if row.undercut else f"**{row.via.kind.value}s** "
            if row.via.scheme:
                head += f"\\[{_md(_scheme_name(row.via.scheme))}\\] "
            if row.via.label:
                head += f"*{_md(row.via.label)}* "
        tail = " (shown above)" if row.repeated else ""
        indent = "  " * min(row.depth, MAX_INDENT)
        out.append(f"{indent}- {head}{_claim_md(row.claim, parts)}{tail}")
    return out


def to_markdown(m: ArgumentMap, parts: ReportParts) -> str:
    """The report as Markdown (no picture: Markdown cannot hold one self-contained)."""
    title = m.info.title or "Untitled map"
    out = [f"# {_md(title)} — review report", ""]
    if m.info.description:
        out += [_md(m.info.description), ""]
    out += ["## Outline", ""]
    rows, rest = outline_rows(m)
    out.extend(_rows_md(rows, parts))
    if rest:
        out += ["", "**Not connected to a thesis**", ""]
        out.extend(_rows_md(rest, parts))
    out += ["", "## Evaluation", ""]
    if parts.labels or parts.strengths:
        out += [f"| claim | {parts.semantics} | strength | likelihood |", "|---|---|---:|---|"]
        for c in sorted(m.claims.values(), key=lambda c: c.id):
            s = parts.strengths.get(c.id)
            out.append(
                f"| {_md(c.text)} `{c.id}` | {parts.labels.get(c.id, '')} | "
                f"{'' if s is None else f'{s:.2f}'} | {'' if s is None else likelihood_words(s)} |"
            )
    else:
        out.append(f"*{_md(parts.evaluation_note or 'no evaluation')}*")
    out.extend(_schemes_md(m, parts))
    out += ["", "## Open comments", ""]
    threads = open_comments(m)
    for item_id, c in threads:
        out.append(f"- on `{item_id}`: **{_md(c.author)}** ({c.time}): {_md(c.text)}")
        out.extend(f"  - **{_md(r.author)}**: {_md(r.text)}" for r in c.replies)
    if not threads:
        out.append("No open comments.")
    out += ["", "## Disputed or needing evidence", ""]
    attention = needs_attention(m)
    for item in attention:
        assert item.review is not None
        what = _md(item.text) if isinstance(item, Claim) else f"relation {item.id}"
        out.append(f"- `{item.id}` {what}: {item.review.status.value} by {_md(item.review.by)}")
    if not attention:
        out.append("Nothing is disputed.")
    out += ["", "## Checks", ""]
    if parts.checks_note:
        out.append(f"*{_md(parts.checks_note)}*")
    for f in parts.findings:
        out.append(f"- **{f.code}**: {_md(f.message)} ({', '.join(f.claims)})")
    if not parts.findings and not parts.checks_note:
        out.append("No findings.")
    return "\n".join(out) + "\n"


def _schemes_md(m: ArgumentMap, parts: ReportParts) -> list[str]:
    rows = _answer_rows(m)
    keyed = {t: ks for t, ks in parts.key_assumptions.items() if ks}
    if not rows and not keyed and not parts.key_note:
        return []
    out = ["", "## Key assumptions", ""]
    if parts.key_note:
        out.append(f"*{_md(parts.key_note)}*")
    for t, ks in keyed.items():
        out += [f"### {_md(m.claims[t].text)} `{t}`", ""]
        out += ["| assumption | state | flips | Δ strength |", "|---|---|---:|---:|"]
        for k in ks:
            out.append(
                f"| {_md(k.text)} `{k.item}` | {k.state} | {k.label_flips} | "
                f"{k.strength_change:.3f} |"
            )
        out.append("")
    if rows:
        out += ["### Critical questions", ""]
        out += ["| reason | scheme | question | kind | answer | note |", "|---" * 6 + "|"]
        for r, q, a in rows:
            out.append(
                f"| `{r.id}` | {_md(_scheme_name(r.scheme))} | {_md(q.text)} | {q.kind} | "
                f"{_md(_answer_text(a))} | {_md(a.note) if a else ''} |"
            )
    return out


WRITERS: dict[str, Callable[[ArgumentMap, ReportParts], str]] = {
    ".html": to_html,
    ".htm": to_html,
    ".md": to_markdown,
    ".markdown": to_markdown,
}


def write_report(
    m: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    semantics: str = "grounded",
    picture: bool = True,
) -> ReportParts:
    """Write the report, HTML or Markdown by the file's extension; returns what went in."""
    writer = WRITERS.get(Path(path).suffix.lower())
    if writer is None:
        raise UsageError(
            "a report is .html or .md (from the extension of the output file)", file=str(path)
        )
    parts = collect(m, semantics=semantics, picture=picture and writer is to_html)
    write_bytes_atomic(path, writer(m, parts).encode("utf-8"))
    return parts


__all__ = [
    "ReportParts",
    "Row",
    "collect",
    "outline_rows",
    "to_html",
    "to_markdown",
    "write_report",
]
