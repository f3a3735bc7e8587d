package org.nmt4j.serve;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.nmt4j.markup.Markup;
import org.nmt4j.translate.Terminology;

/**
 * What a request asks of one sentence: the search (beam size, how many translations) and what comes back with each
 * translation (no alignment, hard links, or the soft matrix with its links; over words or pieces; with or without the
 * {@code </s>} row and column). Sentences with the same {@link #searchKey} are searched in one batch.
 *
 * @param beamSize  hypotheses kept (1: greedy)
 * @param nBest     translations returned, best first (at most the beam)
 * @param alignment {@code none}, {@code hard} or {@code soft}
 * @param wordLevel align the words of the tokenized text instead of subword pieces
 * @param keepEos   keep {@code </s>} in the tokens and the matrix
 * @param markup    the markup the text carries ({@code xml} or {@code html}, put back around the translation's
 *                  words), or null
 * @param wordScores each translation's words with their log-probabilities and confidences
 * @param terminology a glossary the translation keeps to, or null
 */
record SearchOptions(int beamSize, int nBest, String alignment, boolean wordLevel, boolean keepEos, Markup markup,
                     boolean wordScores, Terminology terminology) {

    static final List<String> KEYS = List.of("beam_size", "n_best", "alignment", "word_level", "keep_eos", "markup",
            "word_scores", "terminology");
    static final List<String> ALIGNMENTS = List.of("none", "hard", "soft");
    static final int MAX_BEAM = 64;

    /** The options of a model whose config searches with this beam. */
    static SearchOptions defaults(int beamSize) {
        return new SearchOptions(beamSize, 1, "none", false, false, null, false, null);
    }

    /** Sentences that can share a batch: the same beam and glossary. */
    Object searchKey() {
        return terminology == null ? beamSize : List.of(beamSize, terminology.entries());
    }

    /** Whether the sentence may join a running greedy batch (greedy, no glossary). */
    boolean joinsRunningBatch() {
        return beamSize == 1 && terminology == null;
    }

    /**
     * These options with those of a JSON object laid over them ({@code where} names it in errors: "options",
     * "src[2].options"); an unknown key or a bad value is a 400. {@code extra} are other keys the object may hold.
     */
    SearchOptions with(JsonNode node, String where, List<String> extra) {
        if (node == null || node.isNull()) {
            return this;
        }
        if (!node.isObject()) {
            throw ApiError.badRequest(where + ": must be an object");
        }
        List<String> known = new java.util.ArrayList<>(KEYS);
        known.addAll(extra);
        TranslateApi.onlyKeys(node, known, where, "option");
        int beam = integer(node, "beam_size", beamSize, where);
        if (beam < 1 || beam > MAX_BEAM) {
            throw ApiError.badRequest(where + ".beam_size: " + beam + " is not between 1 and " + MAX_BEAM);
        }
        int n = integer(node, "n_best", nBest, where);
        if (n < 1 || n > beam) {
            throw ApiError.badRequest(where + ".n_best: " + n + " is not between 1 and the beam size (" + beam + ")");
        }
        String align = alignment;
        JsonNode a = node.get("alignment");
        if (a != null) {
            if (!a.isTextual() || !ALIGNMENTS.contains(a.asText())) {
                throw ApiError.badRequest(where + ".alignment: " + a + " is not one of none, hard, soft");
            }
            align = a.asText();
        }
        Markup mark = markup;
        JsonNode m = node.get("markup");
        if (m != null && !m.isNull()) {
            if (!m.isTextual() || !(m.asText().equals("xml") || m.asText().equals("html"))) {
                throw ApiError.badRequest(where + ".markup: " + m + " is not one of xml, html");
            }
            mark = Markup.of(m.asText());
        }
        return new SearchOptions(beam, n, align, bool(node, "word_level", wordLevel, where),
                bool(node, "keep_eos", keepEos, where), mark, bool(node, "word_scores", wordScores, where),
                glossary(node.get("terminology"), where));
    }

    // {"source term": "target term", ...}; absent: the options' own
    private Terminology glossary(JsonNode node, String where) {
        if (node == null) {
            return terminology;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw ApiError.badRequest(where + ".terminology: must be an object {\"source term\": \"target term\", "
                    + "...}");
        }
        List<Terminology.Entry> entries = new java.util.ArrayList<>();
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
            if (!field.getValue().isTextual() || field.getKey().isBlank() || field.getValue().asText().isBlank()) {
                throw ApiError.badRequest(where + ".terminology." + field.getKey() + ": must be a non-empty target "
                        + "term string");
            }
            entries.add(new Terminology.Entry(field.getKey(), field.getValue().asText()));
        }
        return Terminology.of(entries);
    }

    private static int integer(JsonNode node, String key, int fallback, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiError.badRequest(where + "." + key + ": must be a whole number, not " + v);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode node, String key, boolean fallback, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiError.badRequest(where + "." + key + ": must be true or false, not " + v);
        }
        return v.asBoolean();
    }
}
