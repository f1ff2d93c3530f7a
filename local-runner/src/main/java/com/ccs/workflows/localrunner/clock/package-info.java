/** Time as the engine sees it: the wall clock, or a virtual clock under which every wait completes at once. */
package com.ccs.workflows.localrunner.clock;
