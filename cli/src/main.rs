//! `codegen`: import, check, generate, render, diff, and write a standalone crate.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use std::path::Path;

use clap::{Parser, Subcommand};
use hwcloud_codegen_cli::krate::{CrateError, CrateOptions, Source};
use hwcloud_codegen_cli::{import, openapi};

#[derive(Parser)]
#[command(
    name = "codegen",
    version,
    about = "Typed Rust SDK from YAML transcriptions of API documentation"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate one formatted Rust file per service and print a summary.
    Generate {
        /// The spec directory.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Where to write `<service>.rs`.
        #[arg(long, default_value = "target/generated")]
        out: PathBuf,
        /// Only these services (repeatable); default all.
        #[arg(long = "service")]
        services: Vec<String>,
    },
    /// Validate a spec directory; exits non-zero on any error.
    Check {
        /// The spec directory.
        #[arg(default_value = "spec")]
        dir: PathBuf,
        /// One `file:line:col: message` line per error instead of annotated snippets.
        #[arg(long)]
        short: bool,
    },
    /// Import documentation pages (files or folders) into spec YAML, with a report.
    Import {
        /// Where to write `<service>/operations/*.yaml`.
        #[arg(long)]
        out: PathBuf,
        /// The report as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The service the pages belong to; default: from the folder name (dli, ges).
        #[arg(long)]
        service: Option<String>,
        /// Pages or folders of pages.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// What changed between two specs, classified by effect on the generated crate.
    ///
    /// OLD and NEW are spec directories or git revisions of this repository; with
    /// none, the working tree's spec against HEAD; with one, it against the working tree.
    Diff {
        /// The old side: a directory or a git revision (default HEAD).
        old: Option<String>,
        /// The new side: a directory or a git revision (default the working tree).
        new: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 when a change of this class or a more severe one is present.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Where the spec lives within the repository, for git revisions.
        #[arg(long, default_value = "spec")]
        spec_dir: PathBuf,
    },
    /// Write a standalone SDK crate (Cargo.toml, build.rs, lib.rs, README, and
    /// a copy of the spec) for every service of a spec directory.
    Crate {
        /// The spec directory.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// The crate directory to write (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// The package name; default: the name of the `--out` directory.
        #[arg(long)]
        name: Option<String>,
        /// How generated code names the runtime: `::hwcloud_runtime`, or
        /// `crate::runtime` (the crate's own re-export).
        #[arg(long, default_value = hwcloud_codegen::DEFAULT_RUNTIME_PATH)]
        runtime_path: String,
        /// Depend on this registry version of hwcloud-runtime and hwcloud-codegen
        /// (for publishing) instead of this checkout's crates.
        #[arg(long, conflicts_with = "git")]
        version: Option<String>,
        /// Depend on hwcloud-runtime and hwcloud-codegen from this git repository.
        #[arg(long)]
        git: Option<String>,
        /// With `--git`: the branch, tag or commit.
        #[arg(long, requires = "git")]
        rev: Option<String>,
    },
    /// Export a spec directory as OpenAPI 3.0: `<out>/<service>.json` per service.
    Openapi {
        /// The spec directory.
        #[arg(default_value = "spec")]
        spec: PathBuf,
        /// Where to write the documents (created if needed).
        #[arg(long, default_value = "target/openapi")]
        out: PathBuf,
        /// The language of descriptions; a text documented only in the other is kept in it.
        #[arg(long, value_enum, default_value_t = openapi::Lang::En)]
        lang: openapi::Lang,
    },
    /// Compare a service's spec with the vendor's machine-readable definitions
    /// (API Explorer JSON, Swagger 2 or OpenAPI 3): operations matched by method
    /// and path, names by place and nesting, required flags and scalar types.
    Compare {
        /// A service directory of a spec (`spec/dli`).
        service_dir: PathBuf,
        /// The vendor's definitions of the service: a directory of JSON documents.
        #[arg(long)]
        against: PathBuf,
        /// Where the pages the spec names as sources lie, to tell apart vendor
        /// names the pages never mention (drift).
        #[arg(long)]
        pages: Option<PathBuf>,
        /// The comparison as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the generated Rust of one operation, or of a service's shared types.
    Render {
        /// `service.operation`, e.g. `dli.cancel_job`, or `service.types` for the
        /// object tables several of its operations share.
        operation: String,
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Breaking,
    Additive,
    Documentation,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { spec, out, services } => generate(spec, out, services),
        Command::Check { dir, short } => check(dir, short),
        Command::Render { operation, spec } => render(&operation, spec),
        Command::Openapi { spec, out, lang } => openapi(&spec, &out, lang),
        Command::Crate {
            spec,
            out,
            name,
            runtime_path,
            version,
            git,
            rev,
        } => {
            let source = match (version, git) {
                (Some(version), _) => Source::Version(version),
                (None, Some(url)) => Source::Git { url, rev },
                (None, None) => Source::default_for_this_build(),
            };
            write_crate(&spec, &out, name, runtime_path, source)
        }
        Command::Import {
            out,
            json,
            service,
            paths,
        } => import(&out, json, service, &paths),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            spec_dir,
        } => diff(old, new, format, fail_on, &spec_dir),
        Command::Compare {
            service_dir,
            against,
            pages,
            json,
        } => compare(service_dir, against, pages, json),
    }
}

