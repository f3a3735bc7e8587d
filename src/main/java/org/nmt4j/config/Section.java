package org.nmt4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nmt4j.io.UserError;

/**
 * One mapping of a YAML config, read key by key with a type and a default. Every read records the effective value,
 * so the effective config (what was given plus the defaults) can be written back; {@link #finish()} rejects the keys
 * nobody asked for, with a suggestion when one is a likely misspelling.
 */
public final class Section {

    private final String source; // the file (or "--set") the values came from, for messages
    private final String path;   // "" for the root, else "training" etc.
    private final Map<String, Object> values;
    private final Map<String, Object> effective = new LinkedHashMap<>();
    private final List<Section> children = new ArrayList<>();

    Section(String source, String path, Map<String, Object> values) {
        this.source = source;
        this.path = path;
        this.values = values;
    }

    /** Where the values came from (a file name), for messages. */
    public String source() {
        return source;
    }

    /** The effective values read so far, nested sections as maps, in reading order. */
    public Map<String, Object> effective() {
        return effective;
    }

    /** The keys given in this mapping, in the file's order (for sections whose keys are names, such as models). */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    public Section section(String key) {
        Object value = values.get(key);
        Map<String, Object> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> given) {
            given.forEach((k, v) -> map.put(String.valueOf(k), v));
        } else if (value != null) {
            throw error(key, "must be a mapping of keys to values");
        }
        Section child = new Section(source, qualified(key), map);
        children.add(child);
        effective.put(key, child.effective);
        return child;
    }

    /** A list of mappings ({@code train: [{source: a, target: b}, ...]}), each read as a section; null if absent. */
    public List<Section> sections(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "must be a list of mappings (- source: ... target: ...)");
        }
        List<Section> sections = new ArrayList<>();
        List<Object> effectiveList = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> given)) {
                throw error(key, "item " + (i + 1) + " must be a mapping of keys to values");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            given.forEach((k, v) -> map.put(String.valueOf(k), v));
            Section child = new Section(source, qualified(key) + "[" + (i + 1) + "]", map);
            children.add(child);
            sections.add(child);
            effectiveList.add(child.effective);
        }
        effective.put(key, effectiveList);
        return sections;
    }

    public String string(String key, String defaultValue) {
        Object value = values.get(key);
        String result = value == null ? defaultValue : value instanceof Map || value instanceof List
                ? null : String.valueOf(value);
        if (value != null && result == null) {
            throw error(key, "must be a single value");
        }
        effective.put(key, result);
        return result;
    }

    /** A string that must be one of the choices. */
    /** A single value, or a list of single values (null: the key is absent). */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            effective.put(key, null);
            return null;
        }
        List<?> given = value instanceof List<?> list ? list : List.of(value);
        List<String> result = new ArrayList<>();
        for (Object item : given) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw error(key, "must be a value or a list of values");
            }
            result.add(String.valueOf(item));
        }
        effective.put(key, given.size() == 1 && !(value instanceof List) ? result.get(0) : result);
        return List.copyOf(result);
    }

    public String choice(String key, String defaultValue, List<String> choices) {
        String value = string(key, defaultValue);
        if (value != null && !choices.contains(value)) {
            throw error(key, "'" + value + "' is not one of " + String.join(", ", choices));
        }
        return value;
    }

    public int integer(String key, int defaultValue) {
        Object value = values.get(key);
        int result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Integer i) {
            result = i;
        } else {
            throw error(key, "must be a whole number, not '" + value + "'");
        }
        effective.put(key, result);
        return result;
    }

    public int nonNegative(String key, int defaultValue) {
        int value = integer(key, defaultValue);
        if (value < 0) {
            throw error(key, "must be 0 or more, not " + value);
        }
        return value;
    }

    public int positive(String key, int defaultValue) {
        int value = integer(key, defaultValue);
        if (value < 1) {
            throw error(key, "must be at least 1, not " + value);
        }
        return value;
    }

    public double number(String key, double defaultValue) {
        Object value = values.get(key);
        double result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Number n) {
            result = n.doubleValue();
        } else if (value instanceof String s && s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            result = Double.parseDouble(s); // YAML 1.1 reads 1e-3 (no dot) as a string
        } else {
            throw error(key, "must be a number, not '" + value + "'");
        }
        effective.put(key, result);
        return result;
    }

    /** A number in [min, max). */
    public double fraction(String key, double defaultValue, double min, double max) {
        double value = number(key, defaultValue);
        if (!(value >= min && value < max)) {
            throw error(key, value + " is not in [" + min + ", " + max + ")");
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        boolean result;
        if (value == null) {
            result = defaultValue;
        } else if (value instanceof Boolean b) {
            result = b;
        } else {
            throw error(key, "must be true or false, not '" + value + "'");
        }
        effective.put(key, result);
        return result;
    }

    /** Rejects keys that were never read, here and in every section read from here. */
    public void finish() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(effective.keySet());
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            String hint = closest(key, effective.keySet());
            throw new UserError(source + ": unknown key '" + qualified(key) + "'"
                    + (hint == null ? " (known: " + String.join(", ", effective.keySet()) + ")"
                    : " (did you mean '" + qualified(hint) + "'?)"));
        }
        children.forEach(Section::finish);
    }

    /** Rejects the unknown keys of the section read last (whose reading stopped at a missing key). */
    void finishLastSection() {
        if (!children.isEmpty()) {
            children.get(children.size() - 1).finish();
        }
    }

    /** A user error about one key: {@code file: training.batch_size: must be ...}. */
    public UserError error(String key, String problem) {
        return new UserError(source + ": " + qualified(key) + ": " + problem);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
