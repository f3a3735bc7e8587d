#!/usr/bin/env python3
"""Writes nmt4j's quickstart corpus: German-English sentence pairs generated from a small hand-written grammar.

Every sentence is made here (no third-party text). The grammar has what makes attention interesting to look at:
the German perfect puts the participle last ("hat das Buch gelesen" / "has read the book"), subordinate clauses put
the verb last ("dass der Mann das Buch liest" / "that the man reads the book"), a fronted adverb inverts subject and
verb ("Heute liest der Mann" / "Today the man reads"), and number words put units before tens ("einundzwanzig" /
"twenty-one"). Usage: scripts/make-corpus.py [OUTPUT_DIR]  (default: data/). Deterministic (fixed seed).
"""
import os
import random
import sys

SUBJECTS = [  # German nominative, English, pronoun-free
    ("der Mann", "the man"), ("die Frau", "the woman"), ("das Kind", "the child"), ("der Hund", "the dog"),
    ("die Katze", "the cat"), ("der Lehrer", "the teacher"), ("die Ärztin", "the doctor"), ("der Junge", "the boy"),
    ("das Mädchen", "the girl"), ("der Koch", "the cook"), ("meine Schwester", "my sister"),
    ("unser Nachbar", "our neighbour"),
]
OBJECTS = {  # accusative singular, English, German plural, English plural
    "Buch": ("das Buch", "the book", "Bücher", "books"),
    "Zeitung": ("die Zeitung", "the newspaper", "Zeitungen", "newspapers"),
    "Brief": ("den Brief", "the letter", "Briefe", "letters"),
    "Apfel": ("einen Apfel", "an apple", "Äpfel", "apples"),
    "Brot": ("das Brot", "the bread", "Brote", "loaves"),
    "Kuchen": ("den Kuchen", "the cake", "Kuchen", "cakes"),
    "Ball": ("den Ball", "the ball", "Bälle", "balls"),
    "Auto": ("das Auto", "the car", "Autos", "cars"),
    "Tür": ("die Tür", "the door", "Türen", "doors"),
    "Blume": ("eine Blume", "a flower", "Blumen", "flowers"),
    "Tasse": ("die Tasse", "the cup", "Tassen", "cups"),
    "Fenster": ("das Fenster", "the window", "Fenster", "windows"),
}
VERBS = [  # German 3rd person singular, participle, English 3rd person singular, participle, objects it takes
    ("liest", "gelesen", "reads", "read", ["Buch", "Zeitung", "Brief"]),
    ("sieht", "gesehen", "sees", "seen", list(OBJECTS)),
    ("kauft", "gekauft", "buys", "bought", ["Buch", "Zeitung", "Apfel", "Brot", "Kuchen", "Ball", "Auto", "Blume",
                                            "Tasse"]),
    ("isst", "gegessen", "eats", "eaten", ["Apfel", "Brot", "Kuchen"]),
    ("sucht", "gesucht", "looks for", "looked for", ["Buch", "Brief", "Ball", "Auto", "Tasse"]),
    ("findet", "gefunden", "finds", "found", ["Buch", "Brief", "Apfel", "Ball", "Tasse", "Blume"]),
    ("schreibt", "geschrieben", "writes", "written", ["Brief", "Buch"]),
    ("öffnet", "geöffnet", "opens", "opened", ["Tür", "Fenster", "Brief", "Buch"]),
    ("wäscht", "gewaschen", "washes", "washed", ["Auto", "Tasse", "Fenster"]),
    ("trägt", "getragen", "carries", "carried", ["Buch", "Ball", "Tasse", "Brot", "Kuchen"]),
    ("malt", "gemalt", "paints", "painted", ["Blume", "Auto", "Tür", "Fenster", "Apfel"]),
]
CLAUSE_OPENERS = [("Ich glaube", "I think"), ("Ich weiß", "I know"), ("Er sagt", "He says"),
                  ("Sie hofft", "She hopes"), ("Wir hören", "We hear")]
ADVERBS = [("Heute", "Today"), ("Morgen", "Tomorrow"), ("Jetzt", "Now"), ("Oft", "Often"),
           ("Am Abend", "In the evening")]
UNITS_DE = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
UNITS_EN = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS_DE = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
            "neunzehn"]
TEENS_EN = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"]
TENS_DE = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
TENS_EN = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number(n):
    """German and English number words for 2..99: einundzwanzig / twenty-one."""
    if n < 10:
        return ("zwei drei vier fünf sechs sieben acht neun".split()[n - 2], UNITS_EN[n])
    if n < 20:
        return TEENS_DE[n - 10], TEENS_EN[n - 10]
    tens, units = divmod(n, 10)
    if units == 0:
        return TENS_DE[tens], TENS_EN[tens]
    return UNITS_DE[units] + "und" + TENS_DE[tens], TENS_EN[tens] + "-" + UNITS_EN[units]


def cap(text):
    return text[0].upper() + text[1:]


def sentence(rng):
    subject_de, subject_en = rng.choice(SUBJECTS)
    verb_de, participle_de, verb_en, participle_en, objects = rng.choice(VERBS)
    noun = rng.choice(objects)
    object_de, object_en, plural_de, plural_en = OBJECTS[noun]
    if rng.random() < 0.25:
        n_de, n_en = number(rng.randint(2, 99))
        object_de, object_en = n_de + " " + plural_de, n_en + " " + plural_en
    kind = rng.choice(["present", "perfect", "clause", "adverb", "clause_perfect"])
    if kind == "present":
        return (f"{cap(subject_de)} {verb_de} {object_de}.", f"{cap(subject_en)} {verb_en} {object_en}.")
    if kind == "perfect":
        return (f"{cap(subject_de)} hat {object_de} {participle_de}.",
                f"{cap(subject_en)} has {participle_en} {object_en}.")
    if kind == "adverb":
        adverb_de, adverb_en = rng.choice(ADVERBS)
        return (f"{adverb_de} {verb_de} {subject_de} {object_de}.",
                f"{adverb_en} {subject_en} {verb_en} {object_en}.")
    opener_de, opener_en = rng.choice(CLAUSE_OPENERS)
    if kind == "clause":
        return (f"{opener_de}, dass {subject_de} {object_de} {verb_de}.",
                f"{opener_en} that {subject_en} {verb_en} {object_en}.")
    return (f"{opener_de}, dass {subject_de} {object_de} {participle_de} hat.",
            f"{opener_en} that {subject_en} has {participle_en} {object_en}.")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261121)
    seen = set()
    pairs = []
    while len(pairs) < 12000:
        pair = sentence(rng)
        if pair[0] not in seen:
            seen.add(pair[0])
            pairs.append(pair)
    splits = {"test": pairs[:300], "valid": pairs[300:600], "train": pairs[600:]}
    for split, rows in splits.items():
        for side, lang in ((0, "de"), (1, "en")):
            with open(os.path.join(out, f"{split}.{lang}"), "w", encoding="utf-8") as f:
                f.writelines(row[side] + "\n" for row in rows)
    print(f"wrote {', '.join(f'{k} {len(v)}' for k, v in splits.items())} pairs to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
