package com.ccs.workflows.shared.priming;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.crac.Core;
import org.crac.Resource;

/**
 * The functions' one source of random numbers, safe across SnapStart: every execution environment restored from
 * one snapshot starts with the same memory, so a generator seeded before the snapshot (ThreadLocalRandom, a static
 * Random) would hand each of them the same retry jitter and the same X-Ray ids. Here each thread's generator is
 * seeded from {@link SecureRandom}, which Lambda's Java runtimes reseed on restore, and is replaced after every
 * restore (a CRaC hook). Ids that must be unguessable take their bytes from {@link #secure()}.
 */
public final class RestoreSafeRandom implements Resource {
    private static final SecureRandom SECURE = new SecureRandom();
    private static final AtomicLong RESTORES = new AtomicLong();
    private static final ThreadLocal<Seeded> CURRENT = new ThreadLocal<>();
    // CRaC holds registered resources weakly: this field keeps the hook alive.
    private static final RestoreSafeRandom HOOK = new RestoreSafeRandom();

    static {
        Core.getGlobalContext().register(HOOK);
    }

    private record Seeded(long restores, SplittableRandom random) {}

    private RestoreSafeRandom() {}

    /** This thread's generator (not to be shared between threads), seeded afresh since the last restore. */
    public static RandomGenerator current() {
        long restores = RESTORES.get();
        Seeded seeded = CURRENT.get();
        if (seeded == null || seeded.restores() != restores) {
            seeded = new Seeded(restores, new SplittableRandom(SECURE.nextLong()));
            CURRENT.set(seeded);
        }
        return seeded.random();
    }

    /** For identifiers that must be unguessable (approval ids). */
    public static SecureRandom secure() {
        return SECURE;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Nothing to do: the generators are replaced on restore.
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        restored();
    }

    /** What a restore does: every thread's next call to {@link #current()} gets a newly seeded generator. */
    static void restored() {
        RESTORES.incrementAndGet();
    }
}
