"""The source pane's widgets: a read-only text per source with paragraph numbers, anchored
passages highlighted in their claim's colour, uncovered text shaded, and a flash.

The widgets know nothing of the map or the window: the sources feature
(argmap/ui/features/sources.py) hands each view its text and its highlights as plain data and
listens to its signals (a highlight clicked, a selection made, a context-menu request).

Positions handed in and out are Python string indices (code points) of the normalised text;
Qt counts UTF-16 units, so texts with characters outside the Basic Multilingual Plane (emoji)
are converted through an offset table.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

FLASH_MS = 900
SHADE = QColor(128, 128, 128, 40)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Highlight:
    """One anchored passage to paint: [start, end) in the text, whose item, in what colour."""

    start: int
    end: int
    item: str
    colour: QColor


class _Offsets:
    """Code-point positions <-> Qt's UTF-16 positions (identity for BMP-only texts)."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, position: int) -> int:
        return position + bisect.bisect_left(self.astral, position)

    def from_qt(self, position: int) -> int:
        lo, hi = 0, position
        while lo < hi:  # the code-point position whose UTF-16 position is `position`
            mid = (lo + hi) // 2
            if self.to_qt(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        return lo


class _Formats(QSyntaxHighlighter):
    """Paints the highlights and the shading as character formats, block by block.

    Qt's extra selections would be simpler, but `setExtraSelections` lays out every block a
    selection touches, each time: 2,500 ranges on a 200-page text took a second. Formats are
    applied per block when Qt lays the block out, and only the flash stays an extra selection.
    """

    def __init__(self, view: SourceView) -> None:
        super().__init__(view.document())
        self.view = view
        self.by_block: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}

    def set_ranges(self, ranges: list[tuple[int, int, QTextCharFormat]]) -> None:
        """(start, end, format) in Qt positions; later ranges are painted over earlier ones."""
        doc = self.view.document()
        by_block: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        for start, end, fmt in ranges:
            block = doc.findBlock(start)
            while block.isValid() and block.position() < end:
                bs = block.position()
                s, e = max(start, bs), min(end, bs + block.length() - 1)
                if e > s:
                    by_block.setdefault(block.blockNumber(), []).append((s - bs, e - s, fmt))
                block = block.next()
        self.by_block = by_block
        self.rehighlight()  # one pass over the blocks: one change notice, not one per block

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        for start, length, fmt in self.by_block.get(self.currentBlock().blockNumber(), ()):
            self.setFormat(start, length, fmt)


