package com.ccs.workflows.localrunner.paths.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Parsed intrinsic function call: {@code States.Name(arg, ...)} whose arguments are literals, paths or calls. */
public sealed interface IntrinsicExpr {

    record Literal(JsonNode value) implements IntrinsicExpr {}

    record Reference(String path) implements IntrinsicExpr {}

    record Call(String name, List<IntrinsicExpr> args) implements IntrinsicExpr {}
}
