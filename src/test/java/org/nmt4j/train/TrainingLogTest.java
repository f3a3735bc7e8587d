package org.nmt4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {

    @TempDir
    Path dir;

    private static TrainingLog.Row row(long step) {
        return new TrainingLog.Row(step, step / 10.0, 1e-3, 2.0, 1500, step, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void resumingDropsTheRowsWrittenAfterTheCheckpoint() throws IOException {
        TrainingLog log = new TrainingLog(dir);
        log.open(0);
        for (long step = 1; step <= 6; step++) {
            log.append(row(step));
        }
        log.append(new TrainingLog.Row(6, 0.6, 1e-3, Double.NaN, Double.NaN, 6, 1.5, 30.25, 55.5));
        new TrainingLog(dir).open(4); // the checkpoint was at step 4
        List<CSVRecord> rows = TrainingLog.read(dir.resolve(TrainingLog.FILE));
        assertEquals(List.of("1", "2", "3", "4"), rows.stream().map(r -> r.get("step")).toList());
    }

    @Test
    void validationRowsLeaveTrainingColumnsEmptyAndViceVersa() throws IOException {
        TrainingLog log = new TrainingLog(dir);
        log.open(0);
        log.append(row(1));
        log.append(new TrainingLog.Row(1, 0.1, 1e-3, Double.NaN, Double.NaN, 1, Math.log(6.25), 30.25, 55.5));
        List<CSVRecord> rows = TrainingLog.read(dir.resolve(TrainingLog.FILE));
        assertEquals("", rows.get(0).get("valid_bleu"));
        assertEquals("7.3891", rows.get(0).get("train_ppl"));
        assertEquals("", rows.get(1).get("train_loss"));
        assertEquals("6.2500", rows.get(1).get("valid_ppl"));
        assertEquals("30.25", rows.get(1).get("valid_bleu"));
    }
}
