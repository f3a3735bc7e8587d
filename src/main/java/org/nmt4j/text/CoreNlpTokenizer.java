package org.nmt4j.text;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import edu.stanford.nlp.international.french.process.FrenchTokenizer;
import edu.stanford.nlp.international.spanish.process.SpanishTokenizer;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;

/**
 * CoreNLP's rule-based tokenizer for a language, made exactly invertible.
 *
 * <p>CoreNLP decides where tokens begin and end; nmt4j takes each token's text from the input at CoreNLP's character
 * offsets rather than CoreNLP's rewritten form. So PTB escapes ({@code -LRB-}, {@code ``}, {@code ''}), quote and dash
 * normalisation and Spanish clitic rewriting never reach the tokens, and joining the tokens back with their attachment
 * flags gives the input with its whitespace normalised. Tokens never contain whitespace: a CoreNLP token that spans a
 * space (such as {@code 3 1/2}) is split at it, and any non-space text CoreNLP dropped is kept as tokens.
 *
 * <p>The joiner mark {@link Token#JOINER} is reserved; in the input it is replaced by U+25A0 (■).
 */
public final class CoreNlpTokenizer implements Tokenizer {

    private static final String PTB_OPTIONS =
            "invertible=true,ptb3Escaping=false,untokenizable=allKeep,splitHyphenated=true,tokenizeNLs=false";

    private final Language language;
    private final boolean lowercase;
    private final TokenizerFactory<CoreLabel> factory;

    public CoreNlpTokenizer(Language language, boolean lowercase) {
        this.language = language;
        this.lowercase = lowercase;
        this.factory = switch (language) {
            case EN, DE -> PTBTokenizer.factory(new CoreLabelTokenFactory(), PTB_OPTIONS);
            case FR -> FrenchTokenizer.factory();
            case ES -> SpanishTokenizer.factory(new CoreLabelTokenFactory(), "invertible=true,untokenizable=allKeep");
        };
        if (language == Language.FR) {
            factory.setOptions("invertible=true,untokenizable=allKeep");
        }
    }

    public Language language() {
        return language;
    }

    public boolean lowercase() {
        return lowercase;
    }

    @Override
    public List<Token> tokenize(String line) {
        String text = line.replace(Token.JOINER, "\u25A0");
        List<Token> tokens = new ArrayList<>();
        int covered = 0; // text[0, covered) has been turned into tokens
        var tokenizer = factory.getTokenizer(new StringReader(text));
        while (tokenizer.hasNext()) {
            CoreLabel label = tokenizer.next();
            int begin = Math.max(label.beginPosition(), covered);
            int end = Math.min(label.endPosition(), text.length());
            if (end <= begin) {
                continue; // a split inside one word (Spanish clitics) whose offsets repeat the word's: already covered
            }
            addSpan(text, covered, begin, tokens);
            addSpan(text, begin, end, tokens);
            covered = end;
        }
        addSpan(text, covered, text.length(), tokens);
        return tokens;
    }

    /** Adds the non-whitespace runs of text[begin, end) as tokens; attachment is read off the character before. */
    private void addSpan(String text, int begin, int end, List<Token> tokens) {
        int i = begin;
        while (i < end) {
            int cp = text.codePointAt(i);
            if (Whitespace.isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < end) {
                cp = text.codePointAt(i);
                if (Whitespace.isSpace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            boolean attached = !tokens.isEmpty() && start > 0 && !Whitespace.isSpace(text.codePointBefore(start));
            String piece = text.substring(start, i);
            tokens.add(new Token(lowercase ? piece.toLowerCase(Locale.ROOT) : piece, attached));
        }
    }
}
