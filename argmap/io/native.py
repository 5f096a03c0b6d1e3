"""The native `.argmap` format: UTF-8 JSON, versioned, validated, written deterministically.

Deterministic output (sorted keys, claims/relations/groups sorted by id, 2-space indent,
newline at end, every field written) makes a one-claim edit a small, readable git diff, and
makes a read-write round trip byte-identical. See docs/format.md and
resources/argmap.schema.json.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import fields
from functools import cache
from typing import Any

from argmap.io import fastcheck, limits, native_columns
from argmap.io.atomic import write_bytes_atomic
from argmap.model import schemes
from argmap.model.anchors import anchor_problem, text_problem
from argmap.model.errors import FormatError, ModelError
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap, assemble_map, build_map
from argmap.model.sourcetext import normalise, sha256_text
from argmap.model.types import (
    Anchor,
    Answer,
    Claim,
    ClaimKind,
    Comment,
    Group,
    MapInfo,
    QuestionAnswer,
    Relation,
    RelationKind,
    Review,
    SourceDocument,
    SourceRef,
    View,
)
from argmap.model.views import repair
from argmap.resources import resource_path

try:  # parses and writes big maps 4-5x faster (pyproject.toml); json is the fallback
    import orjson
except ImportError:  # pragma: no cover - a dependency, kept optional for odd platforms
    orjson = None  # type: ignore[assignment]

_comment = native_columns.comment_from_dict
_review = native_columns.review_from_dict

FORMAT = "argmap"
VERSION = 1
EXTENSIONS = (".argmap",)
SCHEMA_PATH = resource_path("argmap.schema.json")

# version -> function turning a document of that version into one of the next version.
# Version 1 is the first published version, so the chain is empty; a future version 2 adds
# `MIGRATIONS[1]` and every older file keeps loading.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


# -- reading ------------------------------------------------------------------------------


def read(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> ArgumentMap:
    """Read a map from a path, or from bytes (then `name` is used in error messages)."""
    return read_with_report(source, name=name)[0]


def read_with_report(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None
) -> tuple[ArgumentMap, list[str]]:
    """Read a map and the warnings about what was repaired on the way (saved views naming
    claims that are gone, impossible zooms): one line each, empty for a sound file."""
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        label = name or str(source)
        data = read_file_bytes(source)
    return loads_with_report(data, name=label)


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, with the OS errors a user can cause turned into FormatErrors, and
    files too large to be a map (or devices such as /dev/zero) refused before being read."""
    return limits.read_bounded(path)


# Byte-order marks of encodings that are not UTF-8: named in the error so that the user knows
# to re-save the file as UTF-8 (a UTF-8 BOM is accepted and ignored).
_FOREIGN_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def decode_json(data: bytes, name: str) -> Any:
    """Parse UTF-8 JSON bytes, with errors that give the line and column.

    Nesting depth is checked on the bytes before parsing (limits.MAX_JSON_DEPTH) and absurdly
    long numbers are refused while parsing, so no file reaches Python's recursion or
    number-length limits.
    """
    if not data or data.isspace():  # not data.strip(): that copies a big file
        raise FormatError("empty file", file=name)
    if orjson is not None and not limits.json_depth_exceeds(data):
        # orjson parses 4-5x faster than json. It refuses everything json would refuse and
        # some things json takes (NaN, lone surrogate escapes, integers past 64 bits, a BOM):
        # those, and every error, go the way below, which gives the messages.
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    for bom, encoding in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise FormatError(
                f"not UTF-8 text: it starts with a {encoding} byte-order mark "
                "(save the file as UTF-8)",
                file=name,
                place="line 1",
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 text (bad byte at offset {exc.start})",
            file=name,
            place=limits.byte_place(data, exc.start),
        ) from None
    limits.check_json_depth(data, name)
    try:
        return json.loads(text, parse_int=limits.parse_int)
    except json.JSONDecodeError as exc:
        place = f"line {exc.lineno} column {exc.colno}"
        message = f"invalid JSON: {exc.msg}"
        if not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string"):
            # The text stops where more was expected: the usual cause is a cut file (a copy
            # or download that stopped early), which the user should be told in words.
            message = (
                f"invalid JSON: {exc.msg}, but the file ends there: it looks truncated "
                "(cut off while being copied or saved)"
            )
        raise FormatError(message, file=name, place=place) from None
    except limits.NumberTooLong as exc:
        raise limits.LimitError(
            f"number too long ({len(exc.args[0]):,} digits; the limit is "
            f"{limits.MAX_NUMBER_DIGITS})",
            file=name,
            place=limits.number_place(data, exc.args[0]),
        ) from None
    except RecursionError:  # not reached after check_json_depth; kept as a last guard
        raise FormatError("invalid JSON: nested too deeply", file=name) from None


def loads(data: bytes | str, *, name: str = "<string>") -> ArgumentMap:
    """Parse, migrate, validate and build a map; the first problem raises a FormatError.

    The cheap checks come first (size, nesting, counts, string lengths), so a hostile file is
    refused before the schema check and the map building, which cost the most.
    """
    return loads_with_report(data, name=name)[0]


