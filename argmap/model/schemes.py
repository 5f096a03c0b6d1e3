"""The argument-scheme catalogue: what kind of reason a support is, and how it can fail.

The catalogue is data (`resources/schemes.json`, documented in docs/schemes.md): each scheme
has an id, its premises' roles, and critical questions. Every question is phrased so that
*yes* keeps the reason standing and *no* defeats it, and is marked with who bears the burden
(Carneades' distinction, Gordon & Walton 2006):

- an **assumption** must be shown: while it is open, the reason is weaker;
- an **exception** must be raised: while it is open, it costs nothing.

Schemes are named by our own short ids (``expert_opinion``); `aif` lists the names AIFdb and
OVA give them (``"Expert Opinion"``) and `ova` OVA's scheme number, so AIF files map both ways
(`from_aif`, `Scheme.aif_name`). A scheme an AIF file names that the catalogue does not know
is kept as ``"aif:<name>"`` (`UNKNOWN_PREFIX`): it has no questions, and evaluation treats the
reason as a plain one.

>>> catalogue().scheme("expert_opinion").question("field").kind
'assumption'
>>> from_aif("Expert Opinion"), from_aif("15"), from_aif("Default Inference")
('expert_opinion', 'expert_opinion', '')
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from argmap.model.errors import ModelError
from argmap.resources import resource_path

ASSUMPTION, EXCEPTION = "assumption", "exception"
QUESTION_KINDS = (ASSUMPTION, EXCEPTION)
# How a question raised as a claim enters the map: it undercuts the inference, rebuts the
# conclusion, or denies a premise (an attack on the premise's claim).
RAISE_AS = ("undercut", "rebut", "premise")
UNKNOWN_PREFIX = "aif:"
# AIF's names for "no particular scheme": an RA node with these is a plain reason.
AIF_DEFAULTS = ("Default Inference", "72")


@dataclass(frozen=True)
class Premise:
    role: str
    text: str


@dataclass(frozen=True)
class Question:
    """A critical question: *yes* keeps the reason, *no* defeats it."""

    id: str
    text: str
    kind: str  # ASSUMPTION or EXCEPTION
    raise_as: str = "undercut"


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    group: str
    conclusion: str
    premises: tuple[Premise, ...]
    questions: tuple[Question, ...]
    aif: tuple[str, ...] = ()
    ova: int | None = None

    @property
    def aif_name(self) -> str:
        """The name an AIF RA node carries for this scheme (our name when AIF has none)."""
        return self.aif[0] if self.aif else self.name

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise ModelError(f"scheme {self.id!r} has no critical question {question_id!r}")

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    def has_role(self, role: str) -> bool:
        return any(p.role == role for p in self.premises)

    @property
    def assumptions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == ASSUMPTION)


class Catalogue:
    """Schemes by id, with the AIF lookup.

    `open_assumption_factor`: what each open assumption question multiplies its reason's
    weight by in the gradual semantics (docs/evaluation.md).
    """

    def __init__(self, schemes: list[Scheme], open_assumption_factor: float = 0.8) -> None:
        self.open_assumption_factor = open_assumption_factor
        self._schemes = {s.id: s for s in schemes}
        self._aif: dict[str, str] = {}
        for s in schemes:
            for name in s.aif:
                self._aif.setdefault(_fold(name), s.id)
            self._aif.setdefault(_fold(s.name), s.id)
            self._aif.setdefault(_fold(s.id), s.id)
            if s.ova is not None:
                self._aif.setdefault(str(s.ova), s.id)

    def __iter__(self) -> Iterator[Scheme]:
        return iter(self._schemes.values())

    def __len__(self) -> int:
        return len(self._schemes)

    def __contains__(self, scheme_id: object) -> bool:
        return scheme_id in self._schemes

    def scheme(self, scheme_id: str) -> Scheme:
        try:
            return self._schemes[scheme_id]
        except KeyError:
            raise ModelError(f"unknown scheme {scheme_id!r}") from None

    def get(self, scheme_id: str) -> Scheme | None:
        return self._schemes.get(scheme_id)

    def from_aif(self, name: str) -> str | None:
        """The catalogue id for an AIF/OVA scheme name or number, None when unknown."""
        return self._aif.get(_fold(name))


def _fold(name: str) -> str:
    """AIF names differ in case, spacing and a leading "Argument from"."""
    text = " ".join(str(name).replace("_", " ").split()).lower()
    for prefix in ("argument from ", "argument by "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def _load(data: dict) -> Catalogue:
    schemes = []
    for s in data["schemes"]:
        questions = tuple(
            Question(q["id"], q["text"], q["kind"], q.get("raise", "undercut"))
            for q in s["questions"]
        )
        for q in questions:
            if q.kind not in QUESTION_KINDS or q.raise_as not in RAISE_AS:
                raise ValueError(f"schemes.json: {s['id']}.{q.id}: bad kind or raise")
        schemes.append(
            Scheme(
                s["id"],
                s["name"],
                s.get("group", ""),
                s.get("conclusion", ""),
                tuple(Premise(p["role"], p["text"]) for p in s["premises"]),
                questions,
                tuple(s.get("aif", ())),
                s.get("ova"),
            )
        )
    factor = float(data.get("open_assumption_factor", 0.8))
    if not 0.0 <= factor <= 1.0:
        raise ValueError("schemes.json: open_assumption_factor must lie in [0, 1]")
    return Catalogue(schemes, factor)


@cache
def catalogue() -> Catalogue:
    """The scheme catalogue shipped with argmap (read once)."""
    return _load(json.loads(resource_path("schemes.json").read_text(encoding="utf-8")))


def from_aif(name: str) -> str:
    """The scheme id to store for an AIF RA node's scheme name (or OVA number).

    ``""`` for AIF's default inference, the catalogue id when known, else the name kept as
    ``"aif:<name>"`` (the caller should warn that the scheme is not in the catalogue).
    """
    name = " ".join(str(name).split())
    if not name or name in AIF_DEFAULTS:
        return ""
    known = catalogue().from_aif(name)
    return known if known is not None else UNKNOWN_PREFIX + name


def to_aif(scheme_id: str) -> str:
    """The AIF RA node text for a scheme id (``"Default Inference"`` for none)."""
    if not scheme_id:
        return "Default Inference"
    if scheme_id.startswith(UNKNOWN_PREFIX):
        return scheme_id[len(UNKNOWN_PREFIX) :]
    return catalogue().scheme(scheme_id).aif_name


def is_known(scheme_id: str) -> bool:
    return scheme_id in catalogue()


def check_scheme_id(scheme_id: str) -> None:
    """A ModelError unless the id is a catalogue scheme or a kept unknown AIF scheme."""
    if scheme_id and not scheme_id.startswith(UNKNOWN_PREFIX) and scheme_id not in catalogue():
        raise ModelError(f"unknown scheme {scheme_id!r} (see docs/schemes.md for the ids)")
