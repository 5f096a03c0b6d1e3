"""AIF's dialogue side (L, YA, TA and PA nodes) in a map: notes on the claims they touch, and
locutions found in the analysed text as source anchors of their claims.

- A PA node is noted on the I-nodes it joins; a YA node from a locution (L) onto an I-node is
  noted on that claim as `AIF YA <id>: <illocution> by locution <id>: <locution text>`.
- When the file carries the analysed text (OVA's top-level `text`, HTML or plain), the text
  becomes a source document of the map (`aif-text`, text stored) and each locution linked
  through YA to an I-node whose words are found in it anchors that claim to the passage
  (position, quote and digest). A locution not found is noted on the claim, never anchored
  elsewhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from argmap.io import limits
from argmap.model.anchors import make_anchor
from argmap.model.sourcetext import normalise, sha256_text
from argmap.model.types import Anchor, Claim, SourceDocument, with_changes

if TYPE_CHECKING:
    from argmap.io.aif.read import Reader

SOURCE_ID = "aif-text"
DIALOGUE = ("PA", "L", "YA", "TA")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPEAKER = re.compile(r"^[^:\n]{1,80}?\s:\s")  # AIFdb locutions read "Speaker : words"


def dialogue_notes(
    by_id: dict[str, dict[str, Any]], into: dict[str, list[str]], out: dict[str, list[str]]
) -> dict[str, list[str]]:
    """The note lines of each I-node from the dialogue nodes around it."""
    notes: dict[str, list[str]] = {}
    for nid, n in by_id.items():  # dialogue: L --YA--> I, L --TA--> L, PA ...
        if n["type"] not in DIALOGUE:
            continue
        text = n.get("text", "")
        for other in [*into[nid], *out[nid]] if n["type"] == "PA" else ():
            if by_id[other]["type"] == "I":
                notes.setdefault(other, []).append(f"AIF {n['type']} {nid}: {text}")
        for a in into[nid]:
            if by_id[a]["type"] == "L":
                for b in out[nid]:
                    if by_id[b]["type"] == "I":
                        notes.setdefault(b, []).append(
                            f"AIF {n['type']} {nid}: {text} by locution {a}: "
                            f"{by_id[a].get('text', '')}"
                        )
    return {k: list(dict.fromkeys(v)) for k, v in notes.items()}


def _locution_words(text: str) -> str:
    """A locution's words without the speaker AIFdb puts before them, normalised."""
    return normalise(_SPEAKER.sub("", text, count=1)).strip()


def _find_free(text: str, words: str, taken: list[Anchor]) -> int | None:
    """Where the words occur in the text without overlapping a passage already taken."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        if all(end <= a.start or start >= a.end for a in taken):
            return start
        start = text.find(words, start + 1)
    return None


def _without_surrogates(reader: Reader, text: str, place: str) -> str:
    """JSON can spell a lone UTF-16 surrogate (`\\ud800`), which no file can hold."""
    fixed = _SURROGATE.sub("\ufffd", text)
    if fixed != text:
        reader.warn(f"{place}: unpaired UTF-16 surrogates replaced by U+FFFD")
    return fixed


def anchor(
    reader: Reader,
    by_id: dict[str, dict[str, Any]],
    into: dict[str, list[str]],
    claims: dict[str, Claim],
    sources: tuple[SourceDocument, ...],
) -> tuple[SourceDocument, ...]:
    """The map's sources with the analysed text added, and the I-nodes (in `claims`, changed
    in place) anchored where their locutions are."""
    raw = reader.text
    if not raw.strip() or reader.header is not None or any(s.id == SOURCE_ID for s in sources):
        return sources  # (a file argmap wrote has its sources, that text among them, whole)
    from argmap.io.sources import html_text, plain_text

    looks_html = "<" in raw and ">" in raw
    text = normalise(html_text(raw) if looks_html else plain_text(raw))
    text = _without_surrogates(reader, text, "$.text")
    if not text:
        return sources
    longest = max(len(line) for line in text.split("\n"))
    if longest > limits.MAX_TEXT_CHARS:
        raise reader.fail(
            f"the analysed text has a paragraph of {longest:,} characters "
            f"(at most {limits.MAX_TEXT_CHARS:,})",
            "$.text",
        )
    source = SourceDocument(
        SOURCE_ID,
        "Analysed text",
        media_type="text/html" if looks_html else "text/plain",
        sha256=sha256_text(text),
        text=text,
    )
    for nid, claim in list(claims.items()):
        anchors: list[Anchor] = []
        missing: list[str] = []
        for ya in into[nid]:
            if by_id[ya]["type"] != "YA":
                continue
            for loc in into[ya]:
                if by_id[loc]["type"] != "L":
                    continue
                words = _locution_words(str(by_id[loc].get("text", "")))
                if not words:
                    continue
                start = _find_free(text, words, anchors)
                if start is None:
                    missing.append(f"AIF L {loc}: not found in the analysed text")
                    continue
                anchors.append(make_anchor(SOURCE_ID, text, start, start + len(words)))
        if anchors or missing:
            notes = "\n".join(x for x in (claim.notes, *missing) if x)
            anchors.sort(key=lambda a: a.start)
            claims[nid] = with_changes(claim, anchors=tuple(anchors), notes=notes)
    return (*sources, source)
