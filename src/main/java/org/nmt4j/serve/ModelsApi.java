package org.nmt4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nmt4j.config.ModelConfig;
import org.nmt4j.translate.Translator;

/**
 * {@code GET /models}: {@code {"default": ID, "models": [{"id", "folder", "folders", "default", "beam_size",
 * "attention", "cell", "source_vocabulary", "target_vocabulary", "queue_sentences"}]}}; {@code folder} is the first of
 * {@code folders}, which lists an ensemble's members.
 */
final class ModelsApi {

    private ModelsApi() {
    }

    static ObjectNode models(ModelPool pool) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("default", pool.defaultModel());
        ArrayNode list = out.putArray("models");
        pool.runners().forEach((id, runner) -> {
            Translator t = runner.translator();
            ModelConfig m = t.modelConfig();
            ObjectNode model = list.addObject().put("id", id).put("folder", pool.folders(id).get(0).toString());
            pool.folders(id).forEach(f -> model.withArray("folders").add(f.toString()));
            model
                    .put("default", id.equals(pool.defaultModel())).put("beam_size", t.decoding().beamSize())
                    .put("attention", m.attention()).put("attention_heads", m.attentionHeads())
                    .put("attention_window", m.attentionWindow())
                    .put("attention_query", m.attentionQuery()).put("alignment_head", m.alignmentHead())
                    .put("alignment_attention", m.alignmentAttention()).put("alignment_jumps", m.alignmentJumps())
                    .put("alignment_lookahead", m.alignmentLookahead())
                    .put("cell", m.cell())
                    .put("source_vocabulary", t.sourceVocabulary().size())
                    .put("target_vocabulary", t.targetVocabulary().size())
                    .put("queue_sentences", runner.queueLength());
        });
        return out;
    }
}
