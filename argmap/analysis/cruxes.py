"""Cruxes: the claims whose fate decides a thesis, ranked — what a team should argue first.

For a target claim (by default each thesis) every claim that can reach it (through attacks,
supports, undercuts; found backwards in the flattened framework, so deductive readings that
send attacks "downwards" count too) is tried four ways: forced ``in``, forced ``out`` (the
extension semantics, grounded by default) and re-scored to 0 and to 1 (the gradual semantics,
DF-QuAD by default). A crux's rank is the number of those label flips that change the
target's label, then the largest change of the target's strength.

Cost: each what-if recomputes only what lies between the candidate and the target
(argmap/analysis/what_if.py), stopping where nothing changes any more; under grounded and
the gradual semantics that is exact (within the iteration's tolerance on cyclic maps). The
other extension semantics still evaluate the whole map per what-if. A tree-like map of 1,000
claims went from 72 s to 0.4 s, a synthetic 1,000-claim map with one big tangle of cycles
from 239 s to 7.1 s; the seed map takes 0.01 s.

>>> from argmap.model import Claim, ClaimKind, Relation, RelationKind, build_map
>>> m = build_map([Claim("t", kind=ClaimKind.THESIS), Claim("a"), Claim("b")],
...               [Relation("r1", "a", "t", RelationKind.ATTACK),
...                Relation("r2", "b", "a", RelationKind.ATTACK)])
>>> [(c.claim, c.label_flips) for c in cruxes(m)["t"]]  # each can flip t
[('a', 1), ('b', 1)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from argmap.analysis.evaluation import evaluate, evaluate_framework
from argmap.analysis.framework import Framework, from_map
from argmap.analysis.gradual import DEFAULT_MAX_ITERATIONS
from argmap.analysis.graphs import reaching
from argmap.analysis.semantics import IN, LABEL_NAMES, OUT
from argmap.analysis.what_if import GradualWhatIf, GroundedWhatIf
from argmap.model.errors import UsageError
from argmap.model.map import ArgumentMap
from argmap.model.progress import Progress
from argmap.model.types import ClaimKind

# What-ifs on cyclic maps iterate from the unchanged fixed point to this tolerance: below the
# six decimals a crux reports.
WHAT_IF_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Crux:
    """How much one claim matters to a target claim."""

    claim: str
    target: str
    label_flips: int  # of the two forced labels, how many change the target's label
    label_if_in: str
    label_if_out: str
    strength_change: float  # largest |change| of the target's strength over scores 0 and 1

    def to_json(self) -> dict[str, object]:
        return {
            "claim": self.claim,
            "label_flips": self.label_flips,
            "label_if_in": self.label_if_in,
            "label_if_out": self.label_if_out,
            "strength_change": round(self.strength_change, 6),
        }


def influencers(m: ArgumentMap, target: str, *, support: str = "necessary") -> list[str]:
    """Claims from which an attack or support path leads to `target` (it excluded)."""
    return _influencers(from_map(m, support=support), target)


def _influencers(fw: Framework, target: str) -> list[str]:
    start = fw.index[target]
    behind = reaching(fw.attackers, start)
    return sorted(fw.names[i] for i in behind if i < fw.n_claims and i != start)


def cruxes(
    m: ArgumentMap,
    targets: list[str] | str | None = None,
    *,
    semantics: str = "grounded",
    gradual: str = "dfquad",
    support: str = "necessary",
    only: Callable[[str], bool] | None = None,
    progress: Progress | None = None,
) -> dict[str, list[Crux]]:
    """For each target (default: every thesis), the claims that can change it, ranked.

    `only` keeps the candidates it accepts (the key assumptions weigh assumption claims
    only): each candidate costs four evaluations, so a filter saves most of the work.
    `progress(done, total)` is called after each candidate claim (on big maps this takes
    minutes); it may raise `Cancelled` to stop.
    """
    if targets is None:
        targets = sorted(c for c, v in m.claims.items() if v.kind is ClaimKind.THESIS)
    elif isinstance(targets, str):
        targets = [targets]
    for t in targets:
        if t not in m.claims:
            raise UsageError(f"no claim {t!r}")
    fw = from_map(m, support=support)
    base = evaluate_framework(fw, semantics, support=support)
    base_labels = base.labels
    base_strengths = evaluate(m, gradual).strengths
    # Each question is answered over what lies between the claim and the target only
    # (argmap.analysis.what_if); the other extension semantics are not directional and
    # evaluate the whole map per question.
    labels_if = GroundedWhatIf(fw, base.raw[0]) if semantics == "grounded" else None
    strength_if = GradualWhatIf(
        m,
        gradual,
        base_strengths,
        tolerance=WHAT_IF_TOLERANCE,
        max_iterations=DEFAULT_MAX_ITERATIONS,
    )
    strength_index = strength_if.index
    index = fw.index
    out: dict[str, list[Crux]] = {}
    candidates = {
        t: [c for c in _influencers(fw, t) if only is None or only(c)] for t in targets
    }
    total = sum(len(cs) for cs in candidates.values())
    done = 0
    for t in targets:
        found: list[Crux] = []
        ti, gt = index[t], strength_index[t]
        for c in candidates[t]:
            if progress is not None:
                progress(done, total)
            done += 1
            if labels_if is not None:
                labs = [LABEL_NAMES[labels_if.label(index[c], f, ti)] for f in (IN, OUT)]
            else:
                labs = [
                    evaluate(m, semantics, support=support, overrides={c: f}).labels[t]
                    for f in ("in", "out")
                ]
            ci = strength_index[c]
            change = max(
                abs(strength_if.strength(ci, v, gt) - base_strengths[t]) for v in (0.0, 1.0)
            )
            flips = sum(1 for lab in labs if lab != base_labels[t])
            found.append(Crux(c, t, flips, labs[0], labs[1], change))
        found.sort(key=lambda x: (-x.label_flips, -x.strength_change, x.claim))
        out[t] = found
    return out


@dataclass(frozen=True)
class QuestionCrux:
    """How much answering one open critical question would change a target claim."""

    relation: str
    question: str
    kind: str  # assumption or exception
    text: str
    scheme: str
    target: str
    label_flips: int  # of the answers yes and no, how many change the target's label
    label_if_yes: str
    label_if_no: str
    strength_if_yes: float
    strength_if_no: float
    strength_change: float  # largest |change| of the target's strength over both answers
    state: str = "open"  # or "yes": an assumption already granted

    def to_json(self) -> dict[str, object]:
        return {
            "relation": self.relation,
            "state": self.state,
            "question": self.question,
            "kind": self.kind,
            "text": self.text,
            "scheme": self.scheme,
            "label_flips": self.label_flips,
            "label_if_yes": self.label_if_yes,
            "label_if_no": self.label_if_no,
            "strength_if_yes": round(self.strength_if_yes, 6),
            "strength_if_no": round(self.strength_if_no, 6),
            "strength_change": round(self.strength_change, 6),
        }


def question_cruxes(
    m: ArgumentMap,
    targets: list[str] | str | None = None,
    *,
    semantics: str = "grounded",
    gradual: str = "dfquad",
    support: str = "necessary",
    exceptions: bool = True,
    assumed: bool = False,
) -> dict[str, list[QuestionCrux]]:
    """For each target (default: every thesis), the open critical questions that bear on it,
    ranked like claims: label flips first (answering yes or no), then the strength change.
    `assumed` adds the assumption questions already answered yes (what the target rests on).

    Each answer is tried on a copy of the map and undone, so the map passed in is untouched.
    """
    from argmap.analysis.schemes import open_questions
    from argmap.model.reasons import answer_question
    from argmap.model.types import Answer

    if targets is None:
        targets = sorted(c for c, v in m.claims.items() if v.kind is ClaimKind.THESIS)
    elif isinstance(targets, str):
        targets = [targets]
    for t in targets:
        if t not in m.claims:
            raise UsageError(f"no claim {t!r}")
    pending = open_questions(m, exceptions=exceptions, assumed=assumed)
    out: dict[str, list[QuestionCrux]] = {t: [] for t in targets}
    if not pending:
        return out
    work = m.copy()
    base_labels = evaluate(work, semantics, support=support).labels
    base_strengths = evaluate(work, gradual).strengths
    reach = {t: set(influencers(work, t, support=support)) | {t} for t in targets}
    for q in pending:
        concerned = [t for t in targets if q.target in reach[t]]
        if not concerned:
            continue
        results = {}
        for state in (Answer.YES, Answer.NO):
            undo = answer_question(work, q.relation, q.question, state).apply(work)
            try:
                labels = evaluate(work, semantics, support=support).labels
                strengths = evaluate(work, gradual).strengths
            finally:
                undo.apply(work)
            results[state] = (labels, strengths)
        for t in concerned:
            (ly, sy), (ln, sn) = results[Answer.YES], results[Answer.NO]
            flips = sum(1 for lab in (ly[t], ln[t]) if lab != base_labels[t])
            change = max(abs(sy[t] - base_strengths[t]), abs(sn[t] - base_strengths[t]))
            out[t].append(
                QuestionCrux(
                    q.relation,
                    q.question,
                    q.kind,
                    q.text,
                    q.scheme,
                    t,
                    flips,
                    ly[t],
                    ln[t],
                    sy[t],
                    sn[t],
                    change,
                    q.state,
                )
            )
    for found in out.values():
        found.sort(key=lambda x: (-x.label_flips, -x.strength_change, x.relation, x.question))
    return out