def loads_with_report(
    data: bytes | str, *, name: str = "<string>"
) -> tuple[ArgumentMap, list[str]]:
    """`loads`, and the warnings about repaired views."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    limits.check_size(len(data), name)
    with gc_paused():
        doc, found = read_document(data, name)
        warnings: list[str] = []
        if found is not None:
            return _from_plain(doc, found, name, warnings), warnings
        validate(doc, name)
        return from_dict(doc, name, warnings), warnings


def read_document(data: bytes, name: str) -> tuple[dict[str, Any], native_columns.Plain | None]:
    """The document parsed, migrated and within the limits, and its claims and relations as
    columns when they are certainly valid and plain (native_columns), else None: then the
    caller validates the document, which reports any problem as ever.

    The nesting scan of the bytes (a quarter of a big load) is left out when the columns
    prove the depth (claims and relations have a fixed shape; comments and the rest of the
    document are measured); whenever there is a problem or a doubt it runs before anything
    else is reported, so a file nested too deeply gets that error first, as ever."""
    doc = _parse_fast(data)
    if doc is None:
        doc = decode_json(data, name)
        doc = migrate(doc, name)
        _check_limits(doc, name, data)
        return doc, None
    try:
        doc = migrate(doc, name)
        _check_limits(doc, name, data)
    except FormatError:
        limits.check_json_depth(data, name)
        raise
    found = _plain_parts(doc)
    if found is None:
        limits.check_json_depth(data, name)
    return doc, found


def _parse_fast(data: bytes) -> Any:
    """orjson's parse without the nesting scan, or None where orjson refuses the bytes (then
    decode_json gives the message) or is missing. orjson itself stops at 1,024 levels."""
    if orjson is None:
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


def _plain_parts(doc: dict[str, Any]) -> native_columns.Plain | None:
    """The columns of the claims and relations when the whole document is certainly valid
    (the rest of it by the schema) and nests within the limit; else None."""
    import fastjsonschema

    found = native_columns.plain(doc.get("claims"), doc.get("relations"), _fast_checker())
    if found is None:
        return None
    rest = {**doc, "claims": [], "relations": []}
    if native_columns.json_depth(rest) > limits.MAX_JSON_DEPTH:
        return None
    try:
        _validator()(rest)
    except fastjsonschema.JsonSchemaValueException:
        return None
    return found


def _from_plain(
    doc: dict[str, Any], found: native_columns.Plain, name: str, warnings: list[str]
) -> ArgumentMap:
    """`from_dict` of a document whose claims and relations `found` certified: the checks
    left (sources, groups, views) in `validate`'s order, then the map made from the columns."""
    claims = dict(zip(found.claim_ids(), native_columns.claims(found), strict=True))
    check_rest(doc, name, claims.keys(), anchors=False)
    views = repaired_views(doc.get("views", []), claims, warnings)
    relations = native_columns.relations(found)
    try:
        m = assemble_map(
            claims,
            dict(zip(found.relation_column("id"), relations, strict=True)),
            map_info(doc),
            ends=(found.relation_column("source"), found.relation_column("target")),
            keys=found.keys,
        )
        for g in groups_of(doc):
            m.add_group(g)
        for v in views:
            m.add_view(v)
    except ModelError as exc:
        raise FormatError(exc.reason, file=name) from None
    return m


def _check_limits(doc: dict[str, Any], name: str, data: bytes) -> None:
    """Counts before anything is built, then every string (length, lone surrogates)."""
    for section, limit in (("claims", limits.MAX_CLAIMS), ("relations", limits.MAX_RELATIONS)):
        items = doc.get(section)
        if isinstance(items, list):
            limits.check_count(section, len(items), limit, name, f"$.{section}")
    limits.check_strings(doc, name, data)


def migrate(doc: Any, name: str) -> dict[str, Any]:
    """Check the header and bring an older version up to the current one."""
    if not isinstance(doc, dict):
        raise FormatError(f"expected a JSON object, got {json_type(doc)}", file=name, place="$")
    if doc.get("format") != FORMAT:
        got = doc.get("format")
        what = "no 'format' field" if got is None else f"format is {got!r}"
        raise FormatError(f"not an argmap file ({what})", file=name, place="$.format")
    version = doc.get("version")
    if type(version) is not int:
        raise FormatError(
            f"version must be a whole number, got {json_type(version)}",
            file=name,
            place="$.version",
        )
    if version > VERSION:
        raise FormatError(
            f"version {version} is newer than this argmap reads (up to {VERSION}); "
            "update argmap to open it",
            file=name,
            place="$.version",
        )
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatError(f"unknown version {version}", file=name, place="$.version")
        doc = step(doc)
        version = doc["version"]
    return doc


@cache
def _validator() -> Callable[[Any], Any]:
    """The schema as Python code (fastjsonschema: 20x faster than jsonschema): compiled ahead
    of time into argmap/io/schema_code.py (argmap/io/schema_gen.py says why), or here when
    that module does not match the schema file."""
    import hashlib

    raw = SCHEMA_PATH.read_bytes()
    from argmap.io import schema_code

    if schema_code.SCHEMA_SHA256 == hashlib.sha256(raw).hexdigest():
        return schema_code.validate
    import fastjsonschema

    return fastjsonschema.compile(json.loads(raw))


