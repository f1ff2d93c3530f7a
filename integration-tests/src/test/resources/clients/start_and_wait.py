"""Starts executions with boto3, as a Python application would, and waits for each to end.

Usage: python start_and_wait.py <endpoint-url> <state-machine-arn> <input-file>... Each execution is named after
its input's execution_id. Prints one JSON list: the DescribeExecution answer of each, in order.
"""
import json
import sys
import time

import boto3
from botocore.config import Config


def main(endpoint, machine, inputs):
    sfn = boto3.client(
        "stepfunctions",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
    )
    arns = []
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        name = json.loads(text)["execution_id"]
        arns.append(sfn.start_execution(stateMachineArn=machine, name=name, input=text)["executionArn"])
    ended = []
    for arn in arns:
        deadline = time.time() + 180
        while True:
            described = sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING" or time.time() > deadline:
                break
            time.sleep(0.2)
        ended.append({key: described.get(key) for key in ("name", "status", "output", "error", "cause")})
    print(json.dumps(ended))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
