package com.ccs.workflows.localrunner.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ccs.workflows.localrunner.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-in diagrams are the ones the definitions draw; a changed definition makes them stale. */
class WorkflowDiagramsTest {

    @Test
    void theCheckedInDiagramsAreDrawnFromTheDefinitions() {
        List<Path> stale = new WorkflowDiagrams(TestProject.dir()).stale();

        assertThat(stale)
                .as(
                        "diagrams that differ from statemachines/*.asl.json: run %s and commit the result",
                        WorkflowDiagrams.COMMAND)
                .isEmpty();
    }

    @Test
    void everyDefinitionHasItsPageAndTheReadmeShowsEveryMachine() {
        var expected = new WorkflowDiagrams(TestProject.dir()).expected();

        assertThat(expected)
                .containsKeys(
                        Path.of("docs/diagrams/emergency.md"),
                        Path.of("docs/diagrams/business.md"),
                        Path.of("README.md"));
        assertThat(expected.get(Path.of("README.md")))
                .contains(
                        "### Emergency workflow (`statemachines/emergency.asl.json`)",
                        "### Business workflow (`statemachines/business.asl.json`)",
                        "validate_event{\"Validate Event\"}",
                        "subgraph high_priority_response[\"High Priority Response\"]",
                        "wait_for_approval[\"Wait for Approval\"]");
    }

    @Test
    void aRenamedStateMakesThePageAndTheReadmeStaleUntilRedrawn(@TempDir Path project) throws IOException {
        TestProject.copyWorkflows(project);
        Path emergency = project.resolve("statemachines/emergency.asl.json");
        Files.writeString(emergency, Files.readString(emergency).replace("Log Completion", "Report Completion"));
        WorkflowDiagrams diagrams = new WorkflowDiagrams(project);

        assertThat(diagrams.stale()).containsExactly(Path.of("docs/diagrams/emergency.md"), Path.of("README.md"));
        assertThat(diagrams.write()).containsExactly(Path.of("docs/diagrams/emergency.md"), Path.of("README.md"));
        assertThat(diagrams.stale()).isEmpty();
        assertThat(Files.readString(project.resolve("README.md")))
                .contains("report_completion(\"Report Completion\")")
                .doesNotContain("log_completion")
                .contains("## Prerequisites");
        assertThat(Files.readString(project.resolve("docs/diagrams/business.md")))
                .isEqualTo(Files.readString(TestProject.dir().resolve("docs/diagrams/business.md")));
    }

    @Test
    void aReadmeWithoutTheMarkersIsNamedNotGuessed() {
        assertThatThrownBy(() -> WorkflowDiagrams.withSection("# A project\n", "diagrams"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(WorkflowDiagrams.BEGIN)
                .hasMessageContaining(WorkflowDiagrams.COMMAND);
    }
}
