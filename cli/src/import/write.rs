//! The last stage: what would be written is checked as `codegen check` checks
//! it, beside the existing spec; an operation that would not pass is withheld
//! (its page fails with the checker's located message), and a service whose
//! existing files are invalid gets nothing. Then the files are staged in a
//! temporary directory inside the output and moved into place, so that an
//! interrupted or failed import leaves every old file whole.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use super::draft::Draft;
use super::existing::ExistingSpec;
use super::report::{Finding, Severity};

/// Withholds each operation that would not pass `codegen check` with the
/// operations already in the output directory beside it, again until what is
/// left passes (withholding one can leave another's replacement dangling). A
/// rule of the importer that misfires on a new layout costs one page, never a
/// spec that does not build.
pub fn withhold_invalid(
    files: &mut BTreeMap<PathBuf, String>,
    drafts: &mut [Draft],
    existing: &ExistingSpec,
) {
    let services: BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|f| f.iter().next())
        .map(PathBuf::from)
        .collect();
    loop {
        let mut all = files.clone();
        for (file, text) in existing.files() {
            if file
                .iter()
                .next()
                .is_some_and(|s| services.contains(Path::new(s)))
                && !all.contains_key(file)
            {
                all.insert(file.clone(), text.clone());
            }
        }
        let mut withheld = 0;
        for diagnostic in hwcloud_model::check_texts(&all).iter() {
            let Some(draft) = drafts.iter_mut().find(|d| d.file == diagnostic.file) else {
                continue;
            };
            if files.remove(&diagnostic.file).is_none() {
                continue;
            }
            withheld += 1;
            let why = format!(
                "the operation would not pass `codegen check` ({}:{}:{}: {}); it is not written",
                diagnostic.file.display(),
                diagnostic.line,
                diagnostic.col,
                diagnostic.message
            );
            fail_pages(draft, "invalid-spec", &why);
        }
        if withheld == 0 {
            return;
        }
    }
}

/// An error on the draft's page and on every page folded into it.
fn fail_pages(draft: &mut Draft, code: &'static str, why: &str) {
    draft.findings.push(Finding::new(Severity::Error, code, 0, why));
    for folded in &mut draft.folded {
        folded.findings.push(Finding::new(Severity::Error, code, 0, why));
    }
}

/// Drops every file of the services whose existing spec is invalid, and fails
/// their operations' pages; returns the services.
pub fn refuse_invalid(
    files: &mut BTreeMap<PathBuf, String>,
    drafts: &mut [Draft],
    existing: &ExistingSpec,
) -> Vec<String> {
    let refused: Vec<&PathBuf> = existing
        .invalid()
        .keys()
        .filter(|service| files.keys().any(|f| f.starts_with(service)))
        .collect();
    files.retain(|file, _| !refused.iter().any(|service| file.starts_with(service)));
    for draft in drafts
        .iter_mut()
        .filter(|d| refused.iter().any(|s| d.file.starts_with(s)))
    {
        let why = format!(
            "not written: the existing spec of service `{}` does not parse or validate (listed below)",
            draft.service_dir().display()
        );
        fail_pages(draft, "refused-service", &why);
    }
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

/// The prefix of staging directories; one left by a killed run is removed by the next.
const STAGE_PREFIX: &str = ".codegen-import-";

/// Writes `files` (relative to `out`) to a staging directory in `out`; only
/// files whose bytes differ from what `out` holds are staged. Fails before
/// anything is staged when a target cannot take a file (a directory is there).
pub fn stage(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Staged> {
    std::fs::create_dir_all(out)?;
    remove_stale_stages(out);
    let stage = tempfile::Builder::new().prefix(STAGE_PREFIX).tempdir_in(out)?;
    let mut staged = Vec::new();
    for (file, text) in files {
        let target = out.join(file);
        if target.is_dir() {
            return Err(io::Error::other(format!("{} is a directory", target.display())));
        }
        if std::fs::read(&target).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        let path = stage.path().join(NEW).join(file);
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

/// Staging directories a killed run left behind.
fn remove_stale_stages(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(STAGE_PREFIX) && entry.path().is_dir() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Inside a stage: the new files, and the old files they replace while moving.
const NEW: &str = "new";
const OLD: &str = "old";

impl Staged {
    /// Moves every staged file into place, each by one rename, the file it
    /// replaces kept aside first; if a move fails, every file moved so far is
    /// put back, so the output is as it was. Returns how many files changed.
    pub fn commit(self) -> io::Result<usize> {
        for file in &self.files {
            if let Some(dir) = self.out.join(file).parent() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let mut moved: Vec<(&PathBuf, bool)> = Vec::new();
        for file in &self.files {
            match self.replace(file) {
                Ok(had_old) => moved.push((file, had_old)),
                Err(error) => {
                    self.roll_back(&moved);
                    return Err(error);
                }
            }
        }
        Ok(self.files.len())
    }

    /// Moves the old file aside (if any), then the new one in; whether there was an old one.
    fn replace(&self, file: &Path) -> io::Result<bool> {
        let (target, new, old) = self.paths(file);
        let had_old = target.exists();
        if had_old {
            if let Some(dir) = old.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::rename(&target, &old)?;
        }
        if let Err(error) = std::fs::rename(&new, &target) {
            if had_old {
                let _ = std::fs::rename(&old, &target);
            }
            return Err(error);
        }
        Ok(had_old)
    }

    /// Puts back what [`Staged::replace`] moved, newest first.
    fn roll_back(&self, moved: &[(&PathBuf, bool)]) {
        for (file, had_old) in moved.iter().rev() {
            let (target, _, old) = self.paths(file);
            let _ = match had_old {
                true => std::fs::rename(&old, &target),
                false => std::fs::remove_file(&target),
            };
        }
    }

    fn paths(&self, file: &Path) -> (PathBuf, PathBuf, PathBuf) {
        (
            self.out.join(file),
            self.stage.path().join(NEW).join(file),
            self.stage.path().join(OLD).join(file),
        )
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
    fn a_move_that_fails_puts_every_moved_file_back() {
        let out = tempfile::tempdir().unwrap();
        write(
            out.path(),
            &files(&[("a/service.yaml", "old a\n"), ("b/service.yaml", "old b\n")]),
        )
        .unwrap();
        let staged = stage(
            out.path(),
            &files(&[("a/service.yaml", "new a\n"), ("b/service.yaml", "new b\n")]),
        )
        .unwrap();
        // The second staged file vanishes before the move (a full disk, another
        // process): its rename fails after the first file was moved.
        std::fs::remove_file(staged.stage.path().join(NEW).join("b/service.yaml")).unwrap();
        assert!(staged.commit().is_err());
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/service.yaml")).unwrap(),
            "old a\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("b/service.yaml")).unwrap(),
            "old b\n"
        );
    }

    #[test]
    fn a_stage_a_killed_run_left_is_removed_by_the_next() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(".codegen-import-left/new/s")).unwrap();
        write(out.path(), &files(&[("s/service.yaml", "x\n")])).unwrap();
        let left: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["s"]);
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
