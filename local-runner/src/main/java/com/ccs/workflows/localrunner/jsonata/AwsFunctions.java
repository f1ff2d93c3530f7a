package com.ccs.workflows.localrunner.jsonata;

import com.ccs.workflows.localrunner.json.Json;
import com.ccs.workflows.localrunner.paths.intrinsics.IntrinsicFunctions;
import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse; and $now,
 * $millis on the engine's clock.
 */
final class AwsFunctions {
    private AwsFunctions() {}

    static void bind(Jsonata.Frame frame, Instant now) {
        if (now != null) {
            long millis = now.toEpochMilli();
            frame.bind("millis", Jsonata.function("millis", (Jsonata.Fn0<Object>) () -> millis, null));
            frame.bind(
                    "now",
                    Jsonata.function(
                            "now",
                            (Jsonata.FnVarArgs<Object>) args -> Functions.dateTimeFromMillis(
                                    millis,
                                    args.isEmpty() ? null : (String) args.get(0),
                                    args.size() < 2 ? null : (String) args.get(1)),
                            null));
        }
        frame.bind(
                "partition",
                Jsonata.function(
                        "partition",
                        (Jsonata.Fn2<Object, Object, Object>) (a, s) -> intrinsic("States.ArrayPartition", a, s),
                        null));
        frame.bind(
                "range",
                Jsonata.function(
                        "range",
                        (Jsonata.Fn3<Object, Object, Object, Object>)
                                (a, b, c) -> singleton(intrinsic("States.ArrayRange", a, b, c)),
                        null));
        frame.bind(
                "hash",
                Jsonata.function(
                        "hash",
                        (Jsonata.Fn2<Object, Object, Object>) (d, alg) -> intrinsic("States.Hash", d, alg),
                        null));
        frame.bind(
                "uuid",
                Jsonata.function(
                        "uuid", (Jsonata.Fn0<Object>) () -> UUID.randomUUID().toString(), null));
        frame.bind("parse", Jsonata.function("parse", (Jsonata.Fn1<Object, Object>) AwsFunctions::parse, null));
        frame.bind("random", Jsonata.function("random", (Jsonata.FnVarArgs<Object>) AwsFunctions::random, null));
    }

    private static Object intrinsic(String name, Object... args) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object a : args) {
            nodes.add(JsonataEvaluator.fromJsonata(a));
        }
        return JsonataEvaluator.toJsonata(IntrinsicFunctions.apply(name, nodes));
    }

    /** AWS's $range yields a JSONata sequence, and a sequence of one is its only value. */
    private static Object singleton(Object value) {
        return value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
    }

    private static Object parse(Object text) {
        if (!(text instanceof String s)) {
            throw new JsonataFunctionError(null, "The function $parse expects a string argument");
        }
        try {
            return JsonataEvaluator.toJsonata(Json.parse(s));
        } catch (IllegalArgumentException e) {
            throw new JsonataFunctionError(null, "The function $parse could not parse the string: " + s);
        }
    }

    private static Object random(List<?> args) {
        Random random = !args.isEmpty() && args.get(0) instanceof Number seed
                ? new Random(seed.longValue())
                : ThreadLocalRandom.current();
        return random.nextDouble();
    }
}
