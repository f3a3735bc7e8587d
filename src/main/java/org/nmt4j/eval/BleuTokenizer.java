package org.nmt4j.eval;

import java.util.Locale;
import java.util.regex.Pattern;

import org.nmt4j.io.UserError;
import org.nmt4j.text.Whitespace;

/** The tokenizers sacreBLEU applies before counting n-grams: {@code 13a} (its default), {@code intl} and {@code none}. */
public enum BleuTokenizer {

    /** mteval-v13a.pl's tokenization, as sacreBLEU's {@code tokenizer_13a.py} does it. */
    THIRTEEN_A("13a") {
        private final Pattern[] patterns = {
            Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])"),
            Pattern.compile("([^0-9])([\\.,])"),
            Pattern.compile("([\\.,])([^0-9])"),
            Pattern.compile("([0-9])(-)"),
        };
        private final String[] replacements = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

        @Override
        String apply(String line) {
            line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
            if (line.contains("&")) {
                line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            }
            line = " " + line + " ";
            for (int i = 0; i < patterns.length; i++) {
                line = patterns[i].matcher(line).replaceAll(replacements[i]);
            }
            return Whitespace.normalize(line);
        }
    },

    /** mteval-v14's international tokenization (sacreBLEU's {@code tokenizer_intl.py}): Unicode punctuation and symbols. */
    INTL("intl") {
        private final Pattern[] patterns = {
            Pattern.compile("(\\P{N})(\\p{P})"),
            Pattern.compile("(\\p{P})(\\P{N})"),
            Pattern.compile("(\\p{S})"),
        };
        private final String[] replacements = {"$1 $2 ", " $1 $2", " $1 "};

        @Override
        String apply(String line) {
            for (int i = 0; i < patterns.length; i++) {
                line = patterns[i].matcher(line).replaceAll(replacements[i]);
            }
            return Whitespace.normalize(line);
        }
    },

    /** No tokenization: the text is split at whitespace only. */
    NONE("none") {
        @Override
        String apply(String line) {
            return line;
        }
    };

    private final String signatureName;

    BleuTokenizer(String signatureName) {
        this.signatureName = signatureName;
    }

    /** The name in sacreBLEU's signature and its {@code -tok} option. */
    public String signatureName() {
        return signatureName;
    }

    abstract String apply(String line);

    /** Tokenizes one segment into the words whose n-grams are counted. */
    public java.util.List<String> words(String line) {
        return Whitespace.split(apply(line));
    }

    public static BleuTokenizer fromName(String name) {
        for (BleuTokenizer tokenizer : values()) {
            if (tokenizer.signatureName.equals(name.toLowerCase(Locale.ROOT))) {
                return tokenizer;
            }
        }
        throw new UserError("unknown BLEU tokenizer '" + name + "': use 13a, intl or none");
    }
}
