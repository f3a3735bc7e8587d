package org.nmt4j.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nmt4j.io.UserError;

/** The languages whose CoreNLP tokenizer ships in the CoreNLP main jar, by ISO 639-1 code. */
public enum Language {
    EN, DE, FR, ES;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language fromCode(String code) {
        for (Language language : values()) {
            if (language.code().equalsIgnoreCase(code.trim())) {
                return language;
            }
        }
        throw new UserError("unknown language code '" + code + "': nmt4j tokenizes "
                + Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", ")));
    }
}