class _NumberArea(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.view.number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.view.paint_numbers(event)


class SourceView(QPlainTextEdit):
    """One source's text: read-only, one paragraph per block, numbered in the margin."""

    highlight_clicked = Signal(str)  # the item id of the passage clicked
    selection_made = Signal()
    menu_requested = Signal(object, int)  # the QMenu being built, the text position clicked
    command_key = Signal(str)  # "claim" (N) or "anchor" (A), pressed in the read-only text

    def __init__(self, source_id: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_id = source_id
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(8)
        self.text = text
        self.offsets = _Offsets(text)
        self.setPlainText(text)
        self.highlights: list[Highlight] = []
        self._starts: list[int] = []
        self.uncovered: list[tuple[int, int]] = []
        self.shade_uncovered = False
        self.flash_range: tuple[int, int] | None = None
        self.formats = _Formats(self)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self.numbers = _NumberArea(self)
        self.blockCountChanged.connect(lambda _n: self._update_margin())
        self.updateRequest.connect(self._scroll_numbers)
        self.selectionChanged.connect(self.selection_made.emit)
        self._update_margin()

    # -- paragraph numbers ---------------------------------------------------------------------

    def number_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * (digits + 1)

    def _update_margin(self) -> None:
        self.setViewportMargins(self.number_width(), 0, 0, 0)

    def _scroll_numbers(self, rect: QRect, dy: int) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        else:
            self.numbers.update(0, rect.y(), self.numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        r = self.contentsRect()
        self.numbers.setGeometry(QRect(r.left(), r.top(), self.number_width(), r.height()))

    def paint_numbers(self, event) -> None:
        painter = QPainter(self.numbers)
        painter.fillRect(event.rect(), self.palette().window())
        painter.setPen(self.palette().placeholderText().color())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        width = self.numbers.width() - 6
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(
                    0,
                    top,
                    width,
                    height,
                    Qt.AlignmentFlag.AlignRight,
                    f"¶{block.blockNumber() + 1}",
                )
            block = block.next()
            top = bottom
        painter.end()

    # -- highlights -----------------------------------------------------------------------------

    def set_highlights(
        self, highlights: list[Highlight], uncovered: list[tuple[int, int]] | None = None
    ) -> None:
        """Paint these passages (and, when shading is on, the uncovered ranges)."""
        self.highlights = sorted(highlights, key=lambda h: (h.start, h.end))
        self._starts = [h.start for h in self.highlights]
        self.uncovered = uncovered or []
        self._repaint_selections()

    def set_shade_uncovered(self, on: bool) -> None:
        self.shade_uncovered = on
        self._repaint_selections()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _repaint_selections(self) -> None:
        """Paint the highlights (and the shading, when on) as character formats."""
        ranges = []
        to_qt = self.offsets.to_qt
        if self.shade_uncovered:
            shade = QTextCharFormat()
            shade.setForeground(self.palette().placeholderText().color())
            shade.setBackground(SHADE)
            ranges.extend((to_qt(s), to_qt(e), shade) for s, e in self.uncovered)
        formats: dict[str, QTextCharFormat] = {}
        for h in self.highlights:
            fmt = formats.get(h.colour.name())
            if fmt is None:
                fmt = QTextCharFormat()
                fill = QColor(h.colour)
                fill.setAlpha(70)
                fmt.setBackground(fill)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(h.colour)
                formats[h.colour.name()] = fmt
            ranges.append((to_qt(h.start), to_qt(h.end), fmt))
        self.formats.set_ranges(ranges)

    def _apply_selections(self) -> None:
        """The flash: the one extra selection."""
        out = []
        if self.flash_range is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(255, 200, 0, 200))
            out.append(self._selection(*self.flash_range, fmt))
        self.setExtraSelections(out)

    def painted_ranges(self) -> list[tuple[int, int, QTextCharFormat]]:
        """What is painted: (start, end, format) in code points, block by block (for tests)."""
        out = []
        doc = self.document()
        for n, items in sorted(self.formats.by_block.items()):
            bs = doc.findBlockByNumber(n).position()
            for s, length, fmt in items:
                out.append(
                    (self.offsets.from_qt(bs + s), self.offsets.from_qt(bs + s + length), fmt)
                )
        return out

    def highlights_at(self, position: int) -> list[Highlight]:
        """The passages covering a text position, innermost (shortest) first."""
        k = bisect.bisect_right(self._starts, position)
        found = [h for h in self.highlights[:k] if h.start <= position < h.end]
        return sorted(found, key=lambda h: h.end - h.start)

    # -- selection, scrolling, flash -------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """[start, end) of the selected text (code points), stripped of white space; None when
        nothing but white space is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def scroll_to(self, start: int, end: int, flash: bool = True) -> None:
        """Bring a passage into the middle of the view and flash it for a moment."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        self.setTextCursor(cursor)
        self.centerCursor()
        if flash:
            self.flash_range = (start, end)
            self._apply_selections()
            self._flash_timer.start(FLASH_MS)

    def _end_flash(self) -> None:
        self.flash_range = None
        self._apply_selections()

    # -- mouse ----------------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if event.button() is Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            at = self.offsets.from_qt(self.cursorForPosition(event.position().toPoint()).position())
            found = self.highlights_at(at)
            if found:
                self.highlight_clicked.emit(found[0].item)

    _COMMANDS = {Qt.Key.Key_N: "claim", Qt.Key.Key_A: "anchor"}

    def _command_of(self, event) -> str | None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        return self._COMMANDS.get(event.key()) if plain else None

    def event(self, event) -> bool:
        # The text is read-only, so plain N and A are the pane's own, not the window's
        # shortcuts (N is New Claim on the canvas): claim the key before shortcuts see it.
        if event.type() == QEvent.Type.ShortcutOverride and self._command_of(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        command = self._command_of(event)
        if command is not None:
            self.command_key.emit(command)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        at = self.offsets.from_qt(self.cursorForPosition(event.pos()).position())
        self.menu_requested.emit(menu, at)
        menu.exec(event.globalPos())
        menu.deleteLater()


class SourcePane(QWidget):
    """Tabs of SourceViews (one per source with text), a shading toggle and a message line."""

    shade_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("source-message")
        self.shade = QCheckBox("Shade uncovered text", self)
        self.shade.setToolTip("Grey out the text that no claim or relation is anchored to")
        self.shade.toggled.connect(self._shade)
        self.status = QLabel(self)
        # The counts may be cut short in a narrow dock rather than widen the window.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout()
        row.addWidget(self.shade)
        row.addStretch(1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        self.views: dict[str, SourceView] = {}

    def _shade(self, on: bool) -> None:
        for view in self.views.values():
            view.set_shade_uncovered(on)
        self.shade_toggled.emit(on)

    def clear(self) -> None:
        self.tabs.clear()
        for view in self.views.values():
            view.deleteLater()
        self.views.clear()

    def add_view(self, source_id: str, title: str, text: str) -> SourceView:
        view = SourceView(source_id, text, self)
        view.set_shade_uncovered(self.shade.isChecked())
        self.views[source_id] = view
        self.tabs.addTab(view, title or source_id)
        self.tabs.setTabToolTip(self.tabs.count() - 1, f"source {source_id}")
        return view

    def current_view(self) -> SourceView | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, SourceView) else None

    def show_view(self, source_id: str) -> SourceView | None:
        view = self.views.get(source_id)
        if view is not None:
            self.tabs.setCurrentWidget(view)
        return view

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


__all__ = ["FLASH_MS", "Highlight", "SourcePane", "SourceView"]
