package com.ccs.workflows.shared.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RestoreSafeRandomTest {

    @Test
    void aRestoreGivesEveryThreadAFreshlySeededGenerator() {
        RandomGenerator before = RestoreSafeRandom.current();
        assertThat(RestoreSafeRandom.current()).isSameAs(before);

        RestoreSafeRandom.restored(); // what the CRaC hook does after each restore
        RandomGenerator after = RestoreSafeRandom.current();

        assertThat(after).isNotSameAs(before);
        // Had the snapshot's generator been kept, every restored environment would draw these same values.
        long[] fromTheSnapshot = LongStream.generate(before::nextLong).limit(4).toArray();
        assertThat(LongStream.generate(after::nextLong).limit(4).toArray()).isNotEqualTo(fromTheSnapshot);
    }

    @Test
    void threadsDoNotShareAGenerator() throws Exception {
        RandomGenerator mine = RestoreSafeRandom.current();
        RandomGenerator other =
                CompletableFuture.supplyAsync(RestoreSafeRandom::current).get();

        assertThat(other).isNotSameAs(mine);
    }
}
