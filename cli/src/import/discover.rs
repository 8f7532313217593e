//! Which pages a run reads and which service each belongs to, before any page
//! is read: the inputs walked in sorted order, each page's source name as the
//! report and `sources:` give it, and the service its folder names.

use std::path::{Path, PathBuf};

use super::lexicon::is_folder_marker;

/// Where an operation goes whose service neither `--service`, its folder nor
/// its page says, until the pass that places pages by URI finds it.
pub const UNKNOWN_SERVICE: &str = "unknown";

/// One page to read.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Its place in the run, which orders the report.
    pub index: usize,
    pub path: PathBuf,
    /// `folder/sub/page.md`, as the report and `sources:` name it.
    pub source: String,
    /// The documentation folder the page came from.
    pub root: String,
    /// The page's file name (`创建队列.md`).
    pub name: String,
    /// The service `--service` or the folder names, else [`UNKNOWN_SERVICE`].
    pub service: String,
}

/// Every page under `inputs` (files or folders), sorted; the service comes from
/// each folder's name unless `service` names it.
pub fn pages(inputs: &[PathBuf], service: Option<&str>) -> Vec<PageSource> {
    files(inputs)
        .into_iter()
        .enumerate()
        .map(|(index, (root, path))| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = relative_source(&root, &path).unwrap_or_else(|| format!("{root}/{name}"));
            let service = service
                .map(str::to_owned)
                .or_else(|| service_of_folder(&root))
                .unwrap_or_else(|| UNKNOWN_SERVICE.to_owned());
            PageSource {
                index,
                path,
                source,
                root,
                name,
                service,
            }
        })
        .collect()
}

/// The service a documentation folder's name gives: its one word that is not a
/// cloud, a language or a date (`huawei-dli-zh` → `dli`, `otc-iam-en-2024-05` →
/// `iam`). A name with no such marker (`seeds`, `pages`) names no service.
pub fn service_of_folder(folder: &str) -> Option<String> {
    let folder = folder.to_lowercase();
    let words: Vec<&str> = folder
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let rest: Vec<&&str> = words.iter().filter(|w| !is_folder_marker(w)).collect();
    match rest.as_slice() {
        // A name the generated crate keeps (`hwcloud_runtime` -> `runtime`) names none.
        [service] if rest.len() < words.len() && hwcloud_model::names::is_service_id(service) => {
            Some((**service).to_owned())
        }
        _ => None,
    }
}

/// The service a page id names by its prefix: `dli_02_0026` → `dli`; the
/// catalogue's generic `topic_300000000` names none.
pub fn service_of_page_id(id: &str) -> Option<String> {
    let mut parts = id.split('_');
    let prefix = parts.next().filter(|p| *p != "topic")?;
    let numbered = parts.clone().next().is_some() && parts.all(|p| p.chars().all(|c| c.is_ascii_digit()));
    (numbered && hwcloud_model::names::is_service_id(prefix)).then(|| prefix.to_owned())
}

fn relative_source(root_name: &str, path: &Path) -> Option<String> {
    let components: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let at = components.iter().rposition(|c| c == root_name)?;
    Some(components[at..].join("/"))
}

/// Whether a file is a page by its extension.
fn is_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "md" || e == "rst" || e == "txt")
}

/// A docs tree of many services (`DOCS_ROOT/huawei-dli-zh`, `DOCS_ROOT/otc-iam-en`,
/// ...): a folder that names no service but holds folders that do stands for
/// those folders, each the root of its own pages. Its loose files stay its own.
fn expand_catalogue(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut expanded = Vec::new();
    for input in inputs {
        let names_service = |p: &Path| {
            p.file_name()
                .is_some_and(|n| service_of_folder(&n.to_string_lossy()).is_some())
        };
        let children: Vec<PathBuf> = match std::fs::read_dir(input) {
            Ok(entries) if input.is_dir() && !names_service(input) => entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect(),
            _ => Vec::new(),
        };
        let services: Vec<PathBuf> = children.into_iter().filter(|c| names_service(c)).collect();
        if services.is_empty() {
            expanded.push(input.clone());
            continue;
        }
        expanded.extend(services);
        // The tree's own pages (a README, an index), not those of its service folders.
        if let Ok(entries) = std::fs::read_dir(input) {
            expanded.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && is_page(p)),
            );
        }
    }
    expanded
}

/// (root folder name, page path) for every page, sorted.
fn files(inputs: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut pages = Vec::new();
    for input in &expand_catalogue(inputs) {
        if input.is_dir() {
            let root = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.extend(walk(input).into_iter().map(|path| (root.clone(), path)));
        } else {
            let root = input
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.push((root, input.to_owned()));
        }
    }
    pages.sort();
    pages
}

/// The pages under a folder, at any depth.
fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_page(&path) {
                pages.push(path);
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::{service_of_folder, service_of_page_id};

    #[test]
    fn a_folder_names_its_service_by_the_word_that_is_not_cloud_language_or_date() {
        for (folder, service) in [
            ("huawei-dli-zh", Some("dli")),
            ("otc-dli-en-2024-05", Some("dli")),
            ("huawei-eip-zh", Some("eip")),
            ("otc-iam-en", Some("iam")),
            ("huaweicloud-rds-api-ref-en", Some("rds")),
            ("seeds", None),
            ("my-pages-zh", None),
            ("huawei-as-zh", Some("as")),
            // Names the generated crate keeps at its root name no service.
            ("hwcloud_runtime", None),
            ("huawei-mock-zh", None),
            ("otc-services-en", None),
        ] {
            assert_eq!(service_of_folder(folder).as_deref(), service, "{folder}");
        }
    }

    #[test]
    fn a_page_id_names_its_service_by_its_prefix() {
        assert_eq!(service_of_page_id("dli_02_0026").as_deref(), Some("dli"));
        assert_eq!(service_of_page_id("ges_03_0107").as_deref(), Some("ges"));
        assert_eq!(service_of_page_id("topic_300000000"), None);
        assert_eq!(service_of_page_id("runtime_02_0001"), None);
        assert_eq!(service_of_page_id("overview"), None);
        assert_eq!(service_of_page_id("en-us_topic_0000001"), None);
    }
}
