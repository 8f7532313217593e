//! A fuzz harness on the stable toolchain: seeded mutations of pages and spec
//! files through import, check, generate, diff and the OpenAPI export. Each case
//! must end without a panic or an abort, within a generous watchdog, and every
//! error it reports must be located (a file and a line, or a page).
//!
//! `cargo test` runs a bounded number of cases from a fixed seed, on pages
//! written here and on the specs of the generator's fixtures. A long run, also over the pages of
//! a documentation corpus:
//!
//! ```text
//! FUZZ_CASES=20000 FUZZ_SEED=7 FUZZ_CORPUS=../shared/corpus \
//!   cargo test --release -p hwcloud-codegen-cli --test fuzz -- --nocapture
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hwcloud_codegen_cli::import;

/// A case that takes longer than this is a hang, not a slow input.
const WATCHDOG: Duration = Duration::from_secs(30);

/// Text written to break a stage: fences, controls, bidi, markup, depth.
const HOSTILE: &[&str] = &[
    "~~~\nstd::process::exit(3);\n~~~",
    "```rust\npanic!(\"ran\");\n```",
    "\r",
    "\u{202e}",
    "\u{0}\u{7}\u{1b}",
    "<table><tr><td>",
    "</td></tr></table></table>",
    "{{{{{{{{",
    "]]]]",
    "&#x202e;&#0;&#xFFFFFF;",
    "- - - - -",
    "    indented",
    "GET /v1/{a}/{a}/{{b}}",
    "| a | b |\n|---|---|\n| c |",
    "type: array<array<array<array<Missing>>>>",
    "\n  - name: x\n    type: x\n",
];

/// A small xorshift generator: the same seed gives the same cases everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `bytes`: truncation, a line deleted or duplicated, hostile
/// text inserted, bytes flipped (invalid UTF-8), or a structure nested deep.
fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let at = rng.below(out.len() + 1);
    match rng.below(7) {
        0 => out.truncate(at),
        1 | 2 => {
            let line = rng.below(lines.len());
            let mut kept: Vec<&[u8]> = lines.clone();
            if rng.below(2) == 0 {
                kept.remove(line);
            } else {
                kept.insert(line, lines[line]);
            }
            out = kept.join(&b'\n');
        }
        3 => {
            let text = HOSTILE[rng.below(HOSTILE.len())].as_bytes();
            let at = (0..=at)
                .rev()
                .find(|i| std::str::from_utf8(&out[..*i]).is_ok())
                .unwrap_or(0);
            out.splice(at..at, text.iter().copied());
        }
        4 => {
            for _ in 0..1 + rng.below(4) {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] = 0x80 | (rng.next() as u8);
                }
            }
        }
        5 => {
            let depth = 1 + rng.below(3000);
            let open = if rng.below(2) == 0 {
                "<table><tr><td>"
            } else {
                "- a:\n  "
            };
            out.splice(at.min(out.len())..at.min(out.len()), open.repeat(depth).bytes());
        }
        _ => out.extend_from_slice(&bytes[..at]),
    }
    out
}

/// Pages written here, in both layouts the importer reads.
fn pages() -> Vec<(String, Vec<u8>)> {
    let table = |rows: &str| {
        format!(
            "<table><thead><tr><th>参数</th><th>是否必选</th><th>参数类型</th><th>描述</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    let row = |name: &str, ty: &str| {
        format!("<tr><td>{name}</td><td>是</td><td>{ty}</td><td>说明，参见表3。</td></tr>")
    };
    let markdown = format!(
        "# 创建作业\n\n## 功能介绍\n\n创建一个作业。\n\n## URI\n\nPOST /v1.0/{{project_id}}/jobs?limit={{limit}}\n\n**表 1**  路径参数\n\n{}\n\n## 请求参数\n\n**表 2**  请求Body参数\n\n{}\n\n**表 3**  tags\n\n{}\n\n## 响应参数\n\n**状态码： 200**\n\n**表 4**  响应Body参数\n\n{}\n\n## 请求示例\n\n```\n{{\"name\": \"a\", \"tags\": [{{\"key\": \"k\"}}]}}\n```\n\n## 状态码\n\n<table><thead><tr><th>状态码</th><th>描述</th></tr></thead><tbody><tr><td>200</td><td>OK</td></tr></tbody></table>\n",
        table(&row("project_id", "String")),
        table(&format!(
            "{}{}",
            row("name", "String"),
            row("tags", "Array of objects")
        )),
        table(&row("key", "String")),
        table(&row("job_id", "String")),
    );
    let rst = "Creating a Job\n==============\n\nURI\n---\n\nPOST /v1.0/{project_id}/jobs\n\n.. table:: **Table 1** Path parameters\n\n   ========== ========= ====== ===========\n   Parameter  Mandatory Type   Description\n   ========== ========= ====== ===========\n   project_id Yes       String Project ID.\n   ========== ========= ====== ===========\n\nResponse\n--------\n\n.. table:: **Table 2** Response parameters\n\n   ====== ====== ===========\n   Name   Type   Description\n   ====== ====== ===========\n   job_id String Job ID.\n   ====== ====== ===========\n";
    let errors = "# 错误码\n\n<table><thead><tr><th>状态码</th><th>错误码</th><th>错误信息</th></tr></thead><tbody><tr><td>400</td><td>DLI.0001</td><td>参数错误。</td></tr></tbody></table>\n";
    vec![
        ("create.md".into(), markdown.into_bytes()),
        ("create.rst".into(), rst.as_bytes().to_vec()),
        ("errors.md".into(), errors.as_bytes().to_vec()),
    ]
}

/// Pages of a documentation corpus, when `FUZZ_CORPUS` names one.
fn corpus_pages(limit: usize) -> Vec<(String, Vec<u8>)> {
    let Some(root) = std::env::var_os("FUZZ_CORPUS") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "rst") && found.len() < limit {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// The small specs of the generator's fixtures (paging and waiting, shared and
/// recursive objects, raw identifiers, ...): each a map of its files.
fn fixture_specs() -> Vec<BTreeMap<PathBuf, Vec<u8>>> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures");
    let mut specs = Vec::new();
    let mut roots: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    roots.sort();
    for root in roots {
        let mut files = BTreeMap::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    files.insert(
                        path.strip_prefix(&root).unwrap().to_owned(),
                        std::fs::read(&path).unwrap(),
                    );
                }
            }
        }
        specs.push(files);
    }
    specs
}

