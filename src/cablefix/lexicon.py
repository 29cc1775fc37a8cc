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

#: Nouns that name something an agent has or does (view, role, commitment):
#: what follows a possessive far more often than a comma.
RELATIONAL_NOUNS: frozenset[str] = frozenset(
    """
    view views position positions interest interests role roles effort efforts concern
    concerns support ability willingness desire decision decisions proposal proposals
    response responses relationship relations behavior behaviour attitude attitudes
    agenda influence visit visits commitment commitments participation leadership
    request requests demand demands opinion opinions rights security needs goals goal
    intentions plans plan policy policies approach stance views failure success
    reputation role share claims claim complaints complaint perception perceptions
    concern motives expectations fears hopes wishes capabilities capability strength
    strengths weakness weaknesses control access priorities priority message messages
    comments comment statement statements remarks questions question record use
    """.split()
)

#: Words that cannot be what a possessive owns: adverbs without ``-ly``
#: (``Saudi nationals, often with``, ``the ministers, alike.``; not ``first``:
#: ``the inspectors’ first visit``, see :data:`ORDINAL_ADVERBS`), pronouns
#: and quantifiers (``even with the interceptors, nobody could predict``) and
#: irregular past participles (``the press, done in``, ``reformists, sought to``).
NOT_POSSESSED: frozenset[str] = frozenset(
    """
    often never ever later soon regardless afterward afterwards
    alike abroad alone overseas worldwide nationwide aboard ashore elsewhere together
    aside apart away anew anyway today yesterday tomorrow tonight ago
    nobody somebody everybody anybody everyone someone anyone nothing something
    everything anything several sometime whichever how please thereby whereby albeit
    lest somewhat twice thrice sir madam
    done sought made taken given held known seen found brought thought kept built won
    met sent spent paid lost begun chosen driven written shown grown drawn felt heard
    meant understood become gone struck sold caught taught bought fought
    """.split()
)

#: Words that modify what a possessive owns (``the inspectors' first
#: visit``) or stand alone as adverbs (``colonized for 500 years, first by
#: the Horde``, ``the ministers, last.``): the second when the phrase ends
#: or a function word follows.
ORDINAL_ADVERBS: frozenset[str] = frozenset("first last next earlier".split())

#: Adjectives that take a complement (``anxious to``, ``fearful of``): after
#: a comma they open an appositive (``American leaders, anxious to avoid
#: upsetting other allies, steer away``), never what a possessive owns.
PREDICATIVE_ADJECTIVES: frozenset[str] = frozenset(
    """
    anxious eager hesitant reluctant fearful afraid aware unaware unable able willing
    unwilling likely unlikely ready keen happy unhappy wary mindful conscious capable
    incapable responsible critical supportive skeptical sceptical suspicious confident
    proud angry upset furious nervous content free quick slow due loath
    consistent inconsistent available unavailable compatible incompatible similar
    comparable identical subject prone dependent independent relevant grateful
    """.split()
)

#: What follows an adjective of :data:`PREDICATIVE_ADJECTIVES` as its complement
#: (``consistent with``, ``available at``, ``dependent on``).
COMPLEMENT_WORDS: frozenset[str] = frozenset("to of for about with that at on from in".split())

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

#: Words that name a time, for the time adverbials that may follow a comma
#: (``met the ministers, last week.``, ``three times``): :data:`TIME_MODIFIERS`
#: or a counting word before one of these.
TIME_WORDS: frozenset[str] = frozenset(
    """
    second seconds minute minutes hour hours day days night nights morning mornings
    afternoon evening week weeks weekend month months year years decade decades
    quarter season spring summer fall autumn winter time times today yesterday tomorrow
    """.split()
)
#: (Not ``first``: ``On Funes’ first day in office`` is a possessive.)
TIME_MODIFIERS: frozenset[str] = frozenset("last next early late earlier later".split())

#: Verbs that attribute what is said (``…, officials said.``), and the words
#: for where it comes from that are not people (:func:`repair.is_agent`
#: knows those): ``sources``, ``press reports``, ``embassy contacts``.
ATTRIBUTION_VERBS: frozenset[str] = frozenset(
    """
    said say says told tell noted note added stated explained asked report reports
    reported believe believes believed claimed claim claims argued argue argues
    suggested suggest suggests warned insisted insist insists stressed emphasized
    acknowledged indicated indicate indicates confirmed confirm confirms admitted
    predicted predict predicts estimated estimate estimates speculated speculate
    """.split()
)
SOURCES: frozenset[str] = frozenset("sources contacts analysts reports accounts media press polls".split())

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

