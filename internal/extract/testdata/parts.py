#!/usr/bin/env python3
"""Put back the top-level part headings that govern the lines of a gold5/gold6 excerpt (as gold7's and gold8's
headings.py did): the numbered parts (一、2024年工作回顾, 三、2025年重点任务 …), the unnumbered ones (2024年工作回顾,
2025年工作安排建议), and the annexes after the report (名词解释, 附件1 with its title). Heading lines yield no facts
(GUIDELINE), so the facts are unchanged; their offsets shift.

  parts.py plan FOLDER [DOC…]     which heading lines each excerpt lacks (reads the corpus and excerpts.txt only)
  parts.py apply FOLDER DOC…      insert them: the text as annotated goes to FOLDER/as-annotated/DOC.txt (the raw
                                  annot-a/annot-b offsets refer to it), FOLDER/DOC.txt and DOC.gold.json are rewritten,
                                  excerpts.txt gets the new lines (the old row stays in as-annotated/excerpts.txt)
"""
import json, os, re, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = "/work/shared/corpus/docs"
if not os.path.isdir(CORPUS):
    CORPUS = os.path.join(HERE, "../../../../shared/corpus/docs")
NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+、")
UNNUMBERED = re.compile(r"^\s*\d{4}\s*年(工作回顾|工作安排(建议)?|主要任务|重点工作)\s*$")
ANNEX = re.compile(r"^\s*(附件\s*\d*(\s*名词解释)?|名词解释)\s*$")


def ranges(spec):
    out = []
    for part in spec.replace(" ", "").split(","):
        if "-" in part:
            a, b = part.split("-")
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return [n - 1 for n in out]


def spec_of(idx):
    """1-3, 7, 10-11: the way gold5/gold6's excerpts.txt writes line numbers."""
    nums, out, i = [n + 1 for n in sorted(idx)], [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ", ".join(out)


def rows(folder):
    """doc -> (year, kept line indexes, the rest of the row after the line numbers)."""
    out = {}
    for line in open(os.path.join(folder, "excerpts.txt"), encoding="utf-8"):
        d, year, rest = line.rstrip("\n").split(" ", 2)
        spec, chars, count = rest.rsplit(" ", 2)
        out[d] = (year, ranges(spec), count)
    return out


def headings(lines):
    """Indexes of the part-heading lines: numbered and unnumbered parts of the report; after the report, the
    annexes (名词解释, 附件N and the title line after it), whose own numbered items are not parts."""
    heads, annex = {}, False
    for j in range(3, len(lines)):
        s = lines[j].strip()
        if not s or len(s) >= 60:
            continue
        if ANNEX.match(s):
            annex = True
            heads[j] = [j]
            if re.fullmatch(r"附件\s*\d*", s) and j + 1 < len(lines) and 0 < len(lines[j + 1].strip()) < 30:
                heads[j + 1] = [j, j + 1]  # the annex's title: put back with its 附件 line
        elif not annex and (NUMBERED.match(s) or UNNUMBERED.match(s)):
            heads[j] = [j]
    return heads


def plan(folder, d, idx):
    lines = open(os.path.join(CORPUS, d + ".txt"), encoding="utf-8").read().split("\n")
    heads, keep, add = headings(lines), set(idx), {}
    for i in idx:
        if i in heads:
            continue  # a part heading governs itself
        above = [j for j in heads if j < i]
        if above:
            for j in heads[max(above)]:
                if j not in keep:
                    add.setdefault(j, []).append(i + 1)
    return lines, add


def apply(folder, d, year, idx, count):
    lines, add = plan(folder, d, idx)
    if not add:
        return None
    old = "\n".join(lines[i] for i in idx) + "\n"
    cur = open(os.path.join(folder, d + ".txt"), encoding="utf-8").read()
    assert old == cur, f"{d}: the folder's text is not the excerpt's lines (already done?)"
    new_idx = sorted(set(idx) | set(add))
    new = "\n".join(lines[i] for i in new_idx) + "\n"

    def starts(ix):
        s, o = {}, 0
        for i in ix:
            s[i] = o
            o += len(lines[i]) + 1
        return s
    so, sn = starts(idx), starts(new_idx)

    def move(off):
        line = max((i for i in idx if so[i] <= off), key=lambda i: so[i])
        return sn[line] + off - so[line]
    gp = os.path.join(folder, d + ".gold.json")
    raw = open(gp, encoding="utf-8").read()
    g = json.loads(raw)
    for f in g["facts"]:
        span = old[f["start"]:f["end"]]
        f["start"], f["end"] = move(f["start"]), move(f["start"]) + len(span)
        assert new[f["start"]:f["end"]] == span, (d, span)
    os.makedirs(os.path.join(folder, "as-annotated"), exist_ok=True)
    shutil.copyfile(os.path.join(folder, d + ".txt"), os.path.join(folder, "as-annotated", d + ".txt"))
    open(os.path.join(folder, d + ".txt"), "w", encoding="utf-8").write(new)
    open(gp, "w", encoding="utf-8").write(json.dumps(g, ensure_ascii=False, indent=1) + ("\n" if raw.endswith("\n") else ""))
    return f"{d} {year} {spec_of(new_idx)} {len(new)} {count}"


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("plan", "apply"):
        sys.exit(__doc__)
    folder, docs = sys.argv[2], sys.argv[3:]
    table = rows(folder)
    if sys.argv[1] == "plan":
        for d in docs or sorted(table):
            lines, add = plan(folder, d, table[d][1])
            print(d, {j + 1: (lines[j].strip()[:24], gov) for j, gov in sorted(add.items())} or "nothing missing")
        return
    changed = {}
    for d in docs:
        row = apply(folder, d, table[d][0], table[d][1], table[d][2])
        if row:
            changed[d] = row
            print(d, "put back", sorted(j + 1 for j in plan(folder, d, table[d][1])[1]))
    if changed:
        ex = os.path.join(folder, "excerpts.txt")
        old = open(ex, encoding="utf-8").read()
        aa = os.path.join(folder, "as-annotated", "excerpts.txt")
        if not os.path.exists(aa):
            shutil.copyfile(ex, aa)
        out = [changed.get(l.split(" ", 1)[0], l) for l in old.rstrip("\n").split("\n")]
        open(ex, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
