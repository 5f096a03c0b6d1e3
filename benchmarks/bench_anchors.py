"""Re-anchoring and source-pane figures.

    python benchmarks/bench_anchors.py

1. Re-anchoring 1,000 anchors (with quotes) on a 1 MB synthetic text after edits: 50
   paragraphs inserted, 50 anchored sentences lightly reworded, 20 paragraphs deleted. Prints
   the time of `reanchor_map`, the statuses, and how many found anchors landed outside the
   paragraph their passage went to (must be 0).
2. The fuzzy step's peer: the reworded quotes placed with diff-match-patch (its Python Bitap
   `match_main` on the quote's first 32 characters, the longest pattern it takes) against
   rapidfuzz's `partial_ratio_alignment` on the whole quote, in the same windows.
3. Opening the source pane on a 200-page text (600,000 characters, 2,000 paragraphs) with 500
   highlights: building the view, setting the highlights and the first paint (offscreen).
"""

from __future__ import annotations

import bisect
import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argmap.analysis.anchoring import Status, counts, reanchor_map  # noqa: E402
from argmap.model.anchors import make_anchor  # noqa: E402
from argmap.model.map import ArgumentMap  # noqa: E402
from argmap.model.sourcetext import paragraph_spans  # noqa: E402
from argmap.model.types import Claim, MapInfo, SourceDocument  # noqa: E402

