//! Credentials the code does not give, found where the official SDKs and
//! OpenStack tools look, in this order (the first that has credentials wins):
//!
//! 1. the environment: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, and
//!    optionally `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_PROJECT_ID`;
//! 2. OpenStack's `clouds.yaml`, when `OS_CLOUD` names a cloud in it
//!    (`OS_CLIENT_CONFIG_FILE`, else `./clouds.yaml`,
//!    `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml`): AK/SK or
//!    user, domain and password, the project, the region, and the cloud from
//!    `auth_url`;
//! 3. the official SDKs' profile file, `HUAWEICLOUD_SDK_CREDENTIALS_FILE` else
//!    `~/.huaweicloud/credentials`, section `[basic]`: `ak`, `sk`,
//!    `security_token`, `project_id`.
//!
//! Nothing here sends a request: a password found here becomes a token provider
//! in the `hwcloud` crate (`hwcloud::auth::discover`). Secrets never appear in
//! `Debug` output.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::Cloud;

/// What was found, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The credentials.
    pub secret: FoundSecret,
    /// The project, when the source names one by id.
    pub project_id: Option<String>,
    /// The project by name (clouds.yaml's `project_name`), for a token's scope.
    pub project_name: Option<String>,
    /// The region (clouds.yaml's `region_name`).
    pub region: Option<String>,
    /// The cloud, when the source tells (clouds.yaml's `auth_url` host).
    pub cloud: Option<Cloud>,
    /// Where it was found: `environment`, or a file's path.
    pub source: String,
}

/// The credentials a source holds.
#[derive(Clone, PartialEq, Eq)]
pub enum FoundSecret {
    /// AK/SK, with a security token when temporary.
    AccessKey {
        /// The access key id.
        ak: String,
        /// The secret key.
        sk: String,
        /// The security token of temporary keys.
        security_token: Option<String>,
    },
    /// A user's password, to obtain tokens with.
    Password {
        /// The user name.
        user: String,
        /// The account (domain) name.
        domain: String,
        /// The password.
        password: String,
    },
}

impl fmt::Debug for FoundSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FoundSecret::AccessKey {
                ak, security_token, ..
            } => f
                .debug_struct("AccessKey")
                .field("ak", ak)
                .field("sk", &"<redacted>")
                .field("security_token", &security_token.as_ref().map(|_| "<redacted>"))
                .finish(),
            FoundSecret::Password { user, domain, .. } => f
                .debug_struct("Password")
                .field("user", user)
                .field("domain", domain)
                .field("password", &"<redacted>")
                .finish(),
        }
    }
}

/// Why no credentials were found.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// No source had credentials.
    #[error("no credentials: looked in {0}")]
    NotFound(String),
    /// A source exists but cannot be read as what it should be.
    #[error("{place}: {reason}")]
    Invalid {
        /// The file (or `environment`).
        place: String,
        /// What is wrong.
        reason: String,
    },
}

/// What the sources are read from: the process's environment and files, or a
/// test's stand-ins.
pub struct Lookup<'a> {
    /// An environment variable.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The home directory.
    pub home: Option<PathBuf>,
    /// The working directory, for `./clouds.yaml`.
    pub cwd: PathBuf,
}

/// Credentials from the process's environment and files, in the order above.
pub fn discover() -> Result<Found, SourceError> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    discover_with(&Lookup {
        env: &env,
        home: std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from),
        cwd: std::env::current_dir().unwrap_or_default(),
    })
}

/// [`discover`] with the environment and directories given.
pub fn discover_with(lookup: &Lookup<'_>) -> Result<Found, SourceError> {
    let mut tried = vec!["HUAWEICLOUD_SDK_AK/SK".to_owned()];
    if let Some(found) = environment(lookup) {
        return Ok(found);
    }
    if let Some(cloud) = (lookup.env)("OS_CLOUD") {
        let files = clouds_yaml_paths(lookup);
        match files.iter().find(|path| path.is_file()) {
            Some(path) => return clouds_yaml(path, &cloud),
            None => tried.push(format!("clouds.yaml for OS_CLOUD={cloud}")),
        }
    }
    let profile = (lookup.env)("HUAWEICLOUD_SDK_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| {
            lookup
                .home
                .as_ref()
                .map(|home| home.join(".huaweicloud").join("credentials"))
        });
    if let Some(path) = profile {
        if path.is_file() {
            return profile_file(&path);
        }
        tried.push(path.display().to_string());
    }
    Err(SourceError::NotFound(tried.join(", ")))
}

