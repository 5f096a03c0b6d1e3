"""Errors a user can cause, each naming the file and the place.

The command line prints `str(error)` and exits 2; the app shows it in a dialog. Programming
errors are not `ArgmapError`s and are never caught to be hidden.
"""

from __future__ import annotations


class ArgmapError(Exception):
    """A problem the user can fix: bad input, a broken file, an invalid edit."""

    def __init__(self, reason: str, *, file: str | None = None, place: str | None = None):
        self.reason = reason
        self.file = file
        self.place = place
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: `file: place: reason`, leaving out what is unknown."""
        parts = [p for p in (self.file, self.place) if p]
        parts.append(self.reason)
        return ": ".join(parts).replace("\n", " ")

    def __str__(self) -> str:
        return self.message

    def located(self, file: str) -> ArgmapError:
        """The same error with the file it was found in (kept if it already has one)."""
        if self.file is None:
            self.file = file
            self.args = (self.message,)
        return self


class FormatError(ArgmapError):
    """A file cannot be read: not the format, invalid content, or a version we do not know."""


class ModelError(ArgmapError):
    """An edit would break an invariant of the map (missing claim, duplicate id, ...)."""


class UsageError(ArgmapError):
    """The command line was used wrongly (unknown format, missing argument)."""


class SourceError(ArgmapError):
    """A source document cannot be read, decoded or has no text, or an anchor does not fit the
    text it claims to be made on (beyond its end, a wrong digest)."""
