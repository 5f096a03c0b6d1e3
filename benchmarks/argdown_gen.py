"""Generated Argdown files of any size (fixtures over 100 statements, 2,000 for the benchmark).

Deterministic for a seed: a tree of titled statements under sections, with supports and
attacks both ways, contradictions, tags, metadata, reconstructed arguments (with inference
rules) and undercuts of them, so every construct occurs at scale.
"""

from __future__ import annotations

import random

WORDS = (
    "army talks truce border trade energy grain drones treaty sanctions vote court press "
    "reserves budget harbour bridge winter supply allies mediator region accord"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 12))]
    return " ".join(words).capitalize() + "."


def generate(n: int, seed: int = 1) -> str:
    """Argdown text with `n` statements."""
    rng = random.Random(seed)
    out: list[str] = [
        "===",
        f"title: Generated map of {n} statements",
        "author: generator",
        "===",
        "",
    ]
    per_section = max(20, n // 10)
    arguments = 0
    i = 0
    while i < n:
        if i % per_section == 0:
            out += [f"# Section {i // per_section + 1} #(part {i // per_section % 3})", ""]
        root = i
        tag = f" #t{rng.randint(1, 9)}" if rng.random() < 0.5 else ""
        data = f" {{weight: {rng.randint(1, 5)}}}" if rng.random() < 0.2 else ""
        out.append(f"[S{root}]: {sentence(rng)}{tag}{data}")
        i += 1
        for _ in range(rng.randint(1, 4)):
            if i >= n:
                break
            op = rng.choice(["+", "-", "+", "-", "+>", "->", "><"])
            out.append(f"  {op} [S{i}]: {sentence(rng)}")
            i += 1
            if rng.random() < 0.3 and i < n:
                out.append(f"    {rng.choice(['+', '-'])} [S{i}]: {sentence(rng)}")
                i += 1
        if rng.random() < 0.15 and root > 5:
            out.append(f"  + [S{rng.randint(0, root - 1)}]")
        out.append("")
        if rng.random() < 0.25 and i + 2 <= n:
            arguments += 1
            a = f"A{arguments}"
            out += [f"<{a}>: {sentence(rng)}", ""]
            out.append(f"(1) [S{i}]: {sentence(rng)}")
            out.append(f"(2) [S{i + 1}]: {sentence(rng)}")
            i += 2
            out.append(
                rng.choice(["----", "-- Modus ponens --", "-- Analogy, Induction {strength: 2} --"])
            )
            out.append(f"(3) [S{root}]")
            if rng.random() < 0.4 and i < n:
                out.append(f"  _ [S{i}]: {sentence(rng)}")
                i += 1
            out.append("")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(generate(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1))
