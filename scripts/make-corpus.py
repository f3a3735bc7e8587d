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


class Pair:
    """A sentence pair built phrase by phrase, with the word links each phrase brings (gold alignment).

    Tokens are the words of the text as nmt4j's CoreNLP tokenizers split them: spaces, a comma or full stop of its
    own, and English hyphens of their own ("forty-eight" is forty - eight). Links are 0-based source-target pairs,
    German first: sure where a word translates a word, possible (i?j) where a word goes with a phrase only loosely.
    """

    def __init__(self):
        self.de, self.en, self.sure, self.possible = [], [], set(), set()

    def add(self, de, en, links=None, possible=()):
        """Appends a German and an English phrase; links pair their tokens (default: one to one, in order)."""
        de_tokens, en_tokens = tokens(de), tokens(en)
        if links is None:
            assert len(de_tokens) == len(en_tokens), (de, en)
            links = [(i, i) for i in range(len(de_tokens))]
        for i, j in links:
            self.sure.add((len(self.de) + i, len(self.en) + j))
        for i, j in possible:
            self.possible.add((len(self.de) + i, len(self.en) + j))
        self.de += de_tokens
        self.en += en_tokens
        return self

    def gold(self):
        links = [f"{i}-{j}" for i, j in sorted(self.sure)]
        links += [f"{i}?{j}" for i, j in sorted(self.possible - self.sure)]
        return " ".join(links)


def tokens(phrase):
    out = []
    for word in phrase.split():
        pieces = []
        while word and word[-1] in ",.":
            pieces.insert(0, word[-1])
            word = word[:-1]
        parts = word.split("-")
        for k, part in enumerate(parts):
            if k > 0:
                out.append("-")
            if part:
                out.append(part)
        out += pieces
    return out


def many_to_many(de, en):
    """Every German token of a phrase with every English token of its translation (multiword phrases)."""
    return [(i, j) for i in range(len(tokens(de))) for j in range(len(tokens(en)))]


def number_links(n_de, n_en):
    """A German number word with the words of its English form; the hyphen only possible."""
    en = tokens(n_en)
    return [(0, j) for j, t in enumerate(en) if t != "-"], [(0, j) for j, t in enumerate(en) if t == "-"]


def phrase_links(de, en):
    """One to one when both have as many tokens; else every pair (looks for, Am Abend / In the evening)."""
    return None if len(tokens(de)) == len(tokens(en)) else many_to_many(de, en)