fn compare(service_dir: PathBuf, against: PathBuf, pages: Option<PathBuf>, json: bool) -> ExitCode {
    let options = hwcloud_codegen_cli::compare::Options {
        service_dir,
        against,
        pages,
    };
    match hwcloud_codegen_cli::compare::compare(&options) {
        Ok(comparison) if json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&comparison).expect("a comparison serializes")
            );
            ExitCode::SUCCESS
        }
        Ok(comparison) => {
            print!("{}", hwcloud_codegen_cli::compare::text(&comparison));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn generate(spec: PathBuf, out: PathBuf, services: Vec<String>) -> ExitCode {
    let started = Instant::now();
    let mut config = hwcloud_codegen::Config::new();
    config.out_dir(out);
    for service in services {
        config.service(service);
    }
    match config.generate(&spec) {
        Ok(generated) => {
            println!("{generated}");
            println!("generated in {} ms", started.elapsed().as_millis());
            ExitCode::SUCCESS
        }
        Err(hwcloud_codegen::Error::Spec(diagnostics)) => report(&diagnostics, false),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn openapi(spec: &Path, out: &Path, lang: openapi::Lang) -> ExitCode {
    let model = match hwcloud_model::load(spec) {
        Ok(model) => model,
        Err(diagnostics) => return report(&diagnostics, false),
    };
    match openapi::documents(&model, lang).and_then(|documents| openapi::write_documents(&documents, out)) {
        Ok(lines) => {
            lines.iter().for_each(|line| println!("{line}"));
            println!(
                "{} OpenAPI 3.0.3 document(s) written to {}",
                lines.len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn check(dir: PathBuf, short: bool) -> ExitCode {
    match hwcloud_model::load(&dir) {
        Ok(spec) => {
            let operations: usize = spec.services.iter().map(|s| s.operations.len()).sum();
            println!(
                "{}: ok ({} services, {operations} operations)",
                dir.display(),
                spec.services.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => report(&diagnostics, short),
    }
}

fn import(out: &std::path::Path, json: bool, service: Option<String>, paths: &[PathBuf]) -> ExitCode {
    let started = Instant::now();
    if let Some(service) = service
        .as_deref()
        .filter(|s| !hwcloud_model::names::is_service_id(s))
    {
        // It names a directory under --out: `../x` would write outside it; and
        // the generated crate keeps some names (`runtime`, `mock`, ...).
        eprintln!(
            "error: --service `{service}` is not a service id (snake_case ASCII, such as `dli`, and none of {})",
            hwcloud_model::names::RESERVED_SERVICE_IDS.join(", ")
        );
        return ExitCode::from(2);
    }
    let imported = import::import_into(paths, service.as_deref(), Some(out));
    if let Err(error) = import::write::write(out, &imported.files) {
        eprintln!(
            "error: cannot write the spec into {}: {error}; the files already moved were put back",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&imported.report).expect("the report serializes")
        );
    } else {
        println!("{}", imported.report);
        println!("imported in {} ms", started.elapsed().as_millis());
    }
    if imported.report.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn diff(
    old: Option<String>,
    new: Option<String>,
    format: Format,
    fail_on: Option<FailOn>,
    spec_dir: &std::path::Path,
) -> ExitCode {
    use hwcloud_codegen_cli::diff::{self, Class, render, side};
    let old = old.unwrap_or_else(|| "HEAD".into());
    let new = new.unwrap_or_else(|| spec_dir.display().to_string());
    let sides = side::load("OLD", &old, spec_dir).and_then(|o| Ok((o, side::load("NEW", &new, spec_dir)?)));
    let (old_model, new_model) = match sides {
        Ok(models) => models,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let changes = diff::diff(&old_model, &new_model);
    print!(
        "{}",
        match format {
            Format::Text => render::text(&changes),
            Format::Markdown => render::markdown(&changes),
            Format::Json => render::json(&changes) + "\n",
        }
    );
    let threshold = fail_on.map(|f| match f {
        FailOn::Breaking => Class::Breaking,
        FailOn::Additive => Class::Additive,
        FailOn::Documentation => Class::Documentation,
    });
    match (threshold, changes.worst()) {
        (Some(threshold), Some(worst)) if worst <= threshold => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

fn render(operation: &str, spec: PathBuf) -> ExitCode {
    match hwcloud_codegen::Config::new().render_operation(&spec, operation) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(hwcloud_codegen::Error::Spec(diagnostics)) => report(&diagnostics, false),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_crate(
    spec: &Path,
    out: &Path,
    name: Option<String>,
    runtime_path: String,
    source: Source,
) -> ExitCode {
    // `--out .` names the crate after the directory it resolves to.
    // (`.` and `..` have no file name of their own, but they exist.)
    let name = name.unwrap_or_else(|| {
        let dir = match out.file_name() {
            Some(_) => Some(out.to_owned()),
            None => out.canonicalize().ok(),
        };
        dir.and_then(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default()
    });
    let options = CrateOptions {
        name,
        runtime_path,
        source,
    };
    match hwcloud_codegen_cli::krate::write_crate(spec, out, &options) {
        Ok(files) => {
            for file in &files {
                println!("{}", out.join(file).display());
            }
            println!(
                "wrote crate `{}` ({} files); build it with `cargo build --manifest-path {}`",
                options.name,
                files.len(),
                out.join("Cargo.toml").display()
            );
            ExitCode::SUCCESS
        }
        Err(CrateError::Spec(diagnostics)) => report(&diagnostics, false),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn report(diagnostics: &hwcloud_model::Diagnostics, short: bool) -> ExitCode {
    for diagnostic in diagnostics.iter() {
        eprintln!("{}", diagnostic.one_line());
        if !short {
            eprintln!("{:?}", miette::Report::new(Fancy::of(diagnostic)));
        }
    }
    eprintln!("{} error(s)", diagnostics.len());
    ExitCode::FAILURE
}

/// A diagnostic drawn by miette: the source around the location, labelled.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
struct Fancy {
    message: String,
    #[help]
    help: Option<String>,
    #[source_code]
    source_code: miette::NamedSource<String>,
    #[label("here")]
    span: miette::SourceSpan,
}

impl Fancy {
    fn of(diagnostic: &hwcloud_model::Diagnostic) -> Fancy {
        let range = diagnostic.byte_range();
        Fancy {
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            source_code: miette::NamedSource::new(
                diagnostic.file.display().to_string(),
                diagnostic.source_text().to_owned(),
            ),
            span: miette::SourceSpan::new(range.start.into(), range.len()),
        }
    }
}
