"""One entry point for the app and the command line: `evaluate(map, semantics)` and `why`.

`evaluate` returns an `Evaluation` with, per claim, a label (extension semantics) or a
strength (gradual semantics), plus how it was computed. It is cheap enough to call after
every edit on maps of thousands of claims, and `overrides` answers what-if questions
without copying or editing the map.

Labels for several extensions (complete, preferred, stable) are the *sceptical* reading:
``in`` when the claim is in every extension, ``out`` when every extension attacks it,
``undec`` otherwise (and for every claim when there is no extension at all, as stable
semantics may have none). Each extension's own labelling is in `labellings`.

>>> from argmap.model import Claim, Relation, RelationKind, build_map
>>> m = build_map([Claim("a"), Claim("b"), Claim("c")],
...               [Relation("r1", "a", "b", RelationKind.ATTACK),
...                Relation("r2", "b", "c", RelationKind.ATTACK)])
>>> evaluate(m, "grounded").labels
{'a': 'in', 'b': 'out', 'c': 'in'}
>>> why(m, "c", evaluate(m, "grounded")).defenders
['a']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.analysis import gradual, semantics
from argmap.analysis.framework import Framework, from_map
from argmap.analysis.semantics import IN, LABEL_NAMES, OUT, UNDEC
from argmap.model.errors import UsageError
from argmap.model.grading import likelihood_words
from argmap.model.map import ArgumentMap
from argmap.model.types import RelationKind

ALL_SEMANTICS = semantics.EXTENSION_SEMANTICS + gradual.GRADUAL_SEMANTICS


@dataclass(frozen=True)
class Evaluation:
    """The result of evaluating a map under one semantics.

    Extension semantics fill `labels`, `extensions` (claim ids, sorted) and `labellings`;
    gradual ones fill `strengths`. `iterations`, `converged` and `tolerance` say how a gradual
    fixed point was reached (for extension semantics: 1, True, 0.0).
    """

    semantics: str
    labels: dict[str, str] = field(default_factory=dict)
    strengths: dict[str, float] = field(default_factory=dict)
    extensions: list[list[str]] = field(default_factory=list)
    labellings: list[dict[str, str]] = field(default_factory=list)
    support: str = "necessary"
    iterations: int = 1
    converged: bool = True
    tolerance: float = 0.0
    overrides: dict[str, str | float] = field(default_factory=dict)
    framework: Framework | None = field(default=None, repr=False, compare=False)
    raw: list[bytearray] = field(default_factory=list, repr=False, compare=False)

    @property
    def is_gradual(self) -> bool:
        return self.semantics in gradual.GRADUAL_SEMANTICS

    def to_json(self) -> dict[str, object]:
        """The JSON the command line prints (see docs/evaluation.md)."""
        if self.is_gradual:
            return {
                "semantics": self.semantics,
                "strengths": self.strengths,
                "likelihood": {c: likelihood_words(v) for c, v in self.strengths.items()},
                "iterations": self.iterations,
                "converged": self.converged,
                "tolerance": self.tolerance,
            }
        return {
            "semantics": self.semantics,
            "support": self.support,
            "extensions": self.extensions,
            "labels": self.labels,
        }


def evaluate(
    m: ArgumentMap,
    semantics_name: str = "grounded",
    *,
    overrides: Mapping[str, str | float] | None = None,
    support: str = "necessary",
    max_steps: int = semantics.DEFAULT_MAX_STEPS,
    time_limit: float = semantics.DEFAULT_TIME_LIMIT,
    tolerance: float = gradual.DEFAULT_TOLERANCE,
    max_iterations: int = gradual.DEFAULT_MAX_ITERATIONS,
    start: Mapping[str, float] | None = None,
) -> Evaluation:
    """Evaluate a map: labels (grounded, complete, preferred, stable) or strengths (dfquad, qe).

    `overrides`: claim id -> ``"in"``/``"out"`` (forced label) or a base score (gradual).
    `start`: earlier strengths to start a gradual iteration from (see `gradual.strengths`).
    Raises `UsageError` for an unknown semantics or override, `SearchLimit` when a
    preferred/stable/complete search reaches its limits.
    """
    overrides = dict(overrides or {})
    if semantics_name in gradual.GRADUAL_SEMANTICS:
        res = gradual.strengths(
            m,
            semantics_name,
            overrides=overrides,
            tolerance=tolerance,
            max_iterations=max_iterations,
            start=start,
        )
        return Evaluation(
            semantics_name,
            strengths=res.strengths,
            support=support,
            iterations=res.iterations,
            converged=res.converged,
            tolerance=res.tolerance,
            overrides=overrides,
        )
    if semantics_name not in semantics.EXTENSION_SEMANTICS:
        raise UsageError(
            f"unknown semantics {semantics_name!r} (known: {', '.join(ALL_SEMANTICS)})"
        )
    fw = from_map(m, support=support, overrides=overrides)
    return evaluate_framework(
        fw,
        semantics_name,
        support=support,
        overrides=overrides,
        max_steps=max_steps,
        time_limit=time_limit,
    )


def evaluate_framework(
    fw: Framework,
    semantics_name: str = "grounded",
    *,
    support: str = "necessary",
    overrides: Mapping[str, str | float] | None = None,
    max_steps: int = semantics.DEFAULT_MAX_STEPS,
    time_limit: float = semantics.DEFAULT_TIME_LIMIT,
) -> Evaluation:
    """Labels of a framework's claims under an extension semantics: the common end of
    `evaluate` and of `argmap eval` on ICCMA files, which read straight into a framework
    (no map, no networkx) so a million arguments take seconds, not minutes."""
    if semantics_name not in semantics.EXTENSION_SEMANTICS:
        raise UsageError(
            f"unknown semantics {semantics_name!r} for an abstract framework "
            f"(known: {', '.join(semantics.EXTENSION_SEMANTICS)})"
        )
    labs = semantics.labellings(fw, semantics_name, max_steps=max_steps, time_limit=time_limit)
    ids = fw.names[: fw.n_claims]
    names = LABEL_NAMES
    if len(labs) == 1:
        lab = labs[0]
        labels = dict(zip(ids, [names[v] for v in lab[: len(ids)]], strict=True))
        labellings = [labels]
        extensions = [sorted(c for c, v in zip(ids, lab, strict=False) if v == IN)]
    else:
        labellings = [{c: names[lab[i]] for i, c in enumerate(ids)} for lab in labs]
        extensions = sorted(sorted(c for i, c in enumerate(ids) if lab[i] == IN) for lab in labs)
        labels = {}
        for i, c in enumerate(ids):
            seen = {lab[i] for lab in labs}
            labels[c] = names[seen.pop()] if len(seen) == 1 else "undec"
    return Evaluation(
        semantics_name,
        labels=labels,
        extensions=extensions,
        labellings=labellings,
        support=support,
        overrides=dict(overrides or {}),
        framework=fw,
        raw=labs,
    )


@dataclass(frozen=True)
class Why:
    """What decides a claim's label or strength, for the app's "why?" highlight.

    Extension semantics: `attackers` are the claims whose attacks decide the label (for
    ``out``: the accepted attackers; for ``in``: every attacker, each defeated; for ``undec``:
    the undecided attackers), `defenders` the accepted claims that defeat those attackers,
    `relations` the relation ids on those paths. Gradual semantics: `attackers` and
    `supporters` sorted by contribution, strongest first.
    """

    claim: str
    label: str | None
    strength: float | None
    attackers: list[str]
    defenders: list[str]
    supporters: list[str]
    relations: list[str]


def _claims_behind(fw: Framework, m: ArgumentMap, a: int, seen: set[int] | None = None) -> set[str]:
    """The claims an argument stands for: itself, or for an auxiliary one, its premises."""
    if a < fw.n_claims:
        return {fw.names[a]}
    name = fw.names[a]
    origin = fw.origin[a] or ""
    if name[0] == "&" and origin in m.relations:
        return {r.source for r in m.linked(m.relations[origin])}
    if name[0] == "?":  # "lacks support": decided by the claim's supporters
        return {r.source for r in m.relations_into(origin) if r.kind is RelationKind.SUPPORT}
    return {origin} if origin in m.claims else set()


def why(m: ArgumentMap, claim_id: str, ev: Evaluation) -> Why:
    """The attackers and defenders that decide a claim's label (or strength)."""
    if claim_id not in m.claims:
        raise UsageError(f"no claim {claim_id!r}")
    into = m.relations_into(claim_id)
    if ev.is_gradual:
        s = ev.strengths
        att = sorted({r.source for r in into if r.kind is RelationKind.ATTACK}, key=lambda c: -s[c])
        sup = sorted(
            {r.source for r in into if r.kind is RelationKind.SUPPORT}, key=lambda c: -s[c]
        )
        return Why(claim_id, None, s[claim_id], att, [], sup, [r.id for r in into])
    fw = ev.framework
    assert fw is not None
    # One labelling explains the label: the first one that gives the claim its sceptical label.
    x = fw.index[claim_id]
    want = {"in": IN, "out": OUT, "undec": UNDEC}[ev.labels[claim_id]]
    lab = next((lab for lab in ev.raw if lab[x] == want), ev.raw[0] if ev.raw else None)
    if lab is None:
        return Why(claim_id, ev.labels[claim_id], None, [], [], [], [])
    attackers = fw.attackers
    # IN: every attacker is OUT; OUT: the IN attackers; UNDEC: the UNDEC attackers.
    deciding = [a for a in attackers[x] if lab[a] == {IN: OUT, OUT: IN, UNDEC: UNDEC}[want]]
    defenders_args = set()
    if want == IN:
        for a in deciding:
            defenders_args.update(d for d in attackers[a] if lab[d] == IN)
    att_claims: set[str] = set()
    for a in deciding:
        if fw.names[a][0] not in "?!":  # lack of support and forced labels are not claims
            att_claims |= _claims_behind(fw, m, a)
    def_claims: set[str] = set()
    for d in defenders_args:
        def_claims |= _claims_behind(fw, m, d)
    att_claims.discard(claim_id)
    def_claims.discard(claim_id)
    supporters = sorted({r.source for r in into if r.kind is RelationKind.SUPPORT})
    involved = att_claims | def_claims | {claim_id}
    relations = {
        r.id
        for c in att_claims | def_claims
        for r in m.relations_out_of(c)
        if r.target in involved or r.target in m.relations
    }
    return Why(
        claim_id,
        ev.labels[claim_id],
        None,
        sorted(att_claims),
        sorted(def_claims),
        supporters,
        sorted(relations),
    )


