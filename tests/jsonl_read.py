#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""jsonl_read.py JSONL OUT: reads tmexport's JSON Lines with Python's json module.

The file must be strict UTF-8 and every line strict JSON (json.loads refuses a
raw control character in a string); every line must also be exactly what
Python's own encoder writes for the same values (json.dumps with
ensure_ascii=False, U+2028 and U+2029 escaped as well, the score's text as it
was), so the escaping is checked byte for byte, not only read back.

Writes the values of every line, in order (the translation's two texts, the
document, the score's text), each followed by a NUL byte, to OUT as UTF-8:
test_jsonl compares them with the units it wrote. Exit status 0, or 1 with a
message naming the line.
"""
import json
import sys


def encode(value):
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def read_line(line, number, values):
    # parse_float keeps the score's text: "0.9500" must stay four decimals.
    obj = json.loads(line, parse_float=lambda text: text)
    parts = []
    for key, value in obj.items():
        if key == "score":
            if not (len(value) == 6 and value[1] == "." and 0.0 <= float(value) <= 1.0):
                raise ValueError(f"score {value!r} is not four decimals in [0,1]")
            parts.append(f'"score": {value}')
        else:
            parts.append(f"{encode(key)}: {encode(value)}")
        if key == "translation":
            if len(value) != 2:
                raise ValueError("translation has not two languages")
            values.extend(value.values())
        else:
            values.append(value)
    again = "{" + ", ".join(parts) + "}"
    if again != line:
        raise ValueError(f"Python's encoder writes\n  {again!r}\nnot\n  {line!r}")


def main():
    source, target = sys.argv[1:3]
    with open(source, "rb") as f:
        text = f.read().decode("utf-8")  # strict: invalid UTF-8 fails here
    lines = text.split("\n")
    if lines[-1] != "":
        print(f"{source}: the last line does not end with a newline", file=sys.stderr)
        return 1
    values = []
    for number, line in enumerate(lines[:-1], 1):
        try:
            read_line(line, number, values)
        except ValueError as e:  # json.JSONDecodeError is one
            print(f"{source}:{number}: {e}", file=sys.stderr)
            return 1
    with open(target, "wb") as f:
        f.write("".join(v + "\0" for v in values).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
