//! The links of the report page a user is looking at: its share link and its standard report
//! URL, from the ids in the page's URL and what the id map already knows.

use crate::api::client::Client;
use crate::api::transport::Transport;
use crate::error::Error;
use crate::ids::{DeploymentId, OrchestrationId};
use crate::links::ReportUrl;
use crate::pages::{PageOrchestration, ReportPage};
use crate::resolve::{deployment_for, Candidates, IdMap};

/// The deployment id of the page's orchestration; a numeric id is resolved among
/// `candidates`, a hex one is it.
pub async fn deployment_of<T: Transport>(
    client: &Client<T>,
    page: &ReportPage,
    visible_name: Option<&str>,
    ids: &mut IdMap,
    candidates: Candidates,
) -> Result<DeploymentId, Error> {
    match &page.orchestration {
        PageOrchestration::Deployment(deployment) => Ok(deployment.clone()),
        PageOrchestration::Numeric(numeric) => {
            deployment_for(client, *numeric, visible_name, ids, candidates).await
        }
    }
}

/// The page's standard report URL. A numeric id needs no request; a Studio page that names
/// the hex id needs the numeric one, from the map or from `/group`.
pub async fn report_url_of<T: Transport>(
    client: &Client<T>,
    page: &ReportPage,
    ids: &mut IdMap,
) -> Result<ReportUrl, Error> {
    let numeric = match &page.orchestration {
        PageOrchestration::Numeric(numeric) => *numeric,
        PageOrchestration::Deployment(deployment) => numeric_of(client, deployment, ids).await?,
    };
    Ok(ReportUrl::new(&client.host, numeric, &page.run))
}

/// The numeric id of `deployment`: from the map, or from `/group`, which the map then keeps.
pub async fn numeric_of<T: Transport>(
    client: &Client<T>,
    deployment: &DeploymentId,
    ids: &mut IdMap,
) -> Result<OrchestrationId, Error> {
    if let Some(known) = ids.numeric_of(deployment) {
        return Ok(known);
    }
    let numeric = client.orchestration_id(deployment).await?;
    ids.insert(numeric, deployment);
    Ok(numeric)
}
