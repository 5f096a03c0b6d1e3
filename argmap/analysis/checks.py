"""Structural checks of a map (`argmap check`): each finding names the claims it concerns.

The checks look for what usually means an unfinished or broken argument, not for errors of
the file (those are caught when reading):

==========================  ===============================================================
``circular-support``        claims that support each other in a circle (a support cycle)
``self-attack``             a claim that attacks itself
``unsupported-thesis``      a thesis with no support relation into it
``isolated-claim``          a claim with no relation at all
``evidence-free``           a supported thesis whose support chains hold no evidence claim
                            (it rests on assumptions and plain claims only)
``no-source``               an evidence claim or plain claim with no source reference
                            (theses and assumptions are the author's own and need none)
``undecided-mutual-attack`` two claims attacking each other, both left undecided by the
                            grounded semantics: the map does not say which one wins
``open-question``           an assumption-kind critical question of a reason's scheme that
                            is neither answered nor raised: the reason is weaker until it is
                            (`argmap check` ranks them per thesis, `question_cruxes`)
==========================  ===============================================================

>>> from argmap.model import Claim, ClaimKind, build_map
>>> [f.code for f in check(build_map([Claim("t", kind=ClaimKind.THESIS)]))]
['unsupported-thesis', 'isolated-claim']
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.evaluation import evaluate
from argmap.analysis.graphs import reaching, strong_components
from argmap.analysis.schemes import open_questions
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap
from argmap.model.types import ClaimKind, RelationKind

CHECKS = (
    "circular-support",
    "self-attack",
    "unsupported-thesis",
    "isolated-claim",
    "evidence-free",
    "no-source",
    "undecided-mutual-attack",
    "open-question",
)


@dataclass(frozen=True)
class Finding:
    """One problem: a code from `CHECKS`, a sentence, and the claims/relations it concerns."""

    code: str
    message: str
    claims: tuple[str, ...]
    relations: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "claims": list(self.claims),
            "relations": list(self.relations),
        }


def _support_links(m: ArgumentMap) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """The support graph between claims as plain dicts: source -> {target: relation id}, and
    target -> sources. (A networkx graph of a 100,000-claim map took a second to build and
    another to search; these are what the checks read.)"""
    succ: dict[str, dict[str, str]] = {c: {} for c in m.claims}
    pred: dict[str, list[str]] = {c: [] for c in m.claims}
    claims = m.claims
    for r in m.relations.values():
        if r.kind is RelationKind.SUPPORT and r.target in claims:
            if r.target not in succ[r.source]:
                pred[r.target].append(r.source)
            succ[r.source][r.target] = r.id
    return succ, pred


def check(m: ArgumentMap, *, support: str = "necessary") -> list[Finding]:
    """Every finding of every check, sorted by check then claims.

    The cyclic garbage collector is paused meanwhile: the checks make a few dicts, lists and
    sets per claim, which on a big map start collections that walk the whole map again and
    again (a third of the checks' time on 100,000 claims), for no garbage."""
    with gc_paused():
        return _check(m, support)


def _check(m: ArgumentMap, support: str) -> list[Finding]:
    out: list[Finding] = []
    succ, pred = _support_links(m)

    for comp in strong_components(succ):
        if len(comp) > 1 or comp[0] in succ[comp[0]]:
            claims = tuple(sorted(comp))
            inside = set(comp)
            rels = tuple(sorted(r for a in comp for b, r in succ[a].items() if b in inside))
            out.append(
                Finding(
                    "circular-support",
                    "support goes round in a circle: " + " -> ".join(claims),
                    claims,
                    rels,
                )
            )

    for r in m.relations.values():
        if r.kind is RelationKind.ATTACK and r.source == r.target:
            out.append(Finding("self-attack", f"{r.source} attacks itself", (r.source,), (r.id,)))

    touched = {r.source for r in m.relations.values()}  # claims with any relation
    touched.update(r.target for r in m.relations.values())
    for cid, c in m.claims.items():
        if cid not in touched:
            out.append(Finding("isolated-claim", f"{cid} has no relation", (cid,)))
        if c.kind is ClaimKind.THESIS and not any(
            r.kind is RelationKind.SUPPORT for r in m.relations_into(cid)
        ):
            out.append(Finding("unsupported-thesis", f"thesis {cid} has no support", (cid,)))
        if c.kind in (ClaimKind.EVIDENCE, ClaimKind.CLAIM) and c.source is None:
            out.append(Finding("no-source", f"{c.kind.value} {cid} has no source", (cid,)))

    for cid, c in m.claims.items():
        if c.kind is not ClaimKind.THESIS:
            continue
        behind = reaching(pred, cid) - {cid}
        if behind and not any(m.claims[b].kind is ClaimKind.EVIDENCE for b in behind):
            leaves = sorted(b for b in behind if not any(p != b for p in pred[b]))
            kinds = sorted({m.claims[b].kind.value for b in leaves})
            out.append(
                Finding(
                    "evidence-free",
                    f"thesis {cid} rests on no evidence, only on "
                    + " and ".join(k + "s" for k in kinds)
                    + ": "
                    + ", ".join(leaves),
                    (cid, *leaves),
                )
            )

    mutual: list[tuple[str, str, str, str]] = []
    for r in m.relations.values():
        if r.kind is RelationKind.ATTACK and r.target in m.claims and r.source < r.target:
            back = [
                q
                for q in m.relations_into(r.source)
                if q.kind is RelationKind.ATTACK and q.source == r.target
            ]
            if back:
                mutual.append((r.source, r.target, r.id, back[0].id))
    if mutual:
        labels = evaluate(m, "grounded", support=support).labels
        for a, b, r1, r2 in mutual:
            if labels[a] == labels[b] == "undec":
                out.append(
                    Finding(
                        "undecided-mutual-attack",
                        f"{a} and {b} attack each other and neither wins",
                        (a, b),
                        tuple(sorted((r1, r2))),
                    )
                )

    for q in open_questions(m):
        premises = tuple(sorted(r.source for r in m.linked(m.relation(q.relation))))
        out.append(
            Finding(
                "open-question",
                f"reason {q.relation} ({q.scheme}) for {q.target}: {q.question}: {q.text}",
                (q.target, *premises),
                (q.relation,),
            )
        )

    out.sort(key=lambda f: (CHECKS.index(f.code), f.claims))
    return out


def format_findings(findings: list[Finding], name: str = "") -> str:
    """Human-readable text: a count, then one aligned line per finding."""
    head = f"{name}: " if name else ""
    if not findings:
        return f"{head}no findings"
    lines = [f"{head}{len(findings)} finding{'s' if len(findings) != 1 else ''}"]
    width = max(len(f.code) for f in findings)
    for f in findings:
        lines.append(f"  {f.code:<{width}}  {f.message}")
    return "\n".join(lines)