fn environment(lookup: &Lookup<'_>) -> Option<Found> {
    let (ak, sk) = (
        (lookup.env)("HUAWEICLOUD_SDK_AK")?,
        (lookup.env)("HUAWEICLOUD_SDK_SK")?,
    );
    Some(Found {
        secret: FoundSecret::AccessKey {
            ak,
            sk,
            security_token: (lookup.env)("HUAWEICLOUD_SDK_SECURITY_TOKEN"),
        },
        project_id: (lookup.env)("HUAWEICLOUD_SDK_PROJECT_ID"),
        project_name: None,
        region: None,
        cloud: None,
        source: "environment".to_owned(),
    })
}

fn clouds_yaml_paths(lookup: &Lookup<'_>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = (lookup.env)("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    paths.push(lookup.cwd.join("clouds.yaml"));
    if let Some(home) = &lookup.home {
        paths.push(home.join(".config/openstack/clouds.yaml"));
    }
    paths.push(PathBuf::from("/etc/openstack/clouds.yaml"));
    paths
}

fn read(path: &Path) -> Result<String, SourceError> {
    std::fs::read_to_string(path).map_err(|e| invalid(path, e.to_string()))
}

fn invalid(path: &Path, reason: impl Into<String>) -> SourceError {
    SourceError::Invalid {
        place: path.display().to_string(),
        reason: reason.into(),
    }
}

/// `clouds: <name>: {auth: {...}, region_name}` of an OpenStack `clouds.yaml`.
fn clouds_yaml(path: &Path, name: &str) -> Result<Found, SourceError> {
    let text = read(path)?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| invalid(path, e.to_string()))?;
    let cloud = &yaml["clouds"][name];
    if cloud.is_null() {
        return Err(invalid(
            path,
            format!("no cloud `{name}` (OS_CLOUD) under `clouds`"),
        ));
    }
    let auth = &cloud["auth"];
    let text_at = |value: &serde_yaml::Value, key: &str| value[key].as_str().map(str::to_owned);
    let secret = match (
        text_at(auth, "ak"),
        text_at(auth, "sk"),
        text_at(auth, "username"),
        text_at(auth, "password"),
    ) {
        (Some(ak), Some(sk), _, _) => FoundSecret::AccessKey {
            ak,
            sk,
            security_token: text_at(auth, "security_token"),
        },
        (_, _, Some(user), Some(password)) => FoundSecret::Password {
            domain: text_at(auth, "user_domain_name")
                .or_else(|| text_at(auth, "domain_name"))
                .ok_or_else(|| {
                    invalid(
                        path,
                        format!("cloud `{name}`: a password needs `user_domain_name`"),
                    )
                })?,
            user,
            password,
        },
        _ => {
            return Err(invalid(
                path,
                format!("cloud `{name}`: `auth` has neither ak/sk nor username/password"),
            ));
        }
    };
    let auth_url = text_at(auth, "auth_url").unwrap_or_default();
    Ok(Found {
        secret,
        project_id: text_at(auth, "project_id"),
        project_name: text_at(auth, "project_name"),
        region: text_at(cloud, "region_name"),
        cloud: Cloud::ALL.into_iter().find(|c| auth_url.contains(c.domain())),
        source: path.display().to_string(),
    })
}

