package org.nmt4j.cli;

import java.util.List;

import org.nmt4j.io.UserError;
import org.nmt4j.text.Tokenizer;
import org.nmt4j.text.Tokenizers;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The text commands' choice of tokenizer: {@code --tokenizer}, {@code --lang}, {@code --lowercase}, {@code --no-nfkc};
 * {@link One} for commands with one input, {@link PerInput} for those with several (a language each, or one for all).
 */
abstract class TokenizerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--tokenizer", defaultValue = "corenlp",
            description = "corenlp (en, de, fr, es: --lang), unicode (any language written with spaces), none "
                    + "(SentencePiece's manner, any language: words with \u2581), regex or space (text tokenized "
                    + "already) (default: ${DEFAULT-VALUE}).")
    String name;

    /** The languages given, none if absent. */
    abstract List<String> languages();

    /** One input. */
    static final class One extends TokenizerOptions {
        @Option(names = "--lang", description = "Language code of the input; needed by corenlp only.")
        String language;

        @Override
        List<String> languages() {
            return language == null ? List.of() : List.of(language);
        }
    }

    /** Several inputs. */
    static final class PerInput extends TokenizerOptions {
        @Option(names = "--lang", arity = "1..*",
                description = "Language of each input, in order (one code applies to all); needed by corenlp only.")
        List<String> languages;

        @Override
        List<String> languages() {
            return languages == null ? List.of() : languages;
        }
    }

    @Option(names = "--lowercase", description = "Lowercase the text first.")
    boolean lowercase;

    @Option(names = "--no-nfkc", negatable = false, description = "Tokenizer none: keep the text as it is instead of "
            + "NFKC-normalising it.")
    boolean noNfkc;

    /** The tokenizer for input {@code index} of {@code inputs}. */
    Tokenizer tokenizer(int index, int inputs) {
        if (name.equals("corenlp") && languages().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--lang' (the corenlp "
                    + "tokenizer's en, de, fr or es; for other languages --tokenizer unicode or none)");
        }
        return Tokenizers.create(name, language(index, inputs), lowercase, !noNfkc);
    }

    /** The tokenizer for a single input. */
    Tokenizer tokenizer() {
        return tokenizer(0, 1);
    }

    private String language(int index, int inputs) {
        List<String> languages = languages();
        if (languages.isEmpty()) {
            return null;
        }
        if (languages.size() == 1) {
            return languages.get(0);
        }
        if (languages.size() != inputs) {
            throw new UserError("give one --lang for all inputs or one per input (" + inputs + " inputs, "
                    + languages.size() + " languages)");
        }
        return languages.get(index);
    }
}
