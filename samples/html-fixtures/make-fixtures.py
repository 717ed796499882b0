#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the HTML fixtures samples/html-<layout>/ from the gold of the text
samples: each is an article.html in the page structure real bilingual sites
use, with their chrome, and the gold (gold.tsv, gold_paragraphs.tsv: byte
copies of the source sample's) and a meta.json.

usage: make-fixtures.py            (re)writes every fixture
       make-fixtures.py --check    exits 1 if a fixture differs from what it writes

Python 3 standard library only; the output does not depend on the machine.

Every page carries the same chrome (CHROME below): a <nav> menu in both
languages, a cookie banner and a login overlay in both languages, a share
bar, a subscription line with the same e-mail address in both languages,
related links, comments, a footer in both languages, and text that must
never be read: a <script> holding paragraphs in a string, JSON-LD, a
<template>, a <noscript>, an HTML comment, an SVG label. tests/test_html.c
checks that none of it reaches an output pair (the phrases it looks for
are listed in NEVER_PAIRED and NEVER_READ and there).

Text is rendered the way sites write it: long lines wrapped (English at a
space; Chinese between two Han characters, where CSS white space collapsing
removes the line end: CSS Text 3, as Firefox renders it; Chromium shows a
space there), curly quotes and dashes as entities, names inside links and
<code>.
"""

import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "samples")

ENTITIES = {"\u2019": "&rsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;", "\u2014": "&mdash;"}
HAN = re.compile(r"[\u4e00-\u9fff]")

# Phrases of the chrome: in both languages, they must never be paired.
NEVER_PAIRED = [
    "Documentation home", "文档首页", "We use cookies", "Cookie 来了解",
    "Sign in to keep reading", "登录后继续阅读", "Share this page", "分享到",
    "digest@example.org", "Related pages", "相关页面", "Thanks for writing this",
    "感谢分享", "All rights reserved", "保留所有权利",
]
# Phrases that are not even text of the page: they must never be read.
NEVER_READ = [
    "must never be extracted", "绝不能被提取",
]


def esc(text):
    out = html.escape(text, quote=False)
    for char, entity in ENTITIES.items():
        out = out.replace(char, entity)
    return out


def wrap_english(text, width=76, indent="\n      "):
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return indent.join(lines)


def wrap_chinese(text, width=30, indent="\n      "):
    out, run = [], 0
    for i, char in enumerate(text):
        out.append(char)
        run += 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if run >= width and HAN.match(char) and HAN.match(nxt):
            out.append(indent)
            run = 0
    return "".join(out)


def linked(text, name, tag):
    """The first whole-word `name` in escaped text inside <tag>."""
    m = re.search(r"(?<![\w&])" + re.escape(name) + r"(?![\w;])", text)
    if m is None:
        return text
    open_tag = f'<a href="https://example.org/{name.lower()}">' if tag == "a" else f"<{tag}>"
    return f"{text[:m.start()]}{open_tag}{name}</{tag}>{text[m.end():]}"


def en(text):
    out = wrap_english(esc(text))
    for name in ("Kubernetes", "Python"):
        out = linked(out, name, "a")
    return linked(out, "Docker", "code")


def zh(text):
    out = wrap_chinese(esc(text))
    return linked(out, "Kubernetes", "a")


# ---- chrome ---------------------------------------------------------------

HEAD_NEVER_READ = """<style>
  .hidden { display: none; } .dual p.zh { font-family: "Noto Sans SC", sans-serif; }
  .grid-row { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; } td { vertical-align: top; }
</style>
<script>
  var teaser = "<p>This teaser paragraph lives in a script and must never be extracted.</p>" +
               "<p>这段预告文字藏在脚本里，绝不能被提取。</p>";
  document.addEventListener("DOMContentLoaded", function () { console.log(teaser); });
</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Article",
 "articleBody": "This JSON-LD body must never be extracted. 这段结构化数据绝不能被提取。"}
</script>"""

SITE_HEADER = """<header class="site-header">
  <a class="logo" href="/"><svg width="40" height="40"><text x="0" y="20">SVG logo text must never be extracted</text></svg></a>
  <nav class="top-nav" aria-label="Main">
    <ul>
      <li><a href="/docs/">Documentation home</a></li>
      <li><a href="/blog/">Blog</a></li>
      <li><a href="/community/">Community</a></li>
      <li><a href="/case-studies/">Case studies</a></li>
    </ul>
    <ul lang="zh-CN">
      <li><a href="/zh-cn/docs/">文档首页</a></li>
      <li><a href="/zh-cn/blog/">博客</a></li>
      <li><a href="/zh-cn/community/">社区</a></li>
      <li><a href="/zh-cn/case-studies/">案例分析</a></li>
    </ul>
  </nav>
