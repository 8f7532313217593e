"""One line per imported folder from `codegen import --json` reports, and the gate.

    python3 tests/ci/import_summary.py [--gate] [--strict-floor FILE] FOLDER=REPORT.json ...

Prints pages ok / partial / failed / skipped, unused tables and dropped parameters.
With --gate, fails when a folder has a failed page or when fewer than 95% of its
operation pages are ok apart from table accounting: `unused-table`,
`dropped-parameter` and `unimported-parameter` findings, except tables no field refers to, which were
warnings before (the importer reports every table it does not use
since the pipeline change; the catalogue issue turns them into imported fields,
and the gate then counts strict `ok`).
With --strict-floor FILE, fails when a folder has a failed page, or when a folder
FILE lists has fewer than 95% of its operation pages strictly `ok`: a ratchet
while not every folder reaches the catalogue issue's 95%.
"""
import json
import sys

ACCOUNTING = {"unused-table", "dropped-parameter", "unimported-parameter"}


def accounting(finding):
    """A finding the table accounting added; `not referred to by any field` was
    a warning (`unlinked-table`) before it, and still counts against the gate."""
    return finding["code"] in ACCOUNTING and "not referred to by any field" not in finding["message"]


def summary(report):
    pages = report["pages"]
    count = lambda status: sum(1 for p in pages if p["status"] == status)
    operations = [p for p in pages if p["status"] in ("ok", "partial", "failed")]
    findings = [f for p in pages for f in p["findings"]]
    ok_apart = sum(
        1
        for p in operations
        if p["status"] == "ok"
        or p["status"] == "partial"
        and all(f["severity"] == "info" or accounting(f) for f in p["findings"])
    )
    return {
        "pages": len(pages),
        "ok": count("ok"),
        "partial": count("partial"),
        "failed": count("failed"),
        "skipped": count("skipped"),
        "operations": len(operations),
        "unused": sum(1 for f in findings if f["code"] == "unused-table"),
        "dropped": sum(1 for f in findings if f["code"] == "dropped-parameter"),
        "unimported": sum(1 for f in findings if f["code"] == "unimported-parameter"),
        "ok_apart": ok_apart,
    }


def floor_folders(args):
    """The folders of the --strict-floor file, and the other arguments."""
    if "--strict-floor" not in args:
        return None, args
    at = args.index("--strict-floor")
    lines = open(args[at + 1]).read().splitlines()
    folders = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return folders, args[:at] + args[at + 2 :]


def main(args):
    floors, args = floor_folders(args)
    gate = "--gate" in args
    failures = []
    for arg in (a for a in args if a != "--gate"):
        folder, path = arg.split("=", 1)
        s = summary(json.load(open(path)))
        share = 100.0 * s["ok"] / max(s["operations"], 1)
        share_apart = 100.0 * s["ok_apart"] / max(s["operations"], 1)
        print(
            f"{folder:<24} {s['pages']:4} pages: {s['ok']:4} ok, {s['partial']:3} partial, {s['failed']:3} failed, "
            f"{s['skipped']:3} skipped | {share:5.1f}% ok ({share_apart:5.1f}% apart from table accounting) | "
            f"{s['unused']:3} unused tables, {s['dropped']:3} dropped-parameter, "
            f"{s['unimported']:3} unimported-parameter findings"
        )
        if gate and s["failed"] > 0:
            failures.append(f"{folder}: {s['failed']} operation page(s) failed")
        if gate and share_apart < 95.0:
            failures.append(f"{folder}: under 95% of operation pages ok apart from table accounting")
        if floors is not None and s["failed"] > 0:
            failures.append(f"{folder}: {s['failed']} operation page(s) failed")
        if floors is not None and folder in floors and share < 95.0:
            failures.append(f"{folder}: under 95% of operation pages ok ({share:.1f}%), which it reached before")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
