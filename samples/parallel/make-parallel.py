#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the --parallel fixtures: two articles from samples/ split into an
English document (en/NAME.txt) and its Chinese translation (zh/NAME.txt), as
documentation sites keep content/en/ and content/zh-cn/ trees. Each side has
a paragraph the other lacks (a translator's note in Chinese, an English-only
note), so the paragraph counts differ; an unmatched file in each tree is left
out with a warning. Gold: each article's own gold.tsv, in path order. The
sources and licences are the articles' own (../NAME/meta.json)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
NOTES = {
    "k8s-docs-overview": (3, "说明：本页中文内容由 Kubernetes 中文本地化小组翻译，如与英文原文不一致，以英文原文为准。",
                          10, "Note: this page is also available in other languages."),
    "python-tutorial-appetite": (1, "译者注：本章由社区翻译，欢迎在 GitHub 上提出修改建议。",
                                 7, "This paragraph was added to the English edition after the translation."),
}


def main():
    for side in ("en", "zh"):
        os.makedirs(os.path.join(HERE, side), exist_ok=True)
    for name, (zh_at, zh_note, en_at, en_note) in sorted(NOTES.items()):
        with open(os.path.join(SAMPLES, name, "gold_paragraphs.tsv"), encoding="utf-8") as f:
            pairs = [line.rstrip("\n").split("\t") for line in f]
        english = [e for e, _ in pairs]
        chinese = [z for _, z in pairs]
        chinese.insert(zh_at, zh_note)
        english.insert(en_at, en_note)
        for side, paragraphs in (("en", english), ("zh", chinese)):
            with open(os.path.join(HERE, side, name + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n\n".join(paragraphs) + "\n")
    with open(os.path.join(HERE, "en", "only-in-english.txt"), "w", encoding="utf-8") as f:
        f.write("A page that has no translation yet.\n")
    with open(os.path.join(HERE, "pairs.list"), "w", encoding="utf-8") as f:
        f.write("# ENGLISH<TAB>CHINESE, relative to the directory --parallel is run from\n")
        for name in sorted(NOTES):
            f.write(f"samples/parallel/en/{name}.txt\tsamples/parallel/zh/{name}.txt\n")
    with open(os.path.join(HERE, "gold.tsv"), "w", encoding="utf-8") as out:
        for name in sorted(NOTES):
            with open(os.path.join(SAMPLES, name, "gold.tsv"), encoding="utf-8") as f:
                out.write(f.read())


if __name__ == "__main__":
    main()
