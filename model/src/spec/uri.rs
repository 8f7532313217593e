//! The `uri:` grammar: a path with `{placeholders}`, optionally a fixed query.
//!
//! GES puts several operations behind one path and tells them apart by a fixed
//! query (`.../action?action_id=import-graph`), so the fixed query is part of the
//! template rather than a parameter.

/// A piece of the path: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    Placeholder(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    pub path: Vec<Piece>,
    pub fixed_query: Vec<(String, String)>,
}

impl UriTemplate {
    pub fn parse(uri: &str) -> Result<UriTemplate, String> {
        if !uri.starts_with('/') {
            return Err("the URI must start with `/`".into());
        }
        let (path, query) = match uri.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (uri, None),
        };
        Ok(UriTemplate {
            path: parse_path(path)?,
            fixed_query: query.map(parse_fixed_query).transpose()?.unwrap_or_default(),
        })
    }

    /// The template with placeholders made anonymous, fixed query included: two
    /// URIs with the same shape address the same operation whatever their
    /// placeholder names (`{projectId}`, `{project_id}`).
    pub fn shape(&self) -> String {
        let mut shape: String = self
            .path
            .iter()
            .map(|p| match p {
                Piece::Literal(text) => text.as_str(),
                Piece::Placeholder(_) => "{}",
            })
            .collect();
        for (key, value) in &self.fixed_query {
            shape.push_str(&format!("?{key}={value}"));
        }
        shape
    }

    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.path.iter().filter_map(|p| match p {
            Piece::Placeholder(name) => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
    }
}

fn parse_path(path: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(at) if rest.as_bytes()[at] == b'}' => {
                return Err(format!("`}}` without `{{` in `{path}`"));
            }
            Some(open) => {
                if open > 0 {
                    pieces.push(Piece::Literal(rest[..open].to_owned()));
                }
                let after = &rest[open + 1..];
                let close = after
                    .find('}')
                    .ok_or_else(|| format!("unclosed `{{` in `{path}`"))?;
                let name = &after[..close];
                if name.is_empty() || name.contains(['{', '/']) {
                    return Err(format!("malformed placeholder `{{{name}}}`"));
                }
                if pieces.iter().any(|p| p == &Piece::Placeholder(name.to_owned())) {
                    return Err(format!("placeholder `{{{name}}}` appears twice"));
                }
                pieces.push(Piece::Placeholder(name.to_owned()));
                rest = &after[close + 1..];
            }
            None => {
                pieces.push(Piece::Literal(rest.to_owned()));
                rest = "";
            }
        }
    }
    Ok(pieces)
}

fn parse_fixed_query(query: &str) -> Result<Vec<(String, String)>, String> {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if !key.is_empty() && !pair.contains(['{', '}']) => {
                Ok((key.to_owned(), value.to_owned()))
            }
            _ => Err(format!(
                "fixed query `{pair}` must be `key=value`; variable query values are `in: query` parameters"
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_placeholders_literals_and_fixed_query() {
        let t = UriTemplate::parse("/v1.0/{project_id}/graphs/{graph_name}/action?action_id=import-graph")
            .unwrap();
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["project_id", "graph_name"]);
        assert_eq!(
            t.fixed_query,
            [("action_id".to_owned(), "import-graph".to_owned())]
        );
        assert_eq!(t.path[0], Piece::Literal("/v1.0/".into()));
        assert_eq!(t.path[4], Piece::Literal("/action".into()));
        assert_eq!(t.shape(), "/v1.0/{}/graphs/{}/action?action_id=import-graph");
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(UriTemplate::parse("v1/{a}").is_err());
        assert!(UriTemplate::parse("/v1/{a").is_err());
        assert!(UriTemplate::parse("/v1/a}").is_err());
        assert!(UriTemplate::parse("/v1/{}").is_err());
        assert!(UriTemplate::parse("/v1/{a}/{a}").is_err());
        assert!(UriTemplate::parse("/v1/x?page={n}").is_err());
    }
}
