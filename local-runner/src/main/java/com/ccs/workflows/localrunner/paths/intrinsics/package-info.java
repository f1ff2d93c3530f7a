/** The {@code States.*} intrinsic functions: a small parser into a sealed expression tree, and the functions. */
package com.ccs.workflows.localrunner.paths.intrinsics;
