package org.nmt4j.cli;

import java.nio.file.Path;

import org.nmt4j.align.AlignmentErrorRate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate-alignment", mixinStandardHelpOptions = true,
        description = {"Alignment error rate, precision and recall of Pharaoh links against gold links "
                + "(sure i-j, possible i?j): AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|)."})
final class EvaluateAlignmentCommand implements Runnable {

    @Option(names = "--gold", required = true, description = "Gold links, one sentence a line.")
    Path gold;

    @Option(names = "--test", required = true, description = "Links to score, one sentence a line.")
    Path test;

    @Override
    public void run() {
        AlignmentErrorRate r = AlignmentErrorRate.of(gold, test);
        System.out.printf("AER %.4f precision %.4f recall %.4f (links: %d test, %d sure, %d possible)%n", r.aer(),
                r.precision(), r.recall(), r.test(), r.sure(), r.possible());
    }
}
