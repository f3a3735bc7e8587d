package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.align.CsvExport;
import org.nmt4j.align.JsonExport;
import org.nmt4j.align.Links;
import org.nmt4j.align.WordLevel;
import org.nmt4j.translate.Translation;

/**
 * A translation's alignment in a response ({@code align}: Pharaoh pairs {@code [source, target]};
 * {@code attention}: the matrix, a row per target token; {@code source_tokens}, {@code target_tokens}), and the
 * downloads of {@code POST /alignment/{csv,json,pharaoh}}, written by the command line's exporters.
 */
final class AlignmentJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AlignmentJson() {
    }

    /** The matrix the options ask for: words or pieces, with or without {@code </s>}. */
    static AlignmentMatrix matrix(Translation t, SearchOptions options) {
        AlignmentMatrix m = AlignmentMatrix.of(t);
        if (options.wordLevel()) {
            m = WordLevel.merge(m);
        }
        return options.keepEos() ? m : m.withoutEos();
    }

    /** Adds the alignment fields the options ask for to one translation's object. */
    static void add(ObjectNode out, Translation t, SearchOptions options) {
        if (options.alignment().equals("none")) {
            return;
        }
        AlignmentMatrix m = matrix(t, options);
        ArrayNode links = out.putArray("align");
        for (Links.Link link : Links.argmax(m, true)) {
            links.addArray().add(link.source()).add(link.target());
        }
        if (options.alignment().equals("soft")) {
            out.set("attention", weights(m));
        }
        out.set("source_tokens", strings(m.sourceTokens()));
        out.set("target_tokens", strings(m.targetTokens()));
    }

    /** Adds two models' combined alignment (word level, without {@code </s>}) to one translation's object. */
    static void add(ObjectNode out, org.nmt4j.align.SymmetrizedAlignment both, SearchOptions options) {
        ArrayNode links = out.putArray("align");
        for (Links.Link link : both.links()) {
            links.addArray().add(link.source()).add(link.target());
        }
        if (options.alignment().equals("soft")) {
            out.set("attention", weights(both.soft()));
        }
        out.set("source_tokens", strings(both.soft().sourceTokens()));
        out.set("target_tokens", strings(both.soft().targetTokens()));
    }

    /** The Pharaoh links of a translation ({@code 0-0 1-2}), without {@code </s>}, for the OpenNMT-py route. */
    static String pharaoh(Translation t) {
        return Links.pharaoh(Links.argmax(AlignmentMatrix.of(t), false));
    }

    /**
     * The body of an alignment download: the matrix of {@code {"source_tokens", "target_tokens", "attention"}} (as
     * a translation returned them) in the exporter's format.
     */
    static String export(String format, JsonNode body) {
        AlignmentMatrix m = read(body);
        return switch (format) {
            case "csv" -> CsvExport.csv(m);
            case "json" -> JsonExport.json(m);
            case "pharaoh" -> Links.pharaoh(Links.argmax(m, true)) + "\n";
            default -> throw new ApiError(404, "no alignment format '" + format + "' (csv, json, pharaoh)");
        };
    }

    static String contentType(String format) {
        return switch (format) {
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            default -> "text/plain; charset=utf-8";
        };
    }

    private static AlignmentMatrix read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("expected an object with source_tokens, target_tokens and attention");
        }
        List<String> source = tokens(body, "source_tokens");
        List<String> target = tokens(body, "target_tokens");
        JsonNode rows = body.get("attention");
        if (rows == null || !rows.isArray() || rows.size() != target.size()) {
            throw ApiError.badRequest("attention: expected an array of " + target.size()
                    + " rows, one per target token");
        }
        float[][] w = new float[target.size()][source.size()];
        for (int t = 0; t < w.length; t++) {
            JsonNode row = rows.get(t);
            if (!row.isArray() || row.size() != source.size()) {
                throw ApiError.badRequest("attention[" + t + "]: expected " + source.size()
                        + " weights, one per source token");
            }
            for (int s = 0; s < source.size(); s++) {
                if (!row.get(s).isNumber()) {
                    throw ApiError.badRequest("attention[" + t + "][" + s + "]: not a number");
                }
                w[t][s] = (float) row.get(s).asDouble();
            }
        }
        return new AlignmentMatrix(source, target, w);
    }

    private static List<String> tokens(JsonNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || !node.isArray()) {
            throw ApiError.badRequest(key + ": expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode token : node) {
            if (!token.isTextual()) {
                throw ApiError.badRequest(key + ": expected an array of strings");
            }
            out.add(token.asText());
        }
        return out;
    }

    private static ArrayNode weights(AlignmentMatrix m) {
        ArrayNode rows = JSON.arrayNode();
        for (float[] row : m.weights()) {
            ArrayNode r = rows.addArray();
            for (float w : row) {
                r.add(Math.round(w * 1e6) / 1e6); // six decimals, as the exporters write
            }
        }
        return rows;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = JSON.arrayNode();
        values.forEach(out::add);
        return out;
    }
}
