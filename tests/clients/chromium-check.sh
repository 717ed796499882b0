#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# chromium-check.sh - a browser renders tmexport's review page.
#
# Usage: chromium-check.sh TMEXPORT WORKDIR [INPUT]
#
# Exports INPUT (default: samples/k8s-blog-dont-panic/article.txt, whose
# two merged units score below 0.8 and are shaded, and
# samples/deepseek-bilingual.txt of this checkout) to a review page and a TSV
# in one run, and to a review page with --min-score 0.97 in another; checks the pages with xmllint (as XML, and as HTML); then
# has headless Chromium load them (offline, a profile of its own) and checks
# the DOM it built: every pair of the TSV, in order, with its score, in the
# pairs tables; every item not exported listed with a known reason, as many
# per reason as the summary counts, the pairs below 0.97 as "below
# --min-score"; the script's filter and sort asked for by the address
# (#filter=Weibo&sort=-score) show exactly the matching rows, by descending
# score. A screenshot (1280x2000) is decoded (PNG with zlib, no imaging
# library) and must not be blank: enough non-white pixels, the histogram's
# green bars and the shaded low-score rows among them.
#
# Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (no chromium; ctest's
# SKIP_RETURN_CODE). CHROMIUM names the browser (default: chromium on PATH).

set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 3 ]; then
    inputs=("$3")
else
    inputs=("$here/../../samples/k8s-blog-dont-panic/article.txt"
        "$here/../../samples/deepseek-bilingual.txt")
fi
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}

if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
    echo "SKIP: chromium not found (apt-get install chromium)"
    exit 77
fi

rm -rf "$work"
mkdir -p "$work"
if ! "$tmexport" extract "${inputs[@]}" --tsv-fields source,target,score -o "$work/export.tsv" \
    -o "$work/review.html" 2>"$work/tmexport.log" ||
    ! "$tmexport" extract "${inputs[@]}" --min-score 0.97 -o "$work/min-score.html" \
        2>>"$work/tmexport.log"; then
    echo "FAIL: tmexport extract failed: $(head -3 "$work/tmexport.log")"
    exit 1
fi

status=0
for page in review min-score; do
    if ! xmllint --noout "$work/$page.html" 2>"$work/xmllint-$page.log"; then
        echo "FAIL: $page.html is not well-formed: $(head -3 "$work/xmllint-$page.log")"
        status=1
    fi
    # libxml2's HTML parser is HTML 4: it knows no <main>, <section>, <svg>...
    xmllint --html --noout "$work/$page.html" 2>&1 | grep 'error :' |
        grep -v 'error : Tag [a-z]* invalid$' >"$work/xmllint-html-$page.log" || true
    if [ -s "$work/xmllint-html-$page.log" ]; then
        echo "FAIL: xmllint --html on $page.html: $(head -3 "$work/xmllint-html-$page.log")"
        status=1
    fi
done

# Headless, offline, a profile of its own, as the project's probe runs it.
browse() {
    profile=$(mktemp -d "$work/profile.XXXXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$profile" "$@" 2>>"$work/chromium.log"
}

url="file://$(cd "$work" && pwd)"
if ! browse --dump-dom "$url/review.html" >"$work/review.dom.html" ||
    ! browse --dump-dom "$url/review.html#filter=Weibo&sort=-score" >"$work/filtered.dom.html" ||
    ! browse --dump-dom "$url/min-score.html" >"$work/min-score.dom.html" ||
    ! browse --screenshot="$work/review.png" --window-size=1280,2000 "$url/review.html" \
        >/dev/null; then
    echo "FAIL: chromium failed: $(tail -3 "$work/chromium.log")"
    exit 1
fi

python3 - "$work" <<'PY' || status=1
import html.parser
import struct
import sys
import zlib

work = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag, cls=None):
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag and (cls is None or c.attrs.get("class") == cls):
                    yield c
                yield from c.all(tag, cls)

    def cells(self):
        return [c for c in self.children if isinstance(c, Node) and c.tag in ("td", "th")]


