//! Rules: which calls of an operation a mock answers how.

use std::any::Any;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::panic::Location;

use serde::Serialize;

use super::Mock;
use super::answer::Answer;
use super::pages::Pages;
use crate::client::transport::Fault;
use crate::{Operation, Paginated};

type Matcher = Box<dyn Fn(&dyn Any) -> bool + Send + Sync>;
type Responder = Box<dyn Fn(&dyn Any) -> Answer + Send + Sync>;

/// One reply of a rule, typed by the operation it answers.
#[derive(Debug)]
pub enum Reply<O: Operation> {
    /// This response, as the service would send it (serialized, then parsed
    /// by the operation like any response).
    Response(O::Response),
    /// One of the service's error codes, under the status its table documents
    /// (400 where it gives none) and in the service's error-body shape.
    Error(O::ErrorCode),
    /// Any status and body.
    Status(u16, String),
    /// The connection fails (retried where the client's policy retries).
    ConnectError,
    /// No answer in time (retried like a connection error).
    Timeout,
    /// The documented success example.
    Documented,
}

impl<O: Operation> Reply<O>
where
    O::Response: Serialize,
{
    fn into_answer(self) -> Answer {
        match self {
            Reply::Response(response) => Answer::response::<O>(&response),
            Reply::Error(code) => Answer::error(&code),
            Reply::Status(status, body) => Answer::json(status, http::HeaderMap::new(), &body),
            Reply::ConnectError => {
                Answer::Fault(Fault::Connect, format!("mock: {} could not connect", O::ID))
            }
            Reply::Timeout => Answer::Fault(Fault::Timeout, format!("mock: {} timed out", O::ID)),
            Reply::Documented => Answer::documented::<O>(),
        }
    }
}

/// A rule being written: [`Mock::on`] starts it, an answer ends it.
#[must_use = "a rule is added by the call that says what it answers (`respond`, `fail`, ...)"]
pub struct RuleBuilder<'m, O> {
    mock: &'m Mock,
    matcher: Option<Matcher>,
    limit: Option<usize>,
    operation: PhantomData<fn(&O)>,
}

impl<'m, O: Operation + 'static> RuleBuilder<'m, O>
where
    O::Response: Serialize,
{
    pub(super) fn new(mock: &'m Mock) -> Self {
        RuleBuilder {
            mock,
            matcher: None,
            limit: None,
            operation: PhantomData,
        }
    }

    /// Only requests `predicate` accepts (`|request| request.job_id == "j1"`).
    /// It runs while the mock is locked: it must not call the mock.
    pub fn matching(mut self, predicate: impl Fn(&O) -> bool + Send + Sync + 'static) -> Self {
        self.matcher = Some(Box::new(move |typed| {
            typed.downcast_ref::<O>().is_some_and(&predicate)
        }));
        self
    }

    /// At most `times` calls; later ones go to the next rule that matches, or
    /// to the documented example.
    pub fn times(mut self, times: usize) -> Self {
        self.limit = Some(times);
        self
    }

    /// Answers with `response`.
    #[track_caller]
    pub fn respond(self, response: O::Response) {
        let answer = Answer::response::<O>(&response);
        self.finish("respond", Source::Fixed(answer));
    }

    /// Answers with what `reply` makes of the request. It runs while the mock
    /// is locked: it must not call the mock.
    #[track_caller]
    pub fn respond_with(self, reply: impl Fn(&O) -> Reply<O> + Send + Sync + 'static) {
        let responder: Responder = Box::new(move |typed| match typed.downcast_ref::<O>() {
            Some(request) => reply(request).into_answer(),
            None => Answer::Fault(Fault::Unanswered, untyped::<O>()),
        });
        self.finish("respond_with", Source::With(responder));
    }

    /// Fails with one of the service's error codes (status and body as
    /// [`Reply::Error`]).
    #[track_caller]
    pub fn fail(self, code: O::ErrorCode) {
        self.finish("fail", Source::Fixed(Answer::error(&code)));
    }

    /// Answers with any status and body.
    #[track_caller]
    pub fn status(self, status: u16, body: impl Into<String>) {
        let answer = Answer::json(status, http::HeaderMap::new(), &body.into());
        self.finish("status", Source::Fixed(answer));
    }

    /// The connection fails.
    #[track_caller]
    pub fn connect_error(self) {
        let answer = Reply::<O>::ConnectError.into_answer();
        self.finish("connect_error", Source::Fixed(answer));
    }

    /// No answer in time.
    #[track_caller]
    pub fn timeout(self) {
        let answer = Reply::<O>::Timeout.into_answer();
        self.finish("timeout", Source::Fixed(answer));
    }

    /// Answers with the documented success example (what an operation
    /// without rules does), counted like any rule.
    #[track_caller]
    pub fn documented(self) {
        self.finish("documented", Source::Fixed(Answer::documented::<O>()));
    }

    /// Answers the next calls with `replies`, one each, in order; used up
    /// after the last. What a waiter test wants: `RUNNING` twice, then
    /// `FINISHED`.
    #[track_caller]
    pub fn sequence(self, replies: impl IntoIterator<Item = Reply<O>>) {
        let answers = replies.into_iter().map(Reply::into_answer).collect();
        self.finish("sequence", Source::Sequence(answers));
    }

    #[track_caller]
    fn finish(self, kind: &'static str, source: Source) {
        self.mock.add(Rule {
            operation: O::ID,
            kind,
            origin: Location::caller(),
            matcher: self.matcher,
            limit: self.limit,
            used: 0,
            source,
        });
    }
}