</header>"""

OVERLAYS = """<div id="cookie-banner" class="cookie-consent">
  <p>We use cookies to learn how this site is used and to improve your experience.</p>
  <p lang="zh-CN">我们使用 Cookie 来了解本站的使用情况，并改善您的体验。</p>
  <button type="button">Accept all cookies</button> <button type="button">接受全部 Cookie</button>
</div>
<div class="login-overlay hidden" hidden>
  <form action="/login" method="post">
    <h2>Sign in to keep reading</h2>
    <h2 lang="zh-CN">登录后继续阅读</h2>
    <p><label>E-mail address <input type="email" name="email"></label></p>
    <p><label>电子邮件地址</label></p>
    <button type="submit">Sign in</button><button type="submit">登录</button>
  </form>
</div>"""

SHARE_BAR = """<div class="share-bar">
  <span>Share this page:</span> <a href="#">Twitter</a> &middot; <a href="#">Facebook</a>
  &middot; <a href="#">LinkedIn</a> <span lang="zh-CN">分享到：</span><a href="#">微信</a>
  &middot; <a href="#">微博</a>
</div>"""

NEWSLETTER = """<aside class="newsletter-signup">
  <p>Get the weekly digest by e-mail: write to digest@example.org</p>
  <p lang="zh-CN">订阅每周摘要：请发送电子邮件至 digest@example.org</p>
</aside>"""

RELATED = """<section class="related-links">
  <h2>Related pages</h2>
  <h2 lang="zh-CN">相关页面</h2>
  <ul>
    <li><a href="/blog/2020/12/08/kubernetes-1-20-release-announcement/">Kubernetes 1.20: The Raddest Release</a></li>
    <li><a href="/zh-cn/blog/2020/12/08/kubernetes-1-20-release-announcement/">Kubernetes 1.20：最炫酷的版本</a></li>
  </ul>
</section>"""

COMMENTS = """<section id="comments">
  <h2>Comments</h2> <h2 lang="zh-CN">评论</h2>
  <div class="comment"><p>Thanks for writing this, it really helped our team.</p></div>
  <div class="comment"><p>感谢分享，这对我们团队帮助很大。</p></div>
  <noscript><p>Please enable JavaScript: this text must never be extracted.</p>
  <p>请启用 JavaScript，这段文字绝不能被提取。</p></noscript>
</section>
<template id="comment-card"><p>This template paragraph must never be extracted.</p>
<p>这段模板文字绝不能被提取。</p></template>
<!-- <p>This commented-out paragraph must never be extracted.</p>
     <p>这段被注释掉的文字绝不能被提取。</p> -->"""

SITE_FOOTER = """<footer class="site-footer">
  <p>&copy; 2024 Example Docs Mirror. All rights reserved. Contact: digest@example.org</p>
  <p lang="zh-CN">&copy; 2024 Example Docs Mirror 保留所有权利。联系方式：digest@example.org</p>
  <ul class="footer-links"><li><a href="/privacy/">Privacy</a></li><li><a href="/zh-cn/privacy/">隐私政策</a></li></ul>
</footer>
<script>
  document.querySelector(".login-overlay").hidden = !document.cookie.includes("paywall");
  var footnote = "<p>This footer script paragraph must never be extracted.</p>";
</script>"""


def page(title, body, lang="en"):
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
{HEAD_NEVER_READ}
</head>
<body class="has-nav page">
{OVERLAYS}
{SITE_HEADER}
{body}
{SITE_FOOTER}
</body>
</html>
"""


# ---- layouts -------------------------------------------------------------

