package org.nmt4j.cli;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.markup.MarkedText;
import org.nmt4j.markup.Markup;
import org.nmt4j.markup.MarkupException;
import org.nmt4j.markup.MarkupTranslator;
import org.nmt4j.translate.Translator;

/** What {@code translate --markup} and {@code align --markup} share: the options checked, lines taken apart. */
final class MarkupLines {

    private MarkupLines() {
    }

    /**
     * The markup translator of {@code --markup NAME} (null: none); an unknown name, or {@code --markup-lenient}
     * without {@code --markup}, is a one-line error.
     */
    static MarkupTranslator open(String markup, boolean lenient, Translator translator) {
        if (markup == null) {
            if (lenient) {
                throw new UserError("--markup-lenient needs --markup");
            }
            return null;
        }
        try {
            return new MarkupTranslator(translator, Markup.of(markup), lenient);
        } catch (IllegalArgumentException e) {
            throw new UserError("--markup: " + e.getMessage());
        }
    }

    /**
     * Lines first.. of input taken apart; malformed markup is an error naming the input and line, and what
     * {@code --markup-lenient} would do instead ({@code lenientDoes}: "translates", "aligns").
     */
    static List<MarkedText> parse(MarkupTranslator marked, List<String> lines, long first, String input,
                                  String lenientDoes) {
        List<MarkedText> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                out.add(marked.parse(lines.get(i)));
            } catch (MarkupException e) {
                throw new UserError(input + (input.equals("argument") ? " " : ":") + (first + i + 1) + ": "
                        + e.getMessage() + " (--markup-lenient " + lenientDoes + " such lines as text)");
            }
        }
        return out;
    }
}
