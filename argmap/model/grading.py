"""Evidence grades (Admiralty / NATO code) and the words of ICD 203 for a strength.

An evidence claim may carry a source **reliability** (A completely reliable ... E unreliable,
F cannot be judged) and an information **credibility** (1 confirmed ... 5 improbable, 6 cannot
be judged). A graded claim's base score comes from a table of the 36 grades
(`resources/grading.json`, documented in docs/schemes.md), which can be edited there, in the
user's settings file (`settings_path()`, the app's Evidence grading dialog writes it) and per
map (`MapInfo.grading`): later ones win cell by cell. A claim graded on one axis only is read
with the other at "cannot be judged" (F or 6).

>>> Grading.default().score("A", 1)
0.95
>>> likelihood_words(0.7)
'likely'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argmap.model.errors import ModelError
from argmap.resources import resource_path

RELIABILITY = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = (1, 2, 3, 4, 5, 6)
GRADES = tuple(f"{r}{c}" for r in RELIABILITY for c in CREDIBILITY)


def check_grade(reliability: str, credibility: int) -> None:
    """A ModelError for a grade outside A-F / 1-6 (empty and 0 mean "not graded")."""
    if reliability and reliability not in RELIABILITY:
        raise ModelError(f"source reliability {reliability!r} is not one of A-F")
    if credibility and (isinstance(credibility, bool) or credibility not in CREDIBILITY):
        raise ModelError(f"information credibility {credibility!r} is not one of 1-6")


def grade_code(reliability: str, credibility: int) -> str:
    """``"B2"``; the missing axis as "cannot be judged"; ``""`` when ungraded."""
    if not reliability and not credibility:
        return ""
    return f"{reliability or 'F'}{credibility or 6}"


@dataclass(frozen=True)
class Grading:
    """The grade -> base score table, and the names of the grades."""

    scores: Mapping[str, float]
    reliability_names: Mapping[str, str]
    credibility_names: Mapping[str, str]
    likelihood: tuple[tuple[float, str], ...]

    @classmethod
    @cache
    def default(cls) -> Grading:
        data = json.loads(resource_path("grading.json").read_text(encoding="utf-8"))
        return cls(
            dict(data["scores"]),
            dict(data["reliability"]),
            dict(data["credibility"]),
            tuple((float(b["below"]), b["words"]) for b in data["likelihood"]),
        )

    def with_overrides(self, overrides: Mapping[str, float] | Iterable[tuple[str, float]]):
        """A table with some cells replaced (checked: known grades, scores in [0, 1])."""
        items = overrides.items() if isinstance(overrides, Mapping) else overrides
        scores = dict(self.scores)
        for code, value in items:
            check_override(code, value)
            scores[code] = float(value)
        return Grading(scores, self.reliability_names, self.credibility_names, self.likelihood)

    def score(self, reliability: str, credibility: int) -> float | None:
        code = grade_code(reliability, credibility)
        return self.scores[code] if code else None

    def describe(self, reliability: str, credibility: int) -> str:
        """``"B2 (usually reliable, probably true)"``."""
        code = grade_code(reliability, credibility)
        if not code:
            return "not graded"
        r = self.reliability_names[code[0]].lower()
        c = self.credibility_names[code[1:]].lower()
        return f"{code} ({r}, {c})"


def check_override(code: str, value: object) -> None:
    if code not in GRADES:
        raise ModelError(f"grading: {code!r} is not a grade (A1 ... F6)")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ModelError(f"grading: score for {code} must be a number in [0, 1], got {value!r}")


def settings_path() -> Path:
    """The user's grading overrides: $ARGMAP_GRADING, else <config dir>/argmap/grading.json."""
    env = os.environ.get("ARGMAP_GRADING")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "argmap" / "grading.json"


def user_grading() -> Grading:
    """The default table with the user's settings file applied (a broken file is an error
    naming it: a silently ignored setting would change every score without a word).

    Read again only when the file changes (evaluations run after every edit)."""
    path = settings_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return Grading.default()
    return _read_settings(str(path), stamp)


@cache
def _read_settings(name: str, stamp: int) -> Grading:
    grading = Grading.default()
    path = Path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        scores = data.get("scores", {}) if isinstance(data, dict) else None
        if not isinstance(scores, dict):
            raise ModelError("expected an object with a 'scores' object")
        return grading.with_overrides(scores)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read grading settings: {exc}", file=str(path)) from None
    except ModelError as exc:
        raise exc.located(str(path)) from None


def map_grading(map_overrides: Iterable[tuple[str, float]] = ()) -> Grading:
    """The table for a map: default, then the user's settings, then the map's own cells."""
    return user_grading().with_overrides(tuple(map_overrides))


def likelihood_words(p: float, grading: Grading | None = None) -> str:
    """ICD 203's words for a probability (strength): almost no chance ... almost certain."""
    bands = (grading or Grading.default()).likelihood
    for below, words in bands:
        if p < below:
            return words
    return bands[-1][1]
