"""Word classes the repair rules consult.

These are closed-class English words and a few suffix tables, written from
grammar, not harvested from any corpus.  They are data, so a rule that uses
them can say *why* it decided (``explain`` reports the rule name).
"""

from __future__ import annotations

#: Contraction endings that follow an apostrophe: ``don,t`` ``we,re`` ``I,ll``.
CONTRACTION_SUFFIXES: frozenset[str] = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})

#: Function words (determiners, pronouns, auxiliaries, conjunctions,
#: prepositions, common adverbs).  A genuine comma is usually followed by one
#: of these; a possessive apostrophe almost never is.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a an the this that these those my your his her its our their some any no every each
    all both either neither few many much more most other another such what which who
    whom whose whoever whatever and or but nor so yet for because although though while
    whereas if unless since until when whenever where wherever whether as than then thus
    hence therefore however moreover furthermore meanwhile nevertheless nonetheless
    instead otherwise also too even only just still already again now here there once
    i me we us you he him she it they them myself himself herself itself ourselves
    themselves is are was were be been being am do does did has have had having will
    would shall should can could may might must in on at by to of from with without
    within into onto upon about above below over under between among amongst through
    during before after against toward towards across along around behind beyond
    despite except via per like unlike near including regarding concerning following
    according plus not very rather quite almost perhaps etc namely especially
    particularly respectively notably primarily mainly said says say told noted added
    stated explained asked one none others post enough
    """.split()
)

#: Words ending in ``s`` that are never plural nouns, so ``word,`` before a
#: space is a comma, not ``word’``.
S_FINAL_NON_NOUNS: frozenset[str] = frozenset(
    """
    is was has as us its his this thus yes less unless whereas perhaps always
    sometimes besides afterwards towards regardless nevertheless nonetheless
    does across various previous serious numerous obvious anonymous famous enormous
    dangerous ambitious continuous cautious conscious religious precious tremendous
    vs plus bus gas
    """.split()
)

#: Bodies and events named for their members, after a possessive in ``s``:
#: ``the Workers’ Party``, ``a Donors’ Conference``, ``the Armed Forces
#: Officers’ Club``, ``Islamic Courts’ Militia``.  Not ``Republic`` or
#: ``Federation`` (``the United States, Republic of Korea``: a list) nor
#: ``Council``, ``Office`` (``Ocean Affairs, Office of the Special Envoy``).
NAMED_FOR_MEMBERS: frozenset[str] = frozenset(
    "Party Conference Club Union Association Day Militia Forum Front Movement League Summit".split()
)

#: Units of time, and what a span of them is worth or buys: ``two hours’
#: notice``, ``10-12 years’ worth of``, ``a few months’ delay``.  ``time``
#: is one too, only as ``in ten years’ time`` (the phrase ends there).
TIME_UNITS: frozenset[str] = frozenset("seconds minutes hours days weeks months years decades".split())
MEASURED: frozenset[str] = frozenset("worth notice delay imprisonment wait time".split())

#: Counting words that may stand before a unit of time.
COUNTING_WORDS: frozenset[str] = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
    hundred few several many some
    """.split()
)

#: What a subject line or heading in capitals says someone had: ``SUBJECT:
#: U/S HORMATS’ MEETINGS WITH …``, ``SECRETARY GATES’ TURKEY BILATERAL VISIT``.
MEETING_NOUNS: frozenset[str] = frozenset(
    """
    MEETING MEETINGS VISIT VISITS TRIP TRIPS DINNER LUNCH CALL CALLS TALKS
    DISCUSSION DISCUSSIONS CONVERSATION CONVERSATIONS TRAVEL
    """.split()
)

#: Prepositions that open an introductory phrase (``In recent days, ...``):
#: the comma that closes such a phrase is genuine.
INTRODUCTORY: frozenset[str] = frozenset(
    """
    in for despite at over after as during with without given since before among
    under on by from within throughout although though while when if unlike like
    according because through amid absent beyond upon following against toward
    towards regarding to into across
    """.split()
)

#: Auxiliary and reporting verbs: a clause that holds one has its verb
#: (``the Minister said the Partners, interest``), so the comma after a noun
#: there ends no introductory phrase.
VERBS: frozenset[str] = frozenset(
    """
    is are was were be been being am do does did has have had will would shall should
    can could may might must said says say told noted added stated explained asked
    """.split()
)

#: Words that make a time adverbial after ``last``, ``next``, ``this``,
#: ``every``: ``He met the ministers, last week.`` is a comma (no possessive
#: stands as the object there).
TIME_WORDS: frozenset[str] = frozenset(
    """
    week weeks month months year years weekend night day days time times morning evening
    afternoon summer winter spring autumn fall
    """.split()
)

#: Subordinating conjunctions: a clause they open (``while they are not
#: likely to join the programs, ...``) usually ends at the next comma.
SUBORDINATORS: frozenset[str] = frozenset(
    "while although though if when whenever because since unless whereas once until after before".split()
)

#: Abbreviations of three letters or more that end with a full stop inside
#: a sentence (``etc.,``): their stop is no sentence's end.
ABBREVIATIONS: frozenset[str] = frozenset(
    "etc inc ltd corp bros govt dept gen col sgt capt amb adm approx est misc mrs esp".split()
)

#: HTML entity names (``html.entities``) that are English words a quotation
#: can open with: ``&not one soldier8`` was collapsed to ``¬ one soldier8``.
#: An entity character standing alone as a word is read as its name only
#: when the name is one of these (``the ¶ sign`` is no ``para``, ``® mark`` no
#: ``reg``); glued to letters it is a word's start (``£ing``: ``pounding``).
#: Not the names of signs written alone as themselves: currency (``£ 5``),
#: ``© 2008``, ``™``, ``§ 3``, bullets, ``×``, ``−``, primes.
ENTITY_WORDS: frozenset[str] = frozenset(
    "not and or part in half cap cup sum top star check empty flat sharp therefore block".split()
)

#: Entity names that are prefixes a hyphen joins to a word:
#: ``&micro-trafficking8`` collapsed to ``µ-trafficking8``, ``&para-military8``.
ENTITY_PREFIXES: frozenset[str] = frozenset("micro para".split())
