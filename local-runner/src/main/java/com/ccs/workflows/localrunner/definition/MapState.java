package com.ccs.workflows.localrunner.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Map (inline mode). {@code itemSelector} is ItemSelector or the legacy Parameters; {@code processor} is
 * ItemProcessor or the legacy Iterator. Numeric limits are JSON nodes (literal or JSONata expression) with
 * their {@code *Path} variants.
 *
 * @param items JSONata {@code Items} (literal array or expression), null when unset
 * @param distributedMode ProcessorConfig.Mode is DISTRIBUTED: iterations run as child executions whose events
 *     are not in the parent's history
 * @param distributed the ItemReader/ResultWriter/ItemBatcher block of a distributed map, or null
 */
public record MapState(
        StateCommon common,
        Program processor,
        String itemsPath,
        JsonNode items,
        JsonNode itemSelector,
        JsonNode maxConcurrency,
        String maxConcurrencyPath,
        JsonNode toleratedFailureCount,
        String toleratedFailureCountPath,
        JsonNode toleratedFailurePercentage,
        String toleratedFailurePercentagePath,
        boolean distributedMode,
        JsonNode distributed,
        List<Retrier> retry,
        List<Catcher> catchers)
        implements State {}