class Builder(html.parser.HTMLParser):
    VOID = {"meta", "input", "br", "img", "link", "hr", "col", "wbr", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#document", [], None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        self.node.children.append(node)
        if tag not in self.VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, attrs, self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def dom(name):
    builder = Builder()
    with open(f"{work}/{name}", encoding="utf-8") as f:
        builder.feed(f.read())
    return builder.root


def body_rows(root, cls):
    for table in root.all("table", cls):
        for tbody in table.all("tbody"):
            yield from (row for row in tbody.all("tr"))


def counts(root):
    table = next(root.all("table", "counts"))
    return {row.cells()[0].text(): int(row.cells()[1].text()) for row in table.all("tr")}


REASONS = {"no translation found", "boilerplate", "neither English nor Chinese",
           "unaligned sentence", "below --min-score", "a side empty once cleaned",
           "duplicate", "filtered"}

with open(f"{work}/export.tsv", encoding="utf-8") as f:
    tsv = [tuple(line.rstrip("\n").split("\t")) for line in f]
check(len(tsv) > 10, f"only {len(tsv)} pairs exported")

# Every pair, in order, with its score, the sides in their languages.
page = dom("review.dom.html")
pairs = [tuple(c.text() for c in r.cells()) for r in body_rows(page, "pairs")]
check([(p[2], p[3], p[1]) for p in pairs] == tsv, "the pairs in the DOM are not the TSV's")
check(all(r.cells()[2].attrs.get("lang") == "en" and r.cells()[3].attrs.get("lang") == "zh-CN"
          for r in body_rows(page, "pairs")), "a pair's cells lack their lang")

# What was not exported: known reasons, as many as the summary says.
summary = counts(page)
check(summary["Pairs exported"] == len(tsv), "the summary's pair count is wrong")
dropped = [r.cells()[1].text() for r in body_rows(page, "dropped")]
check(len(dropped) > 0, "no item not exported is listed")
check(set(dropped) <= REASONS, f"unknown reasons: {set(dropped) - REASONS}")
for reason in REASONS:
    check(summary[reason] == dropped.count(reason), f"summary of '{reason}' is wrong")
check(summary["Not exported"] == len(dropped), "the not-exported total is wrong")

below = sum(1 for _, _, score in tsv if float(score) < 0.97)
minimum = dom("min-score.dom.html")
low = [r for r in body_rows(minimum, "dropped") if r.cells()[1].text() == "below --min-score"]
check(below > 0 and len(low) == below, f"{len(low)} rows below --min-score, not {below}")
check(len(list(body_rows(minimum, "pairs"))) == len(tsv) - below, "--min-score page pairs")

# The script: filtered and sorted as the address asked.
filtered = dom("filtered.dom.html")
shown = [r for r in body_rows(filtered, "pairs") if "hidden" not in r.attrs]
hidden = [r for r in body_rows(filtered, "pairs") if "hidden" in r.attrs]
wanted = sorted((float(s) for a, b, s in tsv if "weibo" in (a + b).lower()), reverse=True)
check(len(wanted) > 1, "the filter test needs pairs that match")
check([float(r.cells()[1].text()) for r in shown] == wanted,
      "filter and sort do not show exactly the matching pairs by descending score")
check(all("weibo" not in r.text().lower() for r in hidden), "a matching row is hidden")
rows_shown = sum(1 for cls in ("pairs", "dropped") for r in body_rows(filtered, cls)
                 if "hidden" not in r.attrs)
status_text = next(n for n in filtered.all("span") if n.attrs.get("id") == "filter-status").text()
check(status_text == f"{rows_shown} rows shown", f"filter status says '{status_text}'")


# The screenshot is a page, not a blank.
def decode_png(path):
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG")
    pos, idat = 8, []
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG format"
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(b"".join(idat)), width * bpp
    prev, rows = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((x + b) & 255 for x, b in zip(line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


width, height, bpp, rows = decode_png(f"{work}/review.png")
check((width, height) == (1280, 2000), f"screenshot is {width}x{height}")
pixels = non_white = green = amber = 0
for row in rows:
    for x in range(0, width * bpp, bpp):
        r, g, b = row[x], row[x + 1], row[x + 2]
        pixels += 1
        non_white += r < 240 or g < 240 or b < 240
        green += abs(r - 0x5C) < 12 and abs(g - 0xB8) < 12 and abs(b - 0x5C) < 12
        amber += abs(r - 0xFF) < 6 and abs(g - 0xF1) < 6 and abs(b - 0xCC) < 6
check(non_white > pixels // 50, f"screenshot nearly blank: {non_white} of {pixels} non-white")
check(green > 1000, f"no histogram bars in the screenshot ({green} green pixels)")
check(amber > 1000, f"no shaded rows in the screenshot ({amber} amber pixels)")

for message in failures:
    print("FAIL:", message)
if not failures:
    print(f"PASS: {len(tsv)} pairs and {len(dropped)} items not exported in the DOM; "
          f"filter shows {len(shown)}; screenshot {non_white * 100 // pixels}% non-white, "
          f"{green} bar and {amber} shaded pixels")
sys.exit(1 if failures else 0)
PY
exit $status
