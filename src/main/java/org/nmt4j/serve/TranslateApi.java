package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nmt4j.align.ForcedAligner;
import org.nmt4j.align.SymmetrizedAlignment;
import org.nmt4j.align.SymmetrizationRule;
import org.nmt4j.align.lexical.Symmetrization;
import org.nmt4j.markup.MarkedText;
import org.nmt4j.markup.Markup;
import org.nmt4j.markup.MarkupException;
import org.nmt4j.markup.MarkupTransfer;
import org.nmt4j.translate.Translation;
import org.nmt4j.translate.WordScores;

/**
 * {@code POST /translate}:
 * {@code {"src": [{"text": "...", "options": {...}}, ...], "options": {"model": ID, "beam_size": 5, "n_best": 1,
 * "alignment": "none|hard|soft", "word_level": false, "keep_eos": false, "markup": "xml|html", "word_scores": false,
 * "terminology": {"source term": "target term"}, "reverse_model": ID, "symmetrize": H, "link_threshold": 0.5,
 * "timeout_ms": 2000, "priority": "high|normal"}}}
 * (a sentence may also be a plain string; its options lay over the request's, which lay over the model's config;
 * {@code model}, {@code reverse_model}, {@code symmetrize}, {@code link_threshold}, {@code timeout_ms} and
 * {@code priority} are the request's only) →
 * {@code {"model": ID, "tgt": [[{"text", "score", "align", "attention", "source_tokens", "target_tokens"}, ...], ...]}},
 * one n-best list per sentence, best first, in the order of {@code src}. With {@code reverse_model} (a served
 * target→source model; request options only), each translation's word-level alignment is combined with that model's
 * forced alignment of it, as {@code nmt4j align --reverse-model} does; that alignment runs on the request's thread.
 */
final class TranslateApi {

    private static final List<String> REQUEST_KEYS = List.of("src", "options");
    private static final List<String> SENTENCE_KEYS = List.of("text", "options");

    private TranslateApi() {
    }

