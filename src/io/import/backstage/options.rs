//! The choices a Backstage import leaves to the user.

/// Choices a Backstage import leaves to the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackstageOptions {
    /// The map's name; "Imported Backstage catalog" when `None`.
    pub name: Option<String>,
    /// Import `Component`s of type `library` as services (they are code
    /// that runs inside other services, so they are left out by default).
    pub include_libraries: bool,
    /// Turn each `System` into a draft stream of its components.
    pub systems_as_streams: bool,
}
