//! The host each service resolves to, per cloud and region: the pattern its spec
//! documents, else the cloud's convention with the service's host prefix.

use hwcloud::runtime::{Cloud, Operation, ServiceEndpoints};
use hwcloud::{dli, ges, iam};

#[test]
fn each_service_resolves_per_cloud_and_region() {
    let cases: [(ServiceEndpoints, Cloud, &str, &str); 8] = [
        (
            dli::ENDPOINTS,
            Cloud::HuaweiCloud,
            "cn-north-4",
            "dli.cn-north-4.myhuaweicloud.com",
        ),
        (
            dli::ENDPOINTS,
            Cloud::OpenTelekomCloud,
            "eu-de",
            "dli.eu-de.otc.t-systems.com",
        ),
        (
            dli::ENDPOINTS,
            Cloud::OpenTelekomCloud,
            "eu-nl",
            "dli.eu-nl.otc.t-systems.com",
        ),
        (
            ges::ENDPOINTS,
            Cloud::HuaweiCloud,
            "cn-north-4",
            "ges.cn-north-4.myhuaweicloud.com",
        ),
        (
            ges::ENDPOINTS,
            Cloud::OpenTelekomCloud,
            "eu-de",
            "ges.eu-de.otc.t-systems.com",
        ),
        (
            iam::ENDPOINTS,
            Cloud::HuaweiCloud,
            "ap-southeast-1",
            "iam.ap-southeast-1.myhuaweicloud.com",
        ),
        (
            iam::ENDPOINTS,
            Cloud::OpenTelekomCloud,
            "eu-de",
            "iam.eu-de.otc.t-systems.com",
        ),
        (
            iam::ENDPOINTS,
            Cloud::OpenTelekomCloud,
            "eu-ch2",
            "iam.eu-ch2.otc.t-systems.com",
        ),
    ];
    for (endpoints, cloud, region, host) in cases {
        assert_eq!(
            endpoints.host(cloud, region),
            host,
            "{} on {cloud} in {region}",
            endpoints.service
        );
    }
}

#[test]
fn every_operation_carries_its_services_endpoints() {
    assert_eq!(<dli::CancelJobRequest as Operation>::ENDPOINTS, dli::ENDPOINTS);
    assert_eq!(<ges::CancelJobRequest as Operation>::ENDPOINTS, ges::ENDPOINTS);
    assert_eq!(dli::ENDPOINTS.service, "dli");
    assert_eq!(
        dli::ENDPOINTS.documented,
        &[(Cloud::HuaweiCloud, "dli.{region}.myhuaweicloud.com")]
    );
}

#[test]
fn the_ges_business_plane_is_its_own_plane_and_the_management_plane_is_not() {
    let graph = <ges::CancelJobRequest as Operation>::PLANE.expect("/ges/v1.0/... is the graph plane");
    assert_eq!((graph.name, graph.token_only), ("graph", true));
    assert_eq!(<ges::ListGraphsRequest as Operation>::PLANE, None);
    assert_eq!(<dli::CancelJobRequest as Operation>::PLANE, None);
}
