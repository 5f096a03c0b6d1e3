"""Keep what the fidelity tests compare from the Argdown CLI's JSON (`npx argdown json F DIR`).

The CLI's JSON also holds colours and line positions; the fixtures keep, per file: statement
titles with the texts of their defining members, tags and section; arguments with their
descriptions and premise-conclusion structure (titles, roles, inference rules); relations.
Run: python tests/data/argdown/reduce_cli_json.py FILE.json ... (rewrites each file).
"""

import json
import sys


def reduce(d: dict) -> dict:
    def texts(node: dict) -> list[str]:
        return [m.get("text", "") for m in node.get("members", []) if not m.get("isReference")]

    return {
        "statements": {
            k: {"texts": texts(v), "tags": v.get("tags", []), "section": v.get("section")}
            for k, v in d["statements"].items()
        },
        "arguments": {
            k: {
                "texts": texts(v),
                "section": v.get("section"),
                "pcs": [
                    [s["title"], s["role"], (s.get("inference") or {}).get("inferenceRules", [])]
                    for s in v.get("pcs", [])
                ],
            }
            for k, v in d["arguments"].items()
        },
        "relations": sorted(
            [r["from"], r["fromType"], r["relationType"], r["to"], r["toType"]]
            for r in d["relations"]
        ),
        "sections": [[s["id"], s["title"], s["level"]] for s in _sections(d.get("sections", []))],
    }


def _sections(items: list) -> list:
    out = []
    for s in items:
        out.append(s)
        out.extend(_sections(s.get("children", [])))
    return out


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            data = reduce(json.load(f))
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False, sort_keys=True)
            f.write("\n")
