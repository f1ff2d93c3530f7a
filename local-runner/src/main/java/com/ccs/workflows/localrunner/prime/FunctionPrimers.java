package com.ccs.workflows.localrunner.prime;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * The SnapStart priming a function's handler registers at construction (shared-lib's {@code Priming}: the request
 * path run in memory over SDK clients that answer without a socket), run in the function's own class loader. On
 * AWS, CRaC runs it before the snapshot; in a JVM without CRaC, org.crac keeps no list of the resources
 * registered, so the list is read from {@code Priming}'s own registry.
 */
final class FunctionPrimers {
    static final String PRIMING = "com.ccs.workflows.shared.priming.Priming";
    private static final String CRAC_CONTEXT = "org.crac.Context";

    private FunctionPrimers() {}

    /**
     * Runs each priming registered in {@code loader} {@code times} times (each a few rounds of the request path);
     * returns how many were registered (0 for a function without shared-lib's priming).
     */
    static int run(ClassLoader loader, int times) {
        try {
            Class<?> priming = Class.forName(PRIMING, false, loader);
            Method before = priming.getMethod("beforeCheckpoint", Class.forName(CRAC_CONTEXT, false, loader));
            List<Object> registered = registered(priming);
            for (int i = 0; i < times; i++) {
                for (Object resource : registered) {
                    before.invoke(resource, (Object) null); // it logs and swallows its own failures
                }
            }
            return registered.size();
        } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException e) {
            return 0;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + PRIMING + "'s registry", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the function's priming failed", e.getCause());
        }
    }

    private static List<Object> registered(Class<?> priming) throws NoSuchFieldException, IllegalAccessException {
        Field field = priming.getDeclaredField("REGISTERED");
        field.setAccessible(true);
        synchronized (priming) { // register() is a static synchronized method
            return List.copyOf(((Map<?, ?>) field.get(null)).values());
        }
    }
}
