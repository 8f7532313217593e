//! The last stage: what would be written is checked as `codegen check` checks
//! it, beside the existing spec; an operation that would not pass is withheld
//! (its page fails with the checker's located message), and a service whose
//! existing files are invalid gets nothing. Then the files are staged in a
//! temporary directory inside the output and moved into place, so that an
//! interrupted or failed import leaves every old file whole.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::existing::ExistingSpec;
use super::report::{Finding, Severity};

/// Withholds each operation that would not pass `codegen check` with the
/// operations already in the output directory beside it. A rule of the
/// importer that misfires on a new layout costs one page, never a spec that
/// does not build.
pub fn withhold_invalid(
    files: &mut BTreeMap<PathBuf, String>,
    drafts: &mut [Draft],
    existing: &ExistingSpec,
) {
    let mut all = files.clone();
    let services: Vec<PathBuf> = files
        .keys()
        .filter_map(|f| f.iter().next())
        .map(PathBuf::from)
        .collect();
    for (file, text) in existing.files() {
        if services.iter().any(|s| file.starts_with(s)) && !all.contains_key(file) {
            all.insert(file.clone(), text.clone());
        }
    }
    for diagnostic in hwcloud_model::check_texts(&all).iter() {
        let Some(draft) = drafts.iter_mut().find(|d| d.file == diagnostic.file) else {
            continue;
        };
        files.remove(&diagnostic.file);
        draft.findings.push(Finding::new(
            Severity::Error,
            "invalid-spec",
            0,
            format!(
                "the operation would not pass `codegen check` ({}:{}:{}: {}); it is not written",
                diagnostic.file.display(),
                diagnostic.line,
                diagnostic.col,
                diagnostic.message
            ),
        ));
    }
}

/// Drops every file of the services whose existing spec is invalid; returns them.
pub fn refuse_invalid(files: &mut BTreeMap<PathBuf, String>, existing: &ExistingSpec) -> Vec<String> {
    let refused: Vec<&PathBuf> = existing
        .invalid()
        .keys()
        .filter(|service| files.keys().any(|f| f.starts_with(service)))
        .collect();
    files.retain(|file, _| !refused.iter().any(|service| file.starts_with(service)));
    refused.iter().map(|s| s.display().to_string()).collect()
}

/// Files written to a staging directory inside the output, not yet moved into
/// place. Dropped without [`Staged::commit`], it removes itself and the output
/// is as it was.
pub struct Staged {
    out: PathBuf,
    stage: tempfile::TempDir,
    files: Vec<PathBuf>,
}

/// Writes `files` (relative to `out`) to a staging directory in `out`; only
/// files whose bytes differ from what `out` holds are staged.
pub fn stage(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Staged> {
    std::fs::create_dir_all(out)?;
    let stage = tempfile::Builder::new()
        .prefix(".codegen-import-")
        .tempdir_in(out)?;
    let mut staged = Vec::new();
    for (file, text) in files {
        if std::fs::read(out.join(file)).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        let path = stage.path().join(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        staged.push(file.clone());
    }
    Ok(Staged {
        out: out.to_owned(),
        stage,
        files: staged,
    })
}

impl Staged {
    /// Moves every staged file into place, each by one rename; returns how many.
    pub fn commit(self) -> io::Result<usize> {
        for file in &self.files {
            let target = self.out.join(file);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::rename(self.stage.path().join(file), &target)?;
        }
        Ok(self.files.len())
    }

    /// The files that differ from the output and will be written.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// Stages and commits `files` into `out`.
pub fn write(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<usize> {
    stage(out, files)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        pairs
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect()
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_files_and_no_stage() {
        let out = tempfile::tempdir().unwrap();
        write(out.path(), &files(&[("s/service.yaml", "old\n")])).unwrap();
        let staged = stage(
            out.path(),
            &files(&[("s/service.yaml", "new\n"), ("s/operations/a.yaml", "a\n")]),
        )
        .unwrap();
        assert_eq!(staged.files().len(), 2);
        drop(staged); // interrupted before the move
        assert_eq!(
            std::fs::read_to_string(out.path().join("s/service.yaml")).unwrap(),
            "old\n"
        );
        assert!(!out.path().join("s/operations/a.yaml").exists());
        let left: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["s"], "the staging directory is removed");
    }

    #[test]
    fn a_failed_stage_writes_nothing_and_unchanged_files_are_not_rewritten() {
        let out = tempfile::tempdir().unwrap();
        write(out.path(), &files(&[("s/service.yaml", "old\n")])).unwrap();
        // A file where a directory must go: staging fails before anything moves.
        let bad = files(&[
            ("s/service.yaml", "new\n"),
            ("t", "x"),
            ("t/operations/a.yaml", "a"),
        ]);
        assert!(write(out.path(), &bad).is_err());
        assert_eq!(
            std::fs::read_to_string(out.path().join("s/service.yaml")).unwrap(),
            "old\n"
        );
        let again = stage(out.path(), &files(&[("s/service.yaml", "old\n")])).unwrap();
        assert!(again.files().is_empty());
    }
}