#: Endings of abstract (deverbal) nouns: ``commitment``, ``participation``.
ABSTRACT_NOUN_SUFFIXES: tuple[str, ...] = (
    "ment", "tion", "sion", "ance", "ence", "ity", "ness", "ship", "ure", "ism",
)

#: Finite verbs that often follow a subject: after one, an ``and`` joins
#: predicates or clauses, not the items of a list (``these systems, standards
#: remain low and must``).
FINITE_VERBS: frozenset[str] = frozenset(
    """
    is are was were has have had will would should could may might must remain remains remained
    """.split()
)

#: Words that may follow a possessed noun phrase: prepositions and verbs.
AFTER_POSSESSED: frozenset[str] = frozenset(
    """
    of to in for on with toward towards over about from against into at by as
    is are was were has have had will would should could may might must remain
    remains remained
    """.split()
)

#: Endings of nouns for people and groups that act (``lawyers``,
#: ``donors``, ``terrorists``, ``Russians``, ``residents``, ``detainees``):
#: such nouns own things far more often than others (``tools/owner_stats.py``).
AGENT_SUFFIXES: tuple[str, ...] = ("ers", "ors", "ists", "ians", "eans", "ants", "ents", "ees")

#: Plurals with those endings that name things, not people: ``decrees``,
#: ``guarantees`` (the ``-ee`` nouns for people are ``detainees``,
#: ``employees``, ``refugees``).
NOT_AGENTS: tuple[str, ...] = ("crees", "grees", "trees", "antees", "fees", "knees")

#: Plurals that end like agents but name things, happenings or measures
#: (``events``, ``numbers``, ``borders``, ``factors``), and verbs that end so
#: (``insists``, ``considers``).  Written from English, by kind.
NOT_AGENT_WORDS: frozenset[str] = frozenset(
    """
    events incidents accidents disasters encounters precedents
    papers letters posters banners dossiers chapters lists waivers warrants orders grants
    numbers meters kilometers parameters quarters percents
    borders centers centres headquarters chambers theaters theatres towers shelters
    harbors harbours waters restaurants plants tents containers barriers
    matters factors sectors errors rumors rumours favors favours behaviors behaviours
    colors colours talents contents components ingredients variants currents equivalents
    endeavors endeavours careers wonders blunders remnants dangers answers offers transfers
    helicopters computers motors reactors elevators launchers interceptors tractors
    trailers filters refrigerators airliners tankers fingers shoulders
    wants sees represents considers presents prefers exists insists consists suffers
    differs refers enters prevents assists renders persists resists resents alters oversees
    """.split()
)

#: Plural nouns for people and the groups they form whose ending does not
#: say so (``girls``, ``citizens``, ``troops``, ``countries``): with
#: :data:`AGENT_SUFFIXES`, the owners a possessive usually has.  Written
#: from English, by kind: people, kin, roles, forces, bodies, polities.
PEOPLE_NOUNS: frozenset[str] = frozenset(
    """
    people persons men women girls boys children kids youths families parents relatives
    citizens nationals residents villagers locals civilians elders students pupils
    troops soldiers forces police guards militias rebels militants fighters hostages
    victims prisoners refugees migrants clerics priests monks bishops scholars experts
    officials chiefs heads generals deputies delegates envoys diplomats senators
    legislators politicians candidates critics allies friends neighbours colleagues
    counterparts enemies rivals businessmen companies firms banks groups parties
    countries nations states governments authorities tribes clans minorities elites
    """.split()
)

#: Determiners: a noun is not followed by one, a verb is (``the Frontier
#: Corps, support a prioritized plan``: ``support`` is a verb, the comma real).
DETERMINERS: frozenset[str] = frozenset(
    "a an the this these those its their his her our my your each every".split()
)

#: Determiners and prepositions that open a noun phrase (``the``, ``of``):
#: a possessor usually follows one.
NP_OPENERS: frozenset[str] = frozenset(
    """
    the his her its their our your my these those both all many other various several
    some two three four five ten of to about through regarding into with from for by on
    at in over under among between toward towards against
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

#: Verb endings: ``policy goals, prioritize policy`` is a list of verbs.
VERB_SUFFIXES: tuple[str, ...] = ("ize", "ise", "ify")

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
