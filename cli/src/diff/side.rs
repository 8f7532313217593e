//! One side of a diff: a spec directory, or `spec/` at a git revision.

use std::path::{Path, PathBuf};
use std::process::Command;

use hwcloud_model::{Diagnostics, Model};

/// Why a side could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SideError {
    #[error("{side} (`{what}`) is not a directory nor a git revision: {message}")]
    NotFound {
        side: &'static str,
        what: String,
        message: String,
    },
    #[error("{side} (`{what}`) is not a valid spec:\n{diagnostics}")]
    Invalid {
        side: &'static str,
        what: String,
        diagnostics: Diagnostics,
    },
}

/// Loads `what` (a directory, else a git revision of `spec_dir` in the repository
/// around the current directory) as the `side` ("OLD" or "NEW") of a diff.
pub fn load(side: &'static str, what: &str, spec_dir: &Path) -> Result<Model, SideError> {
    let path = Path::new(what);
    let (_keep, dir) = if path.is_dir() {
        (None, path.to_owned())
    } else {
        let checkout = checkout(what, spec_dir).map_err(|message| SideError::NotFound {
            side,
            what: what.to_owned(),
            message,
        })?;
        let dir = checkout.path().join(spec_dir);
        (Some(checkout), dir)
    };
    hwcloud_model::load(&dir).map_err(|diagnostics| SideError::Invalid {
        side,
        what: what.to_owned(),
        diagnostics,
    })
}

/// Writes `spec_dir` as of `revision` into a temporary directory.
fn checkout(revision: &str, spec_dir: &Path) -> Result<tempfile::TempDir, String> {
    let commit = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{revision}^{{commit}}"),
    ])?;
    let commit = commit.trim();
    if commit.is_empty() {
        return Err("unknown revision".into());
    }
    let root = git(&["rev-parse", "--show-toplevel"])?;
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    let in_repo: PathBuf = Path::new(prefix.trim()).join(spec_dir);
    let files = git(&[
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        commit,
        "--",
        &in_repo.to_string_lossy(),
    ])?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for file in files.split('\0').filter(|f| !f.is_empty()) {
        let output = Command::new("git")
            .current_dir(root.trim())
            .args(["show", &format!("{commit}:{file}")])
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
        }
        let relative = Path::new(file)
            .strip_prefix(prefix.trim())
            .unwrap_or(Path::new(file));
        let target = dir.path().join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&target, output.stdout).map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(if message.is_empty() {
            "unknown revision".into()
        } else {
            message
        })
    }
}
