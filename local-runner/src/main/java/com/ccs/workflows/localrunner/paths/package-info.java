/**
 * JSONPath input and output processing as AWS does it: reference paths (with the {@code $$} context object and
 * {@code $var} variables) evaluated by Jayway, whose semantics and messages AWS shares; payload templates;
 * InputPath/ResultPath/OutputPath; the context object.
 */
package com.ccs.workflows.localrunner.paths;
