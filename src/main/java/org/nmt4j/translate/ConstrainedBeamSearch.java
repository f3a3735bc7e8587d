package org.nmt4j.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nmt4j.model.Batch;
import org.nmt4j.text.Vocabulary;

/**
 * Beam search whose translations contain given piece sequences (a glossary's target terms), each exactly once: the
 * beam is shared among hypotheses that have produced different numbers of the constraints' pieces (Post and Vilar
 * 2018's dynamic beam allocation: each step takes the best candidate of each bank in turn, from the most advanced
 * bank down), so hypotheses that met constraints early do not crowd out fluent ones. A constraint is started when the
 * model proposes its first piece, or when the step's attention is on the source words it translates (its share
 * there at least {@value #ATTENTION_SHARE}, or its most attended source piece there); once started, its next piece
 * is offered as well as the model's own choices (which abandon it). A constraint starts only where a word may (not
 * after a piece that continues a word), so its words stay words. {@code </s>} is allowed only when every
 * constraint is met, a piece that would complete a met constraint a second time is not, and when the pieces still to
 * produce need every step left, only they are offered: every translation holds every constraint.
 */
public final class ConstrainedBeamSearch {

    /** The attention share on a term's source pieces that lets a step start it. */
    static final double ATTENTION_SHARE = 0.5;

    /**
     * One constraint: the target pieces (ids) to produce, and the source pieces [from, to) they translate (for the
     * attention; from = to: anywhere).
     */
    public record Constraint(int[] pieces, int from, int to) {
    }

    // a hypothesis in the making; met: a bit per constraint; started/at: the constraint in progress (-1: none)
    private record Node(Node parent, int token, float[] attention, double logProbability, int length, long met,
                        int started, int at, int produced) implements Hypothesis.Step {
    }

    // ends: whether the candidate is </s>, a finished hypothesis if kept
    private record Candidate(int row, Node node, boolean ends) {
    }

    private ConstrainedBeamSearch() {
    }

