//! Constraint lines inside a description cell: `最小长度：0`, `最大长度：36`,
//! `最小值：1`, `最大值：65535`, `缺省值：false`, `枚举值：` with its values, and
//! the English `Minimum length:` … `Default value:` forms.
//!
//! The catalogue layout appends them to the description without a separator
//! (`EIP唯一标识最大长度：**36**`), older pages give each its own paragraph, and
//! enumerations list one value per line (`**4****6**`, `<li>` items). The lines
//! leave the description and become the field's constraint data.

use hwcloud_model::spec::schema::Field;

use crate::import::lexicon::{CONSTRAINT_LABELS as LABELS, ConstraintLabel as Kind};

/// A label with its colon, where it starts in `text` and where its value starts.
fn next_label(text: &str) -> Option<(usize, usize, Kind)> {
    LABELS
        .iter()
        .filter_map(|(label, kind)| {
            let mut from = 0;
            while let Some(at) = text[from..].find(label).map(|a| a + from) {
                let after = &text[at + label.len()..];
                let colon = ['：', ':'].into_iter().find(|c| after.starts_with(*c));
                if let Some(colon) = colon {
                    return Some((at, at + label.len() + colon.len_utf8(), *kind));
                }
                from = at + label.len();
            }
            None
        })
        .min_by_key(|(at, _, _)| *at)
}

/// Moves the constraint lines of `field`'s description into its constraint
/// fields. A value that does not read as its kind stays in the description.
pub fn apply(field: &mut Field, description: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    let mut lines = description.lines().peekable();
    while let Some(line) = lines.next() {
        let mut rest = line;
        let mut prose = String::new();
        while let Some((at, value_at, kind)) = next_label(rest) {
            let value_end = next_label(&rest[value_at..]).map_or(rest.len(), |(next, _, _)| value_at + next);
            // Up to the next label; a flattened list leaves its marker (`2 -  Maximum…`).
            let value = rest[value_at..value_end]
                .trim()
                .trim_end_matches(['。', '.', ';', '；', '，', ',', '-', ' ']);
            let taken = match kind {
                Kind::Enum => {
                    let mut values: Vec<String> = split_values(value);
                    // The values continue one per line: after `枚举值：` alone on its
                    // line (`<li>` items), or after the first (`**A****B**`).
                    if value_end == rest.len() {
                        while let Some(next) = lines.next_if(|next| is_value_line(next)) {
                            values.push(next.trim().to_owned());
                        }
                    }
                    let taken = !values.is_empty();
                    if taken && field.values.is_empty() {
                        field.values = values;
                    }
                    taken
                }
                _ => set(field, kind, value),
            };
            prose.push_str(&rest[..at]);
            if !taken {
                prose.push_str(&rest[at..value_end]);
            }
            rest = &rest[value_end..];
        }
        prose.push_str(rest);
        // What the cut leaves dangling: `即表头，`, a list marker `-`.
        let prose = if prose.len() < line.len() {
            prose.trim().trim_end_matches(['，', ',', '-', '；', ';', ' '])
        } else {
            prose.trim()
        };
        if !prose.is_empty() {
            kept.push(prose.to_owned());
        }
    }
    kept.join("\n")
}

fn set(field: &mut Field, kind: Kind, value: &str) -> bool {
    let number = || value.parse::<i64>().ok();
    match kind {
        Kind::MinLength => value.parse().ok().map(|n| field.min_length = Some(n)).is_some(),
        Kind::MaxLength => value.parse().ok().map(|n| field.max_length = Some(n)).is_some(),
        Kind::Minimum => number().map(|n| field.minimum = Some(n)).is_some(),
        Kind::Maximum => number().map(|n| field.maximum = Some(n)).is_some(),
        Kind::Default => {
            // A literal, not prose: `“false”` is `false`, `逗号` ("comma") stays text.
            let value = value.trim_matches(['“', '”', '"', '\'', '‘', '’', '`']);
            let is_value = !value.is_empty() && value.chars().count() <= 64 && value.is_ascii();
            if is_value && field.default.is_none() {
                field.default = Some(value.to_owned());
            }
            is_value
        }
        Kind::Enum => false,
    }
}

