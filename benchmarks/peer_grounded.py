"""The peer for `argmap eval FILE --semantics grounded --json`: a plain script as anyone would
write it (a regex per line, a textbook queue), reading APX, TGF or ICCMA 2023 (`p af N`).

    python benchmarks/peer_grounded.py FILE > labels.json
"""

import json
import re
import sys
from collections import deque

ARG, ATT = re.compile(r"arg\((.+)\)\."), re.compile(r"att\((.+),(.+)\)\.")
args, attacks, edges_now = [], [], False
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line or line.startswith("%") or (edges_now and line.startswith("# ")):
            continue
        if m := ATT.fullmatch(line):
            attacks.append((m.group(1), m.group(2)))
        elif m := ARG.fullmatch(line):
            args.append(m.group(1))
        elif line.startswith("p af"):
            args, edges_now = [str(i) for i in range(1, int(line.split()[2]) + 1)], True
        elif line == "#":
            edges_now = True
        elif edges_now:
            attacks.append(tuple(line.split()[:2]))
        else:
            args.append(line.split()[0])
attackers = {a: 0 for a in args}
targets = {a: [] for a in args}
for a, b in attacks:
    targets[a].append(b)
    attackers[b] += 1
label = {a: "undec" for a in args}
queue = deque(a for a in args if attackers[a] == 0)
while queue:
    a = queue.popleft()
    label[a] = "in"
    for b in targets[a]:
        if label[b] == "undec":
            label[b] = "out"
            for c in targets[b]:
                attackers[c] -= 1
                if attackers[c] == 0 and label[c] == "undec":
                    queue.append(c)
print(json.dumps({"labels": label}, indent=2))