def sentence(rng):
    """A pair of sentences and its gold links (text, text, links)."""
    subject_de, subject_en = rng.choice(SUBJECTS)
    verb_de, participle_de, verb_en, participle_en, objects = rng.choice(VERBS)
    noun = rng.choice(objects)
    object_de, object_en, plural_de, plural_en = OBJECTS[noun]
    number_pair = None
    if rng.random() < 0.25:
        n_de, n_en = number(rng.randint(2, 99))
        number_pair = (n_de, n_en, plural_de, plural_en)
        object_de, object_en = n_de + " " + plural_de, n_en + " " + plural_en

    def add_object(pair, final=""):
        if number_pair is None:
            return pair.add(object_de + final, object_en + final)
        n_de, n_en, p_de, p_en = number_pair
        sure, possible = number_links(n_de, n_en)
        pair.add(n_de, n_en, sure, possible)
        return pair.add(p_de + final, p_en + final)

    def add_verb(pair, de, en, final=""):
        return pair.add(de + final, en + final, phrase_links(de, en))

    kind = rng.choice(["present", "perfect", "clause", "adverb", "clause_perfect"])
    pair = Pair()
    if kind == "present":
        pair.add(cap(subject_de), cap(subject_en))
        add_verb(pair, verb_de, verb_en)
        add_object(pair).add(".", ".")
        text = (f"{cap(subject_de)} {verb_de} {object_de}.", f"{cap(subject_en)} {verb_en} {object_en}.")
    elif kind == "perfect":
        text = (f"{cap(subject_de)} hat {object_de} {participle_de}.",
                f"{cap(subject_en)} has {participle_en} {object_en}.")
        pair.add(cap(subject_de), cap(subject_en)).add("hat", "has")
        # German object then participle; English participle then object
        de_object = tokens(object_de)
        en_participle = tokens(participle_en)
        object_pair = Pair()
        add_object(object_pair)
        participle = Pair().add(participle_de, participle_en, phrase_links(participle_de, participle_en))
        links = [(i, len(en_participle) + j) for i, j in object_pair.sure]
        possible = [(i, len(en_participle) + j) for i, j in object_pair.possible]
        links += [(len(de_object) + i, j) for i, j in participle.sure]
        pair.add(object_de + " " + participle_de, participle_en + " " + object_en, links, possible)
        pair.add(".", ".")
    elif kind == "adverb":
        adverb_de, adverb_en = rng.choice(ADVERBS)
        text = (f"{adverb_de} {verb_de} {subject_de} {object_de}.",
                f"{adverb_en} {subject_en} {verb_en} {object_en}.")
        pair.add(adverb_de, adverb_en, phrase_links(adverb_de, adverb_en))
        # German verb then subject; English subject then verb
        en_subject = tokens(subject_en)
        verb = Pair().add(verb_de, verb_en, phrase_links(verb_de, verb_en))
        links = [(i, len(en_subject) + j) for i, j in verb.sure]
        links += [(len(tokens(verb_de)) + i, j) for i in range(len(en_subject)) for j in [i]]
        pair.add(verb_de + " " + subject_de, subject_en + " " + verb_en, links)
        add_object(pair).add(".", ".")
    else:
        opener_de, opener_en = rng.choice(CLAUSE_OPENERS)
        pair.add(opener_de + ",", opener_en, [(0, 0), (1, 1)])
        pair.add("dass", "that").add(subject_de, subject_en)
        if kind == "clause":
            text = (f"{opener_de}, dass {subject_de} {object_de} {verb_de}.",
                    f"{opener_en} that {subject_en} {verb_en} {object_en}.")
            tail_de, tail_en = verb_de, verb_en
            en_head = tokens(verb_en)
            head = Pair().add(verb_de, verb_en, phrase_links(verb_de, verb_en))
        else:
            text = (f"{opener_de}, dass {subject_de} {object_de} {participle_de} hat.",
                    f"{opener_en} that {subject_en} has {participle_en} {object_en}.")
            tail_de, tail_en = participle_de + " hat", "has " + participle_en
            en_head = tokens(tail_en)
            participle = Pair().add(participle_de, participle_en, phrase_links(participle_de, participle_en))
            head = Pair()
            head.sure = {(i, 1 + j) for i, j in participle.sure} | {(len(tokens(participle_de)), 0)}
        # German object then verb (phrase); English verb (phrase) then object
        object_pair = Pair()
        add_object(object_pair)
        n_object = len(tokens(object_de))
        links = [(i, len(en_head) + j) for i, j in object_pair.sure]
        possible = [(i, len(en_head) + j) for i, j in object_pair.possible]
        links += [(n_object + i, j) for i, j in head.sure]
        pair.add(object_de + " " + tail_de, tail_en + " " + object_en, links, possible)
        pair.add(".", ".")
    if kind == "present":
        pass
    assert " ".join(pair.de) is not None
    return text[0], text[1], pair


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261121)
    seen = set()
    pairs = []
    while len(pairs) < 12000:
        de, en, pair = sentence(rng)
        if de not in seen:
            seen.add(de)
            pairs.append((de, en, pair))
    splits = {"test": pairs[:300], "valid": pairs[300:600], "train": pairs[600:]}
    for split, rows in splits.items():
        for side, lang in ((0, "de"), (1, "en")):
            with open(os.path.join(out, f"{split}.{lang}"), "w", encoding="utf-8") as f:
                f.writelines(row[side] + "\n" for row in rows)
    # gold word links of the test pairs, for nmt4j evaluate-alignment
    with open(os.path.join(out, "test.gold"), "w", encoding="utf-8") as f:
        f.writelines(row[2].gold() + "\n" for row in splits["test"])
    print(f"wrote {', '.join(f'{k} {len(v)}' for k, v in splits.items())} pairs and the test pairs' gold links "
          f"to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
