"""Functions longer than a bound, counted from `fn` to the closing brace at its indent.

    python3 tests/ci/fn_lengths.py DIR MAX

Prints each longer function (lines, file, name, line) and exits 1 when any is
found; word tables and `quote!` templates are data, not functions, and are not
counted. Tests (after `#[cfg(test)]`) are not counted either.
"""
import os
import re
import sys

FN = re.compile(r"^(\s*)(pub(\([a-z]+\))? )?(const )?(async )?fn (\w+)")


def long_functions(root, bound):
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            lines = open(path, encoding="utf-8").read().split("#[cfg(test)]")[0].split("\n")
            for at, line in enumerate(lines):
                found = FN.match(line)
                if not found or line.rstrip().endswith(";"):
                    continue
                indent = found.group(1)
                end = next((j for j in range(at + 1, len(lines)) if lines[j] == indent + "}"), at)
                length = end - at + 1
                if length > bound:
                    yield length, path, found.group(6), at + 1


def main(root, bound):
    found = sorted(long_functions(root, int(bound)), reverse=True)
    for length, path, name, line in found:
        print(f"{length} lines: {path}:{line} fn {name}")
    print(f"{len(found)} function(s) in {root} over {bound} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
