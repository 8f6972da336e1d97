package org.snnspark.models.testutil;

import java.util.function.Supplier;

/** Runs test code with a system property set, restoring what it was afterwards. */
public final class SystemProperties {
    private SystemProperties() {
    }

    public static <T> T with(String key, String value, Supplier<T> work) {
        String previous = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }
}
