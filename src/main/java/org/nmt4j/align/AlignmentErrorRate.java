package org.nmt4j.align;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.nmt4j.io.UserError;
import org.nmt4j.data.AlignedFiles;

/**
 * Alignment error rate (Och and Ney 2003) of test links against gold links, with precision and recall. Gold lines
 * hold sure links {@code i-j} and possible links {@code i?j} (sure links count as possible too); test lines hold
 * Pharaoh links. AER = 1 − (|A∩S| + |A∩P|) / (|A| + |S|); precision = |A∩P| / |A|; recall = |A∩S| / |S|.
 */
public record AlignmentErrorRate(double aer, double precision, double recall, long test, long sure, long possible) {

    public static AlignmentErrorRate of(Path gold, Path test) {
        return of(gold, AlignedFiles.readLines(gold), test, AlignedFiles.readLines(test));
    }

    /** The same over lines in memory; the paths name them in messages ({@code test} may be null: links made here). */
    public static AlignmentErrorRate of(Path gold, List<String> goldLines, Path test, List<String> testLines) {
        if (goldLines.size() != testLines.size()) {
            throw new UserError(gold + " has " + goldLines.size() + " lines but " + test + " has "
                    + testLines.size());
        }
        long a = 0, s = 0, p = 0, aAndS = 0, aAndP = 0;
        for (int i = 0; i < goldLines.size(); i++) {
            Set<String> sure = new HashSet<>();
            Set<String> possible = new HashSet<>();
            for (String link : split(goldLines.get(i))) {
                boolean isPossible = link.contains("?");
                String normal = check(gold, i + 1, link.replace('?', '-'));
                possible.add(normal);
                if (!isPossible) {
                    sure.add(normal);
                }
            }
            Set<String> found = new HashSet<>();
            for (String link : split(testLines.get(i))) {
                found.add(test == null ? link : check(test, i + 1, link));
            }
            a += found.size();
            s += sure.size();
            p += possible.size();
            for (String link : found) {
                aAndS += sure.contains(link) ? 1 : 0;
                aAndP += possible.contains(link) ? 1 : 0;
            }
        }
        double aer = a + s == 0 ? 0 : 1 - (double) (aAndS + aAndP) / (a + s);
        return new AlignmentErrorRate(aer, a == 0 ? 0 : (double) aAndP / a, s == 0 ? 0 : (double) aAndS / s, a, s,
                p);
    }

    private static String[] split(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    private static String check(Path file, long line, String link) {
        if (!link.matches("\\d+-\\d+")) {
            throw UserError.at(file, line, "'" + link + "' is not a link (expected i-j, or i?j in gold files)");
        }
        return link;
    }
}
