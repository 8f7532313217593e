//! English singulars for naming a table after the array field that holds it
//! (`properties` → `Property`, `queue_scaling_policies` → `QueueScalingPolicy`).
//!
//! A small tested rule set, applied to the last word only: API field names are
//! plural nouns of a handful of shapes, and a wrong singular is only a name.

/// Plurals no suffix rule gets right, and words that only look plural.
const IRREGULAR: &[(&str, &str)] = &[
    ("children", "child"),
    ("people", "person"),
    ("indices", "index"),
    ("vertices", "vertex"),
    ("matrices", "matrix"),
    ("aliases", "alias"),
    ("statuses", "status"),
    ("analyses", "analysis"),
    ("data", "data"),
    ("series", "series"),
    ("species", "species"),
    ("news", "news"),
];

/// The singular of a field name's last word, keeping the rest as written.
pub(crate) fn singular(name: &str) -> String {
    let split = name
        .char_indices()
        .rfind(|&(i, c)| c == '_' || c == '-' || c == ' ' || (i > 0 && c.is_ascii_uppercase()))
        .map_or(0, |(i, c)| if c.is_ascii_uppercase() { i } else { i + 1 });
    let (head, word) = name.split_at(split);
    format!("{head}{}", singular_word(word))
}

fn singular_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == lower) {
        return keep_case(word, one);
    }
    let rules: &[(&str, &str)] = &[
        ("ies", "y"),
        ("sses", "ss"),
        ("shes", "sh"),
        ("ches", "ch"),
        ("xes", "x"),
        ("zes", "z"),
        ("ss", "ss"),
        ("us", "us"),
        ("is", "is"),
        ("s", ""),
    ];
    for (suffix, replacement) in rules {
        // A word that only looks plural (`bus`, `class`) is kept whatever its length.
        let keeps = suffix == replacement;
        if lower.ends_with(suffix) && (keeps || lower.len() > suffix.len() + 1) {
            return format!("{}{replacement}", &word[..word.len() - suffix.len()]);
        }
    }
    word.to_owned()
}

/// `one` with the first letter's case of `word`.
fn keep_case(word: &str, one: &str) -> String {
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = one.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        one.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn singulars_of_api_field_names() {
        for (plural, one) in [
            ("properties", "property"),
            ("Properties", "Property"),
            ("queue_scaling_policies", "queue_scaling_policy"),
            ("scalingPolicies", "scalingPolicy"),
            ("jobs", "job"),
            ("addresses", "address"),
            ("boxes", "box"),
            ("batches", "batch"),
            ("indices", "index"),
            ("vertices", "vertex"),
            ("status", "status"),
            ("statuses", "status"),
            ("job_status", "job_status"),
            ("data", "data"),
            ("elastic-resource-pools", "elastic-resource-pool"),
            ("bus", "bus"),
            ("tags", "tag"),
            ("Array elements", "Array element"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }
}
