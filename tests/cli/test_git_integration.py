"""argmap as git's merge driver and diff textconv, in real repositories in a temp dir."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis.merge import CONFLICT_TAG, markers
from argmap.io import native
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation, RelationKind, with_changes

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAP = "talks.argmap"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=env
    )


def base_map() -> ArgumentMap:
    m = ArgumentMap()
    m.add_claim(Claim("t", "Talks should resume in May", ClaimKind.THESIS, x=0, y=0))
    m.add_claim(Claim("a", "Both sides are exhausted", tags=("military",), x=-100, y=150))
    m.add_claim(Claim("b", "The front line is frozen", x=100, y=150))
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    return m


def change(repo: Path, **claims: dict[str, object]) -> ArgumentMap:
    m = native.read(repo / MAP)
    for cid, fields in claims.items():
        m.replace_claim(with_changes(m.claims[cid], **fields))
    native.write(m, repo / MAP)
    return m


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one map committed on `main`, set up with `argmap git-setup --python`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Ann Analyst")
    git(repo, "config", "user.email", "ann@example.org")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "git-setup", "--python", str(repo)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    python = shlex.quote(sys.executable)
    driver = git(repo, "config", "merge.argmap.driver").stdout.strip()
    assert driver == f"{python} -m argmap merge %O %A %B -o %A"
    assert (
        git(repo, "config", "diff.argmap.textconv").stdout.strip() == f"{python} -m argmap textconv"
    )
    assert (repo / ".gitattributes").read_text() == "*.argmap merge=argmap diff=argmap\n"
    native.write(base_map(), repo / MAP)
    commit(repo, "base map")
    return repo


def test_git_setup_is_idempotent_and_refuses_a_non_repository(repo: Path, tmp_path: Path) -> None:
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "argmap", "git-setup", str(repo)], check=True)
    assert (repo / ".gitattributes").read_text() == "*.argmap merge=argmap diff=argmap\n"
    outside = tmp_path / "plain"
    outside.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "git-setup", str(outside)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"argmap: {outside}: not inside a git repository"


def test_git_merge_uses_the_driver_for_edits_a_text_merge_would_reject(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "bo")
    m = change(repo, t={"text": "Talks should resume in June"}, a={"tags": ("military", "economy")})
    m.add_claim(Claim("n2", "Elections are due in spring", ClaimKind.EVIDENCE))
    native.write(m, repo / MAP)
    commit(repo, "bo: June, economy tag, elections")
    git(repo, "checkout", "-q", "main")
    # Adjacent lines of the same claims, and an insertion at the same place: git's own line
    # merge conflicts on every one of these.
    m = change(
        repo, t={"holder": "Ann", "kind": ClaimKind.THESIS}, a={"text": "Both armies are exhausted"}
    )
    m.add_claim(Claim("n1", "Winter stops offensives", ClaimKind.EVIDENCE))
    m.add_relation(Relation("r3", "n1", "t", RelationKind.SUPPORT))
    native.write(m, repo / MAP)
    commit(repo, "ann: holder, armies, winter")

    done = git(repo, "merge", "-q", "--no-edit", "bo", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = native.read(repo / MAP)
    assert merged.claims["t"].text == "Talks should resume in June"
    assert merged.claims["t"].holder == "Ann"
    assert merged.claims["a"].text == "Both armies are exhausted"
    assert merged.claims["a"].tags == ("military", "economy")
    assert {"n1", "n2"} <= set(merged.claims) and "r3" in merged.relations
    assert git(repo, "status", "--porcelain").stdout == ""  # committed, nothing left over

    # The same two commits merged without the driver do conflict: the driver did the work.
    git(repo, "config", "--unset", "merge.argmap.driver")
    git(repo, "checkout", "-q", "-b", "plain", "HEAD^1")
    plain = git(repo, "merge", "-q", "--no-edit", "bo", check=False)
    assert plain.returncode != 0


def test_a_real_conflict_stops_git_and_leaves_a_loadable_map(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "bo")
    change(repo, t={"text": "Talks should resume in July"})
    commit(repo, "bo: July")
    git(repo, "checkout", "-q", "main")
    change(repo, t={"text": "Talks should resume in June"}, b={"notes": "Since 2023"})
    commit(repo, "ann: June")

    done = git(repo, "merge", "--no-edit", "bo", check=False)
    assert done.returncode == 1
    assert f"CONFLICT (content): Merge conflict in {MAP}" in done.stdout
    assert "CONFLICT (claim t): both changed the text" in done.stdout + done.stderr
    assert f"UU {MAP}" in git(repo, "status", "--porcelain").stdout
    merged = native.read(repo / MAP)  # still a valid map, no git markers in the JSON
    t = merged.claims["t"]
    assert t.text == markers("Talks should resume in June", "Talks should resume in July")
    assert CONFLICT_TAG in t.tags
    assert merged.claims["b"].notes == "Since 2023"  # the clean part merged


def test_git_diff_shows_an_argmap_diff(repo: Path) -> None:
    m = change(repo, t={"text": "Talks should resume in June"})
    m.add_claim(Claim("e", "A ceasefire held in 2024", ClaimKind.EVIDENCE))
    native.write(m, repo / MAP)
    out = git(repo, "diff").stdout
    assert "-claim t [thesis]: Talks should resume in May" in out
    assert "+claim t [thesis]: Talks should resume in June" in out
    assert "+claim e [evidence]: A ceasefire held in 2024" in out
    assert '"text"' not in out  # the outline, not the JSON
    words = git(repo, "diff", "--word-diff").stdout
    assert "Talks should resume in [-May-]{+June+}" in words
