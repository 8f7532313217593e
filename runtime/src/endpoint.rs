//! Where a service's requests go: each cloud has its own host names for the same
//! service (`dli.eu-de.otc.t-systems.com` on Open Telekom Cloud,
//! `dli.cn-north-4.myhuaweicloud.com` on Huawei Cloud). A service's spec states
//! the patterns its pages document ([`ServiceEndpoints`]); a cloud the pages do
//! not name gets its own convention with the service's host prefix.

use std::fmt;

/// A cloud that runs these services.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// Huawei Cloud: `<service>.<region>.myhuaweicloud.com`.
    #[default]
    HuaweiCloud,
    /// Open Telekom Cloud (T-Systems): `<service>.<region>.otc.t-systems.com`.
    OpenTelekomCloud,
}

impl Cloud {
    /// Every cloud, in declaration order.
    pub const ALL: [Cloud; 2] = [Cloud::HuaweiCloud, Cloud::OpenTelekomCloud];

    /// The cloud's id in spec files (`huawei-cloud`, `open-telekom-cloud`).
    pub const fn id(self) -> &'static str {
        match self {
            Cloud::HuaweiCloud => "huawei-cloud",
            Cloud::OpenTelekomCloud => "open-telekom-cloud",
        }
    }

    /// The cloud's name as its documentation writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Cloud::HuaweiCloud => "Huawei Cloud",
            Cloud::OpenTelekomCloud => "Open Telekom Cloud",
        }
    }

    /// The cloud with this spec id.
    pub fn from_id(id: &str) -> Option<Cloud> {
        Cloud::ALL.into_iter().find(|cloud| cloud.id() == id)
    }

    /// The domain the cloud's service hosts share.
    pub const fn domain(self) -> &'static str {
        match self {
            Cloud::HuaweiCloud => "myhuaweicloud.com",
            Cloud::OpenTelekomCloud => "otc.t-systems.com",
        }
    }

    /// Words that name the cloud in a documentation folder's name
    /// (`huawei-dli-zh`, `otc-iam-en`), as the importer reads them.
    pub const fn folder_markers(self) -> &'static [&'static str] {
        match self {
            Cloud::HuaweiCloud => &["huawei", "huaweicloud", "hwcloud"],
            Cloud::OpenTelekomCloud => &["otc", "opentelekomcloud", "telekom", "tsystems"],
        }
    }

    /// The cloud whose service hosts a host name or pattern belongs to
    /// (`dli.{region}.otc.t-systems.com`).
    pub fn of_host(host: &str) -> Option<Cloud> {
        Cloud::ALL
            .into_iter()
            .find(|cloud| host.ends_with(&format!(".{}", cloud.domain())))
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A plane of a service whose operations are not sent to the service's host:
/// GES's graph plane goes to the graph's own address, which the caller gives
/// (`ClientBuilder::plane_endpoint`), and takes IAM tokens only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plane {
    /// The plane's name in the spec (`graph`).
    pub name: &'static str,
    /// Only IAM tokens authenticate there; AK/SK signing is refused.
    pub token_only: bool,
}

/// A service's endpoints as its spec documents them: host patterns with
/// `{region}`, per cloud. Generated code has one per service (`dli::ENDPOINTS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceEndpoints {
    /// The service id (`dli`).
    pub service: &'static str,
    /// The patterns the pages state (`dli.{region}.myhuaweicloud.com`).
    pub documented: &'static [(Cloud, &'static str)],
}

impl ServiceEndpoints {
    /// The host for `cloud` and `region`: the documented pattern for that cloud,
    /// else the cloud's convention (`<prefix>.<region>.<domain>`) with the
    /// service's host prefix (the first label of a documented pattern: `iam`
    /// of `iam.{region}.myhuaweicloud.com`, else the service id).
    pub fn host(&self, cloud: Cloud, region: &str) -> String {
        match self.documented.iter().find(|(c, _)| *c == cloud) {
            Some((_, pattern)) => pattern.replace("{region}", region),
            None => format!("{}.{region}.{}", self.prefix(), cloud.domain()),
        }
    }

    /// The first label of a documented host, else the service id.
    pub fn prefix(&self) -> &'static str {
        self.documented
            .first()
            .and_then(|(_, pattern)| pattern.split('.').next())
            .filter(|label| !label.is_empty() && !label.contains('{'))
            .unwrap_or(self.service)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DLI: ServiceEndpoints = ServiceEndpoints {
        service: "dli",
        documented: &[(Cloud::HuaweiCloud, "dli.{region}.myhuaweicloud.com")],
    };

    #[test]
    fn a_documented_pattern_wins_and_other_clouds_follow_their_convention() {
        assert_eq!(
            DLI.host(Cloud::HuaweiCloud, "cn-north-4"),
            "dli.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            DLI.host(Cloud::OpenTelekomCloud, "eu-de"),
            "dli.eu-de.otc.t-systems.com"
        );
        let scoped = ServiceEndpoints {
            service: "modelarts",
            documented: &[(Cloud::HuaweiCloud, "ma.{region}.myhuaweicloud.com")],
        };
        assert_eq!(
            scoped.host(Cloud::OpenTelekomCloud, "eu-nl"),
            "ma.eu-nl.otc.t-systems.com"
        );
        let none = ServiceEndpoints {
            service: "vpc",
            documented: &[],
        };
        assert_eq!(
            none.host(Cloud::HuaweiCloud, "ap-southeast-1"),
            "vpc.ap-southeast-1.myhuaweicloud.com"
        );
    }

    #[test]
    fn cloud_ids_round_trip() {
        for cloud in Cloud::ALL {
            assert_eq!(Cloud::from_id(cloud.id()), Some(cloud));
        }
        assert_eq!(Cloud::from_id("aws"), None);
    }
}