WORDS = (
    "talks truce army border guarantee region envoy summit pledge vote court harbour council "
    "minister deal claim evidence ceasefire weapons drone output line front city plan offer "
    "reply week month year Kyiv Moscow Washington Europe Nato aid loan price grain gas oil "
    "the a of to in and on for with by that this will would could must may"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def reword(text: str) -> str:
    words = text.split(" ")
    words[3] = "certainly"
    words[9 % len(words)] = "broadly"
    del words[6 % len(words)]
    words.insert(min(12, len(words) - 1), "in fact")
    return " ".join(words)


def build(rng: random.Random, size: int = 1_000_000):
    paragraphs = []
    total = 0
    while total < size:
        p = paragraph(rng)
        paragraphs.append(p)
        total += len(p) + 1
    text = "\n".join(paragraphs)
    spans = paragraph_spans(text)
    m = ArgumentMap(MapInfo(sources=(SourceDocument("s"),)))
    chosen = rng.sample(range(len(spans)), 1000)
    for n, k in enumerate(sorted(chosen)):
        ps, pe = spans[k]
        para = text[ps:pe]
        # one sentence of the paragraph
        cuts = [0] + [i + 2 for i in range(len(para)) if para.startswith(". ", i)] + [len(para) + 1]
        j = rng.randrange(len(cuts) - 1)
        s, e = ps + cuts[j], ps + cuts[j + 1] - 1
        m.add_claim(Claim(f"c{n}", anchors=(make_anchor("s", text, s, e),)))
    return text, paragraphs, m


def edit(rng: random.Random, text: str, paragraphs: list[str], m: ArgumentMap):
    anchored = [c.anchors[0] for c in m.claims.values()]
    reworded = set(rng.sample(range(len(anchored)), 50))
    new_paras = list(paragraphs)
    starts = [s for s, _ in paragraph_spans(text)]
    for i in sorted(reworded, key=lambda i: -anchored[i].start):
        a = anchored[i]
        k = bisect.bisect_right(starts, a.start) - 1
        ps = starts[k]
        p = new_paras[k]
        new_paras[k] = p[: a.start - ps] + reword(text[a.start : a.end]) + p[a.end - ps :]
    deleted = set(rng.sample(range(len(paragraphs)), 20))
    kept = [p for k, p in enumerate(new_paras) if k not in deleted]
    for at in sorted(rng.sample(range(len(kept)), 50), reverse=True):
        kept.insert(at, "Inserted: " + paragraph(rng))
    return "\n".join(kept), {anchored[i] for i in reworded}


def bench_reanchor() -> None:
    rng = random.Random(7)
    text, paragraphs, m = build(rng)
    new_text, reworded = edit(rng, text, paragraphs, m)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        reports = reanchor_map(m, {"s": new_text})
        times.append(time.perf_counter() - t0)
    c = counts(reports)
    wrong = 0
    new_spans = paragraph_spans(new_text)
    for r in reports:
        p = r.placement
        if not p.found:
            continue
        old = text[r.anchor.start : r.anchor.end]
        if p.status in (Status.EXACT, Status.MOVED):
            wrong += new_text[p.start : p.end] != old
        else:
            expected = reword(old)
            at = new_text.find(expected)
            overlap = min(p.end, at + len(expected)) - max(p.start, at) if at >= 0 else 0
            wrong += overlap < 0.9 * len(expected)
        k = bisect.bisect_right([s for s, _ in new_spans], p.start) - 1
        wrong += not (new_spans[k][0] <= p.start < p.end <= new_spans[k][1])
    print(
        f"re-anchor 1,000 anchors on {len(text):,} chars (edited to {len(new_text):,}): "
        f"median {statistics.median(times):.3f} s of {len(times)}; {c}; wrong placements {wrong}"
    )
    bench_peer(text, new_text, [r.anchor for r in reports if r.anchor in reworded])


def bench_peer(text: str, new_text: str, anchors) -> None:
    from diff_match_patch import diff_match_patch
    from rapidfuzz import fuzz

    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.5
    dmp.Match_Distance = 2000
    t_dmp = t_rf = 0.0
    hit_dmp = hit_rf = 0
    for a in anchors:
        quote = a.exact or ""
        expected = new_text.find(reword(quote))
        # Both get the window reanchor_map would search: around where the neighbours say.
        lo = max(0, expected - 4000)
        window = new_text[lo : expected + 4000]
        t0 = time.perf_counter()
        loc = dmp.match_main(window, quote[:32], expected - lo)
        t_dmp += time.perf_counter() - t0
        hit_dmp += loc >= 0 and _overlaps(lo + loc, len(quote), expected, len(reword(quote)))
        t0 = time.perf_counter()
        found = fuzz.partial_ratio_alignment(quote, window, score_cutoff=75)
        t_rf += time.perf_counter() - t0
        hit_rf += found is not None and _overlaps(
            lo + found.dest_start, found.dest_end - found.dest_start, expected, len(reword(quote))
        )
    n = len(anchors)
    print(
        f"fuzzy step on {n} reworded quotes, 8 KB windows: diff-match-patch match_main "
        f"{1000 * t_dmp / n:.2f} ms each, {hit_dmp}/{n} on the passage; rapidfuzz "
        f"{1000 * t_rf / n:.3f} ms each, {hit_rf}/{n} on the passage"
    )


def _overlaps(start: int, length: int, expected: int, expected_length: int) -> bool:
    """Whether a found window covers at least half of the expected passage."""
    shared = min(start + length, expected + expected_length) - max(start, expected)
    return expected >= 0 and shared >= expected_length / 2


def bench_pane() -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from argmap.ui.docks.source_pane import Highlight, SourcePane

    app = QApplication.instance() or QApplication([])
    rng = random.Random(3)
    paragraphs = [paragraph(rng)[:300] for _ in range(2000)]
    text = "\n".join(paragraphs)
    spans = paragraph_spans(text)
    highlights = [
        Highlight(spans[k][0], spans[k][0] + 120, f"c{k}", QColor("#3457c9"))
        for k in sorted(rng.sample(range(len(spans)), 500))
    ]
    uncovered = [(s + 120, e) for s, e in spans]
    times = []
    for _ in range(3):
        pane = SourcePane()
        pane.resize(640, 900)
        t0 = time.perf_counter()
        view = pane.add_view("s", "Two hundred pages", text)
        view.set_highlights(highlights, uncovered)
        pane.shade.setChecked(True)
        pane.show()
        view.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        view.scroll_to(spans[1500][0], spans[1500][0] + 120)
        view.viewport().repaint()
        scroll = time.perf_counter() - t0
        pane.close()
        pane.deleteLater()
        app.processEvents()
    print(
        f"source pane on {len(text):,} chars ({len(paragraphs):,} paragraphs, 500 highlights, "
        f"shading on): open + first paint median {statistics.median(times):.3f} s; scroll to "
        f"paragraph 1,500 and flash {scroll * 1000:.0f} ms"
    )


if __name__ == "__main__":
    print(f"load: {os.getloadavg()[0]:.2f} (1-minute average), {os.cpu_count()} cores")
    bench_reanchor()
    bench_pane()