def format_evaluation(m: ArgumentMap | Mapping[str, str], ev: Evaluation) -> str:
    """Human-readable text: one aligned line per claim, sorted by id, then the extensions.

    `m` is the map, or (for a framework read without one) claim id -> text."""
    texts = {cid: c.text for cid, c in m.claims.items()} if isinstance(m, ArgumentMap) else m
    ids = sorted(texts)
    width = max((len(c) for c in ids), default=2)

    def text(cid: str) -> str:
        t = " ".join(texts[cid].split())
        return t if len(t) <= 60 else t[:59] + "…"

    lines: list[str] = []
    if ev.is_gradual:
        state = "converged" if ev.converged else "NOT converged"
        lines.append(
            f"{ev.semantics} strengths of {len(ids)} claims "
            f"({ev.iterations} iteration{'s' if ev.iterations != 1 else ''}, {state}, "
            f"tolerance {ev.tolerance:g})"
        )
        words = {cid: likelihood_words(ev.strengths[cid]) for cid in ids}
        wide = max((len(w) for w in words.values()), default=0)
        for cid in ids:
            value = f"{ev.strengths[cid]:.3f}  {words[cid]:<{wide}}"
            lines.append(f"  {cid:<{width}}  {value}  {text(cid)}".rstrip())
        return "\n".join(lines)
    counts = {k: sum(1 for v in ev.labels.values() if v == k) for k in ("in", "out", "undec")}
    lines.append(
        f"{ev.semantics} semantics (support: {ev.support}) on {len(ids)} claims: "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
    for cid in ids:
        lines.append(f"  {cid:<{width}}  {ev.labels[cid]:<5}  {text(cid)}".rstrip())
    n = len(ev.extensions)
    lines.append(f"{n} extension{'s' if n != 1 else ''}" + (":" if n else ""))
    for k, ext in enumerate(ev.extensions, 1):
        lines.append(f"  {k}: {{{', '.join(ext)}}}")
    return "\n".join(lines)