    /**
     * Up to beamSize finished hypotheses of one source, best first, each holding every constraint once (at most 64);
     * maxLength caps the target pieces before {@code </s>}; continuesWord: by target id, whether the piece continues
     * a word ({@code @@}).
     */
    public static List<Hypothesis> search(Scorer scorer, int[] source, List<Constraint> constraints, int beamSize,
                                          int maxLength, double alpha, boolean[] continuesWord) {
        if (constraints.size() > 64) {
            throw new IllegalArgumentException("at most 64 constraints a sentence");
        }
        int k = beamSize;
        long all = constraints.size() == 64 ? -1L : (1L << constraints.size()) - 1;
        Map<Integer, Integer> wantedIndex = new LinkedHashMap<>();
        wantedIndex.put(Vocabulary.EOS_ID, 0);
        for (Constraint c : constraints) {
            for (int piece : c.pieces()) {
                wantedIndex.putIfAbsent(piece, wantedIndex.size());
            }
        }
        int[] wanted = wantedIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
        Scorer.State state = scorer.start(Batch.sources(List.of(source)));
        int sourceLength = source.length + 1;
        List<Node> live = new ArrayList<>();
        live.add(new Node(null, Vocabulary.BOS_ID, null, 0, 0, 0, -1, 0, 0));
        List<Hypothesis> finished = new ArrayList<>();
        for (int t = 0; !live.isEmpty() && finished.size() < k; t++) {
            int n = live.size();
            int[] previous = new int[n];
            for (int r = 0; r < n; r++) {
                previous[r] = live.get(r).token();
            }
            Scorer.Scored step = scorer.step(state, previous, new int[n], Math.min(2 * k, 64), wanted);
            StepScores scores = step.scores();
            boolean atLimit = t == maxLength;
            List<Candidate> candidates = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                Node h = live.get(r);
                float[] attention = scores.attention(r, sourceLength);
                int left = remaining(h, constraints);
                boolean inWord = continuesWord[h.token()];
                boolean mustForce = left > 0 && !inWord && left >= maxLength - t - 1; // a step spare to end a word
                if (atLimit) { // only </s>, and only when every constraint is met
                    if (h.met() == all && h.started() < 0) {
                        finished.add(hypothesis(extend(h, Vocabulary.EOS_ID, attention, h.logProbability()
                                + scores.wantedLogProbability(r, 0), constraints, continuesWord), true, alpha));
                    }
                    continue;
                }
                Map<Integer, Double> offered = new HashMap<>();
                if (h.started() >= 0) { // the constraint's next piece
                    int piece = constraints.get(h.started()).pieces()[h.at()];
                    offered.put(piece, (double) scores.wantedLogProbability(r, wantedIndex.get(piece)));
                } else if (!inWord) {
                    for (int j = 0; j < constraints.size(); j++) {
                        Constraint c = constraints.get(j);
                        if ((h.met() & (1L << j)) == 0 && (mustForce || attends(attention, c))) {
                            int piece = c.pieces()[0];
                            offered.put(piece, (double) scores.wantedLogProbability(r, wantedIndex.get(piece)));
                        }
                    }
                }
                if (!mustForce) {
                    for (int i = 0; i < scores.k(); i++) {
                        offered.putIfAbsent(scores.token(r, i), (double) scores.logProbability(r, i));
                    }
                }
                for (Map.Entry<Integer, Double> e : offered.entrySet()) {
                    int token = e.getKey();
                    double logProbability = h.logProbability() + e.getValue();
                    boolean ends = token == Vocabulary.EOS_ID;
                    if (ends && (h.met() != all || h.started() >= 0)) {
                        continue;
                    }
                    Node next = extend(h, token, attention, logProbability, constraints, continuesWord);
                    if (next != null) {
                        candidates.add(new Candidate(r, next, ends));
                    }
                }
            }
            if (atLimit) {
                break;
            }
            // as in beam search, </s> ends a hypothesis only when it ranks among the kept candidates
            List<Candidate> kept = allocate(candidates, k);
            List<Integer> rowList = new ArrayList<>();
            live = new ArrayList<>();
            for (Candidate c : kept) {
                if (c.ends()) {
                    finished.add(hypothesis(c.node(), true, alpha));
                } else {
                    rowList.add(c.row());
                    live.add(c.node());
                }
            }
            int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
            state = live.isEmpty() ? null : step.next().rows(rows);
        }
        finished.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return finished.subList(0, Math.min(k, finished.size()));
    }

    // the pieces still to produce for the constraints not met
    private static int remaining(Node h, List<Constraint> constraints) {
        int left = 0;
        for (int j = 0; j < constraints.size(); j++) {
            if ((h.met() & (1L << j)) == 0) {
                left += constraints.get(j).pieces().length - (h.started() == j ? h.at() : 0);
            }
        }
        return left;
    }

    // whether the step's attention is on the constraint's source pieces
    private static boolean attends(float[] attention, Constraint c) {
        if (c.from() >= c.to()) {
            return true;
        }
        double share = 0;
        int best = 0;
        for (int i = 0; i < attention.length; i++) {
            if (attention[i] > attention[best]) {
                best = i;
            }
            if (i >= c.from() && i < c.to()) {
                share += attention[i];
            }
        }
        return share >= ATTENTION_SHARE || (best >= c.from() && best < c.to());
    }

    // h continued by token, its constraint state moved on; null if the token completes a met constraint again
    private static Node extend(Node h, int token, float[] attention, double logProbability,
                               List<Constraint> constraints, boolean[] continuesWord) {
        long met = h.met();
        int started = -1;
        int at = 0;
        int produced = h.produced();
        if (h.started() >= 0 && constraints.get(h.started()).pieces()[h.at()] == token) {
            started = h.started();
            at = h.at() + 1;
        } else {
            if (h.started() >= 0) { // abandoned: its pieces no longer count
                produced -= h.at();
            }
            for (int j = 0; j < constraints.size() && !continuesWord[h.token()]; j++) {
                if ((met & (1L << j)) == 0 && constraints.get(j).pieces()[0] == token) {
                    started = j;
                    at = 1;
                    break;
                }
            }
        }
        if (started >= 0) {
            produced++;
            if (at == constraints.get(started).pieces().length) {
                met |= 1L << started;
                started = -1;
                at = 0;
            }
        }
        Node next = new Node(h, token, attention, logProbability, h.length() + 1, met, started, at, produced);
        if (met != h.met() || started >= 0) {
            return next; // the piece counts toward a constraint (a term matched twice is two constraints)
        }
        for (int j = 0; j < constraints.size(); j++) { // a met constraint written again
            if ((h.met() & (1L << j)) != 0 && endsWith(next, constraints.get(j).pieces())) {
                return null;
            }
        }
        return next;
    }

    private static boolean endsWith(Node node, int[] pieces) {
        Node at = node;
        for (int i = pieces.length - 1; i >= 0; i--) {
            if (at == null || at.parent() == null || at.token() != pieces[i]) {
                return false;
            }
            at = at.parent();
        }
        return true;
    }

    // dynamic beam allocation: banks by pieces produced; the best of each bank in turn, the most advanced first
    private static List<Candidate> allocate(List<Candidate> candidates, int k) {
        Map<Integer, List<Candidate>> banks = new HashMap<>();
        for (Candidate c : candidates) {
            banks.computeIfAbsent(c.node().produced(), b -> new ArrayList<>()).add(c);
        }
        List<Integer> order = new ArrayList<>(banks.keySet());
        order.sort(Comparator.reverseOrder());
        for (List<Candidate> bank : banks.values()) {
            bank.sort(Comparator.comparingDouble((Candidate c) -> c.node().logProbability()).reversed());
        }
        List<Candidate> kept = new ArrayList<>();
        for (int round = 0; kept.size() < k; round++) {
            boolean any = false;
            for (int b : order) {
                List<Candidate> bank = banks.get(b);
                if (round < bank.size() && kept.size() < k) {
                    kept.add(bank.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return kept;
    }

    private static Hypothesis hypothesis(Node last, boolean ended, double alpha) {
        return Hypothesis.of(last, ended, alpha);
    }
}
