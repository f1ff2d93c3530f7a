package com.ccs.workflows.localrunner.engine;

import com.ccs.workflows.localrunner.definition.MapState;
import com.ccs.workflows.localrunner.definition.ParallelState;
import com.ccs.workflows.localrunner.definition.Program;
import com.ccs.workflows.localrunner.definition.State;
import com.ccs.workflows.localrunner.definition.TaskState;
import com.ccs.workflows.localrunner.tasks.ResourceArn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What EXPRESS state machines may not do: run jobs (.sync) or wait for callbacks, or run longer than 5 minutes. */
final class ExpressRules {
    static final Duration MAX_DURATION = Duration.ofMinutes(5);

    private ExpressRules() {}

    static List<String> unsupportedIntegrations(Program program) {
        List<String> problems = new ArrayList<>();
        collect(program, "", problems);
        return problems;
    }

    private static void collect(Program program, String at, List<String> problems) {
        for (State state : program.states().values()) {
            String sat = at + "/States/" + state.name();
            switch (state) {
                case TaskState t -> {
                    String resource = t.resource() == null ? "" : t.resource();
                    ResourceArn.Pattern pattern = ResourceArn.parse(resource).pattern();
                    if (pattern != ResourceArn.Pattern.REQUEST_RESPONSE) {
                        problems.add("SCHEMA_VALIDATION_FAILED: Express state machine does not support '"
                                + resource.substring(resource.lastIndexOf('.')) + "' service integration at " + sat
                                + "/Resource");
                    }
                }
                case ParallelState p -> {
                    for (int i = 0; i < p.branches().size(); i++) {
                        collect(p.branches().get(i), sat + "/Branches[" + i + "]", problems);
                    }
                }
                case MapState m -> {
                    if (m.processor() != null) {
                        collect(m.processor(), sat + "/ItemProcessor", problems);
                    }
                }
                default -> {}
            }
        }
    }
}