impl<O: Paginated + 'static> RuleBuilder<'_, O>
where
    O::Response: Serialize,
    O::Item: Serialize,
{
    /// Serves `items` as pages, as the operation's pagination section says
    /// the service does: the page the request's position and page size ask
    /// for (page size unset: the documented default, else
    /// [`DEFAULT_PAGE_SIZE`](super::DEFAULT_PAGE_SIZE)), in the documented
    /// example response with its items, count and next marker replaced.
    #[track_caller]
    pub fn pages(self, items: impl IntoIterator<Item = O::Item>) {
        let template =
            O::DOCUMENTED_RESPONSE.map(|documented| (documented.status, documented.body.to_owned()));
        self.finish_pages(template, items);
    }

    /// [`pages`](Self::pages) in `template` instead of the documented example
    /// (for an operation that documents none).
    #[track_caller]
    pub fn pages_from(self, template: O::Response, items: impl IntoIterator<Item = O::Item>) {
        let body = serde_json::to_string(&template).ok();
        self.finish_pages(body.map(|b| (200, b)), items);
    }

    #[track_caller]
    fn finish_pages(self, template: Option<(u16, String)>, items: impl IntoIterator<Item = O::Item>) {
        let source = match Pages::new::<O>(template, items) {
            Ok(pages) => Source::Pages(pages),
            Err(why) => Source::Fixed(Answer::Fault(Fault::Unanswered, why)),
        };
        self.finish("pages", source);
    }
}

/// A rule as the mock keeps it.
pub(super) struct Rule {
    operation: &'static str,
    kind: &'static str,
    origin: &'static Location<'static>,
    matcher: Option<Matcher>,
    limit: Option<usize>,
    used: usize,
    source: Source,
}

enum Source {
    Fixed(Answer),
    Sequence(VecDeque<Answer>),
    With(Responder),
    Pages(Pages),
}

impl Rule {
    /// Whether the rule answers this call: its operation, not used up, and
    /// its predicate (if any) accepting the typed request.
    pub(super) fn takes(&self, operation: &str, typed: Option<&(dyn Any + Send)>) -> bool {
        let used_up = self.limit.is_some_and(|limit| self.used >= limit)
            || matches!(&self.source, Source::Sequence(left) if left.is_empty());
        let accepted = match (&self.matcher, typed) {
            (None, _) => true,
            (Some(matcher), Some(typed)) => matcher(typed),
            (Some(_), None) => false,
        };
        self.operation == operation && !used_up && accepted
    }

    /// The answer to this call; the rule counts it.
    pub(super) fn answer(
        &mut self,
        typed: Option<&(dyn Any + Send)>,
        request: &http::Request<Vec<u8>>,
    ) -> Answer {
        self.used += 1;
        match &mut self.source {
            Source::Fixed(answer) => answer.clone(),
            Source::Sequence(left) => left
                .pop_front()
                .unwrap_or_else(|| Answer::Fault(Fault::Unanswered, "mock: sequence used up".to_owned())),
            Source::With(responder) => match typed {
                Some(typed) => responder(typed),
                None => Answer::Fault(
                    Fault::Unanswered,
                    format!("mock: {} has no typed request", self.operation),
                ),
            },
            Source::Pages(pages) => pages.answer(request),
        }
    }

    /// `rule at file:line:col`, for the record of a call it answered.
    pub(super) fn origin(&self) -> String {
        format!("rule at {}", self.origin)
    }

    /// What a finished test should not leave of this rule.
    pub(super) fn unused(&self) -> Option<String> {
        let name = format!("rule `{}` for {} at {}", self.kind, self.operation, self.origin);
        match &self.source {
            _ if self.used == 0 => Some(format!("{name} was never used")),
            Source::Sequence(left) if !left.is_empty() => Some(format!(
                "{name} has {} of its replies left after {} call(s)",
                left.len(),
                self.used
            )),
            _ => None,
        }
    }
}

fn untyped<O: Operation>() -> String {
    format!(
        "mock: {} records no typed request (its crate was generated without mock support), \
         so `respond_with` cannot see it",
        O::ID
    )
}
