"""Asserts changes of the real DLI documentation drift (otc-dli-en-2024-05 ->
otc-dli-en, re-imported over the 2024-05 import as users regenerate, so ids
stay) that were checked by hand against the pages. Reads the JSON of
`codegen diff --format json` on stdin."""
import json
import sys

diff = json.load(sys.stdin)
changes = diff["changes"]


def has(cls, what, path, rust_item, old=None, new=None):
    for c in changes:
        if (c["class"], c["what"], c["path"], c["rust_item"]) == (cls, what, path, rust_item) and \
                (old is None or c["old"] == old) and (new is None or c["new"] == new):
            return
    sys.exit("missing: %s %s %s %s" % (cls, what, path, rust_item))


# querying_all_jobs.rst: the query key engine-type became engine_type; the Rust
# setter is engine_type both times, so user code compiles and sends another key.
has("breaking", "wire name changed (Rust name kept)", "query.engine-type", "dli::QueryAllJobsRequest::engine_type",
    old="engine-type", new="engine_type")
# creating_a_global_variable.rst: is_sensitive is gone from the request body.
has("breaking", "parameter removed", "request.is_sensitive",
    "dli::create_global_variable::CreateGlobalVariableRequestBody::is_sensitive")
# creating_an_address_connectivity_test_request.rst: task_id String -> Integer. The old
# page's own example already sent a number, so the importer had widened it to TextOr<i32>.
has("breaking", "response field retyped", "response.task_id", "dli::CreateAddressConnectivityTestRequestResponse::task_id",
    old="TextOr<i32>", new="i32")
# creating_a_route.rst exists only in the new revision.
has("additive", "operation added", "operation", "dli::CreateRouteRequest")
# creating_a_batch_processing_job.rst: execution_agency_urn is new.
has("additive", "optional parameter added", "request.execution_agency_urn",
    "dli::create_batch_processing_job::CreateBatchProcessingJobRequestBody::execution_agency_urn")
print("5 hand-checked drift changes found; %d breaking, %d additive, %d documentation, semver %s"
      % (diff["breaking"], diff["additive"], diff["documentation"], diff["semver"]))
