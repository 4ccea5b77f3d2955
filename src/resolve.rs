//! Finding the hex deployment id behind the numeric id a report page shows. The API has no
//! call for that direction, only `/group` from hex to numeric, so the candidates are asked in
//! turn: the ones whose name the page shows first, a few at a time, stopping at the first match.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::stream::{self, StreamExt};

use crate::api::client::Client;
use crate::api::parse::Orchestration;
use crate::api::transport::Transport;
use crate::error::Error;
use crate::ids::{DeploymentId, OrchestrationId};
use crate::json::Json;

/// How many `/group` requests may be in flight at once: enough to be quick on a slow link,
/// few enough not to look like a flood to Functionize.
pub const MAX_IN_FLIGHT: usize = 4;

/// The numeric → hex mappings learned so far. They never change, so they are kept for good.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdMap(BTreeMap<String, String>);

impl IdMap {
    pub fn get(&self, numeric: OrchestrationId) -> Option<DeploymentId> {
        let hex = self.0.get(&numeric.to_string())?;
        // A stored value that no longer parses is treated as unknown and asked again.
        DeploymentId::parse(hex).ok()
    }

    /// The numeric id known for `deployment`, the other way round.
    pub fn numeric_of(&self, deployment: &DeploymentId) -> Option<OrchestrationId> {
        let (numeric, _) = self
            .0
            .iter()
            .find(|(_, hex)| hex.as_str() == deployment.as_str())?;
        OrchestrationId::parse(numeric).ok()
    }

    pub fn insert(&mut self, numeric: OrchestrationId, deployment: &DeploymentId) {
        self.0
            .insert(numeric.to_string(), deployment.as_str().to_owned());
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// As stored: an object from numeric id (as text) to hex id.
    pub fn to_json(&self) -> Json {
        let pairs = self.0.iter();
        Json::object(pairs.map(|(numeric, hex)| (numeric.as_str(), hex.as_str().into())))
    }

    /// What was stored; a pair that does not read is left out, to be learned again.
    pub fn from_json(value: &Json) -> IdMap {
        let Some(stored) = value.as_object() else {
            return IdMap::default();
        };
        let pairs = stored
            .iter()
            .filter_map(|(numeric, hex)| Some((numeric.to_owned(), hex.as_str()?.to_owned())));
        IdMap(pairs.collect())
    }
}

/// Which orchestrations may be asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Candidates {
    /// Every one, the likely ones first: a click on the page button asks for exactly this.
    All,
    /// Only those whose name matches the visible name even partly: for guesses nobody asked
    /// for, like the popup's preselection, which must not sweep the whole account.
    NameLike,
}

/// The deployment id of the orchestration numbered `wanted`. Every mapping learned on the way
/// is added to `map`, also those of the candidates that did not match.
pub async fn deployment_for<T: Transport>(
    client: &Client<T>,
    wanted: OrchestrationId,
    visible_name: Option<&str>,
    map: &mut IdMap,
    candidates: Candidates,
) -> Result<DeploymentId, Error> {
    if let Some(known) = map.get(wanted) {
        return Ok(known);
    }
    let list = client.list_orchestrations().await?;
    // A candidate whose numeric id is already known is not the wanted one (that lookup failed
    // above), so asking it again would only repeat a request.
    let known: BTreeSet<&str> = map.0.values().map(String::as_str).collect();
    let unknown: Vec<&Orchestration> = list
        .iter()
        .filter(|o| !known.contains(o.deployment_id.as_str()))
        .collect();
    let [named, partly, rest] = likely_first(&unknown, visible_name);
    let others = match candidates {
        Candidates::All => [partly, rest].concat(),
        Candidates::NameLike => partly,
    };

    // The named candidates go alone first: usually one request finds the match, and the
    // others are only disturbed when the page's name misled us.
    for tier in [named, others] {
        if let Some(found) = first_match(client, tier, wanted, map).await? {
            return Ok(found);
        }
    }
    Err(Error::NotFound)
}

/// Asks `/group` for each candidate, at most `MAX_IN_FLIGHT` at once, until one is `wanted`.
async fn first_match<T: Transport>(
    client: &Client<T>,
    candidates: Vec<DeploymentId>,
    wanted: OrchestrationId,
    map: &mut IdMap,
) -> Result<Option<DeploymentId>, Error> {
    let mut answers = stream::iter(candidates)
        .map(|id| async move {
            let answer = client.orchestration_id(&id).await;
            (id, answer)
        })
        .buffer_unordered(MAX_IN_FLIGHT);
    while let Some((id, answer)) = answers.next().await {
        match answer {
            Ok(numeric) => {
                map.insert(numeric, &id);
                if numeric == wanted {
                    return Ok(Some(id));
                }
            }
            // Deleted between the list and this call: it cannot be the one.
            Err(Error::NotFound) => {}
            // A rejected token or a silent server will not get better on the next candidate.
            Err(error) => return Err(error),
        }
    }
    Ok(None)
}

/// The candidates' deployment ids in three tiers: those named exactly like `visible_name`,
/// those whose name matches it partly, and the rest, each in list order.
fn likely_first(list: &[&Orchestration], visible_name: Option<&str>) -> [Vec<DeploymentId>; 3] {
    let wanted = visible_name.map(fold).filter(|name| !name.is_empty());
    let rank = |orchestration: &Orchestration| {
        let Some(wanted) = &wanted else { return 2 };
        let name = fold(&orchestration.name);
        if name == *wanted {
            0
        } else if !name.is_empty() && (name.contains(wanted) || wanted.contains(&name)) {
            1
        } else {
            2
        }
    };
    let mut tiers: [Vec<DeploymentId>; 3] = Default::default();
    for orchestration in list {
        tiers[rank(orchestration)].push(orchestration.deployment_id.clone());
    }
    tiers
}

/// Names as a page and the API may differ in case and spacing.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
