/**
 * Amazon States Language definitions, parsed once into immutable records: one record per state type, Choice
 * rules as a sealed tree of operators, Retry/Catch entries with AWS defaults applied. {@link
 * com.ccs.workflows.localrunner.definition.DefinitionParser} validates before anything runs and reports every
 * problem at once, worded as AWS words them.
 */
package com.ccs.workflows.localrunner.definition;