@cache
def _fast_checker() -> fastcheck.Checker:
    return fastcheck.Checker(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _certainly_valid(doc: dict[str, Any]) -> bool:
    """The schema check in two parts, fast: the claims and relations by fastcheck (only
    "certainly valid" or "not sure"), the rest of the document by the schema itself."""
    import fastjsonschema

    if not _fast_checker().claims_and_relations(doc.get("claims"), doc.get("relations")):
        return False
    try:
        _validator()({**doc, "claims": [], "relations": []})
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def validate(doc: dict[str, Any], name: str) -> bool:
    """Schema check, then the cross-references a schema cannot express.

    A document the fast check (argmap/io/fastcheck.py) finds certainly valid skips the full
    schema check; any other goes through it, so messages and JSON paths are the schema's.
    Returns whether the fast check cleared it: then its claims and relations use only the
    common fields (no schemes, anchors, grading...)."""
    import fastjsonschema

    if _certainly_valid(doc):
        _check_references(doc, name)
        return True
    try:
        _validator()(doc)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise FormatError(_schema_message(exc), file=name, place=_json_path(exc.path)) from None
    _check_references(doc, name)
    return False


def _json_path(path: list[str] | None) -> str:
    """fastjsonschema's ['data', 'claims', '3', 'kind'] as the JSON path $.claims[3].kind."""
    out = "$"
    for part in (path or ["data"])[1:]:
        out += f"[{part}]" if str(part).isdigit() else f".{part}"
    return out


def _schema_message(exc: Any) -> str:
    rule, value, definition = exc.rule, exc.value, exc.rule_definition
    if rule == "type":
        expected = " or ".join(definition) if isinstance(definition, list) else definition
        return f"expected {expected}, got {json_type(value)}"
    if rule == "required" and isinstance(value, dict):
        missing = [k for k in definition if k not in value]
        return f"missing field {missing[0]!r}" if missing else exc.message
    if rule == "additionalProperties" and isinstance(value, dict):
        known = exc.definition.get("properties", {})
        extra = sorted(k for k in value if k not in known)
        return f"unknown field {extra[0]!r}" if extra else exc.message
    if rule == "enum":
        return f"{_short(value)} is not one of: {', '.join(map(str, definition))}"
    if rule in ("minimum", "maximum"):
        return f"{_short(value)} is out of range (must be {rule} {definition})"
    if rule == "pattern":
        return f"invalid id {_short(value)} (letters, digits and _ . : - only)"
    if rule == "const":
        return f"must be {definition!r}, got {_short(value)}"
    if rule in ("minItems", "maxItems"):
        return f"expected {definition} items, got {len(value)}"
    return exc.message.replace("data", "value", 1)[:160]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def json_type(value: Any) -> str:
    """The JSON name of a Python value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _check_references(doc: dict[str, Any], name: str) -> None:
    """Ids unique, relations between things of the map, no second relation of a kind between
    the same two; then sources, anchors, schemes, groups and views. Places are written out
    only for the problem found (formatting one per item cost a tenth of a big map's load)."""
    claims = doc.get("claims", [])
    relations = doc.get("relations", [])
    claim_ids = {c["id"] for c in claims}
    relation_ids = {r["id"] for r in relations}
    if len(claim_ids) + len(relation_ids) != len(claims) + len(relations) or (
        not claim_ids.isdisjoint(relation_ids)
    ):
        _report_duplicate_id(claims, relations, name)
    keys: dict[tuple[str, str, str], int] = {}
    for i, r in enumerate(relations):
        source, target, kind = r["source"], r["target"], r["kind"]
        if source not in claim_ids:
            raise FormatError(
                f"source {source!r} is not a claim of this map",
                file=name,
                place=f"$.relations[{i}].source",
            )
        if target == r["id"]:
            raise FormatError(
                "a relation cannot target itself", file=name, place=f"$.relations[{i}].target"
            )
        if target not in claim_ids:
            if target not in relation_ids:
                raise FormatError(
                    f"target {target!r} is not a claim or relation of this map",
                    file=name,
                    place=f"$.relations[{i}].target",
                )
            if kind != "attack":
                raise FormatError(
                    "only an attack can target a relation (an undercut)",
                    file=name,
                    place=f"$.relations[{i}].kind",
                )
        key = (source, target, kind)
        if key in keys:
            raise FormatError(
                f"a second {kind} from {source!r} to {target!r} "
                f"(first at $.relations[{keys[key]}])",
                file=name,
                place=f"$.relations[{i}]",
            )
        keys[key] = i
    check_rest(doc, name, claim_ids)


def check_rest(
    doc: dict[str, Any], name: str, claim_ids: AbstractSet[str], *, anchors: bool = True
) -> None:
    """The checks after the claims' and relations' references: sources (and, with `anchors`,
    anchors and schemes: a caller that knows there are none leaves out the walk over every
    item), groups, views."""
    _check_sources_and_anchors(doc, name, anchors=anchors)
    if anchors:
        _check_schemes(doc.get("relations", []), claim_ids, name)
    group_ids: set[str] = set()
    for i, g in enumerate(doc.get("groups", [])):
        if g["id"] in group_ids:
            raise FormatError(
                f"duplicate group id {g['id']!r}", file=name, place=f"$.groups[{i}].id"
            )
        group_ids.add(g["id"])
        for j, member in enumerate(g.get("claims", [])):
            if member not in claim_ids:
                raise FormatError(
                    f"{member!r} is not a claim of this map",
                    file=name,
                    place=f"$.groups[{i}].claims[{j}]",
                )
    view_ids: set[str] = set()
    for i, v in enumerate(doc.get("views", [])):
        if v["id"] in view_ids:
            raise FormatError(f"duplicate view id {v['id']!r}", file=name, place=f"$.views[{i}].id")
        view_ids.add(v["id"])


def _report_duplicate_id(
    claims: list[dict[str, Any]], relations: list[dict[str, Any]], name: str
) -> None:
    """Raise for the first id used twice among the claims and relations (with both places)."""
    seen: dict[str, str] = {}
    for section, items in (("claims", claims), ("relations", relations)):
        for i, item in enumerate(items):
            place = f"$.{section}[{i}].id"
            if item["id"] in seen:
                raise FormatError(
                    f"duplicate id {item['id']!r} (first at {seen[item['id']]})",
                    file=name,
                    place=place,
                )
            seen[item["id"]] = place


def _check_sources_and_anchors(
    doc: dict[str, Any], name: str, *, anchors: bool = True
) -> None:
    """Source ids unique, stored texts normalised and matching their digest, every anchor valid:
    in a source of the map, not empty, not overlapping another of its item, and (when its
    source's text is stored) inside that text with the digest it claims."""
    sources: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    for i, s in enumerate(doc.get("sources", [])):
        place = f"$.sources[{i}]"
        if s["id"] in sources:
            raise FormatError(f"duplicate source id {s['id']!r}", file=name, place=place + ".id")
        sources[s["id"]] = s
        if s.get("text") is not None:
            text = "\n".join(s["text"])
            if normalise(text) != text:
                raise FormatError(
                    "source text is not normalised (one non-empty, stripped line per paragraph)",
                    file=name,
                    place=place + ".text",
                )
            if s.get("sha256") and sha256_text(text) != s["sha256"]:
                raise FormatError(
                    "wrong digest: sha256 is not the digest of the stored text",
                    file=name,
                    place=place + ".sha256",
                )
            texts[s["id"]] = text
    for section in ("claims", "relations") if anchors else ():
        for i, item in enumerate(doc.get(section, [])):
            raw = item.get("anchors")
            if not raw:
                continue
            for j, a in enumerate(raw):
                place = f"$.{section}[{i}].anchors[{j}]"
                kinds = [x["type"] for x in a["selector"]]
                if kinds.count("TextPositionSelector") != 1 or len(set(kinds)) != len(kinds):
                    raise FormatError(
                        "an anchor needs one TextPositionSelector and at most one "
                        "TextQuoteSelector",
                        file=name,
                        place=place + ".selector",
                    )
                if a["source"] not in sources:
                    raise FormatError(
                        f"source {a['source']!r} is not a source document of this map",
                        file=name,
                        place=place + ".source",
                    )
            anchors = [anchor_from_dict(a) for a in raw]
            problem = anchor_problem(anchors)
            if problem is not None:
                raise FormatError(
                    problem[1], file=name, place=f"$.{section}[{i}].anchors[{problem[0]}]"
                )
            for j, anchor in enumerate(anchors):
                text = texts.get(anchor.source)
                reason = None if text is None else text_problem(anchor, text)
                if reason is not None:
                    raise FormatError(reason, file=name, place=f"$.{section}[{i}].anchors[{j}]")


def _check_schemes(
    relations: list[dict[str, Any]], claim_ids: AbstractSet[str], name: str
) -> None:
    """Schemes, roles and critical questions of reasons (see docs/schemes.md)."""
    lead: dict[tuple[str, str], tuple[int, Any, Any]] = {}  # (target, link) -> first member
    for i, r in enumerate(relations):
        scheme_id = r.get("scheme", "")
        questions = r.get("questions", [])
        at = f"$.relations[{i}]"
        if not (scheme_id or r.get("role") or questions):
            continue
        if not scheme_id:
            field = "role" if r.get("role") else "questions"
            raise FormatError(f"a {field} without a scheme", file=name, place=f"{at}.{field}")
        if r["kind"] != "support":
            raise FormatError(
                "only a support (a reason) can have a scheme, not an attack",
                file=name,
                place=f"{at}.scheme",
            )
        try:
            schemes.check_scheme_id(scheme_id)
        except ModelError as exc:
            raise FormatError(exc.reason, file=name, place=f"{at}.scheme") from None
        scheme = schemes.catalogue().get(scheme_id)
        role = r.get("role")
        if role and scheme is not None and not scheme.has_role(role):
            raise FormatError(
                f"scheme {scheme_id!r} has no premise role {role!r}", file=name, place=f"{at}.role"
            )
        seen: set[str] = set()
        for j, a in enumerate(questions):
            qat = f"{at}.questions[{j}]"
            if scheme is None or not scheme.has_question(a["id"]):
                raise FormatError(
                    f"scheme {scheme_id!r} has no critical question {a['id']!r}",
                    file=name,
                    place=f"{qat}.id",
                )
            if a["id"] in seen:
                raise FormatError(
                    f"critical question {a['id']!r} answered twice", file=name, place=f"{qat}.id"
                )
            seen.add(a["id"])
            if a.get("claim") and a["claim"] not in claim_ids:
                raise FormatError(
                    f"{a['claim']!r} is not a claim of this map", file=name, place=f"{qat}.claim"
                )
        if r.get("link") is not None:
            key = (r["target"], r["link"])
            mine = (scheme_id, questions)
            if key not in lead:
                lead[key] = (i, *mine)
            elif lead[key][1:] != mine:
                raise FormatError(
                    f"scheme or answers differ from linked relation {lead[key][0]} "
                    f"({relations[lead[key][0]]['id']!r}): a reason has one scheme",
                    file=name,
                    place=f"{at}.scheme",
                )


def _without_init(cls: type, values: dict[str, Any]) -> Any:
    """A frozen dataclass value made from a dict holding exactly its fields, each already of
    the field's type, without running `__init__` (one `object.__setattr__` per field): equal,
    field for field, to `cls(**values)`, at a third of the cost when a reader makes 100,000s."""
    value = object.__new__(cls)
    object.__setattr__(value, "__dict__", values)
    return value


# Readers of big files: claims and relations that use only these fields (almost all) are made
# by `_without_init`, with the same conversions as below; any other goes the general way.
_CLAIM_DEFAULTS = {f.name: f.default for f in fields(Claim)}
_QUICK_CLAIM_KEYS = frozenset(_CLAIM_DEFAULTS) - {"anchors"}
_RELATION_DEFAULTS = {f.name: f.default for f in fields(Relation)}
_QUICK_RELATION_KEYS = frozenset(_RELATION_DEFAULTS) - {"anchors", "questions"}
_CLAIM_KINDS = {k.value: k for k in ClaimKind}
_RELATION_KINDS = {k.value: k for k in RelationKind}


def claim_from_dict(d: dict[str, Any]) -> Claim:
    """A claim from its (schema-checked) JSON object."""
    if "id" not in d or "text" not in d or not d.keys() <= _QUICK_CLAIM_KEYS:
        return _claim_from_any_dict(d)
    values = _CLAIM_DEFAULTS.copy()
    values.update(d)
    kind = d.get("kind", "claim")
    values["kind"] = _CLAIM_KINDS[kind] if kind in _CLAIM_KINDS else ClaimKind(kind)
    values["tags"] = tuple(d.get("tags", ()))
    src = d.get("source")
    if src is not None:
        span = src.get("span")
        values["source"] = SourceRef(
            src["document"], src.get("paragraph"), None if span is None else tuple(span)
        )
    values["base_score"] = float(values["base_score"])
    values["x"] = float(values["x"])
    values["y"] = float(values["y"])
    comments = d.get("comments")
    values["comments"] = tuple(map(_comment, comments)) if comments else ()
    values["review"] = _review(d.get("review"))
    return _without_init(Claim, values)  # type: ignore[no-any-return]


def _claim_from_any_dict(d: dict[str, Any]) -> Claim:
    src = d.get("source")
    return Claim(
        id=d["id"],
        text=d["text"],
        kind=ClaimKind(d.get("kind", "claim")),
        title=d.get("title", ""),
        holder=d.get("holder", ""),
        tags=tuple(d.get("tags", ())),
        notes=d.get("notes", ""),
        source=None
        if src is None
        else SourceRef(
            src["document"],
            src.get("paragraph"),
            tuple(src["span"]) if src.get("span") is not None else None,  # type: ignore[arg-type]
        ),
        base_score=float(d.get("base_score", 0.5)),
        x=float(d.get("x", 0.0)),
        y=float(d.get("y", 0.0)),
        pinned=d.get("pinned", False),
        comments=tuple(_comment(c) for c in d.get("comments", ())),
        review=_review(d.get("review")),
        anchors=tuple(anchor_from_dict(a) for a in d.get("anchors", ())),
        reliability=d.get("reliability", ""),
        credibility=d.get("credibility", 0),
        collapsed=d.get("collapsed", False),
    )


def anchor_from_dict(d: dict[str, Any]) -> Anchor:
    """An anchor from its W3C-style JSON: `{"source", "selector": [position, quote?], "sha256"}`."""
    # A default, not StopIteration: inside a generator that would become a RuntimeError. The
    # schema has checked native files; readers of carried fields (AIF) catch the KeyError.
    position = next((x for x in d["selector"] if x["type"] == "TextPositionSelector"), None)
    if position is None:
        raise KeyError("TextPositionSelector")
    quote = next((x for x in d["selector"] if x["type"] == "TextQuoteSelector"), None)
    return Anchor(
        source=d["source"],
        start=position["start"],
        end=position["end"],
        sha256=d.get("sha256", ""),
        exact=None if quote is None else quote["exact"],
        prefix="" if quote is None else quote.get("prefix", ""),
        suffix="" if quote is None else quote.get("suffix", ""),
    )


def anchor_to_dict(a: Anchor) -> dict[str, Any]:
    """The JSON of an anchor; the quote selector only when the quote is kept."""
    selector: list[dict[str, Any]] = [
        {"type": "TextPositionSelector", "start": a.start, "end": a.end}
    ]
    if a.exact is not None:
        quote = {"type": "TextQuoteSelector", "exact": a.exact}
        if a.prefix:
            quote["prefix"] = a.prefix
        if a.suffix:
            quote["suffix"] = a.suffix
        selector.append(quote)
    out: dict[str, Any] = {"source": a.source, "selector": selector}
    if a.sha256:
        out["sha256"] = a.sha256
    return out


def source_from_dict(d: dict[str, Any]) -> SourceDocument:
    """A source document; its text is stored as a list of paragraphs (one line each)."""
    text = d.get("text")
    return SourceDocument(
        d["id"],
        d.get("title", ""),
        d.get("author", ""),
        d.get("date", ""),
        d.get("url", ""),
        path=d.get("path", ""),
        media_type=d.get("media_type", ""),
        sha256=d.get("sha256", ""),
        text=None if text is None else "\n".join(text),
    )


def source_to_dict(s: SourceDocument) -> dict[str, Any]:
    """The JSON of a source document. Fields added after version 1's first release (path,
    media_type, sha256, text) are written only when set, so older maps keep their bytes."""
    out: dict[str, Any] = {
        "id": s.id,
        "title": s.title,
        "author": s.author,
        "date": s.date,
        "url": s.url,
    }
    if s.path:
        out["path"] = s.path
    if s.media_type:
        out["media_type"] = s.media_type
    if s.sha256:
        out["sha256"] = s.sha256
    if s.text is not None:
        # One paragraph per JSON string: a one-paragraph edit of the source is a one-line diff,
        # and no string grows past the limit on text length (limits.MAX_TEXT_CHARS).
        out["text"] = s.text.split("\n") if s.text else []
    return out


def relation_from_dict(d: dict[str, Any]) -> Relation:
    """A relation from its (schema-checked) JSON object."""
    if not ("id" in d and "source" in d and "target" in d and "kind" in d):
        return _relation_from_any_dict(d)
    if not d.keys() <= _QUICK_RELATION_KEYS:
        return _relation_from_any_dict(d)
    values = _RELATION_DEFAULTS.copy()
    values.update(d)
    kind = d["kind"]
    values["kind"] = _RELATION_KINDS[kind] if kind in _RELATION_KINDS else RelationKind(kind)
    comments = d.get("comments")
    values["comments"] = tuple(map(_comment, comments)) if comments else ()
    values["review"] = _review(d.get("review"))
    return _without_init(Relation, values)  # type: ignore[no-any-return]


def _relation_from_any_dict(d: dict[str, Any]) -> Relation:
    return Relation(
        id=d["id"],
        source=d["source"],
        target=d["target"],
        kind=RelationKind(d["kind"]),
        label=d.get("label", ""),
        notes=d.get("notes", ""),
        link=d.get("link"),
        comments=tuple(_comment(c) for c in d.get("comments", ())),
        review=_review(d.get("review")),
        anchors=tuple(anchor_from_dict(a) for a in d.get("anchors", ())),
        scheme=d.get("scheme", ""),
        role=d.get("role", ""),
        questions=tuple(
            QuestionAnswer(
                a["id"], Answer(a.get("state", "open")), a.get("note", ""), a.get("claim", "")
            )
            for a in d.get("questions", ())
        ),
    )


# The view fields this version knows; others (from a newer argmap) are kept in View.extra.
VIEW_FIELDS = ("id", "name", "zoom", "center", "focus", "depth", "collapsed", "evaluation")


def view_from_dict(d: dict[str, Any]) -> View:
    """A view from its (schema-checked) JSON object; unknown fields are kept as they are."""
    center = d.get("center")
    extra = tuple(
        (k, json.dumps(v, sort_keys=True, ensure_ascii=False))
        for k, v in sorted(d.items())
        if k not in VIEW_FIELDS
    )
    return View(
        id=d["id"],
        name=d.get("name", ""),
        zoom=None if d.get("zoom") is None else float(d["zoom"]),
        center=None if center is None else (float(center[0]), float(center[1])),
        focus=d.get("focus"),
        depth=d.get("depth", 1),
        collapsed=tuple(d.get("collapsed", ())),
        evaluation=d.get("evaluation"),
        extra=extra,
    )


def view_to_dict(v: View) -> dict[str, Any]:
    """A view's JSON object with its default values left out (and unknown fields put back)."""
    out: dict[str, Any] = {k: json.loads(text) for k, text in v.extra}
    out["id"] = v.id
    if v.name:
        out["name"] = v.name
    if v.zoom is not None:
        out["zoom"] = float(v.zoom)
    if v.center is not None:
        out["center"] = [float(v.center[0]), float(v.center[1])]
    if v.focus is not None:
        out["focus"] = v.focus
    if v.depth != 1:
        out["depth"] = v.depth
    if v.collapsed:
        out["collapsed"] = list(v.collapsed)
    if v.evaluation is not None:
        out["evaluation"] = v.evaluation
    return out


def repaired_views(
    items: list[dict[str, Any]], claims: Mapping[str, Claim], warnings: list[str]
) -> list[View]:
    """Views from their JSON objects, each repaired to fit the map (see model/views.py)."""
    out = []
    for d in items:
        view, warning = repair(view_from_dict(d), claims)
        if warning:
            warnings.append(warning)
        out.append(view)
    return out


def from_dict(
    doc: dict[str, Any], name: str = "<map>", warnings: list[str] | None = None
) -> ArgumentMap:
    """Build a map from a validated document; repaired views add a line to `warnings`."""
    info = map_info(doc)
    claims = {c.id: c for c in map(claim_from_dict, doc["claims"])}
    views = repaired_views(doc.get("views", []), claims, [] if warnings is None else warnings)
    try:
        return build_map(
            claims.values(),
            (relation_from_dict(r) for r in doc["relations"]),
            groups_of(doc),
            info,
            views,
        )
    except ModelError as exc:
        raise FormatError(exc.reason, file=name) from None


def map_info(doc: dict[str, Any]) -> MapInfo:
    """The map's own fields of a validated document."""
    return MapInfo(
        title=doc.get("title", ""),
        description=doc.get("description", ""),
        authors=tuple(doc.get("authors", ())),
        sources=tuple(source_from_dict(s) for s in doc.get("sources", ())),
        created=doc.get("created", ""),
        modified=doc.get("modified", ""),
        grading=tuple(sorted((k, float(v)) for k, v in doc.get("grading", {}).items())),
    )


def groups_of(doc: dict[str, Any]) -> Iterator[Group]:
    """The groups of a validated document."""
    for g in doc.get("groups", ()):
        yield Group(
            g["id"], g.get("label", ""), tuple(g.get("claims", ())), g.get("collapsed", False)
        )


# -- writing ------------------------------------------------------------------------------


def _comment_dict(c: Comment) -> dict[str, Any]:
    return {
        "id": c.id,
        "author": c.author,
        "time": c.time,
        "text": c.text,
        "resolved": c.resolved,
        "replies": [_comment_dict(r) for r in c.replies],
    }


def _review_dict(r: Review | None) -> dict[str, Any] | None:
    return None if r is None else {"status": r.status.value, "by": r.by, "at": r.at}


def claim_to_dict(c: Claim) -> dict[str, Any]:
    d = _claim_fields(c)
    # Fields added after version 1 are written only when set: files without them stay
    # byte-identical.
    if c.title:
        d["title"] = c.title
    if c.reliability:
        d["reliability"] = c.reliability
    if c.credibility:
        d["credibility"] = c.credibility
    if c.collapsed:
        d["collapsed"] = True
    return d


def _claim_fields(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "kind": c.kind.value,
        "holder": c.holder,
        "tags": list(c.tags),
        "notes": c.notes,
        "source": None
        if c.source is None
        else {
            "document": c.source.document,
            "paragraph": c.source.paragraph,
            "span": None if c.source.span is None else list(c.source.span),
        },
        "base_score": float(c.base_score),
        "x": float(c.x),
        "y": float(c.y),
        "pinned": c.pinned,
        "comments": [_comment_dict(x) for x in c.comments],
        "review": _review_dict(c.review),
    } | _anchors_dict(c.anchors)


def _anchors_dict(anchors: tuple[Anchor, ...]) -> dict[str, Any]:
    """`{"anchors": [...]}`, or nothing for an item without anchors (old maps keep their bytes)."""
    return {"anchors": [anchor_to_dict(a) for a in anchors]} if anchors else {}


def _answer_dict(a: QuestionAnswer) -> dict[str, Any]:
    d: dict[str, Any] = {"id": a.id}
    if a.state is not Answer.OPEN:
        d["state"] = a.state.value
    if a.note:
        d["note"] = a.note
    if a.claim:
        d["claim"] = a.claim
    return d


def relation_to_dict(r: Relation) -> dict[str, Any]:
    d = _relation_fields(r)
    if r.scheme:  # written only when set (see claim_to_dict)
        d["scheme"] = r.scheme
    if r.role:
        d["role"] = r.role
    if r.questions:
        d["questions"] = [_answer_dict(a) for a in r.questions]
    return d


def _relation_fields(r: Relation) -> dict[str, Any]:
    return {
        "id": r.id,
        "source": r.source,
        "target": r.target,
        "kind": r.kind.value,
        "label": r.label,
        "notes": r.notes,
        "link": r.link,
        "comments": [_comment_dict(x) for x in r.comments],
        "review": _review_dict(r.review),
    } | _anchors_dict(r.anchors)


def to_dict(m: ArgumentMap, *, big_lists: bool = True) -> dict[str, Any]:
    """The document of a map, in canonical order (see _map_fields for `big_lists`)."""
    info = m.info
    doc = _map_fields(m, big_lists=big_lists)
    if info.grading:
        doc["grading"] = dict(info.grading)
    return doc


def _map_fields(m: ArgumentMap, *, big_lists: bool = True) -> dict[str, Any]:
    """The document's fields; without `big_lists`, claims and relations are left out (the
    orjson writer writes them a chunk at a time)."""
    info = m.info
    claims, relations = m.claims, m.relations
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": info.title,
        "description": info.description,
        "authors": list(info.authors),
        "created": info.created,
        "modified": info.modified,
        "sources": [source_to_dict(s) for s in sorted(info.sources, key=lambda s: s.id)],
        **(
            {
                "claims": [claim_to_dict(claims[k]) for k in sorted(claims)],
                "relations": [relation_to_dict(relations[k]) for k in sorted(relations)],
            }
            if big_lists
            else {}
        ),
        "groups": [
            {"id": g.id, "label": g.label, "claims": list(g.claims), "collapsed": g.collapsed}
            for g in (m.groups[k] for k in sorted(m.groups))
        ],
        **({"views": [view_to_dict(m.views[k]) for k in sorted(m.views)]} if m.views else {}),
    }


def dumps(m: ArgumentMap) -> str:
    """The canonical text of a map.

    Written by orjson (5x faster) when its text is byte for byte json's: the layout, escapes
    and non-ASCII text always are; numbers are when every float is 0 or between 1e-4 and 1e16
    in size (outside, json writes 1e+16 where orjson writes 1e16), else json writes it.
    """
    text = _canonical(m)
    return text if isinstance(text, str) else text.decode("utf-8")


def dumps_bytes(m: ArgumentMap) -> bytes:
    """`dumps` as UTF-8 bytes, what `write` saves (orjson's bytes kept as they are)."""
    text = _canonical(m)
    return text.encode("utf-8") if isinstance(text, str) else text


_ORJSON_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) if orjson is not None else 0


