package com.ccs.workflows.integration.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalStackImageTest {
    @Test
    void withoutASettingTheLastReleaseThatRunsWithoutATokenIsUsed() {
        assertThat(LocalStackImage.resolve(null, null).name()).isEqualTo("localstack/localstack:4.14.0");
        assertThat(LocalStackImage.resolve(" ", "").name()).isEqualTo(LocalStackImage.DEFAULT);
    }

    @Test
    void aReleaseAfter4140OrAFloatingTagWithoutATokenIsRefusedWithTheWayOut() {
        for (String image : new String[] {
            "localstack/localstack:4.14.1",
            "localstack/localstack:4.15.0",
            "localstack/localstack:2026.3.0",
            "localstack/localstack:latest",
            "localstack/localstack",
            "localstack/localstack:4",
            "localstack/localstack:4.14",
            "docker.io/localstack/localstack:stable"
        }) {
            assertThatThrownBy(() -> LocalStackImage.resolve(image, null))
                    .as(image)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("LOCALSTACK_AUTH_TOKEN")
                    .hasMessageContaining("localstack/localstack:4.14.0")
                    .hasMessageContaining(image);
        }
    }

    @Test
    void aTokenAllowsAnyReleaseAndOlderReleasesNeedNone() {
        assertThat(LocalStackImage.resolve("localstack/localstack:latest", "ls-token")
                        .name())
                .isEqualTo("localstack/localstack:latest");
        assertThat(LocalStackImage.resolve("localstack/localstack:4.13.2", null).name())
                .isEqualTo("localstack/localstack:4.13.2");
        assertThat(LocalStackImage.resolve("localstack/localstack:3.8.1", null).name())
                .isEqualTo("localstack/localstack:3.8.1");
    }

    @Test
    void otherEmulatorImagesAreNotLocalStacksToCheck() {
        assertThat(LocalStackImage.needsToken("floci/floci:latest")).isFalse();
        assertThat(LocalStackImage.needsToken("ministackorg/ministack:latest")).isFalse();
        assertThat(LocalStackImage.needsToken("registry.local:5000/mirror/ministack"))
                .isFalse();
    }
}
