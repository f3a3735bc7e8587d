package org.nmt4j.markup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.nmt4j.align.AlignmentMatrix;
import org.nmt4j.io.UserError;

/**
 * How well tags land, measured on human word alignments: in each pair of tokenized sentences, random spans of one to
 * four source words are wrapped in {@code <b>…</b>} when the right target span is known: the run from the first to
 * the last target word their gold links (sure and possible) reach, no word of which is linked outside the span. The
 * tag is placed on the reference translation by the model's forced alignment and compared with that run: exactly,
 * and with each end within one word. Beside it the baseline that puts the tags at the proportional positions.
 */
public final class PlacementEvaluation {

    /** The counts, and the shares they make. */
    public record Result(int pairs, int tags, int exact, int withinOne, int baselineExact, int baselineWithinOne) {

        public double exactShare() {
            return share(exact);
        }

        public double withinOneShare() {
            return share(withinOne);
        }

        public double baselineExactShare() {
            return share(baselineExact);
        }

        public double baselineWithinOneShare() {
            return share(baselineWithinOne);
        }

        private double share(int count) {
            return tags == 0 ? 0 : (double) count / tags;
        }
    }

    /** A tagged span: pair, source words [a, b), gold target words [from, to). */
    public record Span(int pair, int a, int b, int from, int to) {
    }

    /** What aligns the (untagged) sentence pairs: a forced aligner over the model. */
    public interface Aligner {
        List<AlignmentMatrix> align(List<String> sources, List<String> targets);
    }

    private PlacementEvaluation() {
    }

    /**
     * Scores tag placement on tokenized sentence pairs (source words = the gold's first positions) with gold links
     * ({@code i-j} sure, {@code i?j} possible), up to spansPerPair spans a pair, chosen by seed.
     */
    public static Result evaluate(Aligner aligner, List<String> sources, List<String> targets, List<String> gold,
                                  int spansPerPair, long seed, double threshold) {
        if (sources.size() != targets.size() || sources.size() != gold.size()) {
            throw new UserError("the source, target and gold files differ in length (" + sources.size() + ", "
                    + targets.size() + ", " + gold.size() + " lines)");
        }
        List<Span> spans = spans(sources, targets, gold, spansPerPair, seed);
        List<AlignmentMatrix> alignments = aligner.align(sources, targets);
        int exact = 0;
        int withinOne = 0;
        int baselineExact = 0;
        int baselineWithinOne = 0;
        for (Span span : spans) {
            String[] words = sources.get(span.pair()).split(" ");
            int targetWords = targets.get(span.pair()).split(" ").length;
            MarkedText tagged = Markup.XML.parse(tagged(words, span.a(), span.b()));
            List<Placed> placed = MarkupTransfer.placement(tagged, alignments.get(span.pair()), threshold);
            Placed b = placed.stream().filter(p -> !p.element().point()).findFirst().orElse(null);
            int placement = b == null ? 0 : score(b.from(), b.to(), span);
            exact += placement == 2 ? 1 : 0;
            withinOne += placement >= 1 ? 1 : 0;
            int from = (int) Math.floor((double) span.a() * targetWords / words.length);
            int to = Math.max(from + 1, (int) Math.round((double) span.b() * targetWords / words.length));
            int baseline = score(from, Math.min(to, targetWords), span);
            baselineExact += baseline == 2 ? 1 : 0;
            baselineWithinOne += baseline >= 1 ? 1 : 0;
        }
        return new Result(sources.size(), spans.size(), exact, withinOne, baselineExact, baselineWithinOne);
    }

    // 2: exactly the gold run; 1: each end within one word; 0: neither
    private static int score(int from, int to, Span span) {
        if (from == span.from() && to == span.to()) {
            return 2;
        }
        return Math.abs(from - span.from()) <= 1 && Math.abs(to - span.to()) <= 1 ? 1 : 0;
    }

    /** The spans to tag: each pair's random source spans whose links make one consistent target run. */
    public static List<Span> spans(List<String> sources, List<String> targets, List<String> gold, int spansPerPair,
                                   long seed) {
        Random random = new Random(seed);
        List<Span> spans = new ArrayList<>();
        for (int pair = 0; pair < sources.size(); pair++) {
            int n = sources.get(pair).split(" ").length;
            List<int[]> links = goldLinks(gold.get(pair), pair);
            Set<Long> tried = new HashSet<>();
            int found = 0;
            for (int attempt = 0; attempt < 50 && found < spansPerPair; attempt++) {
                int length = 1 + random.nextInt(Math.min(4, n));
                int a = random.nextInt(n - length + 1);
                if (!tried.add((long) a * 1000 + length)) {
                    continue;
                }
                int[] run = goldRun(links, a, a + length);
                if (run != null) {
                    spans.add(new Span(pair, a, a + length, run[0], run[1]));
                    found++;
                }
            }
        }
        return spans;
    }

    // the target run [from, to) the links of source words [a, b) cover, if no link joins it to another source word
    private static int[] goldRun(List<int[]> links, int a, int b) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (int[] link : links) {
            if (link[0] >= a && link[0] < b) {
                from = Math.min(from, link[1]);
                to = Math.max(to, link[1] + 1);
            }
        }
        if (to < 0) {
            return null;
        }
        for (int[] link : links) {
            boolean inRun = link[1] >= from && link[1] < to;
            boolean inSpan = link[0] >= a && link[0] < b;
            if (inRun != inSpan) {
                return null;
            }
        }
        return new int[] {from, to};
    }

    private static List<int[]> goldLinks(String line, int pair) {
        List<int[]> links = new ArrayList<>();
        for (String link : line.trim().split("\\s+")) {
            if (link.isEmpty()) {
                continue;
            }
            int dash = link.contains("?") ? link.indexOf('?') : link.indexOf('-');
            try {
                links.add(new int[] {Integer.parseInt(link.substring(0, dash)),
                        Integer.parseInt(link.substring(dash + 1))});
            } catch (RuntimeException e) {
                throw new UserError("gold line " + (pair + 1) + ": '" + link + "' is not a link i-j or i?j");
            }
        }
        return links;
    }

    private static String tagged(String[] words, int a, int b) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < words.length; k++) {
            if (k > 0) {
                out.append(' ');
            }
            if (k == a) {
                out.append("<b>");
            }
            out.append(words[k].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            if (k == b - 1) {
                out.append("</b>");
            }
        }
        return out.toString();
    }
}