def _canonical(m: ArgumentMap) -> str | bytes:
    """The canonical text: orjson's UTF-8 bytes, or json's str when orjson would differ."""
    with gc_paused():
        if orjson is not None and _plain_floats(m):
            text = _orjson_canonical(m)
            if text is not None:
                return text
        doc = to_dict(m)
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# Claims and relations are written a chunk at a time: a whole document of dicts for a
# 100,000-claim map is ~450 MB, more than the map itself, and saving must fit in 1 GiB.
_CHUNK = 2000
_MARKERS = {"claims": "\x00argmap:claims\x00", "relations": "\x00argmap:relations\x00"}


def _orjson_canonical(m: ArgumentMap) -> bytes | None:
    """The canonical bytes by orjson, claims and relations serialised in chunks and spliced
    into the rest of the document where markers stand for them; None in the odd case that
    the rest of the document holds a marker's text itself."""
    doc = to_dict(m, big_lists=False) | _MARKERS
    head = orjson.dumps(doc, option=_ORJSON_OPTIONS)
    claims, relations = m.claims, m.relations
    parts = [head]
    for key, ids, to_json in (
        ("claims", sorted(claims), lambda k: claim_to_dict(claims[k])),
        ("relations", sorted(relations), lambda k: relation_to_dict(relations[k])),
    ):
        token = orjson.dumps(_MARKERS[key])
        if parts[-1].count(token) != 1:
            return None
        before, _, after = parts.pop().partition(token)
        parts.append(before)
        parts.extend(_list_chunks(ids, to_json))
        parts.append(after)
    parts.append(b"\n")
    return b"".join(parts)


