//! Files written piece by piece, replacing the old file only when the text changed.
//!
//! A service's file is written as it is formatted (a batch of operation modules
//! at a time), so no run holds a whole service's text: the pieces go to a
//! temporary file beside the target (named after this process, so two runs into
//! one directory do not share it), which then replaces the target only if the
//! bytes differ. An unchanged file keeps its mtime, so cargo does not rebuild
//! the crate. A run that stops early (an error, a panic) removes its temporary
//! file.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// A file being written; [`Output::finish`] puts it in place, and dropping it
/// unfinished removes what was written.
pub(crate) struct Output {
    path: PathBuf,
    temporary: PathBuf,
    file: Option<BufWriter<File>>,
    lines: usize,
    bytes: usize,
}

impl Output {
    pub(crate) fn create(path: &Path) -> Result<Self, Error> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("generated");
        let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let file = File::create(&temporary).map_err(|e| Error::Write(temporary.clone(), e))?;
        let file = Some(BufWriter::new(file));
        Ok(Output {
            path: path.to_owned(),
            temporary,
            file,
            lines: 0,
            bytes: 0,
        })
    }

    pub(crate) fn write(&mut self, text: &str) -> Result<(), Error> {
        self.lines += text.bytes().filter(|&b| b == b'\n').count();
        self.bytes += text.len();
        let file = self.file.as_mut().expect("written before it is finished");
        file.write_all(text.as_bytes())
            .map_err(|e| Error::Write(self.temporary.clone(), e))
    }

    /// Replaces the target if its bytes differ; returns the lines and bytes written.
    pub(crate) fn finish(mut self) -> Result<(usize, usize), Error> {
        let file = self.file.take().expect("finished once");
        drop(
            file.into_inner()
                .map_err(|e| Error::Write(self.temporary.clone(), e.into_error()))?,
        );
        if !same_bytes(&self.path, &self.temporary) {
            fs::rename(&self.temporary, &self.path).map_err(|e| Error::Write(self.path.clone(), e))?;
        }
        // `Drop` removes the temporary file when it was not renamed.
        Ok((self.lines, self.bytes))
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        drop(self.file.take());
        // Already gone after a rename; a destructor has nobody to tell otherwise.
        let _ = fs::remove_file(&self.temporary);
    }
}

/// Writes one whole text the same way.
pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<(), Error> {
    let mut output = Output::create(path)?;
    output.write(text)?;
    output.finish().map(drop)
}

/// Whether two files hold the same bytes (false if either cannot be read).
fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    if meta_a.len() != meta_b.len() {
        return false;
    }
    let (Ok(a), Ok(b)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let (mut a, mut b) = (BufReader::new(a), BufReader::new(b));
    let (mut chunk_a, mut chunk_b) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let read = match a.read(&mut chunk_a) {
            Ok(0) => return true,
            Ok(n) => n,
            Err(_) => return false,
        };
        if b.read_exact(&mut chunk_b[..read]).is_err() || chunk_a[..read] != chunk_b[..read] {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mtime(path: &Path) -> std::time::SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn pieces_make_the_file_and_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        let mut output = Output::create(&path).unwrap();
        output.write("fn a() {}\n").unwrap();
        output.write("\nfn b() {}\n").unwrap();
        assert_eq!(output.finish().unwrap(), (3, 21));
        assert_eq!(fs::read_to_string(&path).unwrap(), "fn a() {}\n\nfn b() {}\n");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file is left"
        );
    }

    #[test]
    fn an_unfinished_file_leaves_nothing_behind_and_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        write_if_changed(&path, "fn a() {}\n").unwrap();
        let mut output = Output::create(&path).unwrap();
        output.write("fn half(").unwrap();
        drop(output);
        assert_eq!(fs::read_to_string(&path).unwrap(), "fn a() {}\n");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the partial file is removed"
        );
    }

    #[test]
    fn an_unchanged_file_is_not_touched_and_a_changed_one_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        write_if_changed(&path, "fn a() {}\n").unwrap();
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_if_changed(&path, "fn a() {}\n").unwrap();
        assert_eq!(mtime(&path), old, "same bytes: the file keeps its mtime");
        write_if_changed(&path, "fn b() {}\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fn b() {}\n");
        assert_ne!(mtime(&path), old);
        write_if_changed(&path, "fn b() {}\n// longer\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "fn b() {}\n// longer\n");
    }
}
