#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the text-layout fixtures from the articles in samples/ (run from
anywhere; writes beside this script). Each article is laid out four more
ways, its gold staying the article's own gold.tsv:

  NAME.lines.txt        one paragraph a line, no blank lines (a browser copy)
  NAME.wrapped.txt      hard-wrapped: English at 72 columns, Chinese at 36
                        characters (never inside a run of Latin letters or
                        digits), paragraphs separated by blank lines
  NAME.oneline.txt      each gold paragraph pair on one line, English and
                        Chinese side by side (the other paragraphs as they are)
  NAME.interleaved.txt  sentence-interleaved: each gold unit's English on a
                        line and its Chinese on the next, a blank line between

The sources and their licences are the articles' own (see ../*/meta.json and
../deepseek-bilingual.txt). The output is deterministic.
"""
import os
import re
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
ARTICLES = {
    "deepseek-bilingual": ("deepseek-bilingual.txt", "deepseek-bilingual.gold-paragraphs.tsv",
                           "deepseek-bilingual.gold.tsv"),
}
for name in ("k8s-docs-overview", "k8s-blog-dont-panic", "python-tutorial-appetite",
             "un-charter-ch1-3", "un-charter-ch1-3-zh-first"):
    ARTICLES[name] = (f"{name}/article.txt", f"{name}/gold_paragraphs.tsv", f"{name}/gold.tsv")


def read(path):
    with open(os.path.join(SAMPLES, path), encoding="utf-8") as f:
        return f.read()


def is_chinese(p):
    han = len(re.findall(r"[\u4e00-\u9fff]", p))
    latin = len(re.findall(r"[A-Za-z]", p))
    return han > 0 and han * 6 >= latin


def wrap_chinese(p, width=36):
    lines, cur = [], ""
    for token in re.findall(r"[A-Za-z0-9_./:-]+|.", p):
        if len(cur) + len(token) > width and cur:
            lines.append(cur)
            cur = token
        else:
            cur += token
    if cur:
        lines.append(cur)
    return "\n".join(line.strip() for line in lines)


def wrap(p):
    if is_chinese(p):
        return wrap_chinese(p)
    return textwrap.fill(p, 72, break_on_hyphens=False, break_long_words=False)


def write(name, layout, text):
    with open(os.path.join(HERE, f"{name}.{layout}.txt"), "w", encoding="utf-8") as f:
        f.write(text)


def one_line(paragraphs, pairs):
    out, i = [], 0
    while i < len(paragraphs):
        if i + 1 < len(paragraphs) and (paragraphs[i], paragraphs[i + 1]) in pairs:
            out.append(paragraphs[i] + " " + paragraphs[i + 1])
            i += 2
        elif i + 1 < len(paragraphs) and (paragraphs[i + 1], paragraphs[i]) in pairs:
            out.append(paragraphs[i] + paragraphs[i + 1])
            i += 2
        else:
            out.append(paragraphs[i])
            i += 1
    return out


def main():
    for name, (article, gold_paragraphs, gold) in sorted(ARTICLES.items()):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", read(article)) if p.strip()]
        pairs = {tuple(line.split("\t")) for line in read(gold_paragraphs).splitlines()}
        units = [line.split("\t") for line in read(gold).splitlines()]
        write(name, "lines", "\n".join(paragraphs) + "\n")
        write(name, "wrapped", "\n\n".join(wrap(p) for p in paragraphs) + "\n")
        write(name, "oneline", "\n\n".join(one_line(paragraphs, pairs)) + "\n")
        write(name, "interleaved", "\n\n".join(f"{e}\n{z}" for e, z in units) + "\n")


if __name__ == "__main__":
    main()
