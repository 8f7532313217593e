#!/usr/bin/env bash
# Side by side: the `hwcloud` crate (our generator, in its build script) against a
# client that progenitor generates from the same services, exported as OpenAPI 3.0
# by `codegen openapi`.
#
#   benches/progenitor-side-by-side.sh [SERVICE...]       (default: dli ges)
#
# Measures, for each side: a cold `cargo build` (debug, fresh target directory,
# dependencies included), a rebuild after a one-operation change (one word appended
# to one description), a rebuild of the final crate alone, and the lines of
# generated Rust. Prints a table at the end; everything it writes is under $WORK.
#
# Environment:
#   WORK             work directory (default: a new temporary one); its target dirs are wiped
#   BENCH_EDIT_FILE  the operation file of the one-op change, relative to spec/
#                    (default dli/operations/cancel_job.yaml)
#   BENCH_EDIT_FIELD the field whose `en:` description gets the word (default is_success)
#   BENCH_WORD       the word appended (default sidebyside); must not occur in the spec
#   BENCH_OURS_EXTRA extra hwcloud features, e.g. `client` (progenitor's code always
#                    carries reqwest; hwcloud without `client` has no HTTP stack)
#
# Run it on an idle machine: with 2 cores, any other build in parallel skews both sides.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
logs=$work/logs
mkdir -p "$logs"

