package org.nmt4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference configuration's tokenizer (docs/architecture.md, and the PyTorch yardstick of docs/performance.md):
 * lowercase, then runs of word characters or single other non-space characters, {@code \w+|[^\w\s]} with
 * Unicode-aware classes.
 */
public final class RegexTokenizer implements Tokenizer {

    private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]", Pattern.UNICODE_CHARACTER_CLASS);

    private final boolean lowercase;

    public RegexTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    @Override
    public List<Token> tokenize(String line) {
        String text = line.strip();
        if (lowercase) {
            text = text.toLowerCase(Locale.ROOT);
        }
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int previousEnd = -1;
        while (matcher.find()) {
            boolean attached = previousEnd >= 0 && matcher.start() == previousEnd;
            tokens.add(new Token(matcher.group(), attached));
            previousEnd = matcher.end();
        }
        return tokens;
    }

    /** Plain tokens → text by {@link PlainTokenDetokenizer}'s rules, as the yardstick joins them. */
    @Override
    public String detokenize(List<String> tokens) {
        return PlainTokenDetokenizer.detokenize(tokens);
    }
}
