//! Typestate for request builders: a required parameter's slot is [`Unset`] until
//! its setter turns it into [`Set`], and `build()` exists only when every slot is set.

/// A required parameter that has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// A required parameter that has been given.
#[derive(Debug, Clone)]
pub struct Set<T>(
    /// The value given; builders keep it private, so only a setter puts one here.
    pub T,
);

/// Implemented by [`Set`] only; generated builders name the missing parameter when
/// a slot does not implement it.
pub trait IsSet<T> {
    /// The value the setter was given.
    fn into_value(self) -> T;
}

impl<T> IsSet<T> for Set<T> {
    fn into_value(self) -> T {
        self.0
    }
}

/// What `build()` returns for an operation with more required parameters than
/// a typestate builder checks at compile time (past 32, its code would grow
/// with the square of their number): the first one not set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("missing required parameter `{parameter}` of `{request}`")]
pub struct MissingParameter {
    /// The request type (`CreateClusterRequest`).
    pub request: &'static str,
    /// The setter that was not called.
    pub parameter: &'static str,
}

/// A request builder with a `project_id` slot still [`Unset`], which a client
/// configured with a project can fill.
pub trait ProjectScoped {
    /// The builder with `project_id` set.
    type Output;
    /// Sets `project_id`.
    fn with_project_id(self, project_id: String) -> Self::Output;
}
