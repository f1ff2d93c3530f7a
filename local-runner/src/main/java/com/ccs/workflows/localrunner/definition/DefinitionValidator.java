package com.ccs.workflows.localrunner.definition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Graph checks of a parsed program, recursively into Parallel branches and Map processors: StartAt and every
 * transition target exist in the same scope, some state ends it, and every state is reachable.
 */
final class DefinitionValidator {
    private final List<String> problems;

    DefinitionValidator(List<String> problems) {
        this.problems = problems;
    }

    void validate(Program program, String at) {
        if (program.startAt() != null && !program.states().containsKey(program.startAt())) {
            problems.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + program.startAt() + " at " + at
                    + "/StartAt");
        }
        for (State state : program.states().values()) {
            String sat = at + "/States/" + state.name();
            for (Transition t : transitions(state, sat)) {
                if (!program.states().containsKey(t.target())) {
                    problems.add("MISSING_TRANSITION_TARGET: Missing 'Next' target: " + t.target() + " at " + t.at());
                }
            }
            switch (state) {
                case ParallelState p -> {
                    for (int i = 0; i < p.branches().size(); i++) {
                        validate(p.branches().get(i), sat + "/Branches[" + i + "]");
                    }
                }
                case MapState m -> {
                    if (m.processor() != null) {
                        validate(m.processor(), sat + "/ItemProcessor");
                    }
                }
                default -> {}
            }
        }
        if (!program.states().isEmpty()
                && program.states().values().stream().noneMatch(DefinitionValidator::isTerminal)) {
            // AWS gives no location here, and checks no reachability in a scope that cannot end
            problems.add("MISSING_END_STATE: Workflow has no terminal state at null");
            return;
        }
        Set<String> reachable = reachable(program);
        for (String name : program.states().keySet()) {
            if (!reachable.contains(name)) {
                problems.add("MISSING_TRANSITION_TARGET: State \"" + name + "\" is not reachable. at " + at + "/States/"
                        + name);
            }
        }
    }

    private static boolean isTerminal(State state) {
        return state instanceof SucceedState
                || state instanceof FailState
                || state.common().end();
    }

    private record Transition(String target, String at) {}

    private static List<Transition> transitions(State state, String at) {
        List<Transition> out = new ArrayList<>();
        if (state.common().next() != null) {
            out.add(new Transition(state.common().next(), at + "/Next"));
        }
        switch (state) {
            case ChoiceState c -> {
                for (int i = 0; i < c.choices().size(); i++) {
                    if (c.choices().get(i).next() != null) {
                        out.add(new Transition(c.choices().get(i).next(), at + "/Choices[" + i + "]/Next"));
                    }
                }
                if (c.defaultNext() != null) {
                    out.add(new Transition(c.defaultNext(), at + "/Default"));
                }
            }
            case TaskState t -> addCatches(t.catchers(), at, out);
            case ParallelState p -> addCatches(p.catchers(), at, out);
            case MapState m -> addCatches(m.catchers(), at, out);
            default -> {}
        }
        return out;
    }

    private static void addCatches(List<Catcher> catchers, String at, List<Transition> out) {
        for (int i = 0; i < catchers.size(); i++) {
            if (catchers.get(i).next() != null) {
                out.add(new Transition(catchers.get(i).next(), at + "/Catch[" + i + "]/Next"));
            }
        }
    }

    private static Set<String> reachable(Program program) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (program.startAt() != null) {
            todo.push(program.startAt());
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State state = program.state(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            transitions(state, "").forEach(t -> todo.push(t.target()));
        }
        return seen;
    }
}
