"""Pooled figures of `codegen compare --json` over several services, and the gate.

    python3 tests/ci/compare_summary.py [--gate | --floor query=96,body=92,...] REPORT.json ...

One line per service, then the pooled shares over matched operations: names found
in place (query, body, response), of the names the pages mention and of all the
vendor's names (drift included: how it measures on services nobody here read),
required flags and scalar types. With --gate, fails below the targets the
catalogue issue sets on the names the pages mention (98% each); with --floor, below
the given shares instead (a regression floor while the targets are not met).
"""
import json
import sys

PLACES = ("query", "body", "response")
TARGETS = {"query": 98.0, "body": 98.0, "response": 98.0, "required": 98.0, "types": 98.0}


def share(part, whole):
    return 100.0 * part / whole if whole else 100.0


def main(args):
    gate = "--gate" in args
    targets = dict(TARGETS)
    if "--floor" in args:
        at = args.index("--floor")
        targets = {k: float(v) for k, v in (pair.split("=") for pair in args[at + 1].split(","))}
        args = args[:at] + args[at + 2:]
        gate = True
    pooled = {p: {"vendor": 0, "found": 0, "drift": 0, "elsewhere": 0, "missing": 0} for p in PLACES}
    agreement = {"required": [0, 0], "types": [0, 0], "names": [0, 0]}
    matched = vendor_ops = 0
    for path in (a for a in args if a != "--gate"):
        c = json.load(open(path))
        f = c["figures"]
        matched += len(c["matched"])
        vendor_ops += c["vendor_operations"]
        cells = []
        for p in PLACES:
            for k in pooled[p]:
                pooled[p][k] += f[p][k]
            mentioned = f[p]["vendor"] - f[p]["drift"]
            cells.append(f"{p} {f[p]['found']}/{mentioned} ({share(f[p]['found'], mentioned):.1f}%)")
        for key, source in (("required", f["required"]), ("types", f["types"]), ("names", c["same_names"])):
            agreement[key][0] += source["agree"]
            agreement[key][1] += source["compared"]
        print(f"{c['service']:<10} {len(c['matched']):4}/{c['vendor_operations']:<4} operations matched | " + " | ".join(cells)
              + f" | required {share(f['required']['agree'], f['required']['compared']):.1f}%"
              + f" | types {share(f['types']['agree'], f['types']['compared']):.1f}%")
    print(f"pooled over {matched} matched operations (of {vendor_ops} vendor operations):")
    shares = {}
    for p in PLACES:
        t = pooled[p]
        mentioned = t["vendor"] - t["drift"]
        shares[p] = share(t["found"], mentioned)
        print(f"  {p:<8} names: {t['found']}/{mentioned} of the names the pages mention ({shares[p]:.1f}%);"
              f" plain {t['found']}/{t['vendor']} ({share(t['found'], t['vendor']):.1f}%);"
              f" {t['elsewhere']} elsewhere, {t['missing']} missing, {t['drift']} drift")
    for key in ("required", "types", "names"):
        agree, compared = agreement[key]
        shares[key] = share(agree, compared)
        label = {"required": "required flags", "types": "scalar types", "names": "operation names"}[key]
        print(f"  {label}: {agree}/{compared} agree ({shares[key]:.1f}%)")
    if gate:
        failing = [f"{k} {shares[k]:.1f}% < {t}%" for k, t in targets.items() if shares[k] < t]
        if failing:
            print("error: below the targets: " + "; ".join(failing), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
