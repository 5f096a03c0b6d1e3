"""Render docs/screenshots/review.png: the Review dock with a few comments and a compare view.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_review_png.py [OUT.png]

It drives the real window as a reviewer would: two reviewers comment and set statuses, the map
is saved, then one claim is added, one edited and one deleted, and File → Compare with Last
Saved marks the three on the canvas (green, amber, ghost).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings (the author name) go to a throw-away folder, not the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="argmap-shot-")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from argmap.model.types import RelationKind, ReviewStatus  # noqa: E402
from argmap.ui import review_actions as ra  # noqa: E402
from argmap.ui.app import make_application  # noqa: E402
from argmap.ui.document import Document  # noqa: E402
from argmap.ui.main_window import MainWindow  # noqa: E402


def main(out: Path) -> None:
    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="argmap-shot-map-")) / "peace-talks.argmap"
    shutil.copy(ROOT / "seeds" / "peace-talks.argmap", work)
    window = MainWindow(Document.open(work))
    window.set_appearance("light", remember=False)
    window.resize(1700, 1060)
    window.show()
    for _ in range(5):
        app.processEvents()

    def as_author(name: str) -> None:
        ra.set_author_name(window.context, name)

    as_author("Ann")
    thread = ra.add_comment(
        window, "th-armed-workaround", "Is it really “simple”? Caps failed at Istanbul in 2022."
    )
    ra.add_comment(
        window.context, "r-084", "Does Moscow's demand support the thesis, or only frame it?"
    )
    ra.set_status(window.context, ["danish-model"], ReviewStatus.NEEDS_EVIDENCE)
    as_author("Bob")
    ra.reply(
        window.context, "th-armed-workaround", thread, "The article says the caps were agreed then."
    )
    ra.add_comment(window.context, "danish-model", "Which partners have agreed to pay? Source?")
    ra.set_status(window.context, ["demil-demand"], ReviewStatus.DISPUTED)
    window.save()
    # Edits after the save: one claim added, one reworded, one deleted.
    scene = window.scene
    new = scene.add_child("cap-covers-only-standing-army", RelationKind.SUPPORT)
    scene.set_claim_text(new, "Reservists and territorial defence would stay outside any cap.")
    scene.set_claim_text(
        "zel-wont-downsize", "Zelenskiy will refuse any cut to the army while the war goes on."
    )
    scene.select_ids(["production-500"])
    scene.delete_selection()
    window.features["compare"].compare_saved_action.trigger()
    window.docks["review"].raise_()
    window.reveal_claim("th-armed-workaround")
    panel = window.features["review"].panel
    panel.choose_comment(thread)
    for _ in range(5):
        app.processEvents()
    window.view.set_zoom(0.66)
    window.view.centerOn(5560, 500)
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"{out}: could not write the screenshot")
    window.document.undo_stack.setClean()
    window.close()
    print(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "review.png")