def _list_chunks(ids: list[str], to_json: Callable[[str], Any]) -> Iterator[bytes]:
    """A list that is the value of a top-level key, as `json.dumps(indent=2)` writes it."""
    if not ids:
        yield b"[]"
        return
    yield b"["
    for start in range(0, len(ids), _CHUNK):
        items = [to_json(k) for k in ids[start : start + _CHUNK]]
        chunk = orjson.dumps(items, option=_ORJSON_OPTIONS)
        # b'[\n  {...},\n  {...}\n]' -> b'\n    {...},\n    {...}' (one level deeper)
        inner = chunk[1:-2].replace(b"\n", b"\n  ")
        yield b"," + inner if start else inner
    yield b"\n  ]"


def _plain_floats(m: ArgumentMap) -> bool:
    """Whether every float of the map is written alike by json and orjson."""
    for c in m.claims.values():
        for v in (c.x, c.y, c.base_score):
            if v != 0 and not 1e-4 <= abs(v) < 1e16:
                return False
    return all(v == 0 or 1e-4 <= abs(v) < 1e16 for _, v in m.info.grading)


def write(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    """Save a map atomically, keeping the previous version as NAME.argmap.bak unless
    `backup=False` (git's merge driver writes to git's own temporary file)."""
    write_bytes_atomic(path, dumps_bytes(m), backup=backup)
