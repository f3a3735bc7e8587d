package org.nmt4j.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins plain tokens (no joiner marks, as the reference configuration's regex tokenizer writes them) with three rules
 * of thumb, the same the PyTorch yardstick applies before scoring, so that the two are scored on equal terms: no space
 * before closing punctuation, none after opening brackets, and none around {@code - ' / &} between word characters
 * ({@code t - shirt} → {@code t-shirt}, {@code man ' s} → {@code man's}).
 */
public final class PlainTokenDetokenizer {

    private static final Pattern BEFORE_CLOSING = Pattern.compile(" ([.,!?;:%)\\]}])");
    private static final Pattern AFTER_OPENING = Pattern.compile("([(\\[{$]) ");
    private static final Pattern INSIDE_WORD = Pattern.compile("(?<=\\w) ([-'/&]) (?=\\w)",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PlainTokenDetokenizer() {
    }

    public static String detokenize(List<String> tokens) {
        String text = String.join(" ", tokens);
        text = BEFORE_CLOSING.matcher(text).replaceAll("$1");
        text = AFTER_OPENING.matcher(text).replaceAll("$1");
        return INSIDE_WORD.matcher(text).replaceAll("$1");
    }
}
