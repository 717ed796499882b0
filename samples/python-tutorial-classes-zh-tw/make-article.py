#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Renders source.po (an excerpt of python/python-docs-zh-tw
tutorial/classes.po, PSF licence: see meta.json) into article.txt as a
bilingual page shows it: each English paragraph (msgid) followed by its
Traditional Chinese translation (msgstr), a blank line between paragraphs,
the chapter's code examples between the paragraphs that introduce them, and
a site's header, navigation and footer around them. reST is rendered the way
Sphinx shows it: roles as their text (~ and ! prefixes dropped, :func: and
:meth: with "()", :ref: as the section title it names), ``literals`` and
*emphasis* unmarked, escaped spaces removed, "::" as ":" (dropped after a
space), the Chinese "\\n\\n::" dropped, footnote references dropped, runs of
spaces in English collapsed. Deterministic: run it from anywhere."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SECTIONS = {
    "tut-private": ("Private Variables", "私有變數"),
    "tut-object": ("A Word About Names and Objects", "關於名稱與物件的一段話"),
}
# Code examples shown after the paragraph whose English ends as given
# (Doc/tutorial/classes.rst, same licence).
CODE = {
    "how :keyword:`global` and :keyword:`nonlocal` affect variable binding::": [
        "def scope_test():",
        "    def do_local():",
        '        spam = "local spam"',
        "",
        "    def do_nonlocal():",
        "        nonlocal spam",
        '        spam = "nonlocal spam"',
        "",
        "    def do_global():",
        "        global spam",
        '        spam = "global spam"',
        "",
        '    spam = "test spam"',
        "    do_local()",
        '    print("After local assignment:", spam)',
        "    do_nonlocal()",
        '    print("After nonlocal assignment:", spam)',
        "    do_global()",
        '    print("After global assignment:", spam)',
        "",
        "scope_test()",
        'print("In global scope:", spam)',
    ],
    "The output of the example code is:": [
        "After local assignment: test spam",
        "After nonlocal assignment: nonlocal spam",
        "After global assignment: nonlocal spam",
        "In global scope: global spam",
    ],
    "The simplest form of class definition looks like this::": [
        "class ClassName:",
        "    <statement-1>",
        "    .",
        "    <statement-N>",
    ],
    "if the class definition looked like this::": [
        "class MyClass:",
        '    """A simple example class"""',
        "    i = 12345",
        "",
        "    def f(self):",
        "        return 'hello world'",
    ],
    "For example (assuming the above class)::": ["x = MyClass()"],
    "Correct design of the class should use an instance variable instead::": [
        "class Dog:",
        "",
        "    def __init__(self, name):",
        "        self.name = name",
        "        self.tricks = []    # creates a new empty list for each dog",
        "",
        "    def add_trick(self, trick):",
        "        self.tricks.append(trick)",
    ],
    "The syntax for a derived class definition looks like this::": [
        "class DerivedClassName(BaseClassName):",
        "    <statement-1>",
        "    .",
        "    <statement-N>",
    ],
}
HEADER = [
    "Python 3.11 中英文件對照閱讀",
    "目錄 | 上一節：8. 錯誤和例外 | 下一節：10. Python 標準函式庫概覽",
    "3.11 Documentation > Python 教學 >",
]
FOOTER = [
    "Next topic: 10. Brief Tour of the Standard Library",
    "版權所有 2001-2023, Python Software Foundation. 最後更新於 2023 年 9 月.",
    "發現了問題？",
]


def po_string(line):
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def read_po(path):
    entries, key, fuzzy = [], None, False
    current = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#, fuzzy"):
                fuzzy = True
            elif line.startswith("msgid "):
                current = {"msgid": po_string(line), "fuzzy": fuzzy}
                key = "msgid"
            elif line.startswith("msgstr "):
                current["msgstr"] = po_string(line)
                key = "msgstr"
                entries.append(current)
                fuzzy = False
            elif line.startswith('"') and key:
                current[key] += po_string(line)
    return entries


def role(match, chinese):
    name, text = match.group(1), match.group(2)
    if name == "ref":
        return SECTIONS[text][1 if chinese else 0]
    text = re.sub(r"^(.*?) <.*>$", r"\1", text)
    if text.startswith("~"):
        text = text[1:].split(".")[-1]
    text = text.lstrip("!")
    return text + "()" if name in ("func", "meth") else text


def render(text, chinese):
    if chinese:
        text = re.sub(r"\n\n::$", "", text)
    else:
        text = re.sub(r" ::$", "", text)
        text = re.sub(r"::$", ":", text)
    text = re.sub(r"\s*\[#\]_", "", text)
    text = re.sub(r":(\w+):`([^`]+)`", lambda m: role(m, chinese), text)
    text = re.sub(r"``(.+?)``", r"\1", text)
    text = re.sub(r"\*([^*\s][^*]*?)\*", r"\1", text)
    text = text.replace("\\ ", "").replace("\\'", "'")
    if not chinese:
        text = re.sub(r"\s+", " ", text)
    return text.strip()


def main():
    entries = read_po(os.path.join(HERE, "source.po"))
    blocks = list(HEADER)
    for e in entries:
        blocks.append(render(e["msgid"], False))
        blocks.append(render(e["msgstr"], True))
        for ending, code in CODE.items():
            if e["msgid"].endswith(ending):
                blocks.append("\n".join(code))
    blocks.extend(FOOTER)
    with open(os.path.join(HERE, "article.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()
