/** Step Functions errors: the States.* names, the failure type the engine throws, Retry/Catch decisions. */
package com.ccs.workflows.localrunner.errors;
