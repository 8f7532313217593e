"""Signs tests/conformance/cases.json with the official Huawei Cloud Python SDK
(huaweicloudsdkcore, pinned in .ci/run) and prints one `name<TAB>Authorization`
line per case, the format `sign-cases` prints for our signer."""
import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


def main(path):
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    for case in cases:
        headers = dict(case["headers"])
        headers["X-Sdk-Date"] = case["date"]
        request = SdkRequest(
            method=case["method"],
            schema="https",
            host=case["host"],
            resource_path=case["path"],
            query_params=[tuple(pair) for pair in case["query"]],
            header_params=headers,
            body=case["body"].encode("utf-8") if case["body"] else None,
        )
        signed = Signer(BasicCredentials(case["ak"], case["sk"])).sign(request)
        print("%s\t%s" % (case["name"], signed.header_params["Authorization"]))


if __name__ == "__main__":
    main(sys.argv[1])
