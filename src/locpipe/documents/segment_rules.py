"""English sentence-boundary rules, kept as data.

`segment.py` scans a paragraph once and asks, at each `.`, `?`, `!` or
ellipsis, whether a sentence ends there. The word lists below drive those
decisions; `RULES` names every decision with an example of what it fixes, in
the style of pySBD, and the test suite runs each example.

Keys of the abbreviation sets are lower case and without the final period
("u.s" for "U.S.", "e.g" for "e.g.").
"""

from __future__ import annotations

from dataclasses import dataclass

# Abbreviations that never end a sentence before a capitalised word: titles
# before a name, and Latin/measure words that always introduce something.
NEVER_FINAL: frozenset[str] = frozenset(
    """
    mr mrs ms mssrs messrs mme mlle msgr prof capt cpt lt cmdr adm sgt cpl pvt supt atty
    amb insp e.g i.e cf viz vs approx incl esp resp
    """.split()
)

# Abbreviations that usually sit inside a sentence but may end one: the
# sentence ends only when the next word is a typical sentence opener
# ("Pitt, Briggs & Co. It closed" vs "Apple Inc. Chief Executive Tim Cook").
USUALLY_INTERNAL: frozenset[str] = frozenset(
    """
    co corp inc ltd llc plc bros jr sr dr st mt ave blvd rd hwy dept univ assn al
    eds govt intl natl mfg gen sen rep gov col maj brig rev hon fr pres
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri
    """.split()
)

# Abbreviations that are only abbreviations before a number ("No. 5",
# "Fig. 3", "p. 55"); before a capitalised word they are ordinary words
# ("The answer is no. Maybe later.").
BEFORE_NUMBER: frozenset[str] = frozenset(
    """
    no nos nr n° art fig figs vol vols ch chap sec sect p pp op tel ext eq ex para pt
    tab ref ver
    """.split()
)

# Abbreviations after which any capitalised word starts a new sentence.
USUALLY_FINAL: frozenset[str] = frozenset({"etc"})

# "a.m."/"p.m." end a sentence before a capital, unless a time zone or a day follows
# or the sentence so far is a short introductory phrase ("At 5 a.m. Mr. Smith").
TIME_ABBREVIATIONS: frozenset[str] = frozenset({"a.m", "p.m"})

TIME_ZONES: frozenset[str] = frozenset(
    """
    UTC GMT BST IST CET CEST EET EEST WET WEST MSK JST KST HKT SGT AEST AEDT ACST AWST
    NZST NZDT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST ET CT MT PT
    Eastern Central Mountain Pacific Atlantic Greenwich Beijing Seoul Tokyo Moscow
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun
    January February March April June July August September October November December
    """.split()
)

# Prepositions that open a short introductory phrase ("At 5 a.m. ...").
INTRO_PREPOSITIONS: frozenset[str] = frozenset(
    "at by around about before after until till from since on in between early late".split()
)

# Words that typically open a sentence. After an ambiguous abbreviation
# ("U.S.", "Co.", "E.") a capitalised word from this list means the sentence
# ended; any other capitalised word is taken as a name ("U.S. Government").
STARTERS: frozenset[str] = frozenset(
    """
    A An The This That These Those There Here It Its I He She We You They Me Him Her Us Them
    My Your His Our Their One Some Many Most Much More All Both Each Every Any No None
    Neither Either Few Several Such Other Another Only Even Just Also Still Yet So But And Or
    Nor However Meanwhile Moreover Furthermore Therefore Thus Hence Instead Indeed Besides
    Then Now Today Yesterday Tomorrow Tonight Later Earlier Finally First Second Third Next
    Last Although Though While When Where Whereas What Which Who Whom Whose Why How If
    Unless Until As After Before Since Because Once In On At For From With Without By To Of
    Into Under Over During Despite Among Against Through Is Are Was Were Be Been Do Does Did
    Can Could Will Would Shall Should May Might Must Have Has Had Let Please Yes Maybe
    Perhaps Not Never Always Often Sometimes Please Thanks Thank According
    """.split()
)

# Characters that may close a sentence after its final punctuation.
CLOSERS = frozenset("\"'”’»›)]}*_")
# Characters that may open a sentence before its first word.
OPENERS = frozenset("\"'“‘«‹([{*_¿¡`")
# Bullets that start an inline list item ("• 9. The first item • 10. ...").
BULLETS = frozenset("•⁃‣◦▪∙")
# Pairs inside which sentences are not split (quotations, parentheticals).
PAIRS: dict[str, str] = {"(": ")", "[": "]", "{": "}", "“": "”", "«": "»"}
# A quotation or parenthetical longer than this is split like running text.
MAX_ENCLOSED = 600


