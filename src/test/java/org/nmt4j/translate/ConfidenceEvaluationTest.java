package org.nmt4j.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nmt4j.TinyModel;

class ConfidenceEvaluationTest {

    @Test
    void aucIsTheChanceThatAWrongWordIsLessConfidentThanARightOne() {
        // right words at 0.9 and 0.6, wrong at 0.7 and 0.1: of the 4 (wrong, right) pairs, 3 have the right word more
        // confident
        assertEquals(0.75, ConfidenceEvaluation.auc(List.of(new double[] {0.9, 0}, new double[] {0.6, 0},
                new double[] {0.7, 1}, new double[] {0.1, 1})), 1e-12);
        assertEquals(1.0, ConfidenceEvaluation.auc(List.of(new double[] {0.9, 0}, new double[] {0.2, 1})), 1e-12);
        assertEquals(0.5, ConfidenceEvaluation.auc(List.of(new double[] {0.5, 0}, new double[] {0.5, 1})), 1e-12);
        assertTrue(Double.isNaN(ConfidenceEvaluation.auc(List.of(new double[] {0.5, 0}))));
    }

    @Test
    void translationsScoredAgainstThemselvesHaveNoWrongWord() throws Exception {
        Translator translator = Translator.load(TinyModel.folder());
        List<String> sources = Files.readAllLines(Path.of("data/test.de")).subList(0, 30);
        List<String> own = translator.translate(sources).stream().map(Translation::text).toList();
        ConfidenceEvaluation.Result self = ConfidenceEvaluation.evaluate(translator, sources, own);
        assertEquals(0, self.wrong());
        assertTrue(self.words() > 30);
        // half the references the translations themselves, half the human ones: right and wrong words, an AUC
        List<String> references = new java.util.ArrayList<>(own.subList(0, 15));
        references.addAll(Files.readAllLines(Path.of("data/test.en")).subList(15, 30));
        ConfidenceEvaluation.Result r = ConfidenceEvaluation.evaluate(translator, sources, references);
        assertEquals(self.words(), r.words());
        assertTrue(r.wrong() > 0 && r.wrong() < r.words() && r.auc() >= 0 && r.auc() <= 1, r.toString());
    }
}
