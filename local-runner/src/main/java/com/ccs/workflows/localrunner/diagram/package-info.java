/** The state machines drawn from their definitions (Mermaid flowcharts in docs/diagrams and README.md). */
package com.ccs.workflows.localrunner.diagram;
