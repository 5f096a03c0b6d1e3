"""Inspector: edit the selected claim's or relation's fields; each change is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from argmap.model.edits import UpdateClaim, UpdateRelation
from argmap.model.types import Claim, ClaimKind, Relation, RelationKind, SourceRef, with_changes


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus or on Ctrl+Enter."""

    def __init__(self, on_commit, parent=None) -> None:
        super().__init__(parent)
        self._on_commit = on_commit
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._on_commit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._on_commit()
            return
        super().keyPressEvent(event)


class Inspector(QWidget):
    """Shows the one selected claim or relation; edits become commands on the undo stack."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.scene = None
        self.claim_id: str | None = None
        self.relation_id: str | None = None
        self.stack = QStackedWidget()
        self.empty = QLabel("Select a claim or a relation to see its details.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._claim_form())
        self.stack.addWidget(self._relation_form())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        self.sections = QVBoxLayout()  # what features add below the fields (add_section)
        layout.addLayout(self.sections)
        self._shown: Claim | Relation | None = None  # the value the fields were filled from

    def add_section(self, widget: QWidget) -> None:
        """Show a feature's widget below the fields (it follows the selection itself)."""
        self.sections.addWidget(widget)

    # -- forms -------------------------------------------------------------------------------

    def _claim_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.id_label = QLabel()
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = CommitTextEdit(self._commit_claim)
        self.text.setObjectName("inspector-text")
        self.text.setMinimumHeight(90)
        self.kind = QComboBox()
        self.kind.setObjectName("inspector-kind")
        for k in ClaimKind:
            self.kind.addItem(k.value.capitalize(), k.value)
        self.kind.activated.connect(lambda _: self._commit_claim())
        self.title = QLineEdit()
        self.title.setObjectName("inspector-title")
        self.title.setPlaceholderText("short label (Argdown's [title])")
        self.title.editingFinished.connect(self._commit_claim)
        self.holder = QLineEdit()
        self.holder.setObjectName("inspector-holder")
        self.holder.setPlaceholderText("who asserts it (Kyiv, the author, ...)")
        self.holder.editingFinished.connect(self._commit_claim)
        self.tags = QLineEdit()
        self.tags.setObjectName("inspector-tags")
        self.tags.setPlaceholderText("comma-separated")
        self.tags.editingFinished.connect(self._commit_claim)
        self.notes = CommitTextEdit(self._commit_claim)
        self.notes.setObjectName("inspector-notes")
        self.notes.setMinimumHeight(70)
        self.document = QComboBox()
        self.document.setObjectName("inspector-document")
        self.document.activated.connect(lambda _: self._commit_claim())
        # Long document titles must not widen the dock.
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(16)
        self.paragraph = QSpinBox()
        self.paragraph.setObjectName("inspector-paragraph")
        self.paragraph.setRange(0, 100000)
        self.paragraph.setSpecialValueText("—")
        self.paragraph.editingFinished.connect(self._commit_claim)
        source_row = QHBoxLayout()
        source_row.addWidget(self.document, 1)
        source_row.addWidget(QLabel("¶"))
        source_row.addWidget(self.paragraph)
        self.score = QDoubleSpinBox()
        self.score.setObjectName("inspector-score")
        self.score.setRange(0.0, 1.0)
        self.score.setSingleStep(0.05)
        self.score.setDecimals(2)
        self.score.editingFinished.connect(self._commit_claim)
        self.score_slider = QSlider(Qt.Orientation.Horizontal)
        self.score_slider.setRange(0, 100)
        self.score_slider.valueChanged.connect(lambda v: self.score.setValue(v / 100))
        self.score_slider.sliderReleased.connect(self._commit_claim)
        score_row = QHBoxLayout()
        score_row.addWidget(self.score_slider, 1)
        score_row.addWidget(self.score)
        self.pinned = QCheckBox("Pinned (automatic layout leaves it where it is)")
        self.pinned.setObjectName("inspector-pinned")
        self.pinned.toggled.connect(lambda _: self._commit_claim())
        form.addRow("Id", self.id_label)
        form.addRow("Title", self.title)
        form.addRow("Text", self.text)
        form.addRow("Kind", self.kind)
        form.addRow("Holder", self.holder)
        form.addRow("Tags", self.tags)
        form.addRow("Source", source_row)
        form.addRow("Base score", score_row)
        form.addRow("", self.pinned)
        form.addRow("Notes", self.notes)
        return w

    def _relation_form(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.rel_ends = QLabel()
        self.rel_ends.setWordWrap(True)
        self.rel_kind = QComboBox()
        self.rel_kind.setObjectName("inspector-relation-kind")
        for k in RelationKind:
            self.rel_kind.addItem(k.value.capitalize(), k.value)
        self.rel_kind.activated.connect(lambda _: self._commit_relation())
        self.rel_label = QLineEdit()
        self.rel_label.setObjectName("inspector-relation-label")
        self.rel_label.editingFinished.connect(self._commit_relation)
        self.rel_link = QLineEdit()
        self.rel_link.setPlaceholderText("same id on premises that hold only jointly")
        self.rel_link.editingFinished.connect(self._commit_relation)
        self.rel_notes = CommitTextEdit(self._commit_relation)
        form.addRow("Relation", self.rel_ends)
        form.addRow("Kind", self.rel_kind)
        form.addRow("Label", self.rel_label)
        form.addRow("Linked group", self.rel_link)
        form.addRow("Notes", self.rel_notes)
        return w

    # -- following the scene -------------------------------------------------------------------

    def set_scene(self, scene) -> None:
        if self.scene is not None:
            try:
                self.scene.selectionChanged.disconnect(self.refresh)
                self.scene.model.claim_changed.disconnect(self._model_changed)
                self.scene.model.relation_changed.disconnect(self._model_changed)
            except (RuntimeError, ValueError):
                pass
        self.scene = scene
        scene.selectionChanged.connect(self.refresh)
        scene.model.claim_changed.connect(self._model_changed)
        scene.model.relation_changed.connect(self._model_changed)
        self.refresh()

    def _model_changed(self, old, new) -> None:
        if new.id in (self.claim_id, self.relation_id):
            self.refresh()

    def refresh(self) -> None:
        scene = self.scene
        if scene is None:
            return
        claims = scene.selected_claim_ids()
        rels = scene.selected_relation_ids()
        self.claim_id = claims[0] if len(claims) == 1 and not rels else None
        self.relation_id = rels[0] if len(rels) == 1 and not claims else None
        if self.claim_id and self.claim_id in scene.model.claims:
            self._show_claim(scene.model.claims[self.claim_id])
            self.stack.setCurrentIndex(1)
        elif self.relation_id and self.relation_id in scene.model.relations:
            self._show_relation(scene.model.relations[self.relation_id])
            self.stack.setCurrentIndex(2)
        else:
            n = len(claims) + len(rels)
            self.empty.setText(
                f"{n} items selected."
                if n > 1
                else "Select a claim or a relation to see its details."
            )
            self.stack.setCurrentIndex(0)

    def _show_claim(self, c: Claim) -> None:
        self._shown = c
        widgets = (
            self.title,
            self.text,
            self.kind,
            self.holder,
            self.tags,
            self.notes,
            self.document,
            self.paragraph,
            self.score,
            self.score_slider,
            self.pinned,
        )
        for wdg in widgets:
            wdg.blockSignals(True)
        self.id_label.setText(c.id)
        if not (self.text.hasFocus() and self.text.toPlainText() != c.text):
            self.text.setPlainText(c.text)
        self.kind.setCurrentIndex(self.kind.findData(c.kind.value))
        self.title.setText(c.title)
        self.holder.setText(c.holder)
        holders = sorted({x.holder for x in self.scene.model.claims.values() if x.holder})
        self.holder.setCompleter(QCompleter(holders, self.holder))
        self.tags.setText(", ".join(c.tags))
        if not (self.notes.hasFocus() and self.notes.toPlainText() != c.notes):
            self.notes.setPlainText(c.notes)
        self.document.clear()
        self.document.addItem("(none)", "")
        for s in self.scene.model.info.sources:
            self.document.addItem(s.title or s.id, s.id)
        if c.source is not None and self.document.findData(c.source.document) < 0:
            self.document.addItem(c.source.document, c.source.document)
        self.document.setCurrentIndex(self.document.findData(c.source.document if c.source else ""))
        self.paragraph.setValue(c.source.paragraph or 0 if c.source else 0)
        self.score.setValue(c.base_score)
        self.score_slider.setValue(round(c.base_score * 100))
        self.pinned.setChecked(c.pinned)
        for wdg in widgets:
            wdg.blockSignals(False)

    def _show_relation(self, r: Relation) -> None:
        self._shown = r
        m = self.scene.model
        for wdg in (self.rel_kind, self.rel_label, self.rel_link, self.rel_notes):
            wdg.blockSignals(True)
        target = m.relations.get(r.target)
        tgt = f"the inference {r.target}" if target else _short(m.claims[r.target].text)
        self.rel_ends.setText(f"{_short(m.claims[r.source].text)}  →  {tgt}")
        self.rel_kind.setCurrentIndex(self.rel_kind.findData(r.kind.value))
        self.rel_label.setText(r.label)
        self.rel_link.setText(r.link or "")
        if not self.rel_notes.hasFocus():
            self.rel_notes.setPlainText(r.notes)
        for wdg in (self.rel_kind, self.rel_label, self.rel_link, self.rel_notes):
            wdg.blockSignals(False)

    # -- committing ----------------------------------------------------------------------------

    def _claim_fields(self) -> dict:
        """The claim fields as the widgets show them now."""
        doc = self.document.currentData() or ""
        shown = self._shown if isinstance(self._shown, Claim) else None
        source = None
        if doc:
            old = shown.source if shown is not None else None
            span = old.span if old is not None and old.document == doc else None
            source = SourceRef(doc, self.paragraph.value() or None, span)
        return {
            "text": self.text.toPlainText().strip(),
            "kind": ClaimKind(self.kind.currentData()),
            "title": self.title.text().strip(),
            "holder": self.holder.text().strip(),
            "tags": tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            "notes": self.notes.toPlainText().strip(),
            "source": source,
            "base_score": round(self.score.value(), 2),
            "pinned": self.pinned.isChecked(),
        }

    def _commit_claim(self) -> None:
        """Push the fields the user changed since they were filled (never stale ones)."""
        scene = self.scene
        shown = self._shown
        if scene is None or self.claim_id is None or not isinstance(shown, Claim):
            return
        current = scene.model.claims.get(self.claim_id)
        if current is None:
            return
        fields = self._claim_fields()
        baseline = {
            "text": shown.text.strip(),
            "kind": shown.kind,
            "title": shown.title.strip(),
            "holder": shown.holder.strip(),
            "tags": tuple(t.strip() for t in shown.tags if t.strip()),
            "notes": shown.notes.strip(),
            "source": shown.source if self.document.currentData() else None,
            "base_score": round(shown.base_score, 2),
            "pinned": shown.pinned,
        }
        if shown.source is not None and self.document.currentData() == shown.source.document:
            baseline["source"] = SourceRef(
                shown.source.document, shown.source.paragraph or None, shown.source.span
            )
        changed = {k: v for k, v in fields.items() if v != baseline[k]}
        if not changed:
            return
        new = with_changes(current, **changed)
        if new != current:
            names = ", ".join(k.replace("_", " ") for k in changed)
            scene.push(UpdateClaim(new), f"Edit {names}")

    def _commit_relation(self) -> None:
        """Push the relation fields the user changed since they were filled."""
        scene = self.scene
        shown = self._shown
        if scene is None or self.relation_id is None or not isinstance(shown, Relation):
            return
        current = scene.model.relations.get(self.relation_id)
        if current is None:
            return
        fields = {
            "kind": RelationKind(self.rel_kind.currentData()),
            "label": self.rel_label.text().strip(),
            "link": self.rel_link.text().strip() or None,
            "notes": self.rel_notes.toPlainText().strip(),
        }
        baseline = {
            "kind": shown.kind,
            "label": shown.label.strip(),
            "link": (shown.link or "").strip() or None,
            "notes": shown.notes.strip(),
        }
        changed = {k: v for k, v in fields.items() if v != baseline[k]}
        if changed:
            new = with_changes(current, **changed)
            if new != current and not scene.push(UpdateRelation(new), "Edit relation"):
                self._show_relation(current)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
