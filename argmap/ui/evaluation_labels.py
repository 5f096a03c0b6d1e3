"""What the evaluation overlay says: semantics names, labels, strengths, summaries, "why?".

Plain functions of an `Evaluation` (no widget), shared by the evaluation feature, the
screenshot options of the app and the tests.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping

from argmap.analysis.evaluation import Evaluation, evaluate
from argmap.model.map import ArgumentMap

# (text in the combo box, semantics name for `evaluate`; None: no evaluation)
SEMANTICS_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("Off", None),
    ("Grounded", "grounded"),
    ("Preferred (credulous)", "preferred"),
    ("Stable", "stable"),
    ("DF-QuAD", "dfquad"),
    ("Quadratic energy", "qe"),
)
SEMANTICS_NAMES = {name: text for text, name in SEMANTICS_CHOICES if name}
GRADUAL = ("dfquad", "qe")
SETTINGS_KEY = "evaluation/semantics"
# The app cannot wait 20 s (the command line's limit) for a hard preferred/stable search.
GUI_TIME_LIMIT = 5.0
GUI_MAX_STEPS = 2_000_000
BACKGROUND_AFTER_MS = 20.0
CHECKS_DELAY_MS = 300
# Gradual strengths shown as labels: strong, weak, or in between (the bar shows the number).
STRONG, WEAK = 0.6, 0.4

Overlay = dict[str, tuple[str | None, float | None]]


# -- pure helpers ----------------------------------------------------------------------------


def credulous_labels(ev: Evaluation) -> dict[str, str]:
    """``in`` when the claim is in some extension, ``out`` when every extension defeats it.

    The engine's `labels` are the sceptical reading; "Preferred (credulous)" shows what each
    claim can hope for: accepted by at least one coherent position.
    """
    if not ev.labellings:
        return {c: "undec" for c in ev.labels}
    out: dict[str, str] = {}
    for c in ev.labels:
        seen = {lab[c] for lab in ev.labellings}
        out[c] = "in" if "in" in seen else ("out" if seen == {"out"} else "undec")
    return out


def strength_label(strength: float) -> str:
    """The colour a strength is drawn in: strong, weak, or undecided in between."""
    if strength >= STRONG:
        return "in"
    if strength <= WEAK:
        return "out"
    return "undec"


def overlay_for(ev: Evaluation, credulous: bool = False) -> Overlay:
    """Claim id -> (label for the card: in / out / undecided, strength or None)."""
    item_label = {"in": "in", "out": "out", "undec": "undecided"}
    if ev.is_gradual:
        return {c: (item_label[strength_label(s)], s) for c, s in ev.strengths.items()}
    labels = credulous_labels(ev) if credulous else ev.labels
    return {c: (item_label[v], None) for c, v in labels.items()}


def shown_labels(ev: Evaluation, credulous: bool) -> Evaluation:
    """The evaluation whose `labels` are the ones on screen (for `why`)."""
    if credulous and not ev.is_gradual:
        return dataclasses.replace(ev, labels=credulous_labels(ev))
    return ev


def live_overrides(m: ArgumentMap, overrides: Mapping[str, str | float]) -> dict:
    """The assumptions about claims still in the map (a deleted claim's waits for its undo)."""
    return {c: v for c, v in overrides.items() if c in m.claims}


def describe_assumption(value: str | float) -> str:
    if value == "in":
        return "assumed in"
    if value == "out":
        return "assumed out"
    return f"what-if {float(value):.2f}"


def summary(ev: Evaluation, credulous: bool = False) -> str:
    """One line for the status bar: what the overlay shows."""
    name = SEMANTICS_NAMES.get(ev.semantics, ev.semantics)
    if ev.is_gradual:
        if not ev.strengths:
            return f"{name}: empty map"
        values = list(ev.strengths.values())
        strong = sum(1 for s in values if s >= STRONG)
        weak = sum(1 for s in values if s <= WEAK)
        text = f"{name}: {strong} strong · {weak} weak · mean {sum(values) / len(values):.2f}"
        if not ev.converged:
            text += f" — did not converge in {ev.iterations:,} iterations (approximate)"
        return text
    labels = credulous_labels(ev) if credulous else ev.labels
    counts = {k: sum(1 for v in labels.values() if v == k) for k in ("in", "out", "undec")}
    text = f"{name}: {counts['in']} in · {counts['out']} out · {counts['undec']} undecided"
    if ev.semantics in ("preferred", "stable"):
        n = len(ev.extensions)
        text += f" ({n} extension{'s' if n != 1 else ''})"
        if n == 0:
            text += " — no stable extension, so nothing is decided"
    return text


def timed_evaluation(
    m: ArgumentMap, semantics: str, overrides: Mapping[str, str | float]
) -> tuple[Evaluation, float]:
    """Evaluate and measure (ms); `SearchLimit` and other `ArgmapError`s propagate."""
    t = time.perf_counter()
    ev = evaluate(
        m, semantics, overrides=overrides, time_limit=GUI_TIME_LIMIT, max_steps=GUI_MAX_STEPS
    )
    return ev, (time.perf_counter() - t) * 1000


def why_text(m: ArgumentMap, w) -> str:
    """The status-bar sentence for a "why?" highlight."""
    claim = m.claims[w.claim]
    name = " ".join(claim.text.split())[:50] or w.claim
    if w.label is not None:
        state = {"in": "accepted", "out": "rejected", "undec": "undecided"}[w.label]
        parts = [f"Why is “{name}” {state}?"]
        if w.label == "in":
            parts.append(
                f"{len(w.attackers)} attacker(s) defeated (red), by {len(w.defenders)} "
                "defender(s) (green)"
                if w.attackers
                else "nothing defeats it"
            )
        elif w.label == "out":
            parts.append(f"defeated by {len(w.attackers)} accepted claim(s) (red)")
            if not w.attackers:
                parts[-1] = "its reasons fall or an assumption rejects it"
        else:
            parts.append(f"{len(w.attackers)} undecided attacker(s) (red)")
    else:
        parts = [
            f"Why is “{name}” at {w.strength:.2f}? {len(w.attackers)} attacker(s) (red), "
            f"{len(w.supporters)} supporter(s) (green)"
        ]
    parts.append("Esc clears")
    return " — ".join(parts)


def legend_entries(semantics: str | None) -> list[tuple[str, str]]:
    """(label key, words) of the overlay's legend: what each colour (and badge) means."""
    if semantics is None:
        return []
    if semantics in ("dfquad", "qe"):
        return [
            ("in", f"strong (≥ {STRONG:.1f})"),
            ("undecided", "between"),
            ("out", f"weak (≤ {WEAK:.1f})"),
        ]
    if semantics == "preferred":
        return [
            ("in", "in some extension"),
            ("out", "defeated in every one"),
            ("undecided", "undecided"),
        ]
    return [("in", "in (accepted)"), ("out", "out (rejected)"), ("undecided", "undecided")]

