"""Parse XML from files a user opens, refusing the tricks an XML file can play on its reader.

An XML file can declare entities that expand a few hundred bytes into gigabytes ("billion
laughs") or that pull in other files (`<!ENTITY x SYSTEM "file:///etc/passwd">`). Map files
come from mail and the web, so every XML format of argmap parses through `parse_xml`:
`defusedxml` refuses any entity declaration as soon as the parser sees it, before anything is
expanded, so a bomb is refused in microseconds rather than after eating memory. Every problem
becomes a one-line `FormatError` naming the file (and, for malformed XML, the line and column).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree as SafeET

from argmap.model.errors import FormatError


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of an XML document, or a FormatError that names `name` and the place."""
    if not data.strip():
        raise FormatError("empty file", file=name)
    # forbid_dtd stays False: some GraphML writers put a plain <!DOCTYPE> line first, which is
    # harmless; what does harm is entities, and those are all refused.
    parser = SafeET.DefusedXMLParser(
        target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        return parser.close()
    except defusedxml.EntitiesForbidden as exc:
        what = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise FormatError(
            f"refused: the XML declares {what} ({exc.name!r}); argmap does not expand XML "
            "entities, which can read other files or blow up memory",
            file=name,
            place=_place(parser),
        ) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        raise FormatError(
            f"refused: the XML refers to an external resource ({exc.sysid!r})",
            file=name,
            place=_place(parser),
        ) from None
    except defusedxml.DTDForbidden:  # not raised with forbid_dtd=False; kept for completeness
        raise FormatError("refused: the XML has a document type declaration", file=name) from None
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(f"refused: unsafe XML ({exc})", file=name) from None
    except (LookupError, ValueError) as exc:  # <?xml encoding="..."?> Python cannot decode
        raise FormatError(
            f"malformed XML: {exc}", file=name, place=_place(parser) or "line 1"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise FormatError(
            f"malformed XML: {reason}", file=name, place=f"line {line} column {column + 1}"
        ) from None


def _place(parser: SafeET.DefusedXMLParser) -> str | None:
    """The line the expat parser stopped at (where the refused declaration is)."""
    line = getattr(getattr(parser, "parser", None), "CurrentLineNumber", None)
    return f"line {line}" if line else None
