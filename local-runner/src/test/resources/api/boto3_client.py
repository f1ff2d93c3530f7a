"""Drives the local Step Functions API with boto3, as a Python application would, and prints what it saw.

Usage: python boto3_client.py <endpoint-url>. Prints one JSON object; the calling test asserts on it.
"""
import datetime
import json
import sys
import time

import boto3
from botocore.config import Config

ROLE = "arn:aws:iam::123456789:role/ccs-workflows-sfn"
DEFINITION = {
    "StartAt": "Classify",
    "States": {
        "Classify": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.type", "StringEquals": "panic_button", "Next": "Dispatch"}],
            "Default": "Unknown",
        },
        "Dispatch": {"Type": "Pass", "Parameters": {"vehicleId.$": "$.vehicleId"}, "End": True},
        "Unknown": {"Type": "Fail", "Error": "UnknownEmergencyType", "Cause": "not handled"},
    },
}


def main(endpoint):
    sfn = boto3.client(
        "stepfunctions",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        # StartSyncExecution would go to sync-<host>: keep the host as given.
        config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
    )
    seen = {}
    arn = sfn.create_state_machine(
        name="ccs-prod-emergency-workflow", definition=json.dumps(DEFINITION), roleArn=ROLE
    )["stateMachineArn"]
    seen["stateMachineArn"] = arn

    ok = sfn.start_execution(
        stateMachineArn=arn, input=json.dumps({"vehicleId": "VEH-TEST-001", "type": "panic_button"})
    )["executionArn"]
    failed = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"type": "flat_tire"}))["executionArn"]
    described = wait(sfn, ok)
    seen["status"] = described["status"]
    seen["output"] = json.loads(described["output"])
    seen["startDateIsDatetime"] = isinstance(described["startDate"], datetime.datetime)
    seen["failedError"] = wait(sfn, failed).get("error")

    history = sfn.get_execution_history(executionArn=ok, maxResults=100)
    seen["historyTypes"] = [e["type"] for e in history["events"]]
    seen["firstEnteredState"] = history["events"][1]["stateEnteredEventDetails"]["name"]
    pages = sfn.get_paginator("get_execution_history").paginate(
        executionArn=ok, PaginationConfig={"PageSize": 2}
    )
    seen["historyPaged"] = [e["type"] for page in pages for e in page["events"]]

    listed = sfn.list_executions(stateMachineArn=arn, statusFilter="FAILED", maxResults=10)
    seen["failedListed"] = [e["executionArn"] for e in listed["executions"]]
    seen["failedArn"] = failed

    try:
        sfn.describe_execution(executionArn=arn.replace(":stateMachine:", ":execution:") + ":missing")
    except sfn.exceptions.ExecutionDoesNotExist as e:
        seen["missingError"] = e.response["Error"]["Code"]
    try:
        sfn.describe_state_machine(stateMachineArn="not-an-arn")
    except sfn.exceptions.InvalidArn as e:
        seen["invalidArnError"] = e.response["Error"]["Code"]

    express = sfn.create_state_machine(
        name="quick", definition=json.dumps(DEFINITION), roleArn=ROLE, type="EXPRESS"
    )["stateMachineArn"]
    sync = sfn.start_sync_execution(
        stateMachineArn=express, input=json.dumps({"vehicleId": "VEH-9", "type": "panic_button"})
    )
    seen["syncStatus"] = sync["status"]
    seen["syncOutput"] = json.loads(sync["output"])

    # TestState: a state named in the whole machine, and a mocked task error its Retry would retry.
    choice = sfn.test_state(
        definition=json.dumps(DEFINITION), stateName="Classify", input=json.dumps({"type": "panic_button"})
    )
    seen["testStateNext"] = choice["nextState"]
    charge = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
        "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 3}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
        "Next": "Done",
    }
    retriable = sfn.test_state(
        definition=json.dumps(charge),
        input=json.dumps({"amount": 10}),
        inspectionLevel="DEBUG",
        mock={"errorOutput": {"error": "Lambda.ServiceException", "cause": "down"}},
        stateConfiguration={"retrierRetryCount": 1},
    )
    seen["testStateStatus"] = retriable["status"]
    seen["testStateErrorDetails"] = retriable["inspectionData"]["errorDetails"]

    # Versions and aliases: publish on create, an alias routing to it, an execution started by the alias.
    versioned = sfn.create_state_machine(
        name="versioned", definition=json.dumps(DEFINITION), roleArn=ROLE, publish=True, versionDescription="v1"
    )
    alias = sfn.create_state_machine_alias(
        name="PROD",
        routingConfiguration=[{"stateMachineVersionArn": versioned["stateMachineVersionArn"], "weight": 100}],
    )["stateMachineAliasArn"]
    by_alias = wait(sfn, sfn.start_execution(stateMachineArn=alias, input=json.dumps({"type": "panic_button",
                                                                                       "vehicleId": "V"}))["executionArn"])
    seen["versionArn"] = versioned["stateMachineVersionArn"]
    seen["aliasArn"] = alias
    seen["executionVersionArn"] = by_alias["stateMachineVersionArn"]
    seen["executionAliasArn"] = by_alias["stateMachineAliasArn"]
    seen["aliases"] = [a["stateMachineAliasArn"] for a in
                       sfn.list_state_machine_aliases(stateMachineArn=versioned["stateMachineArn"])["stateMachineAliases"]]
    try:
        sfn.delete_state_machine_version(stateMachineVersionArn=versioned["stateMachineVersionArn"])
    except sfn.exceptions.ConflictException as e:
        seen["deleteRoutedVersionError"] = e.response["Error"]["Code"]
    print(json.dumps(seen))


def wait(sfn, execution_arn):
    for _ in range(3000):
        described = sfn.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.01)
    raise RuntimeError("execution did not end: " + execution_arn)


if __name__ == "__main__":
    main(sys.argv[1])
