package com.ccs.workflows.localrunner.api;

import com.ccs.workflows.localrunner.engine.Engine;
import com.ccs.workflows.localrunner.engine.EngineException;
import com.ccs.workflows.localrunner.engine.StateMachineAlias;
import com.ccs.workflows.localrunner.engine.StateMachineVersion;
import com.ccs.workflows.localrunner.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion and the alias operations
 * (Create/Describe/Update/Delete/ListStateMachineAliases).
 */
final class VersionOperations {
    static final int MAX_DESCRIPTION = 256;
    /** AWS's CharacterRestrictedName: not all digits, so an alias never reads as a version number. */
    private static final Pattern ALIAS_NAME = Pattern.compile("^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");

    private final Engine engine;

    VersionOperations(Engine engine) {
        this.engine = engine;
    }

    ObjectNode publish(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
        String revisionId = request.optionalString("revisionId");
        String description = request.optionalString("description", 0, MAX_DESCRIPTION);
        return published(engine.publishStateMachineVersion(arn, revisionId, description));
    }

    static ObjectNode published(StateMachineVersion version) {
        ObjectNode out = Json.object().put("stateMachineVersionArn", version.arn());
        out.put("creationDate", Shapes.timestamp(version.creationDate()));
        return out;
    }

    ObjectNode listVersions(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
        int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
        String token = request.optionalString("nextToken", 1, 1024);
        Pages.Page<StateMachineVersion> page = Pages.page(
                engine.listStateMachineVersions(arn),
                v -> Pages.numberKey(v.number(), true),
                "ListStateMachineVersions " + arn,
                token,
                maxResults);
        return page.answer(
                "stateMachineVersions",
                v -> Json.object()
                        .put("stateMachineVersionArn", v.arn())
                        .put("creationDate", Shapes.timestamp(v.creationDate())));
    }

    ObjectNode deleteVersion(ApiRequest request) {
        String arn = request.requiredString("stateMachineVersionArn", 1, 2000);
        if (!isVersionArn(Arns.stateMachine(arn))) {
            throw ApiErrors.invalidArn("Invalid version ARN: " + arn);
        }
        engine.deleteStateMachineVersion(arn);
        return Json.object();
    }

    ObjectNode createAlias(ApiRequest request) {
        String name = request.requiredString("name", 1, 80);
        if (!ALIAS_NAME.matcher(name).matches()) {
            throw ApiErrors.constraint(
                    name, "name", "Member must satisfy regular expression pattern: " + ALIAS_NAME.pattern());
        }
        String description = request.optionalString("description", 0, MAX_DESCRIPTION);
        List<StateMachineAlias.Route> routes = routes(request);
        if (routes == null) {
            throw ApiErrors.missing("routingConfiguration");
        }
        StateMachineAlias alias = engine.createAlias(name, description, routes);
        ObjectNode out = Json.object().put("stateMachineAliasArn", alias.arn());
        out.put("creationDate", Shapes.timestamp(alias.creationDate()));
        return out;
    }

    ObjectNode describeAlias(ApiRequest request) {
        StateMachineAlias alias = engine.describeAlias(aliasArn(request));
        ObjectNode out = Json.object().put("stateMachineAliasArn", alias.arn()).put("name", alias.name());
        if (alias.description() != null) {
            out.put("description", alias.description());
        }
        ArrayNode routing = out.putArray("routingConfiguration");
        alias.routes()
                .forEach(r -> routing.addObject()
                        .put("stateMachineVersionArn", r.versionArn())
                        .put("weight", r.weight()));
        out.put("creationDate", Shapes.timestamp(alias.creationDate()));
        out.put("updateDate", Shapes.timestamp(alias.updateDate()));
        return out;
    }

    ObjectNode updateAlias(ApiRequest request) {
        String arn = aliasArn(request);
        String description = request.optionalString("description", 0, MAX_DESCRIPTION);
        List<StateMachineAlias.Route> routes = routes(request);
        if (description == null && routes == null) {
            throw new EngineException(
                    ApiErrors.VALIDATION, "Either the description or the RoutingConfiguration must" + " be specified");
        }
        StateMachineAlias alias = engine.updateAlias(arn, description, routes);
        ObjectNode out = Json.object();
        out.put("updateDate", Shapes.timestamp(alias.updateDate()));
        return out;
    }

    ObjectNode deleteAlias(ApiRequest request) {
        engine.deleteAlias(aliasArn(request));
        return Json.object();
    }

    ObjectNode listAliases(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineArn", 1, 256));
        int maxResults = request.optionalInt("maxResults", 0, Pages.MAX_SIZE, 0);
        String token = request.optionalString("nextToken", 1, 1024);
        Pages.Page<StateMachineAlias> page = Pages.page(
                engine.listAliases(arn),
                a -> Pages.instantKey(a.creationDate(), false) + " " + a.name(),
                "ListStateMachineAliases " + arn,
                token,
                maxResults);
        return page.answer(
                "stateMachineAliases",
                a -> Json.object()
                        .put("stateMachineAliasArn", a.arn())
                        .put("creationDate", Shapes.timestamp(a.creationDate())));
    }

    /** routingConfiguration: 1 or 2 items of a version ARN and a weight 0..100; null when absent. */
    private static List<StateMachineAlias.Route> routes(ApiRequest request) {
        List<ApiRequest> items = request.optionalStructures("routingConfiguration");
        if (items == null) {
            return null;
        }
        if (items.isEmpty() || items.size() > 2) {
            throw ApiErrors.constraint(
                    items.size() + " items",
                    "routingConfiguration",
                    "Member must have length less than or equal to 2 and greater than or equal to 1");
        }
        return items.stream()
                .map(item -> {
                    String version = Arns.stateMachine(item.requiredString("stateMachineVersionArn", 1, 256));
                    Integer weight = item.optionalInteger("weight", 0, 100);
                    if (weight == null) {
                        throw ApiErrors.missing("weight");
                    }
                    return new StateMachineAlias.Route(version, weight);
                })
                .toList();
    }

    private static String aliasArn(ApiRequest request) {
        String arn = Arns.stateMachine(request.requiredString("stateMachineAliasArn", 1, 256));
        if (arn.split(":", -1).length != 8 || isVersionArn(arn)) {
            throw ApiErrors.invalidArn("Invalid alias ARN: " + arn);
        }
        return arn;
    }

    private static boolean isVersionArn(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length == 8 && parts[7].chars().allMatch(Character::isDigit);
    }
}
