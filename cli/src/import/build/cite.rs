//! How a page ties a field to the table that describes it: a cited table
//! number (`参见表4`, `Table 4`), a caption naming the field (`user格式说明`), or
//! a type or description naming the caption (`JobDetail数据结构`).

use crate::import::lexicon::{CAPTION_SUFFIXES, CITATION_LABELS};
use crate::import::page::Table;
use hwcloud_model::names;
use hwcloud_model::spec::schema::Field;

/// `表4`, `表 4`, `Table 4` cited in a description.
pub fn cited_numbers(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    for marker in CITATION_LABELS {
        let mut rest = text;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let digits: String = rest
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse() {
                numbers.push(n);
            }
        }
    }
    numbers
}

/// Whether `text` cites `table` as `表9 notebook字段数据结构说明`: a citation
/// label and a number, then the table's own title (at least four characters),
/// whatever the number. Pages copied from one another keep the titles and get
/// the numbers wrong: the title is the better witness.
pub fn cites_by_title(text: &str, table: &Table) -> bool {
    let title = table.title().trim();
    if title.chars().count() < 4 {
        return false;
    }
    CITATION_LABELS.iter().any(|marker| {
        text.match_indices(marker).any(|(at, _)| {
            let rest = text[at + marker.len()..].trim_start();
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
            // The whole title: `Instance` is not cited by `InstanceSpec`.
            rest.strip_prefix(title)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        })
    })
}

/// What a caption is about, its suffixes taken off one after another:
/// `vpc_info` of `vpc_info对象字段说明`, `tags` of `tags参数数据结构说明`.
fn caption_subject(title: &str) -> &str {
    let mut subject = title.trim();
    while let Some(shorter) = CAPTION_SUFFIXES
        .iter()
        .find_map(|suffix| subject.strip_suffix(suffix))
    {
        subject = shorter.trim();
    }
    subject
}

pub fn caption_names_field(table: &Table, field: &str) -> bool {
    let title = table.title();
    // `Table 6 role_assignments.role`: the last segment of a dotted path.
    let last = title.rsplit('.').next().unwrap_or(title).trim();
    let subject = caption_subject(last);
    // `job状态结构` names `jobs`: the caption's leading ASCII word.
    let leading: String = title
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let leading_is_word = leading.len() >= 3 && title.len() > leading.len() && same_name(&leading, field);
    // `user格式说明` names `user`; `users_link对象` does not.
    let starts_with_word = title
        .strip_prefix(field)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
    !field.is_empty()
        && (starts_with_word
            || leading_is_word
            || title
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(field))
            || same_name(subject, field))
}

/// A caption that names the field as one of its words: `Parameter
/// description of field tag`, `Parameters in the metadata field`,
/// `[1] tags字段数据结构说明`. Weaker than the rules above, so tried after them.
pub fn caption_mentions_field(table: &Table, field: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':');
    field.len() >= 3
        && table
            .title()
            .split(|c: char| !word(c))
            .any(|token| token == field || token.len() >= 3 && same_name(token, field))
}

/// A type or description naming the table by its caption: `JobDetail数据结构`,
/// `参见Graph类型数据结构说明`, the bare type name `GesQuotaResp` for
/// `GesQuotaResp类型`, or `Array of fixed_ip objects` for `fixed_ip对象`.
pub fn field_cites_caption(table: &Table, field: &Field) -> bool {
    let title = table.title().trim();
    let subject = caption_subject(title);
    let doc_type = field.doc_type.as_deref().unwrap_or_default().trim();
    let description = field.description.preferred().unwrap_or_default();
    let cites_title = title.chars().count() >= 4
        && (names::mentions(doc_type, title) || names::mentions(description, title));
    let names_subject = subject.len() >= 3
        && (doc_type == subject || named_type(doc_type).is_some_and(|name| same_name(name, subject)));
    cites_title || names_subject
}

/// `X` of the type spellings `X object`, `Array of X objects`, `List<X>`,
/// `Map<String,X>` (and these nested), `X结构数组`, `X结构体`, `X`.
pub fn named_type(doc_type: &str) -> Option<&str> {
    // Unwrapped in a loop: a page's cell may nest `List<` as deep as it likes.
    let mut doc_type = doc_type.trim();
    while let Some(inner) = unwrapped(doc_type) {
        doc_type = inner.trim();
    }
    let lower = doc_type.to_ascii_lowercase();
    let start = if lower.starts_with("array of ") { 9 } else { 0 };
    let rest = &doc_type[start..];
    let lower = &lower[start..];
    let end = [
        "objects",
        "object",
        "结构体数组",
        "结构数组",
        "对象数组",
        "结构体",
        "结构",
        "对象",
    ]
    .iter()
    .find_map(|suffix| lower.strip_suffix(suffix))
    .map_or(rest.len(), str::len);
    let name = rest[..end].trim();
    (!name.is_empty()).then_some(name)
}

