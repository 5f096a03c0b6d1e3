"""Geometry of the seed map's cards, and a layout report.

Cards are 240 px wide and 56 px + 18 px per line tall, a line holding about 32 characters
(word-wrapped); `x`, `y` are the card's centre. Run as a script to print what to fix:

    python tests/seed/layout_check.py [seeds/peace-talks.argmap]

It lists cards closer than the required gaps (60 px across, 80 px down), arrows drawn straight
through a card they do not touch, pairs of crossing arrows, and arrows that point downwards
(a premise placed above its conclusion; side by side is allowed, as for the theses in the top
band, and so are mutual attacks).
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

CARD_WIDTH = 240
H_GAP = 60
V_GAP = 80
DEFAULT_MAP = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"


def card_height(text: str) -> int:
    return 56 + 18 * max(1, len(textwrap.wrap(text, 32)))


def card_rect(claim: dict[str, Any], pad: float = 0.0) -> tuple[float, float, float, float]:
    w, h = CARD_WIDTH / 2 + pad, card_height(claim["text"]) / 2 + pad
    return (claim["x"] - w, claim["y"] - h, claim["x"] + w, claim["y"] + h)


def too_close(claims: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of cards that overlap or sit closer than the gaps (both across and down)."""
    out = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            dx = abs(a["x"] - b["x"]) - CARD_WIDTH
            dy = abs(a["y"] - b["y"]) - (card_height(a["text"]) + card_height(b["text"])) / 2
            if dx < H_GAP and dy < V_GAP:
                out.append((a["id"], b["id"]))
    return out


def _segment_hits_rect(seg: tuple[float, ...], r: tuple[float, ...]) -> bool:
    x1, y1, x2, y2 = seg
    left, top, right, bottom = r
    dx, dy = x2 - x1, y2 - y1
    u0, u1 = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        u = q / p
        if p < 0:
            u0 = max(u0, u)
        else:
            u1 = min(u1, u)
        if u0 > u1:
            return False
    return True


def _segments_cross(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    def orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    d1 = orient(b[0], b[1], b[2], b[3], a[0], a[1])
    d2 = orient(b[0], b[1], b[2], b[3], a[2], a[3])
    d3 = orient(a[0], a[1], a[2], a[3], b[0], b[1])
    d4 = orient(a[0], a[1], a[2], a[3], b[2], b[3])
    return d1 * d2 < 0 and d3 * d4 < 0


def segments(doc: dict[str, Any]) -> dict[str, tuple[tuple[float, ...], set[str]]]:
    """Each relation as a straight segment (an undercut ends at the middle of its target)."""
    claims = {c["id"]: c for c in doc["claims"]}
    rels = {r["id"]: r for r in doc["relations"]}
    out: dict[str, tuple[tuple[float, ...], set[str]]] = {}

    def seg(rid: str) -> tuple[tuple[float, ...], set[str]]:
        if rid not in out:
            r = rels[rid]
            s = claims[r["source"]]
            if r["target"] in claims:
                t = claims[r["target"]]
                out[rid] = ((s["x"], s["y"], t["x"], t["y"]), {r["source"], r["target"]})
            else:
                (a, ends) = seg(r["target"])
                mid = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2)
                out[rid] = ((s["x"], s["y"], *mid), {r["source"]} | ends)
        return out[rid]

    for rid in rels:
        seg(rid)
    return out


def report(doc: dict[str, Any]) -> dict[str, list[Any]]:
    claims = {c["id"]: c for c in doc["claims"]}
    segs = segments(doc)
    through = [
        (rid, cid)
        for rid, (s, ends) in segs.items()
        for cid, c in claims.items()
        if cid not in ends and _segment_hits_rect(s, card_rect(c, pad=4))
    ]
    items = sorted(segs.items())
    crossings = [
        (ra, rb)
        for i, (ra, (sa, ea)) in enumerate(items)
        for rb, (sb, eb) in items[i + 1 :]
        if not ea & eb and _segments_cross(sa, sb)
    ]
    pairs = {(r["source"], r["target"]) for r in doc["relations"]}
    downward = [
        r["id"]
        for r in doc["relations"]
        if r["target"] in claims
        and (r["target"], r["source"]) not in pairs
        and claims[r["source"]]["y"] < claims[r["target"]]["y"]
    ]
    return {
        "too_close": too_close(doc["claims"]),
        "arrows_through_cards": through,
        "crossings": crossings,
        "downward_arrows": downward,
    }


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_MAP
    doc = json.loads(path.read_text(encoding="utf-8"))
    rep = report(doc)
    for key, items in rep.items():
        print(f"{key}: {len(items)}")
        for item in items:
            print("   ", item)
    return 1 if rep["too_close"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
