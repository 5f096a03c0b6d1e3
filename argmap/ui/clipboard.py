"""Copy and paste fragments of maps: claims with the relations among them, as JSON.

The fragment travels through the system clipboard, so it pastes between documents and between
argmap processes; pasting gives every claim and relation a fresh id.
"""

from __future__ import annotations

import atexit
import json

from PySide6.QtCore import QMimeData

from argmap.io.native import claim_from_dict, claim_to_dict, relation_from_dict, relation_to_dict
from argmap.model.edits import AddClaim, AddRelation, Composite, Edit
from argmap.model.map import ArgumentMap
from argmap.model.types import with_changes

MIME = "application/x-argmap-fragment+json"


def fragment(m: ArgumentMap, claim_ids: list[str]) -> dict:
    """The claims and every relation whose both ends are among them (undercuts included)."""
    chosen = set(claim_ids)
    rels = [r for r in m.relations_in_order() if r.source in chosen and r.target in chosen]
    kept = {r.id for r in rels}
    rels += [
        r
        for r in m.relations_in_order()
        if r.source in chosen and r.target in kept and r.id not in kept
    ]
    return {
        "claims": [claim_to_dict(m.claims[c]) for c in claim_ids],
        "relations": [relation_to_dict(r) for r in rels],
    }


_release_registered = False


def _release_at_exit() -> None:
    """Empty argmap's clipboard entry while Python still runs.

    The clipboard owns the QMimeData made here; left to Qt's own exit handlers, its deletion
    reaches a Python wrapper after the interpreter is gone and the process dies with SIGSEGV
    (seen at the end of every test run that copied).
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        data = app.clipboard().mimeData()
        if data is not None and data.hasFormat(MIME):
            app.clipboard().clear()


def to_mime(m: ArgumentMap, claim_ids: list[str]) -> QMimeData:
    global _release_registered
    if not _release_registered:
        atexit.register(_release_at_exit)
        _release_registered = True
    data = QMimeData()
    frag = fragment(m, claim_ids)
    data.setData(MIME, json.dumps(frag).encode("utf-8"))
    data.setText("\n".join(m.claims[c].text for c in claim_ids))
    return data


def paste_edit(m: ArgumentMap, frag: dict, offset: tuple[float, float]) -> tuple[Edit, list[str]]:
    """One edit adding the fragment's claims and relations under new ids; and the new claim ids."""
    mapping: dict[str, str] = {}
    edits: list[Edit] = []
    taken: set[str] = set()

    def fresh(prefix: str) -> str:
        n = len(m.claims) + len(m.relations) + len(taken) + 1
        while m.has_id(f"{prefix}{n}") or f"{prefix}{n}" in taken:
            n += 1
        taken.add(f"{prefix}{n}")
        return f"{prefix}{n}"

    new_claims = []
    for d in frag.get("claims", []):
        c = claim_from_dict(d)
        cid = fresh("c")
        mapping[c.id] = cid
        new_claims.append(cid)
        edits.append(
            AddClaim(
                with_changes(
                    c, id=cid, x=c.x + offset[0], y=c.y + offset[1], comments=(), review=None
                )
            )
        )
    for d in frag.get("relations", []):
        r = relation_from_dict(d)
        rid = fresh("r")
        mapping[r.id] = rid
        if r.source in mapping and r.target in mapping:
            edits.append(
                AddRelation(
                    with_changes(
                        r,
                        id=rid,
                        source=mapping[r.source],
                        target=mapping[r.target],
                        comments=(),
                        review=None,
                    )
                )
            )
    return Composite(tuple(edits), "Paste"), new_claims


def from_mime(data: QMimeData) -> dict | None:
    if not data.hasFormat(MIME):
        return None
    try:
        frag = json.loads(bytes(data.data(MIME)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return frag if isinstance(frag, dict) else None
