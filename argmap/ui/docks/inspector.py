"""Inspector: edit the selected claim's or relation's fields; each change is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)

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
            self._refresh_timer.start(0)

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
        widgets = (
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

    def _commit_claim(self) -> None:
        scene = self.scene
        if scene is None or self.claim_id is None or self.claim_id not in scene.model.claims:
            return
        old = scene.model.claims[self.claim_id]
        doc = self.document.currentData() or ""
        para = self.paragraph.value() or None
        source = old.source
        if doc:
            span = old.source.span if old.source and old.source.document == doc else None
            source = SourceRef(doc, para, span)
        elif self.document.count():
            source = None
        new = with_changes(
            old,
            text=self.text.toPlainText().strip(),
            kind=ClaimKind(self.kind.currentData()),
            holder=self.holder.text().strip(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            notes=self.notes.toPlainText().strip(),
            source=source,
            base_score=round(self.score.value(), 2),
            pinned=self.pinned.isChecked(),
        )
        if new != old:
            fields = [
                f
                for f in (
                    "text",
                    "kind",
                    "holder",
                    "tags",
                    "notes",
                    "source",
                    "base_score",
                    "pinned",
                )
                if getattr(old, f) != getattr(new, f)
            ]
            scene.push(UpdateClaim(new), "Edit " + ", ".join(f.replace("_", " ") for f in fields))

    def _commit_relation(self) -> None:
        scene = self.scene
        if (
            scene is None
            or self.relation_id is None
            or self.relation_id not in scene.model.relations
        ):
            return
        old = scene.model.relations[self.relation_id]
        new = with_changes(
            old,
            kind=RelationKind(self.rel_kind.currentData()),
            label=self.rel_label.text().strip(),
            link=self.rel_link.text().strip() or None,
            notes=self.rel_notes.toPlainText().strip(),
        )
        if new != old:
            if not scene.push(UpdateRelation(new), "Edit relation"):
                self._show_relation(old)


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
