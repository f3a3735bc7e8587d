package org.nmt4j.compute;

/**
 * Whether the few-row products run on the Vector API ({@link PanelProducts}): when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher does so for {@code serve} and the benchmarks; Java 17 then
 * prints one line, "WARNING: Using incubator modules"), its vectors are at least 256 bits wide, and the system
 * property {@code nmt4j.vector} is not {@code false}. Otherwise {@link RowProducts}' own Java loops run; this class
 * never loads a Vector API class then.
 */
public final class VectorSupport {

    private static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("nmt4j.vector")) && PanelProducts.supported();

    private VectorSupport() {
    }

    /** Whether few-row products use the Vector API in this JVM. */
    public static boolean enabled() {
        return ENABLED;
    }
}
