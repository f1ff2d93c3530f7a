/**
 * The JSONata query language ({@code {% %}} expressions, {@code $states}, variables) on com.dashjoin:jsonata,
 * with the functions Step Functions adds.
 */
package com.ccs.workflows.localrunner.jsonata;
