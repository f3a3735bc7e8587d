package org.nmt4j.serve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nmt4j.translate.Translation;

/**
 * {@code POST /translator/translate} in OpenNMT-py's REST shape, so its clients work unchanged:
 * {@code [{"src": "text", "id": MODEL}, ...]} → {@code [[{"src", "tgt", "n_best", "pred_score", "align"}, ...]]},
 * the outer list over the n-best rank and the inner one over the inputs, as OpenNMT-py's server answers. The first
 * input's {@code id} picks the model (an OpenNMT-py model id is a number: it is matched as text, so serve a model
 * as {@code --model 100=DIR}; absent, or any id when one model is served: the default model); {@code align} is a one-element list of the Pharaoh links. Leading and trailing spaces of a source are kept
 * around its translation, as OpenNMT-py does; other fields of an input ({@code ref}, ...) are ignored.
 */
final class OpenNmtApi {

    private OpenNmtApi() {
    }

    static ArrayNode handle(ModelPool pool, JsonNode body, Admission admission) {
        if (body == null || !body.isArray()) {
            throw ApiError.badRequest("expected a JSON array [{\"src\": \"...\", \"id\": MODEL}]");
        }
        String modelId = null;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode input = body.get(i);
            if (!input.isObject() || input.get("src") == null || !input.get("src").isTextual()) {
                throw ApiError.badRequest("[" + i + "].src: missing, or not a string");
            }
            if (i == 0 && input.hasNonNull("id")) {
                modelId = input.get("id").asText();
            }
            texts.add(input.get("src").asText());
        }
        // an OpenNMT-py client sends the id of its own server's conf.json; with one model served, that is the one
        ModelRunner runner = pool.runners().size() == 1 && !pool.runners().containsKey(modelId)
                ? pool.model(null) : pool.model(modelId);
        SearchOptions options = SearchOptions.defaults(runner.translator().decoding().beamSize());
        List<List<Translation>> found = pool.translate(runner, texts,
                Collections.nCopies(texts.size(), options), admission);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        ArrayNode rank = out.addArray();
        for (int i = 0; i < texts.size(); i++) {
            String src = texts.get(i);
            Translation t = found.get(i).get(0);
            ObjectNode o = rank.addObject();
            o.put("src", src);
            o.put("tgt", leading(src) + t.text() + trailing(src));
            o.put("n_best", options.nBest());
            o.put("pred_score", t.score());
            o.putArray("align").add(AlignmentJson.pharaoh(t));
        }
        return out;
    }

    private static String leading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i == s.length() ? "" : s.substring(0, i);
    }

    private static String trailing(String s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i == 0 ? "" : s.substring(i);
    }
}
