package com.ccs.workflows.localrunner.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The refusal of a definition that must not be created, for the definition tests to read its problems. */
final class DefinitionRefusals {
    private DefinitionRefusals() {}

    static DefinitionException refusal(String definition) {
        DefinitionException e =
                catchThrowableOfType(DefinitionException.class, () -> DefinitionParser.parse(definition));
        assertThat(e).as(definition).isNotNull();
        return e;
    }
}