/// A mutated page through import: located findings, and a spec that `check` accepts.
fn import_case(name: &str, bytes: &[u8], dir: &Path) {
    let docs = dir.join("fuzz-dli-zh");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(name), bytes).unwrap();
    let imported = import::import(&[docs], None);
    for page in &imported.report.pages {
        assert!(!page.page.is_empty(), "a report entry names its page");
    }
    let files: BTreeMap<PathBuf, String> = imported.files.clone();
    let diagnostics = hwcloud_model::check_texts(&files);
    assert!(
        diagnostics.is_empty(),
        "the importer wrote a spec `check` refuses: {}",
        diagnostics
            .iter()
            .map(|d| d.one_line())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn write_spec(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>, target: &Path, bytes: &[u8]) {
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            if file.as_path() == target {
                bytes
            } else {
                text.as_slice()
            },
        )
        .unwrap();
    }
}

/// A mutated spec file through check, then (when it passes) generate, diff
/// against the spec before the mutation, and the OpenAPI export.
fn spec_case(files: &BTreeMap<PathBuf, Vec<u8>>, target: &Path, bytes: Vec<u8>, dir: &Path) {
    let (before, spec) = (dir.join("before"), dir.join("spec"));
    write_spec(&before, files, target, &files[target]);
    write_spec(&spec, files, target, &bytes);
    let original = hwcloud_model::load(&before).expect("the committed spec loads");
    match hwcloud_model::load(&spec) {
        Err(diagnostics) => {
            for d in diagnostics.iter() {
                assert!(d.file.starts_with(&spec), "unlocated: {}", d.one_line());
            }
        }
        Ok(model) => {
            hwcloud_codegen::Config::new()
                .out_dir(dir.join("out"))
                .generate(&spec)
                .unwrap_or_else(|e| panic!("check passed, generate failed: {e}"));
            let _ = hwcloud_codegen_cli::diff::diff(&original, &model);
            hwcloud_codegen_cli::openapi::documents(&model, hwcloud_codegen_cli::openapi::Lang::En)
                .unwrap_or_else(|e| panic!("check passed, the export failed: {e}"));
        }
    }
}

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

#[test]
fn mutated_pages_and_spec_files_never_panic_hang_or_go_unlocated() {
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_u64);
    let mut rng = Rng(seed | 1);
    let total = cases();
    let mut pages = pages();
    pages.extend(corpus_pages(total));
    let specs = fixture_specs();
    let (mut page_cases, mut spec_cases) = (0, 0);
    for case in 0..total {
        let dir = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let what = if case % 3 == 2 {
            let files = &specs[rng.below(specs.len())];
            let target = files.keys().nth(rng.below(files.len())).unwrap();
            let bytes = mutate(&files[target], &mut rng);
            spec_case(files, target, bytes, dir.path());
            spec_cases += 1;
            format!("spec file {}", target.display())
        } else {
            let (name, bytes) = &pages[rng.below(pages.len())];
            let mutated = mutate(bytes, &mut rng);
            import_case(name, &mutated, dir.path());
            page_cases += 1;
            format!("page {name}")
        };
        assert!(
            started.elapsed() < WATCHDOG,
            "case {case} ({what}) took {:?}",
            started.elapsed()
        );
    }
    println!(
        "{total} cases (seed {seed}): {page_cases} mutated pages imported, {spec_cases} mutated spec files checked"
    );
}