@dataclass(frozen=True, slots=True)
class Rule:
    """A named segmentation decision with an example of what it fixes."""

    name: str
    why: str
    example: str
    expected: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    Rule(
        "period",
        "A period followed by space and a capital or a digit ends a sentence.",
        "He won in 2019. 81 percent voted for him.",
        ("He won in 2019.", "81 percent voted for him."),
    ),
    Rule(
        "lowercase-continues",
        "Punctuation followed by a lower-case word does not end a sentence.",
        "“Really?” she asked. It was 5 ft. tall.",
        ("“Really?” she asked.", "It was 5 ft. tall."),
    ),
    Rule(
        "never-final",
        "Titles and Latin abbreviations never end a sentence before a capital.",
        "Ask Dr. Lee, e.g. The Lancet names her. Prof. Kim agrees.",
        ("Ask Dr. Lee, e.g. The Lancet names her.", "Prof. Kim agrees."),
    ),
    Rule(
        "usually-internal",
        "Co., Inc., Jr. end a sentence only before a typical sentence opener.",
        "Apple Inc. Chief Executive Tim Cook spoke. He works at Apple Inc. The firm grew.",
        (
            "Apple Inc. Chief Executive Tim Cook spoke.",
            "He works at Apple Inc.",
            "The firm grew.",
        ),
    ),
    Rule(
        "before-number",
        "No., Fig., p. are abbreviations only before a number.",
        "See Fig. 3 on p. 12. The answer is no. Maybe later.",
        ("See Fig. 3 on p. 12.", "The answer is no.", "Maybe later."),
    ),
    Rule(
        "initialism",
        "U.S., E.U., Ph.D. end a sentence only before a typical sentence opener.",
        "The U.S. Army moved. I live in the U.S. How about you?",
        ("The U.S. Army moved.", "I live in the U.S.", "How about you?"),
    ),
    Rule(
        "initialism-digit",
        "An abbreviation before a number does not end the sentence.",
        "The U.S. 50-state survey ended.",
        ("The U.S. 50-state survey ended.",),
    ),
    Rule(
        "time-zone",
        "a.m./p.m. before a time zone or a day does not end the sentence.",
        "Polls close at 8 p.m. EST, 9 a.m. Monday. Results follow at 9 p.m. Officials said so.",
        (
            "Polls close at 8 p.m. EST, 9 a.m. Monday.",
            "Results follow at 9 p.m.",
            "Officials said so.",
        ),
    ),
    Rule(
        "time-intro",
        "a.m./p.m. closing a short introductory phrase does not end the sentence.",
        "At 5 a.m. Mr. Smith left. He came back at 6 P.M. Mr. Smith slept.",
        ("At 5 a.m. Mr. Smith left.", "He came back at 6 P.M.", "Mr. Smith slept."),
    ),
    Rule(
        "initial",
        "A capital letter after a name is an initial; after a lower-case word it ends a sentence.",
        "Jonas E. Smith met you and I. Did you see them?",
        ("Jonas E. Smith met you and I.", "Did you see them?"),
    ),
    Rule(
        "etc",
        "etc. before any capitalised word ends the sentence.",
        "We sell pens, paper, etc. Apple sells phones.",
        ("We sell pens, paper, etc.", "Apple sells phones."),
    ),
    Rule(
        "decimal-and-currency",
        "A period between digits is a decimal point, not a boundary.",
        "Trade hit 328.08 billion USD, or $1.5bn more. It rose 2.5%.",
        ("Trade hit 328.08 billion USD, or $1.5bn more.", "It rose 2.5%."),
    ),
    Rule(
        "no-space",
        "word.Word with no space is a boundary, unless it is an identifier, URL or e-mail.",
        "Hello world.Today is Tuesday. Call System.Console.WriteLine or mail Jane.Doe@x.org.",
        (
            "Hello world.",
            "Today is Tuesday.",
            "Call System.Console.WriteLine or mail Jane.Doe@x.org.",
        ),
    ),
    Rule(
        "url-file-version",
        "URLs, file names and versions keep their inner periods.",
        "Open https://example.com/a.html. Edit setup.cfg and use v1.2.3. Done.",
        ("Open https://example.com/a.html.", "Edit setup.cfg and use v1.2.3.", "Done."),
    ),
    Rule(
        "closing-quote",
        "Closing quotes and brackets after the punctuation belong to the sentence.",
        "He said “we will win.” Then he left (quietly.) Nobody saw.",
        ("He said “we will win.”", "Then he left (quietly.)", "Nobody saw."),
    ),
    Rule(
        "enclosed",
        "Sentences inside a quotation or parenthetical are not split.",
        "He said, “I came. I saw.” Then (see the note. It helps) he left.",
        ("He said, “I came. I saw.”", "Then (see the note. It helps) he left."),
    ),
    Rule(
        "exclamation-name",
        "! or ? before a lower-case word does not end the sentence.",
        "She works at Yahoo! in Paris. Really? Yes!",
        ("She works at Yahoo! in Paris.", "Really?", "Yes!"),
    ),
    Rule(
        "ellipsis",
        "A word-final ellipsis before a capital ends a sentence; a free-standing one does not.",
        "I never meant that... She left. He waited ... Then ... nothing.",
        ("I never meant that...", "She left.", "He waited ... Then ... nothing."),
    ),
    Rule(
        "bracket-ellipsis",
        "An omission mark [...] never ends a sentence.",
        "Bohr [...] Then used it.",
        ("Bohr [...] Then used it.",),
    ),
    Rule(
        "inline-list",
        "A paragraph opening with a list marker splits before the next marker in sequence.",
        "1) Buy milk 2) Call Mom 3) Rest. It is 2 p.m. now.",
        ("1) Buy milk", "2) Call Mom", "3) Rest.", "It is 2 p.m. now."),
    ),
    Rule(
        "bullet",
        "A bullet after a space starts a new item.",
        "Menu • Home • About us",
        ("Menu", "• Home", "• About us"),
    ),
    Rule(
        "lowercase-brand",
        "A sentence may open with a camel-case brand name.",
        "Sales rose. iPhone demand grew.",
        ("Sales rose.", "iPhone demand grew."),
    ),
)