def read_gold(sample):
    with open(os.path.join(SAMPLES, sample, "gold_paragraphs.tsv"), encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


def dual(pairs):
    """News page: headline and standfirst each one block (English<br>中文),
    then one <div class="dual"> per paragraph, English <p> then Chinese <p>."""
    body = ['<main>', '<article class="post">', '<header class="post-header">',
            f'  <h1 class="headline">{en(pairs[0][0])}<br>\n    {zh(pairs[0][1])}</h1>',
            '  <p class="byline">By Jorge Castro, Duffie Cooley, Kat Cosgrove, Justin Garrison, '
            'Noah Kantrowitz, Bob Killen, Rey Lejano, Dan &ldquo;POP&rdquo; Papandrea, Jeffrey Sica, '
            'Davanum &ldquo;Dims&rdquo; Srinivas</p>',
            '  <p class="dateline"><time datetime="2020-12-02">Wednesday, December 02, 2020</time></p>',
            '</header>', SHARE_BAR,
            f'<p class="standfirst">{en(pairs[1][0])}<br>\n  {zh(pairs[1][1])}</p>']
    headings = {7, 13}
    for k, (e, z) in enumerate(pairs[2:], 2):
        tag = "h2" if k in headings else "p"
        body.append(f'<div class="dual">\n  <{tag} class="en">{en(e)}</{tag}>\n'
                    f'  <{tag} class="zh" lang="zh-CN">{zh(z)}</{tag}>\n</div>')
        if k == 8:
            body.append('<figure><img src="docker-stack.png" alt="Docker stack">\n'
                        '  <figcaption lang="zh-CN">图：Docker 技术栈与 Kubernetes 的容器运行时（CRI）'
                        '关系示意</figcaption>\n</figure>')
        if k == 11:
            body.append(NEWSLETTER)
    body += ['<p class="credit">Illustration by the SIG Docs team</p>', RELATED, COMMENTS,
             '</article>', '</main>']
    return page(pairs[0][0], "\n".join(body))


def cell(tag, klass, text, lang):
    if text is None:
        return f'<{tag} class="{klass}"></{tag}>'
    if text == "IMG":
        return (f'<{tag} class="{klass}"><img src="deployment-evolution.svg" '
                f'alt="Deployment evolution"></{tag}>')
    body = en(text) if lang == "en" else zh(text)
    attr = ' lang="zh-CN"' if lang == "zh" else ""
    return f'<{tag} class="{klass}"{attr}>{body}</{tag}>'


def drifting_rows(pairs, en_gap, zh_gap):
    """Columns with an image-only cell inserted into the English column at
    row en_gap and an empty one into the Chinese column at row zh_gap (None:
    none), padded: every row after a gap holds cells of different pairs."""
    left = [e for e, _ in pairs]
    right = [z for _, z in pairs]
    if en_gap is not None:
        left.insert(en_gap, "IMG")
    if zh_gap is not None:
        right.insert(zh_gap, None)
    rows = max(len(left), len(right))
    left += [None] * (rows - len(left))
    right += [None] * (rows - len(right))
    return list(zip(left, right))


def columns(pairs):
    """Documentation page in two columns: a <table> (first half) and a CSS
    grid of divs (second half), English left, Chinese right, with drift."""
    table = ['<table class="bilingual">']
    for left, right in drifting_rows(pairs[:20], en_gap=5, zh_gap=14):
        table.append(f'  <tr>{cell("td", "en", left, "en")}\n      {cell("td", "zh", right, "zh")}</tr>')
    table.append('</table>')
    grid = ['<div class="bilingual-grid">']
    for left, right in drifting_rows(pairs[20:], en_gap=None, zh_gap=7):
        grid.append(f'  <div class="grid-row">{cell("div", "col en", left, "en")}\n'
                    f'    {cell("div", "col zh", right, "zh")}</div>')
    grid.append('</div>')
    sidebar = """<aside class="sidebar">
  <ul><li><a href="/docs/concepts/">Concepts</a></li><li><a href="/docs/concepts/overview/">Overview</a></li>
      <li><a href="/docs/concepts/architecture/">Cluster Architecture</a></li></ul>
  <ul lang="zh-CN"><li>概念</li><li>概述</li><li>集群架构</li></ul>
</aside>"""
    body = ['<div class="page-wrapper">', sidebar, '<main class="content">',
            '<nav class="breadcrumb">Docs &rsaquo; Concepts &rsaquo; Overview</nav>',
            '<nav class="breadcrumb" lang="zh-CN">文档 &rsaquo; 概念 &rsaquo; 概述</nav>',
            SHARE_BAR, *table,
            '<p class="translation-note" lang="zh-CN">说明：本页中文内容由 Kubernetes 中文本地化小组'
            '（SIG Docs Chinese）翻译，如与英文原文不一致，以英文原文为准。</p>',
            *grid, NEWSLETTER, RELATED, COMMENTS, '</main>', '</div>']
    return page(pairs[0][0], "\n".join(body))


def immersive(text):
    """The translation as a browser extension (Immersive Translate) inserts
    it into the original's block: a wrapper with lang, a line break."""
    return ('<font class="notranslate immersive-translate-target-wrapper" lang="zh-CN">'
            '<br><font class="notranslate immersive-translate-target-translation-block-wrapper">'
            f'<font class="notranslate immersive-translate-target-inner">{zh(text)}</font>'
            '</font></font>')


def sibling(pairs):
    """Tutorial page whose translation is in sibling elements after the
    original, as translators' and browser extensions' markups write it."""
    body = ['<main>', '<div class="document" role="main">', SHARE_BAR,
            f'<h1>{en(pairs[0][0])}{immersive(pairs[0][1])}</h1>']
    for k, (e, z) in enumerate(pairs[1:], 1):
        if k <= 4:  # a translator's sibling paragraph
            body.append(f'<p>{en(e)}</p>\n<p class="translation" lang="zh-CN">{zh(z)}</p>')
        elif k <= 8:  # the extension's block translation, inside the original
            body.append(f'<p>{en(e)}{immersive(z)}</p>')
        elif k <= 11:  # list items, the translation inline after the original
            if k == 9:
                body.append('<ul class="simple">')
            body.append(f'<li><span class="translation-origin">{en(e)}</span> '
                        f'<span class="translation-result" lang="zh-CN">{zh(z)}</span></li>')
            if k == 11:
                body.append('</ul>')
        else:  # origin and result as sibling blocks
            body.append(f'<div class="translation-origin"><p>{en(e)}</p></div>\n'
                        f'<div class="translation-result" lang="zh-CN"><p>{zh(z)}</p></div>')
        if k == 7:
            body.append('<div class="highlight"><pre><span class="gp">&gt;&gt;&gt; </span>17 / 3'
                        '  <span class="c1"># 译注：解释器可以直接当计算器用</span>\n'
                        '5.666666666666667\n</pre></div>')
        if k == 12:
            body.append(NEWSLETTER)
    body += ['<p class="next-topic">Next topic: 2. Using the Python Interpreter</p>',
             '</div>', RELATED, COMMENTS, '</main>']
    return page(pairs[0][0], "\n".join(body))


def zh_then_en(pairs):
    """An officially bilingual text: all the Chinese, then all the English,
    behind a language toggle that hides one of them (visibility is not
    evidence: both are read)."""
    def heading(english):
        return "h2" if english.startswith("CHAPTER") else "h3" if english.startswith("Article") else "p"
    parts = {}
    for lang, index in (("zh", 1), ("en", 0)):
        render = zh if lang == "zh" else en
        lines = []
        for pair in pairs:
            tag = heading(pair[0])
            lines.append(f'  <{tag}>{render(pair[index])}</{tag}>')
        parts[lang] = "\n".join(lines)
    body = ['<main>', '<div class="lang-switch" role="toolbar"><button data-show="zh">中文</button> '
            '<button data-show="en">English</button></div>', SHARE_BAR,
            '<article id="text-zh" lang="zh-Hans">', parts["zh"], '</article>',
            '<p class="source-note" lang="zh-CN">本文为《联合国宪章》作准中文本，英文本附后。</p>',
            '<article id="text-en" lang="en" class="hidden" hidden>', parts["en"], '</article>',
            NEWSLETTER, '</main>']
    return page("联合国宪章 Charter of the United Nations", "\n".join(body), lang="zh-Hans")


def sibling_before(pairs):
    """A page whose translation is a sibling element before the original."""
    body = ['<main>', '<article>', SHARE_BAR]
    short = lambda e: len(e) < 50 and not e.endswith(".")
    for e, z in pairs:
        tag = "h2" if short(e) else "p"
        body.append(f'<{tag} class="translation" lang="zh-CN">{zh(z)}</{tag}>\n'
                    f'<{tag} class="original" lang="en">{en(e)}</{tag}>')
    body += [NEWSLETTER, RELATED, COMMENTS, '</article>', '</main>']
    return page(pairs[0][0], "\n".join(body))


FIXTURES = [
    ("dual", "k8s-blog-dont-panic", dual,
     "alternating paragraphs in per-paragraph wrappers (<div class=\"dual\"><p class=\"en\">"
     "<p class=\"zh\">), as bilingual news pages do; the headline and the standfirst are each one "
     "block 'English<br>中文' (inside <article><header>, which is the article's, not chrome); a "
     "Chinese-only figure caption and an English-only byline, dateline and credit that have no "
     "counterpart."),
    ("columns", "k8s-docs-overview", columns,
     "two columns, English left and Chinese right: pairs 1-20 in a <table>, pairs 21-40 in a CSS "
     "grid of divs; in the table an image-only English cell at row 6 and an empty Chinese cell at "
     "row 15, in the grid an empty Chinese cell at row 8, so that from there on the rows hold "
     "cells of different pairs: 'same row' is no evidence, the columns are read one after the "
     "other and paired by content, as the halves layout is. A Chinese-only translation note "
     "between table and grid, a bilingual sidebar and breadcrumb. The first pair, the heading "
     "'Overview' / '概述', has only its length to go by once the columns are read apart; it was "
     "missed until pairing weighed the lexicon (the breadcrumb 'Docs › Concepts › Overview' is "
     "navigation and is never paired), now all 40 paragraph pairs are found."),
    ("sibling", "python-tutorial-appetite", sibling,
     "the translation in a sibling element after the original: <p class=\"translation\" "
     "lang=\"zh-CN\"> (pairs 2-5), a browser extension's block translation inside the original "
     "(<font class=\"immersive-translate-target-wrapper\" lang=\"zh-CN\"><br>..., the title and "
     "pairs 6-9), list items whose translation follows inline without a line break (<span "
     "class=\"translation-origin\"> <span class=\"translation-result\" lang=\"zh-CN\">, pairs "
     "10-12) and origin/result as sibling <div>s (pairs 13-17); a code block with a Chinese "
     "comment and an English-only 'Next topic' line."),
    ("zh-then-en", "un-charter-ch1-3", zh_then_en,
     "one page holding all the Chinese text, then all the English (as officially bilingual "
     "treaties, licences and notices are published), the English hidden behind a language "
     "toggle (class=\"hidden\" and the hidden attribute): visibility is not evidence, both are "
     "read. Chapter and article headings (h2, h3) without sentence punctuation, a Chinese-only "
     "source note between the two texts."),
    ("sibling-before", "k8s-docs-overview", sibling_before,
     "the translation in a sibling element before its original (<p class=\"translation\" "
     "lang=\"zh-CN\"> then <p class=\"original\" lang=\"en\">; headings as <h2> pairs): a "
     "Chinese-first page."),
]


def meta(layout, source, description):
    with open(os.path.join(SAMPLES, source, "meta.json"), encoding="utf-8") as f:
        base = json.load(f)
    return {
        "source": base["source"],
        "license": base["license"],
        "text_of": f"samples/{source}",
        "layout": layout,
        "tests": description,
        "chrome": "every page carries the chrome of samples/html-fixtures/make-fixtures.py "
                  "(menus, cookie banner, login overlay, share bar, subscription line with the "
                  "same e-mail address in both languages, related links, comments, footer in "
                  "both languages; a <script> with paragraphs in a string, JSON-LD, <template>, "
                  "<noscript>, an HTML comment, an SVG label): none of it is in the gold; the "
                  "chrome text is synthetic, written for these fixtures (MIT, as the project).",
        "gold": f"gold.tsv and gold_paragraphs.tsv are byte copies of samples/{source}/'s.",
        "generated_by": "samples/html-fixtures/make-fixtures.py",
        "units": base["units"],
        "paragraph_pairs": base["paragraph_pairs"],
    }


def outputs():
    for layout, source, build, description in FIXTURES:
        directory = os.path.join(SAMPLES, f"html-{layout}")
        files = {"article.html": build(read_gold(source))}
        for gold in ("gold.tsv", "gold_paragraphs.tsv"):
            with open(os.path.join(SAMPLES, source, gold), encoding="utf-8") as f:
                files[gold] = f.read()
        files["meta.json"] = json.dumps(meta(layout, source, description), ensure_ascii=False,
                                        indent=2) + "\n"
        for name, text in files.items():
            yield os.path.join(directory, name), text


def main():
    check = sys.argv[1:] == ["--check"]
    stale = 0
    for path, text in outputs():
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    stale += f.read() != text
            except FileNotFoundError:
                stale += 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    if stale:
        print(f"{stale} fixture file(s) differ from make-fixtures.py's output", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
