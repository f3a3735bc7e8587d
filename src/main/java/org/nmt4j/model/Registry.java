package org.nmt4j.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Variants of one part of the model by name ({@code attention.AttentionKinds.ALL}, {@code cell.CellKinds.ALL}).
 * Thread-safe.
 */
public final class Registry<K> {

    private final String what;
    private final Function<K, String> nameOf;
    private final Map<String, K> byName = new ConcurrentHashMap<>();
    private final List<String> names = new CopyOnWriteArrayList<>();

    public Registry(String what, Function<K, String> nameOf) {
        this.what = what;
        this.nameOf = nameOf;
    }

    /** Makes a variant known by its name; registering a name twice is an error. */
    public synchronized void register(K kind) {
        String name = nameOf.apply(kind);
        if (byName.putIfAbsent(name, kind) != null) {
            throw new IllegalArgumentException(what + " '" + name + "' is registered already");
        }
        names.add(name);
    }

    /** The names, in the order they were registered. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** The variant of this name, or null. */
    public K find(String name) {
        return byName.get(name);
    }

    /** The variant of this name; an unknown name is a bug here (configs are checked when they are read). */
    public K get(String name) {
        K kind = byName.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("no " + what + " '" + name + "'; registered: " + names());
        }
        return kind;
    }
}
