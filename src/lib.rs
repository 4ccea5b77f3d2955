//! Functionize report links: the domain logic (typed ids, API client, response parsing, link
//! building) in plain modules that compile and test natively, and one thin wasm boundary.
