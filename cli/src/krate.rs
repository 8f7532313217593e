//! `codegen crate`: a complete, standalone SDK crate for every service of a spec
//! directory: `Cargo.toml` (one feature per service), a `build.rs` with the one
//! `Config` call, `src/lib.rs`, a README, and a copy of the spec it is built from.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hwcloud_model::Model;

/// Where the generated crate takes `hwcloud-runtime` and `hwcloud-codegen` from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A checkout's crate directories (`<dir>/runtime`, `<dir>/codegen`); its
    /// `Cargo.lock` is copied too, so the crate builds offline.
    Checkout(PathBuf),
    /// A registry version, for publishing.
    Version(String),
    /// A git repository, optionally at a revision.
    Git {
        /// The repository URL.
        url: String,
        /// A branch, tag or commit.
        rev: Option<String>,
    },
}

impl Source {
    /// The checkout this CLI was built from when it still exists, else the
    /// registry version of this CLI.
    pub fn default_for_this_build() -> Source {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        match checkout.join("runtime/Cargo.toml").canonicalize() {
            Ok(manifest) => Source::Checkout(
                manifest
                    .parent()
                    .and_then(Path::parent)
                    .map_or(checkout.clone(), Path::to_owned),
            ),
            Err(_) => Source::Version(env!("CARGO_PKG_VERSION").to_owned()),
        }
    }

    fn dependency(&self, package: &str, dir: &str) -> String {
        match self {
            Source::Checkout(root) => format!(
                "{{ path = {} }}",
                toml_string(&root.join(dir).display().to_string())
            ),
            Source::Version(version) => format!("{{ version = {} }}", toml_string(version)),
            Source::Git { url, rev } => {
                let rev = rev
                    .as_ref()
                    .map(|r| format!(", rev = {}", toml_string(r)))
                    .unwrap_or_default();
                format!(
                    "{{ git = {}{rev}, package = {} }}",
                    toml_string(url),
                    toml_string(package)
                )
            }
        }
    }
}

/// What to write.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// The package name; Rust code names it with `-` as `_`.
    pub name: String,
    /// How generated code names the runtime (`::hwcloud_runtime`, or
    /// `crate::runtime`, the crate's own re-export).
    pub runtime_path: String,
    /// Where the runtime and the generator come from.
    pub source: Source,
}

/// Why a crate could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CrateError {
    /// The spec has problems.
    #[error("the spec has errors:\n{0}")]
    Spec(hwcloud_model::Diagnostics),
    /// The package name is not one Cargo accepts.
    #[error(
        "`{0}` is not a package name: use ASCII letters, digits, `-` and `_`, starting with a letter, and no Rust keyword or name Cargo reserves (pass --name)"
    )]
    Name(String),
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// The example tests could not be rendered.
    #[error("{0}")]
    Examples(hwcloud_codegen::Error),
}

/// Package names Cargo refuses or that the generated crate's paths would
/// shadow, beside Rust keywords.
const RESERVED_PACKAGE_NAMES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "hwcloud_runtime",
    "hwcloud_codegen",
];