/// `4 6`, `WHOLE、PER`, `a, b`: values given on the label's own line.
fn split_values(value: &str) -> Vec<String> {
    value
        .split(['、', ',', '，', ' '])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A line that is one enumerated value: a short token, not a sentence.
fn is_value_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= 64
        && !line.contains(char::is_whitespace)
        && !line.contains(['。', '，', '：', ':'])
        && next_label(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(description: &str) -> (Field, String) {
        let mut field = Field::default();
        let rest = apply(&mut field, description);
        (field, rest)
    }

    #[test]
    fn appended_lengths_leave_the_description() {
        let (field, rest) = read("服务异常错误信息描述最小长度：0最大长度：256");
        assert_eq!((field.min_length, field.max_length), (Some(0), Some(256)));
        assert_eq!(rest, "服务异常错误信息描述");
    }

    #[test]
    fn values_default_and_enumerations() {
        let (field, rest) = read("带宽大小，单位为Mbit/s。最小值：1最大值：2000缺省值：5");
        assert_eq!((field.minimum, field.maximum), (Some(1), Some(2000)));
        assert_eq!(field.default.as_deref(), Some("5"));
        assert_eq!(rest, "带宽大小，单位为Mbit/s。");
        // Pipe cells: adjacent bold runs became lines.
        let (field, rest) = read("功能说明：EIP的带宽类型枚举值：\nWHOLE\nPER");
        assert_eq!(field.values, ["WHOLE", "PER"]);
        assert_eq!(rest, "功能说明：EIP的带宽类型");
        // HTML cells: `<p>枚举值：</p><ul><li>openid</li>…`, then prose again.
        let (field, rest) = read("授权请求信息。\n枚举值：\nopenid\nemail\n其他说明文字，不是值。");
        assert_eq!(field.values, ["openid", "email"]);
        assert_eq!(rest, "授权请求信息。\n其他说明文字，不是值。");
    }

    #[test]
    fn english_labels_and_sentence_ends() {
        let (field, rest) = read("Name of the user.\nMinimum length: 1. Maximum length: 64.");
        assert_eq!((field.min_length, field.max_length), (Some(1), Some(64)));
        assert_eq!(rest, "Name of the user.");
        let (field, _) = read("最小长度：10。最大长度：255。");
        assert_eq!((field.min_length, field.max_length), (Some(10), Some(255)));
    }

    #[test]
    fn quoted_defaults_and_what_the_cut_leaves() {
        let (field, rest) = read("数据中的第一行数据是否包括列名，即表头，默认值：“false”。");
        assert_eq!(field.default.as_deref(), Some("false"));
        assert_eq!(rest, "数据中的第一行数据是否包括列名，即表头");
        let (field, rest) = read("自定义数据分隔符，默认值：逗号。");
        assert_eq!(field.default, None, "prose, not a literal");
        assert_eq!(rest, "自定义数据分隔符，默认值：逗号。");
        let (_, rest) = read("-  false: Do not enable this function. -  Default value: false.");
        assert_eq!(rest, "-  false: Do not enable this function.");
        let (field, _) = read("最大值：100，最小值：1");
        assert_eq!((field.minimum, field.maximum), (Some(1), Some(100)));
        let (field, rest) = read("Minimum value: 2 -  Maximum value: 400");
        assert_eq!(
            (field.minimum, field.maximum, rest.as_str()),
            (Some(2), Some(400), "")
        );
    }

    #[test]
    fn a_value_that_is_not_its_kind_stays_prose() {
        let (field, rest) = read("最大长度：见下文说明");
        assert_eq!(field.max_length, None);
        assert_eq!(rest, "最大长度：见下文说明");
    }
}