    static ObjectNode handle(ModelPool pool, JsonNode body, Admission admission) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("expected a JSON object {\"src\": [{\"text\": \"...\"}], \"options\": {...}}");
        }
        onlyKeys(body, REQUEST_KEYS, "the request");
        JsonNode requestOptions = body.get("options");
        String modelId = null;
        if (requestOptions != null && requestOptions.has("model")) {
            JsonNode m = requestOptions.get("model");
            if (!m.isTextual()) {
                throw ApiError.badRequest("options.model: must be a model id string, not " + m);
            }
            modelId = m.asText();
        }
        ModelRunner runner = pool.model(modelId);
        SearchOptions base = SearchOptions.defaults(runner.translator().decoding().beamSize())
                .with(requestOptions, "options", List.of("model", "reverse_model", "symmetrize", "link_threshold",
                        Admission.TIMEOUT_MS, Admission.PRIORITY));
        Admission admitted = admission.with(requestOptions);
        Reverse reverse = Reverse.of(pool, requestOptions);
        JsonNode src = body.get("src");
        if (src == null || !src.isArray()) {
            throw ApiError.badRequest("src: missing, or not an array of sentences");
        }
        List<String> texts = new ArrayList<>();
        List<SearchOptions> options = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            JsonNode sentence = src.get(i);
            String where = "src[" + i + "]";
            if (sentence.isTextual()) {
                texts.add(sentence.asText());
                options.add(base);
                continue;
            }
            if (!sentence.isObject()) {
                throw ApiError.badRequest(where + ": expected {\"text\": \"...\"} or a string");
            }
            onlyKeys(sentence, SENTENCE_KEYS, where);
            JsonNode text = sentence.get("text");
            if (text == null || !text.isTextual()) {
                throw ApiError.badRequest(where + ".text: missing, or not a string");
            }
            texts.add(text.asText());
            options.add(base.with(sentence.get("options"), where + ".options", List.of()));
        }
        if (reverse != null) {
            for (int i = 0; i < options.size(); i++) {
                if (!options.get(i).wordLevel() || options.get(i).alignment().equals("none")) {
                    throw ApiError.badRequest("options.reverse_model: combines word-level alignments; src[" + i
                            + "] needs \"word_level\": true and an \"alignment\"");
                }
            }
        }
        List<MarkedText> marked = markedTexts(texts, options);
        for (int i = 0; i < texts.size(); i++) {
            if (marked.get(i) != null) {
                texts.set(i, marked.get(i).text());
            }
        }
        List<List<Translation>> found = new ArrayList<>(pool.translate(runner, texts, options, admitted));
        for (int i = 0; i < found.size(); i++) {
            MarkedText source = marked.get(i);
            if (source != null) {
                found.set(i, found.get(i).stream().map(t -> MarkupTransfer.translation(source, t,
                        runner.translator().targetPreprocessor())).toList());
            }
        }
        List<SymmetrizedAlignment> combined = reverse == null ? null : reverse.combine(texts, found);
        int k = 0;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("model", runner.id());
        ArrayNode tgt = out.putArray("tgt");
        for (int i = 0; i < found.size(); i++) {
            ArrayNode nBest = tgt.addArray();
            for (Translation t : found.get(i)) {
                ObjectNode o = nBest.addObject();
                o.put("text", t.text());
                o.put("score", Math.round(t.score() * 1e6) / 1e6);
                if (t.cropped() > 0) {
                    o.put("cropped_source_tokens", t.cropped());
                }
                if (options.get(i).wordScores()) {
                    addWordScores(o, t);
                }
                if (combined == null) {
                    AlignmentJson.add(o, t, options.get(i));
                } else {
                    AlignmentJson.add(o, combined.get(k++), options.get(i));
                }
            }
        }
        return out;
    }

    // "word_scores": [{"word", "score" (log p), "confidence" (p)}, ...], </s> last when the translation ended
    private static void addWordScores(ObjectNode o, Translation t) {
        WordScores scores = WordScores.of(t);
        ArrayNode words = o.putArray("word_scores");
        for (int w = 0; w < scores.words().size(); w++) {
            ObjectNode word = words.addObject();
            word.put("word", scores.words().get(w));
            word.put("score", Math.round(scores.scores()[w] * 1e6) / 1e6);
            word.put("confidence", Math.round(scores.confidence(w) * 1e6) / 1e6);
        }
    }

    // each sentence's markup taken apart (null: a sentence without the markup option); malformed markup is a 400
    private static List<MarkedText> markedTexts(List<String> texts, List<SearchOptions> options) {
        List<MarkedText> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Markup markup = options.get(i).markup();
            try {
                out.add(markup == null ? null : markup.parse(texts.get(i)));
            } catch (MarkupException e) {
                throw ApiError.badRequest("src[" + i + "].text: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A request's reverse model and how its links combine with the model's ({@code options.reverse_model},
     * {@code options.symmetrize}, {@code options.link_threshold}).
     */
    private record Reverse(ModelRunner runner, SymmetrizationRule rule) {

        static Reverse of(ModelPool pool, JsonNode options) {
            if (options == null || !options.has("reverse_model")) {
                for (String key : List.of("symmetrize", "link_threshold")) {
                    if (options != null && options.has(key)) {
                        throw ApiError.badRequest("options." + key + ": needs options.reverse_model");
                    }
                }
                return null;
            }
            JsonNode id = options.get("reverse_model");
            if (!id.isTextual()) {
                throw ApiError.badRequest("options.reverse_model: must be a model id string, not " + id);
            }
            JsonNode h = options.get("symmetrize");
            if (h != null && !h.isTextual()) {
                throw ApiError.badRequest("options.symmetrize: must be a string, not " + h);
            }
            JsonNode threshold = options.get("link_threshold");
            if (threshold != null && !threshold.isNumber()) {
                throw ApiError.badRequest("options.link_threshold: must be a number, not " + threshold);
            }
            Symmetrization heuristic;
            try {
                heuristic = Symmetrization.of(h == null ? "intersection" : h.asText());
            } catch (org.nmt4j.io.UserError e) {
                throw ApiError.badRequest("options.symmetrize: " + e.getMessage());
            }
            SymmetrizationRule rule;
            try {
                rule = new SymmetrizationRule(heuristic, threshold == null ? 0 : threshold.asDouble());
            } catch (org.nmt4j.io.UserError e) {
                throw ApiError.badRequest("options.link_threshold: " + e.getMessage());
            }
            return new Reverse(pool.model(id.asText()), rule);
        }

        // every translation's alignment combined with the reverse model's forced alignment of it, in answer order
        List<SymmetrizedAlignment> combine(List<String> sources, List<List<Translation>> found) {
            return SymmetrizedAlignment.ofTranslations(sources, found,
                    new ForcedAligner(runner.translator().withThreads(1), 64), rule);
        }
    }

    static void onlyKeys(JsonNode node, List<String> known, String where) {
        onlyKeys(node, known, where, "field");
    }

    /** A 400 naming the first key of {@code node} that is not {@code known}: "where: unknown NOUN 'key' (known: ...)". */
    static void onlyKeys(JsonNode node, List<String> known, String where, String noun) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw ApiError.badRequest(where + ": unknown " + noun + " '" + key + "' (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
