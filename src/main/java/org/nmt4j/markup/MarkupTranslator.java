package org.nmt4j.markup;

import java.util.ArrayList;
import java.util.List;

import org.nmt4j.translate.Translation;
import org.nmt4j.translate.Translator;

/**
 * Translation of text with markup, for the Java API: each line's tags and entities are taken out, the plain text is
 * translated, and the markup is put back around the target words its source words are aligned with
 * ({@link MarkupTransfer}). The translations' text is the marked-up one; their pieces and attention are the plain
 * text's.
 *
 * <pre>{@code
 * MarkupTranslator t = new MarkupTranslator(Translator.load(Path.of("models/quickstart")), Markup.XML, false);
 * String out = t.translate(List.of("Der <b>Mann</b> liest.")).get(0).text();
 * }</pre>
 */
public final class MarkupTranslator {

    private final Translator translator;
    private final Markup markup;
    private final boolean lenient;

    /** lenient: a line whose markup is malformed is translated as plain text instead of refused. */
    public MarkupTranslator(Translator translator, Markup markup, boolean lenient) {
        this.translator = translator;
        this.markup = markup;
        this.lenient = lenient;
    }

    /**
     * A line's markup taken apart; malformed markup is a {@link MarkupException} (or, lenient, the whole line as
     * plain text).
     */
    public MarkedText parse(String line) {
        try {
            return markup.parse(line);
        } catch (MarkupException e) {
            if (!lenient) {
                throw e;
            }
            return new MarkedText(line, List.of(), java.util.Map.of());
        }
    }

    /** One translation per line, with its markup; malformed markup is a {@link MarkupException} naming the line. */
    public List<Translation> translate(List<String> lines) {
        List<MarkedText> marked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                marked.add(parse(lines.get(i)));
            } catch (MarkupException e) {
                throw e.atLine(i + 1);
            }
        }
        return translateMarked(marked, 1).stream().map(list -> list.get(0)).toList();
    }

    /** Up to n translations of each line taken apart by {@link #parse}, best first, with the markup put back. */
    public List<List<Translation>> translateMarked(List<MarkedText> lines, int n) {
        List<List<Translation>> found = translator.translateNBest(lines.stream().map(MarkedText::text).toList(), n);
        List<List<Translation>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            MarkedText source = lines.get(i);
            out.add(found.get(i).stream().map(t -> withMarkup(source, t)).toList());
        }
        return out;
    }

    /** A translation of a line's plain text, written with the line's markup. */
    public Translation withMarkup(MarkedText source, Translation t) {
        return MarkupTransfer.translation(source, t, translator.targetPreprocessor());
    }

    /** The translator underneath. */
    public Translator translator() {
        return translator;
    }
}
