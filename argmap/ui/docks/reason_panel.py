"""The inspector's scheme section: a reason's scheme, premise roles and critical questions, and
the evidence grade of a claim. Every change is one edit pushed on the undo stack.

Shown below the inspector's fields (the schemes feature adds it with
`Inspector.add_section`). It follows the scene's selection: one support selected shows its
reason (the support and its linked partners), one claim selected shows its grade.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from argmap.model.edits import Edit, UpdateClaim
from argmap.model.errors import ArgmapError
from argmap.model.grading import CREDIBILITY, RELIABILITY, Grading, likelihood_words, map_grading
from argmap.model.reasons import (
    answer_question,
    members,
    raise_question,
    reason_scheme,
    set_role,
    set_scheme,
)
from argmap.model.schemes import ASSUMPTION, Question, Scheme, catalogue
from argmap.model.types import Answer, Claim, RelationKind, with_changes

STATES = (("Open", Answer.OPEN), ("Yes", Answer.YES), ("No", Answer.NO))
RAISE_TEXT = {
    "undercut": "Raise as undercut (attacks the inference)",
    "rebut": "Raise as rebuttal (attacks the conclusion)",
    "premise": "Raise as premise attack (attacks the premise)",
}


class QuestionRow(QWidget):
    """One critical question: its text and kind, its answer, a note, and Raise."""

    def __init__(self, panel: ReasonPanel, question: Question, answer, raised: str) -> None:
        super().__init__()
        self.question = question
        kind = "A" if question.kind == ASSUMPTION else "E"
        tip = (
            "assumption: weakens the reason until answered"
            if question.kind == ASSUMPTION
            else "exception: counts only once raised or answered no"
        )
        text = QLabel(f"<b>{kind}</b>&nbsp; {_html(question.text)}")
        text.setWordWrap(True)
        text.setToolTip(tip)
        text.setObjectName(f"cq-text-{question.id}")
        self.state = QComboBox()
        self.state.setObjectName(f"cq-state-{question.id}")
        for label, value in STATES:
            self.state.addItem(label, value.value)
        self.state.setCurrentIndex(self.state.findData(answer.state.value))
        self.state.activated.connect(lambda _: panel.answer(question.id, self._state(), None))
        self.note = QLineEdit(answer.note)
        self.note.setObjectName(f"cq-note-{question.id}")
        self.note.setPlaceholderText("note (why yes / no)")
        self.note.setMinimumWidth(50)
        self.note.setCursorPosition(0)  # a long note shows its start
        self.note.setToolTip(answer.note)
        self.note.editingFinished.connect(self._note_done)
        self._panel = panel
        self.raise_button = QToolButton()
        self.raise_button.setObjectName(f"cq-raise-{question.id}")
        self.raise_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.raise_button)
        for how in (question.raise_as, *[h for h in RAISE_TEXT if h != question.raise_as]):
            act = QAction(RAISE_TEXT[how], menu)
            act.triggered.connect(lambda _=False, h=how: panel.raise_(question.id, h))
            menu.addAction(act)
        self.raise_button.setMenu(menu)
        default = menu.actions()[0]
        self.raise_button.setDefaultAction(default)
        self.raise_button.setText("Raise")
        self.raise_button.setToolTip(RAISE_TEXT[question.raise_as])
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 4)
        grid.addWidget(text, 0, 0, 1, 3)
        grid.addWidget(self.state, 1, 0)
        grid.addWidget(self.note, 1, 1)
        if raised:
            shown = QToolButton()
            shown.setObjectName(f"cq-show-{question.id}")
            shown.setText(f"raised: {raised}")
            shown.setToolTip("the claim that carries this question; click to select it")
            shown.clicked.connect(lambda: panel.show_claim(raised))
            grid.addWidget(shown, 1, 2)
        else:
            grid.addWidget(self.raise_button, 1, 2)
        grid.setColumnStretch(1, 1)

    def _state(self) -> Answer:
        return Answer(self.state.currentData())

    def _note_done(self) -> None:
        self._panel.answer(self.question.id, self._state(), self.note.text().strip())


class ReasonPanel(QWidget):
    """Scheme chooser, premise roles and critical questions of the selected reason; the
    evidence grade of the selected claim."""

    claim_raised = Signal(str)  # the id of a claim made from a question

    def __init__(self, push: Callable[[Edit, str], bool] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.scene = None
        self._push = push
        self.relation_id: str | None = None
        self.claim_id: str | None = None
        # The questions of a scheme can be longer than the dock: they scroll, so the inspector
        # never grows the window.
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self.grade_box = QGroupBox("Evidence grade")
        self.grade_box.setObjectName("grade-box")
        form = QFormLayout(self.grade_box)
        names = Grading.default()
        self.reliability = QComboBox()
        self.reliability.setObjectName("grade-reliability")
        self.reliability.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reliability.setMinimumContentsLength(12)
        self.reliability.addItem("— not graded", "")
        for r in RELIABILITY:
            self.reliability.addItem(f"{r}  {names.reliability_names[r]}", r)
        self.credibility = QComboBox()
        self.credibility.setObjectName("grade-credibility")
        self.credibility.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.credibility.setMinimumContentsLength(12)
        self.credibility.addItem("— not graded", 0)
        for c in CREDIBILITY:
            self.credibility.addItem(f"{c}  {names.credibility_names[str(c)]}", c)
        self.reliability.activated.connect(lambda _: self._commit_grade())
        self.credibility.activated.connect(lambda _: self._commit_grade())
        self.grade_result = QLabel()
        self.grade_result.setObjectName("grade-result")
        self.grade_result.setWordWrap(True)
        form.addRow("Source", self.reliability)
        form.addRow("Information", self.credibility)
        form.addRow("", self.grade_result)
        layout.addWidget(self.grade_box)

        self.scheme_box = QGroupBox("Argument scheme")
        self.scheme_box.setObjectName("scheme-box")
        box = QVBoxLayout(self.scheme_box)
        self.scheme = QComboBox()
        self.scheme.setObjectName("scheme-chooser")
        self.scheme.addItem("(no scheme)", "")
        for s in sorted(catalogue(), key=lambda s: s.name.lower()):
            self.scheme.addItem(s.name, s.id)
        self.scheme.setMaxVisibleItems(20)
        self.scheme.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scheme.setMinimumContentsLength(12)
        self.scheme.activated.connect(lambda _: self._commit_scheme())
        box.addWidget(self.scheme)
        self.conclusion = QLabel()
        self.conclusion.setWordWrap(True)
        self.conclusion.setObjectName("scheme-conclusion")
        box.addWidget(self.conclusion)
        self.roles = QFormLayout()
        box.addLayout(self.roles)
        self.weight = QLabel()
        self.weight.setObjectName("scheme-weight")
        self.weight.setWordWrap(True)
        box.addWidget(self.weight)
        self.questions_box = QVBoxLayout()
        self.questions_box.setSpacing(0)
        box.addLayout(self.questions_box)
        self.rows: dict[str, QuestionRow] = {}
        self.role_combos: dict[str, QComboBox] = {}
        layout.addWidget(self.scheme_box)
        layout.addStretch(1)
        self.grade_box.hide()
        self.scheme_box.hide()

    # -- following the scene ---------------------------------------------------------------

    def set_scene(self, scene) -> None:
        if self.scene is not None:
            try:
                self.scene.selectionChanged.disconnect(self.refresh)
                for sig in self.scene.model.change_signals():
                    sig.disconnect(self._model_changed)
            except (RuntimeError, ValueError):
                pass
        self.scene = scene
        scene.selectionChanged.connect(self.refresh)
        for sig in scene.model.change_signals():
            sig.connect(self._model_changed)
        self.refresh()

    def _model_changed(self, *args) -> None:
        self.refresh()

    def push(self, edit: Edit, text: str) -> bool:
        if self._push is not None:
            return self._push(edit, text)
        return self.scene.push(edit, text)

    def refresh(self) -> None:
        scene = self.scene
        if scene is None:
            return
        m = scene.model
        claims = scene.selected_claim_ids()
        rels = scene.selected_relation_ids()
        self.claim_id = claims[0] if len(claims) == 1 and not rels else None
        rid = rels[0] if len(rels) == 1 and not claims else None
        r = m.relations.get(rid) if rid else None
        self.relation_id = r.id if r is not None and r.kind is RelationKind.SUPPORT else None
        claim = m.claims.get(self.claim_id) if self.claim_id else None
        self.grade_box.setVisible(claim is not None)
        if claim is not None:
            self._show_grade(claim)
        self.scheme_box.setVisible(self.relation_id is not None)
        if self.relation_id is not None:
            self._show_reason()

    def _show_grade(self, c: Claim) -> None:
        for w in (self.reliability, self.credibility):
            w.blockSignals(True)
        self.reliability.setCurrentIndex(self.reliability.findData(c.reliability))
        self.credibility.setCurrentIndex(self.credibility.findData(c.credibility))
        for w in (self.reliability, self.credibility):
            w.blockSignals(False)
        try:
            table = map_grading(self.scene.model.info.grading)
        except ArgmapError as exc:
            self.grade_result.setText(f"Grading settings: {exc}")
            return
        score = table.score(c.reliability, c.credibility)
        if score is None:
            self.grade_result.setText("Not graded: the base score above is used.")
        else:
            self.grade_result.setText(
                f"{table.describe(c.reliability, c.credibility)}: base score {score:.2f} "
                f"({likelihood_words(score)}), in place of the one above."
            )

    def _show_reason(self) -> None:
        m = self.scene.model
        scheme_id, answers = reason_scheme(m, self.relation_id)
        self.scheme.blockSignals(True)
        idx = self.scheme.findData(scheme_id)
        if idx < 0:  # a scheme kept from AIF that the catalogue lacks
            self.scheme.addItem(scheme_id, scheme_id)
            idx = self.scheme.count() - 1
        self.scheme.setCurrentIndex(idx)
        self.scheme.blockSignals(False)
        scheme = catalogue().get(scheme_id) if scheme_id else None
        self._clear()
        if scheme is None:
            self.conclusion.setText(
                "Not in the catalogue: no critical questions known."
                if scheme_id
                else "Choose the kind of reason this is to see its critical questions."
            )
            self.weight.setText("")
            return
        self.conclusion.setText(f"<i>Conclusion:</i> {_html(scheme.conclusion)}")
        self._show_roles(scheme)
        from argmap.analysis.schemes import reason_weight

        w = reason_weight(members(m, self.relation_id))
        self.weight.setText(
            f"Weight in DF-QuAD / quadratic energy: <b>{w:.3f}</b>"
            + (" (a question answered no defeats it)" if w == 0 else "")
        )
        by_id = {a.id: a for a in answers}
        from argmap.model.types import QuestionAnswer

        for q in scheme.questions:
            a = by_id.get(q.id, QuestionAnswer(q.id))
            row = QuestionRow(self, q, a, a.claim)
            self.rows[q.id] = row
            self.questions_box.addWidget(row)

    def _show_roles(self, scheme: Scheme) -> None:
        m = self.scene.model
        for r in members(m, self.relation_id):
            combo = QComboBox()
            combo.setObjectName(f"role-{r.id}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.addItem("(role)", "")
            for p in scheme.premises:
                combo.addItem(p.role, p.role)
                combo.setItemData(combo.count() - 1, p.text, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(r.role)))
            combo.activated.connect(
                lambda _, rid=r.id, c=combo: self.push(set_role(m, rid, c.currentData()), "Role")
            )
            label = QLabel(_short(m.claims[r.source].text, 24))
            label.setToolTip(m.claims[r.source].text)
            self.roles.addRow(label, combo)
            self.role_combos[r.id] = combo

    def _clear(self) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        while self.roles.rowCount():
            self.roles.removeRow(0)
        self.role_combos.clear()

    # -- committing --------------------------------------------------------------------------

    def _commit_scheme(self) -> None:
        if self.relation_id is None:
            return
        scheme_id = self.scheme.currentData()
        current, _ = reason_scheme(self.scene.model, self.relation_id)
        if scheme_id != current:
            edit = set_scheme(self.scene.model, self.relation_id, scheme_id)
            self.push(edit, edit.text)

    def answer(self, question_id: str, state: Answer, note: str | None) -> None:
        if self.relation_id is None:
            return
        m = self.scene.model
        _, answers = reason_scheme(m, self.relation_id)
        old = next((a for a in answers if a.id == question_id), None)
        note = (old.note if old else "") if note is None else note
        if old is not None and (old.state, old.note) == (state, note):
            return
        if old is None and state is Answer.OPEN and not note:
            return
        edit = answer_question(m, self.relation_id, question_id, state, note)
        self.push(edit, edit.text)

    def raise_(self, question_id: str, how: str) -> None:
        if self.relation_id is None:
            return
        raised = raise_question(self.scene.model, self.relation_id, question_id, how=how)
        if self.push(raised.edit, raised.edit.text):
            self.claim_raised.emit(raised.claim_id)

    def show_claim(self, claim_id: str) -> None:
        self.claim_raised.emit(claim_id)

    def _commit_grade(self) -> None:
        if self.claim_id is None:
            return
        c = self.scene.model.claims.get(self.claim_id)
        if c is None:
            return
        rel, cred = self.reliability.currentData(), self.credibility.currentData()
        if (rel, cred) != (c.reliability, c.credibility):
            grade = f"{rel or '-'}{cred or '-'}" if rel or cred else "none"
            self.push(
                UpdateClaim(with_changes(c, reliability=rel, credibility=cred)), f"Grade {grade}"
            )


def _html(text: str) -> str:
    import html

    return html.escape(text)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
