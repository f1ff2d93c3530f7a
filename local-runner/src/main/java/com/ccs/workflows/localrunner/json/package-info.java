/** JSON values as Jackson trees, with the conversions to and from the plain Java values libraries use. */
package com.ccs.workflows.localrunner.json;
