//! GES's graph plane: business-plane operations (every `/ges/...` path) go to
//! the graph's own address, which the management plane's graph detail returns
//! (`privateIp` inside the graph's VPC, `publicIp` from outside).
//!
//! ```no_run
//! # async fn run(client: hwcloud::client::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use hwcloud::graph::{self, Network};
//! use hwcloud::ges;
//!
//! // The graph's address from its detail: a client that sends the graph plane there.
//! let on_graph = graph::client_for(&client, "f1529b88-c958-493e-8452-fccfe932cde1", Network::Public).await?;
//! let status = on_graph
//!     .send(&on_graph.in_project(ges::ListGesGraphsJobsStatusRequest::builder())
//!         .graph_name("movies")
//!         .job_id("ff80808167bb90340167bc7445670428")
//!         .build())
//!     .await?;
//! println!("{:?}", status.status);
//! # Ok(()) }
//! ```

use std::fmt;

use crate::client::{Client, ClientError, ConfigError};
use crate::ges;

/// Which of the graph's addresses to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// `privateIp`: from inside the graph's VPC.
    Private,
    /// `publicIp`: from outside, where the graph has an elastic IP.
    Public,
}

impl Network {
    fn field(self) -> &'static str {
        match self {
            Network::Private => "privateIp",
            Network::Public => "publicIp",
        }
    }
}

/// Why the graph's address could not be had.
#[derive(Debug)]
pub enum GraphAddressError {
    /// The graph detail call failed.
    Client(ClientError<ges::ErrorCode>),
    /// The detail has no such address (no public IP bound, the graph not running yet).
    NoAddress {
        /// The graph asked about.
        graph_id: String,
        /// `privateIp` or `publicIp`.
        field: &'static str,
    },
    /// The address is not a usable URL.
    BadAddress(ConfigError),
}

impl fmt::Display for GraphAddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphAddressError::Client(error) => write!(f, "graph detail: {error}"),
            GraphAddressError::NoAddress { graph_id, field } => {
                write!(f, "graph {graph_id} has no `{field}` in its detail")
            }
            GraphAddressError::BadAddress(error) => write!(f, "graph address: {error}"),
        }
    }
}

impl std::error::Error for GraphAddressError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GraphAddressError::Client(error) => Some(error),
            GraphAddressError::BadAddress(error) => Some(error),
            GraphAddressError::NoAddress { .. } => None,
        }
    }
}

/// The graph's base URL from its detail (`ges::ShowGraphsRequest`): an address
/// without a scheme (what the cloud returns, `192.168.0.4`) is reached over HTTPS.
pub async fn address(client: &Client, graph_id: &str, network: Network) -> Result<String, GraphAddressError> {
    let request = client
        .in_project(ges::ShowGraphsRequest::builder())
        .graph_id(graph_id)
        .build();
    let detail = client.send(&request).await.map_err(GraphAddressError::Client)?;
    let field = network.field();
    // The detail as JSON: the address is a documented field or one the docs do
    // not list (kept in `undocumented`), whichever revision of the page the spec has.
    let graph = detail
        .graph
        .as_ref()
        .and_then(|graph| crate::runtime::serde_json::to_value(graph).ok());
    let address = graph
        .as_ref()
        .and_then(|graph| graph.get(field))
        .and_then(|value| value.as_str())
        .filter(|value| !value.trim().is_empty())
        .ok_or_else(|| GraphAddressError::NoAddress {
            graph_id: graph_id.to_owned(),
            field,
        })?;
    Ok(match address.contains("://") {
        true => address.to_owned(),
        false => format!("https://{address}"),
    })
}

/// `client`, with GES's graph plane sent to the graph's address.
pub async fn client_for(
    client: &Client,
    graph_id: &str,
    network: Network,
) -> Result<Client, GraphAddressError> {
    let address = address(client, graph_id, network).await?;
    client
        .with_plane_endpoint("ges", "graph", &address)
        .map_err(GraphAddressError::BadAddress)
}