/// Validates `spec_dir`, then writes the crate into `out` (created if needed).
/// Returns the files written, relative to `out`.
pub fn write_crate(spec_dir: &Path, out: &Path, options: &CrateOptions) -> Result<Vec<PathBuf>, CrateError> {
    let crate_name = options.name.replace('-', "_");
    let valid_name = options.name.starts_with(|c: char| c.is_ascii_alphabetic())
        && options
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        // A keyword (`struct`), or a name Cargo or the generated code keeps.
        && hwcloud_model::names::snake(&crate_name) == crate_name
        && !RESERVED_PACKAGE_NAMES.contains(&crate_name.as_str());
    if !valid_name {
        return Err(CrateError::Name(options.name.clone()));
    }
    let model = hwcloud_model::load(spec_dir).map_err(CrateError::Spec)?;
    // Read the spec before writing anything: `--spec CRATE/spec --out CRATE`
    // refreshes a crate from its own copy, which is replaced below.
    let mut spec_files = Vec::new();
    for file in &model.files {
        let relative = file.strip_prefix(spec_dir).unwrap_or(file).to_owned();
        let text = std::fs::read_to_string(file).map_err(|e| CrateError::Io(file.clone(), e))?;
        spec_files.push((relative, text));
    }
    let examples = example_tests(spec_dir, &options.name)?;
    let mut written = Vec::new();
    let files = [
        ("Cargo.toml", manifest(&model, options)),
        ("build.rs", build_script(options)),
        ("src/lib.rs", lib_rs(&model)),
        ("README.md", readme(&model, options)),
        ("tests/examples.rs", examples),
    ];
    for (name, text) in files {
        write(&out.join(name), &text)?;
        written.push(PathBuf::from(name));
    }
    let spec_out = out.join("spec");
    if spec_out.exists() {
        std::fs::remove_dir_all(&spec_out).map_err(|e| CrateError::Io(spec_out.clone(), e))?;
    }
    for (relative, text) in spec_files {
        write(&spec_out.join(&relative), &text)?;
        written.push(Path::new("spec").join(relative));
    }
    // A checkout's lock file pins the runtime's dependencies to versions already
    // built and tested, so the crate also builds offline; cargo drops the rest.
    if let Source::Checkout(root) = &options.source
        && let Ok(lock) = std::fs::read_to_string(root.join("Cargo.lock"))
    {
        write(&out.join("Cargo.lock"), &lock)?;
        written.push(PathBuf::from("Cargo.lock"));
    }
    Ok(written)
}

/// Every JSON example of the spec as a test of the crate.
fn example_tests(spec_dir: &Path, package: &str) -> Result<String, CrateError> {
    let tests = hwcloud_codegen::Config::new()
        .mock_feature("test-util")
        .render_example_tests(spec_dir, &package.replace('-', "_"))
        .map_err(CrateError::Examples)?;
    Ok(format!(
        "//! Every JSON example the pages in `spec/` print, as one test each: responses and\n\
         //! request bodies deserialize into the generated types and serialize back equal,\n\
         //! error examples parse into a documented error code. Written by `codegen crate`\n\
         //! with the rest of the crate; write the crate again after the spec changes.\n\n{tests}"
    ))
}

fn write(path: &Path, text: &str) -> Result<(), CrateError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| CrateError::Io(dir.to_owned(), e))?;
    }
    std::fs::write(path, text).map_err(|e| CrateError::Io(path.to_owned(), e))
}

/// The services' names on one line, safe in a doc comment, TOML and Markdown.
fn service_list(model: &Model) -> String {
    let names: Vec<String> = model
        .services
        .iter()
        .map(|s| match s.name.preferred() {
            Some(name) => format!("{} (`{}`)", one_line(name), s.id),
            None => format!("`{}`", s.id),
        })
        .collect();
    names.join(", ")
}

/// A documentation text as one line with no link or code syntax.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '`' | '<' | '>'))
        .collect()
}

fn manifest(model: &Model, options: &CrateOptions) -> String {
    let ids: Vec<&str> = model.services.iter().map(|s| s.id.as_str()).collect();
    let mut text = format!(
        "[package]\nname = {}\nversion = \"0.1.0\"\nedition = \"2024\"\ndescription = {}\n\
         # The spec travels with the crate: build.rs generates the code from it.\n\
         include = [\"src/**\", \"build.rs\", \"spec/**\", \"README.md\"]\n\n",
        toml_string(&options.name),
        toml_string(&format!(
            "Typed Rust SDK for {}, generated by hwcloud-codegen.",
            service_list(model)
        )),
    );
    text.push_str("# One feature per service directory in spec/.\n[features]\n");
    let quoted: Vec<String> = ids.iter().map(|id| toml_string(id)).collect();
    let _ = writeln!(text, "default = [{}]", quoted.join(", "));
    for id in &ids {
        let _ = writeln!(text, "{id} = []");
    }
    text.push_str(
        "# The async HTTP client (reqwest with rustls, tokio): signing, retries, paginators, waiters.\n\
         client = [\"hwcloud-runtime/client\"]\n\
         # `mock`: a client that answers from the documented examples and typed rules,\n\
         # for testing code that uses the client.\n\
         test-util = [\"client\", \"hwcloud-runtime/test-util\"]\n",
    );
    let _ = write!(
        text,
        "\n[dependencies]\nhwcloud-runtime = {}\n\n[build-dependencies]\nhwcloud-codegen = {}\n\n\
         # A workspace of its own, so the crate builds wherever it is written; remove\n\
         # this table to make it a member of an enclosing workspace.\n[workspace]\n",
        options.source.dependency("hwcloud-runtime", "runtime"),
        options.source.dependency("hwcloud-codegen", "codegen"),
    );
    text
}