/// The `[basic]` section of the official SDKs' INI profile file.
fn profile_file(path: &Path) -> Result<Found, SourceError> {
    let text = read(path)?;
    let ini = ini::Ini::load_from_str(&text).map_err(|e| invalid(path, e.to_string()))?;
    let basic = ini
        .section(Some("basic"))
        .ok_or_else(|| invalid(path, "no [basic] section"))?;
    let get = |key: &str| {
        basic
            .get(key)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (Some(ak), Some(sk)) = (get("ak"), get("sk")) else {
        return Err(invalid(path, "[basic] needs `ak` and `sk`"));
    };
    Ok(Found {
        secret: FoundSecret::AccessKey {
            ak,
            sk,
            security_token: get("security_token"),
        },
        project_id: get("project_id"),
        project_name: None,
        region: None,
        cloud: None,
        source: path.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn found(vars: &[(&str, &str)], home: &Path, cwd: &Path) -> Result<Found, SourceError> {
        let vars: BTreeMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env = move |name: &str| vars.get(name).cloned();
        discover_with(&Lookup {
            env: &env,
            home: Some(home.to_owned()),
            cwd: cwd.to_owned(),
        })
    }

    fn scratch() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "hwcloud-sources-{}-{}",
            std::process::id(),
            fastrand::u64(..)
        ));
        std::fs::create_dir_all(dir.join(".huaweicloud")).unwrap();
        std::fs::create_dir_all(dir.join(".config/openstack")).unwrap();
        dir
    }

    const CLOUDS: &str = "clouds:
  otc:
    auth:
      auth_url: https://iam.eu-de.otc.t-systems.com:443/v3
      username: alice
      password: s3cret
      user_domain_name: OTC00000000001000000001
      project_name: eu-de_project
    region_name: eu-de
  keys:
    auth:
      ak: CLOUDAK
      sk: CLOUDSK
";

    #[test]
    fn the_environment_wins_then_clouds_yaml_then_the_profile_file() {
        let home = scratch();
        std::fs::write(
            home.join(".huaweicloud/credentials"),
            "[basic]\nak = FILEAK\nsk = FILESK\nproject_id = p-file\n",
        )
        .unwrap();
        std::fs::write(home.join(".config/openstack/clouds.yaml"), CLOUDS).unwrap();
        let env = [
            ("HUAWEICLOUD_SDK_AK", "ENVAK"),
            ("HUAWEICLOUD_SDK_SK", "ENVSK"),
            ("HUAWEICLOUD_SDK_PROJECT_ID", "p-env"),
            ("OS_CLOUD", "otc"),
        ];
        let from_env = found(&env, &home, &home).unwrap();
        assert_eq!(from_env.source, "environment");
        assert_eq!(from_env.project_id.as_deref(), Some("p-env"));

        let from_clouds = found(&env[3..], &home, &home).unwrap();
        assert_eq!(from_clouds.cloud, Some(Cloud::OpenTelekomCloud));
        assert_eq!(from_clouds.region.as_deref(), Some("eu-de"));
        assert_eq!(from_clouds.project_name.as_deref(), Some("eu-de_project"));
        assert!(
            matches!(&from_clouds.secret, FoundSecret::Password { domain, .. } if domain == "OTC00000000001000000001")
        );
        assert!(
            !format!("{from_clouds:?}").contains("s3cret"),
            "no secret in Debug"
        );
        let keys = found(&[("OS_CLOUD", "keys")], &home, &home).unwrap();
        assert!(matches!(keys.secret, FoundSecret::AccessKey { ref ak, .. } if ak == "CLOUDAK"));

        let from_file = found(&[], &home, &home).unwrap();
        assert_eq!(from_file.project_id.as_deref(), Some("p-file"));
        assert!(matches!(from_file.secret, FoundSecret::AccessKey { ref ak, .. } if ak == "FILEAK"));
        assert!(!format!("{from_file:?}").contains("FILESK"));
        std::fs::remove_dir_all(home).unwrap();
    }

    #[test]
    fn nothing_found_or_a_broken_source_says_where() {
        let home = scratch();
        let error = found(&[], &home, &home).unwrap_err().to_string();
        assert!(
            error.contains("no credentials") && error.contains(".huaweicloud/credentials"),
            "{error}"
        );
        std::fs::write(home.join(".huaweicloud/credentials"), "[global]\nak = A\n").unwrap();
        let error = found(&[], &home, &home).unwrap_err().to_string();
        assert!(error.contains("no [basic] section"), "{error}");
        std::fs::write(home.join(".config/openstack/clouds.yaml"), CLOUDS).unwrap();
        let error = found(&[("OS_CLOUD", "missing")], &home, &home)
            .unwrap_err()
            .to_string();
        assert!(error.contains("no cloud `missing`"), "{error}");
        std::fs::remove_dir_all(home).unwrap();
    }
}