services=("$@")
((${#services[@]})) || services=(dli ges)
features=$(IFS=,; echo "${services[*]}")${BENCH_OURS_EXTRA:+,$BENCH_OURS_EXTRA}

edit_file=${BENCH_EDIT_FILE:-dli/operations/cancel_job.yaml}
edit_field=${BENCH_EDIT_FIELD:-is_success}
word=${BENCH_WORD:-sidebyside}
edit_service=${edit_file%%/*}

# progenitor and everything its generated code needs, pinned exactly so two runs
# compare the same code. The versions are the newest on crates.io when this was
# written; progenitor 0.15.1 generates with openapiv3 2.2.0, typify 0.8.0, syn 3.
progenitor_version=0.15.1
declare -A pin=(
    [progenitor]=0.15.1 [progenitor-client]=0.15.1 [openapiv3]=2.2.0
    [prettyplease]=0.3.0 [syn]=3.0.10
    [reqwest]=0.13.5 [serde]=1.0.229 [serde_json]=1.0.154
    [chrono]=0.4.45 [uuid]=1.29.3 [regress]=0.12.0 [futures]=0.3.34
)

# A compiler cache would turn the cold builds into cache reads.
export RUSTC_WRAPPER='' CARGO_BUILD_RUSTC_WRAPPER=''

die() { echo "error: $*" >&2; exit 1; }

# timed VAR DIR CMD...: runs CMD in DIR (output to $logs/VAR.log) and sets VAR to
# the wall-clock seconds it took.
cold_ours='' cold_theirs='' crate_ours='' crate_theirs='' rebuild_ours='' rebuild_theirs=''
timed() {
    local var=$1 dir=$2 start end
    shift 2
    echo "== $var: $*" >&2
    start=$(date +%s.%N)
    if ! (cd "$dir" && "$@") >"$logs/$var.log" 2>&1; then
        tail -n 60 "$logs/$var.log" >&2
        die "$var failed; full log: $logs/$var.log"
    fi
    end=$(date +%s.%N)
    printf -v "$var" '%s' "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
    echo "   ${!var} s" >&2
}

# out_dir TARGET PACKAGE: the OUT_DIR whose build script wrote services.rs (both
# build scripts write one); exactly one is expected in a target dir of its own.
out_dir() {
    local dirs=() dir
    for dir in "$1"/debug/build/"$2"-*/out; do
        [[ -f $dir/services.rs ]] && dirs+=("$dir")
    done
    ((${#dirs[@]} == 1)) || die "expected one OUT_DIR of $2 in $1, found ${#dirs[@]}"
    echo "${dirs[0]}"
}

lines() { cat "$@" | wc -l | tr -d ' '; }

# Lines that are neither blank nor comments: the two generators document very
# differently (typify, under progenitor, embeds each type's JSON schema in its doc
# comment), so this is the size of the code rustc actually compiles.
code_lines() {
    awk '
        /^[[:space:]]*$/ { next }
        in_block { if (index($0, "*/")) in_block = 0; next }
        /^[[:space:]]*\/\*/ { if (!index(substr($0, index($0, "/*") + 2), "*/")) in_block = 1; next }
        /^[[:space:]]*\/\// { next }
        { n++ }
        END { print n + 0 }
    ' "$@"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# append_word FILE FIELD WORD: appends WORD to the `en:` line of FIELD's description
# (the first `en:` after `- name: FIELD`, before the next field).
append_word() {
    local file=$1
    awk -v field="$2" -v word="$3" -v q="'" '
        !done && $0 ~ "^[[:space:]]*- name: " field "[[:space:]]*$" { inside = 1; print; next }
        inside && /^[[:space:]]*- name: / { inside = 0 }
        inside && /^[[:space:]]+en: / {
            if ($0 ~ /: [|>][-+]?[[:space:]]*$/) { bad = 3; exit }
            sub(/[[:space:]]+$/, "")
            last = substr($0, length($0))
            if (last == q || last == "\"") $0 = substr($0, 1, length($0) - 1) " " word last
            else $0 = $0 " " word
            done = 1; inside = 0
        }
        { print }
        END { if (bad) exit bad; if (!done) exit 2 }
    ' "$file" >"$file.new" || {
        rm -f "$file.new"
        die "no single-line \`en:\` description of field $2 in $file (set BENCH_EDIT_FIELD)"
    }
    mv "$file.new" "$file"
}

export_openapi() { # SPEC_DIR OUT_DIR LOG
    (cd "$repo" && cargo run -q --release --locked -p hwcloud-codegen-cli -- openapi --lang en --out "$2" "$1") \
        >"$3" 2>&1 || { tail -n 40 "$3" >&2; die "codegen openapi failed; log: $3"; }
}

[[ " ${services[*]} " == *" $edit_service "* ]] ||
    die "the one-op change edits $edit_file, but $edit_service is not among the services (${services[*]})"
echo "work dir: $work (services: ${services[*]})" >&2
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

# --- The spec, copied: the one-op change must not touch the repository. hwcloud's
# build script reads $HWCLOUD_SPEC_DIR instead of its own spec/.
rm -rf "$work/spec" "$work/openapi" "$work/openapi-after"
cp -R "$repo/spec" "$work/spec"
if grep -rqw -- "$word" "$work/spec"; then die "the word '$word' already occurs in the spec (set BENCH_WORD)"; fi

# --- OpenAPI 3.0 documents, one per service.
export_openapi "$work/spec" "$work/openapi" "$logs/export.log"
for service in "${services[@]}"; do
    doc=$work/openapi/$service.json
    [[ -f $doc ]] || die "codegen openapi wrote no $doc"
    grep -Eq '"openapi"[[:space:]]*:[[:space:]]*"3\.0\.' "$doc" || die "$doc is not OpenAPI 3.0.x (progenitor takes only 3.0)"
done

# --- The progenitor crate. build.rs rather than `generate_api!`: it mirrors hwcloud
# (a build script writing one file per service to OUT_DIR, included by lib.rs), so
# both rebuilds do the same kind of work (rerun the generator, recompile the crate),
# and the generated code is a file whose lines can be counted. The macro would also
# rerun generation inside rustc on every recompile of the crate, even one that no
# document change caused, which would charge progenitor for work hwcloud skips.
pg=$work/progenitor-sdk
rm -rf "$pg"
mkdir -p "$pg/src" "$pg/openapi"
# for_progenitor SRC DST: the document as progenitor 0.15.1 can compile it. typify
# turns property names into snake_case without telling apart two that collide
# (GES's error body documents both `errorCode` and `error_code`), which gives a
# struct with a field twice; the later of two such properties is dropped. Nothing
# else changes, so both sides build the same operations and types.
for_progenitor() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys
def snake(name):
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
dropped = []
def walk(node, where):
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            seen = {}
            for key in list(props):
                if snake(key) in seen:
                    dropped.append(f"{where}.{key} (beside {seen[snake(key)]})")
                    del props[key]
                    if key in node.get("required", []):
                        node["required"].remove(key)
                else:
                    seen[snake(key)] = key
        for key, value in node.items():
            walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, f"{where}/{i}")
doc = json.load(open(sys.argv[1]))
walk(doc, "#")
json.dump(doc, open(sys.argv[2], "w"), indent=2)
for d in dropped:
    print(f"progenitor compatibility: dropped {d}", file=sys.stderr)
PY
}
for service in "${services[@]}"; do for_progenitor "$work/openapi/$service.json" "$pg/openapi/$service.json"; done

# Optional dependencies, enabled only when a document needs them, as `cargo progenitor`
# decides for the crates it writes (chrono for date/date-time, uuid, regress for
# `pattern`, futures for Dropshot pagination). build.rs checks the guess.
pg_features=()
docs=("$pg"/openapi/*.json)
grep -Eq '"format"[[:space:]]*:[[:space:]]*"date(-time)?"' "${docs[@]}" && pg_features+=(chrono)
grep -Eq '"format"[[:space:]]*:[[:space:]]*"uuid"' "${docs[@]}" && pg_features+=(uuid)
grep -Eq '"pattern"[[:space:]]*:[[:space:]]*"' "${docs[@]}" && pg_features+=(regress)
grep -q '"x-dropshot-pagination"' "${docs[@]}" && pg_features+=(futures)
pg_feature_args=()
((${#pg_features[@]})) && pg_feature_args=(--features "$(IFS=,; echo "${pg_features[*]}")")

cat >"$pg/Cargo.toml" <<EOF
[package]
name = "progenitor-sdk"
version = "0.0.0"
edition = "2021"
publish = false

# Not a member of any enclosing workspace.
[workspace]

# The runtime dependencies \`cargo progenitor\` $progenitor_version gives a crate it writes
# (reqwest without default features: no TLS stack, like hwcloud without \`client\`).
[dependencies]
progenitor-client = "=${pin[progenitor-client]}"
reqwest = { version = "=${pin[reqwest]}", default-features = false, features = ["json", "query", "stream"] }
serde = { version = "=${pin[serde]}", features = ["derive"] }
serde_json = "=${pin[serde_json]}"
chrono = { version = "=${pin[chrono]}", default-features = false, features = ["serde"], optional = true }
uuid = { version = "=${pin[uuid]}", features = ["serde", "v4"], optional = true }
regress = { version = "=${pin[regress]}", optional = true }
futures = { version = "=${pin[futures]}", optional = true }

# Without progenitor's default \`macro\` feature: the build script needs only the generator.
[build-dependencies]
openapiv3 = "=${pin[openapiv3]}"
prettyplease = "=${pin[prettyplease]}"
progenitor = { version = "=${pin[progenitor]}", default-features = false }
serde_json = "=${pin[serde_json]}"
syn = { version = "=${pin[syn]}", features = ["full"] }
EOF

cat >"$pg/src/lib.rs" <<'EOF'
//! progenitor clients (builder interface) for the OpenAPI documents in `openapi/`,
//! one module per service; see build.rs.
include!(concat!(env!("OUT_DIR"), "/services.rs"));
EOF

cat >"$pg/build.rs" <<'EOF'
//! One progenitor client module per OpenAPI document in `openapi/`, written to
//! OUT_DIR the way hwcloud's build script writes one per service of `spec/`, and
//! formatted with prettyplease, the formatter hwcloud-codegen uses, so that line
//! counts compare like with like.

use std::env;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use progenitor::{GenerationSettings, Generator, InterfaceStyle};

fn main() {
    let docs_dir = Path::new("openapi");
    // The directory itself catches added and removed documents.
    println!("cargo:rerun-if-changed={}", docs_dir.display());
    let mut docs: Vec<PathBuf> = fs::read_dir(docs_dir)
        .expect("openapi/ is missing")
        .map(|entry| entry.expect("reading openapi/").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    docs.sort();

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR: run me from cargo"));
    let mut services =
        String::from("// @generated: one progenitor client module per OpenAPI document.\n");
    let mut uses = [false; OPTIONAL.len()];
    for doc in &docs {
        println!("cargo:rerun-if-changed={}", doc.display());
        let service = doc
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a UTF-8 file name");
        let text = fs::read_to_string(doc).unwrap_or_else(|e| panic!("{}: {e}", doc.display()));
        let spec: openapiv3::OpenAPI = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: openapiv3 does not accept it: {e}", doc.display()));

        let mut settings = GenerationSettings::new();
        settings.with_interface(InterfaceStyle::Builder);
        let mut generator = Generator::new(&settings);
        // progenitor reports much unsupported input with todo!/assert! rather than an
        // Err: name the document before the panic goes on.
        let tokens =
            match panic::catch_unwind(AssertUnwindSafe(|| generator.generate_tokens(&spec))) {
                Ok(Ok(tokens)) => tokens,
                Ok(Err(error)) => panic!("{}: progenitor rejects it: {error}", doc.display()),
                Err(payload) => {
                    eprintln!(
                        "{}: progenitor panicked on it (message above)",
                        doc.display()
                    );
                    panic::resume_unwind(payload)
                }
            };
        assert!(
            !generator.uses_websockets(),
            "{service}: websocket endpoints are not part of this bench"
        );
        let types = generator.get_type_space();
        for (used, now) in uses.iter_mut().zip([
            types.uses_chrono(),
            types.uses_uuid(),
            types.uses_regress(),
            generator.uses_futures(),
        ]) {
            *used |= now;
        }

        let file: syn::File = syn::parse2(tokens).expect("progenitor's output parses as a file");
        fs::write(
            out_dir.join(format!("{service}.rs")),
            prettyplease::unparse(&file),
        )
        .expect("writing to OUT_DIR");
        services.push_str(&format!(
            "pub mod {service} {{\n    include!(\"{service}.rs\");\n}}\n"
        ));
    }
    fs::write(out_dir.join("services.rs"), services).expect("writing to OUT_DIR");
    check_optional_dependencies(uses);
}

/// The optional dependencies of the generated code, in the order `uses` records them.
const OPTIONAL: [&str; 4] = ["chrono", "uuid", "regress", "futures"];

/// The bench script enables an optional dependency when it finds a document needs
/// it; this catches a wrong guess with a clearer message than an unresolved path.
fn check_optional_dependencies(uses: [bool; OPTIONAL.len()]) {
    for (dependency, needed) in OPTIONAL.into_iter().zip(uses) {
        let feature = format!("CARGO_FEATURE_{}", dependency.to_uppercase());
        let enabled = env::var_os(feature).is_some();
        if needed && !enabled {
            panic!("the generated code needs `{dependency}`: add it to the script's feature guess");
        }
        if enabled && !needed {
            println!("cargo:warning=`{dependency}` is enabled but unused (adds to the cold build)");
        }
    }
}
EOF

# --- Dependencies downloaded before any clock starts; the timed builds run --frozen.
ours=(env CARGO_TARGET_DIR="$work/target-ours" HWCLOUD_SPEC_DIR="$work/spec"
    cargo build --frozen -p hwcloud --no-default-features --features "$features")
theirs=(env CARGO_TARGET_DIR="$work/target-progenitor" cargo build --frozen "${pg_feature_args[@]}")
(cd "$repo" && cargo fetch --locked) >"$logs/fetch-ours.log" 2>&1 || die "cargo fetch (repo) failed: $logs/fetch-ours.log"
(cd "$pg" && cargo generate-lockfile && cargo fetch --locked) >"$logs/fetch-progenitor.log" 2>&1 ||
    die "resolving the progenitor crate failed: $logs/fetch-progenitor.log"

# --- Cold builds: fresh target dirs, so every dependency and build script compiles.
# Ours builds in the repository with its own Cargo.lock (as a user of this checkout
# would), in a target dir of its own.
rm -rf "$work/target-ours" "$work/target-progenitor"
timed cold_ours "$repo" "${ours[@]}"
timed cold_theirs "$pg" "${theirs[@]}"

ours_out=$(out_dir "$work/target-ours" hwcloud)
theirs_out=$(out_dir "$work/target-progenitor" progenitor-sdk)
lines_ours=$(lines "$ours_out"/*.rs)
lines_theirs=$(lines "$theirs_out"/*.rs)
code_ours=$(code_lines "$ours_out"/*.rs)
code_theirs=$(code_lines "$theirs_out"/*.rs)

# --- The final crate alone: a newer mtime on the generated services.rs (in the
# target dir, not the repository) recompiles the crate without rerunning its build script.
sleep 1
touch "$ours_out/services.rs"
timed crate_ours "$repo" "${ours[@]}"
touch "$theirs_out/services.rs"
timed crate_theirs "$pg" "${theirs[@]}"

# --- The one-operation change, in the YAML copy, then exported again, so that
# progenitor's documents carry exactly the change our spec does.
sleep 1
append_word "$work/spec/$edit_file" "$edit_field" "$word"
changed_lines=$({ diff "$repo/spec/$edit_file" "$work/spec/$edit_file" || true; } | grep -c '^[<>]' || true)
((changed_lines == 2)) || die "the edit of $edit_file changed $changed_lines lines, not one"
export_openapi "$work/spec" "$work/openapi-after" "$logs/export-after.log"
changed=()
for service in "${services[@]}"; do
    cmp -s "$work/openapi/$service.json" "$work/openapi-after/$service.json" || changed+=("$service")
done
if [[ " ${changed[*]} " != *" $edit_service "* ]] || ! grep -qw -- "$word" "$work/openapi-after/$edit_service.json"; then
    die "the exported $edit_service.json does not carry the edited description; pick another BENCH_EDIT_FIELD"
fi
((${#changed[@]} == 1)) || echo "warning: the export changed ${changed[*]}, not only $edit_service (is it deterministic?)" >&2

timed rebuild_ours "$repo" "${ours[@]}"
for service in "${changed[@]}"; do for_progenitor "$work/openapi-after/$service.json" "$pg/openapi/$service.json" 2>/dev/null; done
timed rebuild_theirs "$pg" "${theirs[@]}"

# Both rebuilds must have regenerated the code, or the comparison measured nothing.
grep -qw -- "$word" "$ours_out"/*.rs || die "hwcloud's generated code lacks '$word' after the rebuild"
grep -qw -- "$word" "$theirs_out"/*.rs ||
    echo "warning: progenitor's generated code lacks '$word' (it dropped the description); its rebuild still reran" >&2

# --- Summary.
rustc_version=$(rustc --version)
{
    echo
    echo "hwcloud (features ${features}) vs progenitor ${progenitor_version} (builder interface${pg_features:+, features ${pg_features[*]}})"
    echo "${rustc_version}; $(nproc) cores; load before: ${load_before}; debug profile; work dir ${work}"
    echo "one-op change: '${word}' appended to ${edit_field}'s description in ${edit_file}"
    echo
    printf '%-16s ours %7s s   progenitor %7s s   ratio %s\n' \
        "cold build" "$cold_ours" "$cold_theirs" "$(ratio "$cold_ours" "$cold_theirs")" \
        "one-op rebuild" "$rebuild_ours" "$rebuild_theirs" "$(ratio "$rebuild_ours" "$rebuild_theirs")" \
        "final crate" "$crate_ours" "$crate_theirs" "$(ratio "$crate_ours" "$crate_theirs")"
    printf '%-16s ours %9s   progenitor %9s   ratio %s\n' \
        "generated lines" "$lines_ours" "$lines_theirs" "$(ratio "$lines_ours" "$lines_theirs")" \
        "code lines" "$code_ours" "$code_theirs" "$(ratio "$code_ours" "$code_theirs")"
    echo
    echo "final crate: the crate alone recompiled (build script not rerun); code lines: neither blank nor comment"
    echo "generated code: ${ours_out} and ${theirs_out}"
} | tee "$work/summary.txt"