fn build_script(options: &CrateOptions) -> String {
    let runtime = if options.runtime_path == hwcloud_codegen::DEFAULT_RUNTIME_PATH {
        String::new()
    } else {
        format!(".runtime_path({:?})", options.runtime_path)
    };
    format!(
        "//! Generates one module per service in `spec/` whose feature is enabled.\n\n\
         fn main() {{\n    \
         hwcloud_codegen::Config::new(){runtime}.service_features(true).mock_feature(\"test-util\").emit_rerun_if_changed(true).generate(\"spec\").unwrap_or_else(|error| panic!(\"{{error}}\"));\n\
         }}\n"
    )
}

fn lib_rs(model: &Model) -> String {
    let mut text = format!(
        "//! Typed Rust SDK for {}, generated by hwcloud-codegen from `spec/`.\n//!\n\
         //! One module per service, each behind the Cargo feature of its name. Each\n\
         //! operation is a request type with a builder that checks required parameters\n\
         //! at compile time; [`runtime::Operation`] turns it into an `http::Request` and\n\
         //! parses the response.\n\n",
        service_list(model)
    );
    text.push_str("/// The runtime the generated code calls (`hwcloud-runtime`).\npub use hwcloud_runtime as runtime;\n");
    text.push_str("/// The async client (feature `client`).\n#[cfg(feature = \"client\")]\npub use hwcloud_runtime::client;\n");
    text.push_str(
        "/// A client that answers from the documented examples, for tests (feature `test-util`).\n\
         #[cfg(feature = \"test-util\")]\npub use hwcloud_runtime::mock;\n\n",
    );
    text.push_str("include!(concat!(env!(\"OUT_DIR\"), \"/services.rs\"));\n");
    text
}

fn readme(model: &Model, options: &CrateOptions) -> String {
    let mut text = format!(
        "# {}\n\nTyped Rust SDK for {}, generated by [hwcloud-codegen] from the spec in `spec/`.\n\n",
        options.name,
        service_list(model)
    );
    text.push_str("| feature | service | operations |\n| --- | --- | --- |\n");
    for service in &model.services {
        let _ = writeln!(
            text,
            "| `{}` | {} | {} |",
            service.id,
            one_line(service.name.preferred().unwrap_or(&service.id)),
            service.operations.len()
        );
    }
    text.push_str(
        "\nThe code is generated at build time (`build.rs`); to change it, change the\n\
         spec (`codegen import` re-imports documentation pages into it, `codegen check spec`\n\
         validates it) and rebuild. `cargo test` checks every JSON example of the\n\
         pages against the generated types (`tests/examples.rs`, written with the crate).\n",
    );
    let krate = options.name.replace('-', "_");
    let _ = write!(
        text,
        "\nTwo more features:\n\n\
         - `client`: `{krate}::client::Client`, an async client (AK/SK signing or IAM\n  \
         tokens, retries, `client.paginate(request)` for list operations, waiters):\n  \
         `Client::builder().region(\"eu-de\").credentials(Credentials::access_key(ak, sk)).build()?`,\n  \
         then `client.send(&request).await`.\n\
         - `test-util`: `{krate}::mock`, the same client answering in memory for your\n  \
         tests: `let mock = {krate}::mock::Mock::new(); let client = mock.client();`;\n  \
         each operation answers with its documented example unless a rule\n  \
         (`mock.on::<Request>().respond(...)`, `.fail(code)`, `.sequence(...)`,\n  \
         `.pages(items)`) says otherwise; `mock.calls::<Request>()` lists what was sent.\n  \
         Enable it under `[dev-dependencies]`.\n\n\
         [hwcloud-codegen]: https://crates.io/crates/hwcloud-codegen\n"
    );
    text
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