/// The element type of `List<X>` / `Array<X>`, the value type of `Map<K,X>`.
fn unwrapped(doc_type: &str) -> Option<&str> {
    let generic = ["List<", "Array<", "list<", "array<"]
        .iter()
        .find_map(|prefix| doc_type.strip_prefix(prefix)?.strip_suffix('>'));
    generic.or_else(|| {
        ["Map<", "map<"]
            .iter()
            .find_map(|prefix| doc_type.strip_prefix(prefix)?.strip_suffix('>')?.split_once(','))
            .map(|(_, value)| value)
    })
}

/// Names equal but for case, spaces, underscores and a plural `s`:
/// `Security Group` and `security_group`, `fixed_ips` and `fixed_ip`.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        compact.strip_suffix('s').map(str::to_owned).unwrap_or(compact)
    };
    !a.is_empty() && key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captioned(caption: &str) -> Table {
        Table {
            caption: caption.into(),
            ..Table::default()
        }
    }

    #[test]
    fn descriptions_cite_tables_by_number() {
        assert_eq!(cited_numbers("详情请参见表4和表 5。"), [4, 5]);
        assert_eq!(cited_numbers("See Table 7."), [7]);
        assert!(cited_numbers("no table").is_empty());
    }

    #[test]
    fn captions_name_fields_and_types_name_captions() {
        assert!(caption_names_field(&captioned("表5 user格式说明"), "user"));
        assert!(!caption_names_field(&captioned("表5 users_link对象"), "users"));
        assert!(caption_names_field(
            &captioned("Table 6 role_assignments.role"),
            "role"
        ));
        let field = Field {
            doc_type: Some("Array of fixed_ip objects".into()),
            ..Field::added("fixed_ips", "array<object>", false, "")
        };
        assert!(field_cites_caption(&captioned("表3 fixed_ip对象"), &field));
        // DNS's `not_tags` (`Array of tags objects`) shares the `tags` table.
        let not_tags = Field {
            doc_type: Some("Array of tags objects".into()),
            ..Field::added("not_tags", "array<object>", false, "")
        };
        assert!(field_cites_caption(
            &captioned("表 3  tags参数数据结构说明"),
            &not_tags
        ));
        let vpc_info = Field {
            doc_type: Some("vpc_info object".into()),
            ..Field::added("accept_vpc_info", "object", false, "")
        };
        assert!(field_cites_caption(
            &captioned("表 3  vpc_info对象字段说明"),
            &vpc_info
        ));
        // A caption that is a prefix of the type's name is another type.
        let rules = Field {
            doc_type: Some("Array of TrafficMirrorFilterRule objects".into()),
            ..Field::added("egress_rules", "array<object>", false, "")
        };
        assert!(!field_cites_caption(
            &captioned("表 5 TrafficMirrorFilter"),
            &rules
        ));
        assert!(field_cites_caption(
            &captioned("表 6 TrafficMirrorFilterRule"),
            &rules
        ));
        assert!(field_cites_caption(
            &captioned("表 7 JobDetail"),
            &Field {
                doc_type: Some("JobDetail数据结构".into()),
                ..Field::added("jobDetail", "object", false, "")
            }
        ));
        assert!(same_name("Security Group", "security_groups"));
        assert!(caption_mentions_field(
            &captioned("Table 4 Parameter description of field tag"),
            "tags"
        ));
        assert!(caption_mentions_field(
            &captioned("Parameters in the metadata field"),
            "metadata"
        ));
        assert!(caption_mentions_field(
            &captioned("表 2  [1] tags字段数据结构说明"),
            "tags"
        ));
        assert!(!caption_mentions_field(
            &captioned("Table 4 Parameter description of field tag"),
            "field_tags"
        ));
        assert!(!caption_mentions_field(&captioned("Table 5 id"), "id"));
    }

    #[test]
    fn a_citation_by_number_and_title_names_the_table_of_that_title() {
        // ModelArts: `如表9 notebook字段数据结构说明所示`, where the table is 表 13.
        let notebook = captioned("表 13  notebook字段数据结构说明");
        assert!(cites_by_title(
            "数据结构如表9 notebook字段数据结构说明所示。",
            &notebook
        ));
        assert!(cites_by_title("see Table 9 notebook字段数据结构说明", &notebook));
        assert!(!cites_by_title(
            "数据结构如表9所示，notebook字段数据结构说明见下。",
            &notebook
        ));
        // A short title is no witness.
        assert!(!cites_by_title("见表9 参数", &captioned("表 3  参数")));
    }

    #[test]
    fn documented_types_name_the_object_inside_lists_and_maps() {
        assert_eq!(
            named_type("Map<String,Array of address objects>"),
            Some("address")
        );
        assert_eq!(named_type("List<List<Route>>"), Some("Route"));
        assert_eq!(named_type("VersionStrategy object"), Some("VersionStrategy"));
        assert_eq!(named_type("node结构数组"), Some("node"));
        assert_eq!(named_type("custom_spec结构体"), Some("custom_spec"));
        // A cell nesting a million deep is unwrapped in a loop, not by recursion.
        let deep = format!("{}Thing{}", "List<".repeat(1_000_000), ">".repeat(1_000_000));
        assert_eq!(named_type(&deep), Some("Thing"));
    }
}
