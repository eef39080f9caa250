"""Events: what the article reports as having happened between the sides, by type.

Three decisions, in order:
1. Scope: the report must be about security, policing, justice or borders. Out-of-scope
   cues (oil, trade, investment) in the headline and the event sentences weigh against it.
2. Sides: the countries that take part, not every country named. A country weighs more in
   the headline, the lead and the sentences reporting the event, and as the country of a
   person who takes part; a country named only in passing («the Americans are angry») stays
   under the bar; where the headline and the lead name the parties, a country named only
   further down is none. A body's meeting (the GCC's ministers) brings the states that
   were its members in the report's year.
3. Events: one per type of trigger that reports something done (a future, a wish or a
   negation turns a signing into a commitment, not an event), of one family: talks
   (CONSULT, AGREE) or deeds (COOPERATE, AID), whichever the report tells as its news. A
   report whose headline and lead only plan a step has no event: its news is a commitment.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections import defaultdict

from accords.extract import dates, marks, places, relevance, settings, treaties
from accords.extract.commitments import CONTENT_MARKERS, SIGN
from accords.extract.context import (
    COUNTRY_READINGS,
    RECALL_REACH,
    acting,
    body_name,
    country_of,
    cues,
    has_cue,
    home_of,
    in_sentences,
    lead,
    opening,
    reported,
)
from accords.extract.domains import of_sentences
from accords.lexicon import Lexicon
from accords.model import (
    DOMAINS,
    EVENT_TYPES,
    Actor,
    Doc,
    Event,
    EventType,
    Mention,
    Treaty,
)
from accords.text.normalise import fold_letters

REQUIRES = (
    "mentions", "by_concept", "by_sentence", "tokens", "words", "token_sentence", "sentences",
    "sentence_words", "title_sentences", "body_end", "cities", "dateline", "dateline_start",
    "location",
    "actors", "sentence_domains", "treaties",
)  # fmt: skip
ASSIGNS = ("sides", "events")

_IRREALIS = frozenset({"future", "irrealis"})
_PLANS = frozenset({"future", "pledge"})  # the kinds of a future cue and a pledge marker
_HEADLINE_PLAN = "headline_plan"  # cues.tsv: "X to hold": read in a headline only
_NAMES = frozenset({"country", "person", "surname", "title", "organization"})
_PLACES = frozenset({"country", "city", "organization"})
_VERBS = frozenset({"trigger", "commitment"})  # what a headline's subject does
# The steps (steps.tsv) a plan between two states names: a match, a visit or a war's
# operations are planned every day; an operation counts when it is joint ("a joint patrol")
_PLANNED_STEPS = frozenset({"sign", "body", "training", "handover", "equipment"})
_JOINT_STEP = "operation"
# the modes of a trigger that concludes a treaty it names (triggers.tsv)
_CONCLUDING = frozenset({"sign", "ratify", "accede"})
# the domain of a major event's security, named by the words of the event itself (the World
# Cup, the Olympics): a sports page plans matches, no security step
_MAJOR_EVENT = "event_security"
_WEAK_WHEN_TURNED_DOWN = frozenset({_MAJOR_EVENT, "training_education"})
# rows of domains.tsv whose words name a domain's field but not security cooperation in it:
# «technology», «equipment» (a university of technology, a railway's equipment), a major
# event, public order, the names of armed groups. Alone in a report's headline, lead and
# event sentences they make no candidate: the reports they were alone in were a science
# MoU, an arms fair, a battle or a stadium's security (none in scope among the labels)
_BROAD_DOMAINS = frozenset(
    ("equipment_technology_core", "event_security_core", "event_security_pilgrimage_sports",
     "public_order_core", "public_order_civil_protection", "terrorism_groups_combat")
)  # fmt: skip
_TALK = frozenset({EventType.CONSULT, EventType.AGREE})
_TOGETHER = frozenset({"coordinate", "cooperate", "assist", "together", "joint"})
_ALONE = frozenset({"arrest", "seize"})
_HANDOVERS = frozenset({"handover", "extradite", "deport", "repatriate"})
_SIDELINES = "consult_sidelines"  # the trigger of «on the sidelines of»
_HELD = "held"  # the mode of the words of taking place: «was held», «took part»
# the cues of a sentence that tells of other things than the news (cues.tsv)
_OTHER_THINGS = frozenset({"out_of_scope", "speech", "background"})
_CLAUSE_MARKS = frozenset(",.;:!?()،؛。，；：")
_JOINS = frozenset({"and", "و", "и", "et", "ve", "和", "与", "-", "–", ",", "،"})


@dataclasses.dataclass(slots=True)
class Candidate:
    """What the rules find before relevance is weighed: the triggers of what happened,
    the sides and the international bodies taking part."""

    news: list[int]
    triggers: list[Mention]
    trigger_sentences: list[int]
    sides: list[str]
    orgs: list[str]


def candidate(doc: Doc, lexicon: Lexicon) -> Candidate | None:
    """The triggers of what happened, and the sides: what relevance then weighs."""
    news, _, triggers = _triggers(doc, lexicon)
    return _candidate(doc, lexicon, news, triggers) if triggers else None


def _triggers(doc: Doc, lexicon: Lexicon) -> tuple[list[int], dict[int, _Clause], list[Mention]]:
    """The news sentences, their clauses as read, and the triggers of what happened."""
    news = reported(doc)
    news_set = set(news)
    clauses: dict[int, _Clause] = {}
    triggers: list[Mention] = []
    # «the agreement signed on 19 March 2023» in a report of June 2024: the date puts the
    # act beside it in the past, as «last year» does
    old: dict[int, list[int]] = {}
    if doc.of("trigger"):
        for item in dates.recalled_dates(doc, lexicon):
            old.setdefault(item.sentence, []).append(item.start)
    for m in doc.of("trigger"):
        if m.sentence not in news_set:
            continue
        clause = clauses.get(m.sentence)
        if clause is None:
            clause = clauses[m.sentence] = _clause(doc, lexicon, m.sentence)
            clause.background += old.get(m.sentence, [])
        if _happened(doc, lexicon, m, clause) and not _recalled(m, clause):
            triggers.append(m)
    return news, clauses, triggers


def _candidate(
    doc: Doc, lexicon: Lexicon, news: list[int], triggers: list[Mention]
) -> Candidate | None:
    if not in_scope(doc, triggers):
        return None
    trigger_sentences = sorted({m.sentence for m in triggers})
    sides = find_sides(doc, lexicon, news, trigger_sentences)
    orgs = _bodies(doc, lexicon, trigger_sentences)
    # a body's members meeting («SCO member states held an exercise») need not be named; one
    # state and a body cooperate when the body works on security (INTERPOL, UNODC), not when
    # it is a forum (a UN assembly opening, the EU in one state's migrant row)
    partner = _bodies(doc, lexicon, trigger_sentences, partners=True)
    if len(sides) < 2 and not (sides and partner) and not _meeting_members(doc, lexicon, triggers):
        return None
    return Candidate(news, triggers, trigger_sentences, sides, orgs)


def _planned(
    doc: Doc,
    lexicon: Lexicon,
    news: list[int],
    clauses: dict[int, _Clause],
    weak: frozenset[str] = frozenset({_MAJOR_EVENT}),
) -> list[str]:
    """The sides of a report whose news is only a step to come ("the two ministers will
    sign an MoU tomorrow", "Britain pledged to hand over four boats to Kenya's coast
    guard"). It has no event: SCHEMA.md files planned meetings and signings as
    commitments. But a commitment needs its sides, so they are read as an event's are, from
    the sentences that plan the step. The relevance model is not asked (it learned what
    reports of events done look like, and reads a plan as weak news); instead the report
    must be about security from its headline and first sentence, and a sentence must plan
    it: a future or a pledge beside a step of cooperation, a security subject and two
    countries. A wish, an offer or a request is no plan; what is promised, and by whom,
    the commitments stage decides. The subjects in `weak` do not make a sentence plan
    security: their words have everyday senses too."""
    first = opening(doc, 1)
    if not any(_security(m) for s in first for m in doc.within(s)):
        return []  # a match, a war, a summit whose lead says nothing of security
    planning: list[Mention] = []
    for sentence in news:
        if not set(doc.sentence_domains.get(sentence, ())) - weak:
            continue
        within = doc.within(sentence)
        named = {
            c for m in within if m.start != doc.dateline_start and (c := country_of(lexicon, m))
        }
        if len(named) < 2:
            continue
        clause = clauses.get(sentence) or _clause(doc, lexicon, sentence)
        joint = any(m.kind == "joint" for m in within)
        steps = [
            m.token
            for m in within
            if m.concept == "step"
            and (m.entry in _PLANNED_STEPS or (joint and m.entry == _JOINT_STEP))
        ]
        planning += [
            m
            for m in clause.near
            if m.kind in _PLANS
            and any(abs(step - m.token) <= settings.CLAUSE_BEFORE for step in steps)
            and not any(abs(t - m.token) <= settings.NEGATION_REACH for t in clause.negations)
        ]
    if not planning or not in_scope(doc, planning):
        return []
    sentences = sorted({m.sentence for m in planning})
    sides = find_sides(doc, lexicon, news, sentences)
    found = acting(doc, lexicon, {*sentences, *opening(doc)}, set(sides))
    if len(found) >= 2:
        sides = [side for side in sides if side in found]
    return sides if len(sides) >= 2 else []


def _plan_is_news(doc: Doc, triggers: list[Mention]) -> bool:
    """Whether the report's news is a step to come: its headline and lead plan
    something («Iran, Pakistan to form joint security committee», «130 inmates will be
    extradited», «سيوقع البلدان») and report nothing done. SCHEMA.md files a planned
    meeting, drill, visit or handover as a commitment, not an event; what such a report
    tells done further down (the trip the plan was agreed on, the treaty it rests on) is
    its background. A word of meeting after a plan in its sentence is the plan's («is
    slated to visit Sochi to speak at the International Meeting»). The plan must name a
    step of cooperation (steps.tsv, or an event's word): a mere future («the Afghan
    government must be vigilant») plans nothing; and a headline, where there is one, names
    the step or plans: one that tells something else is the news."""
    done = {(m.start, m.entry) for m in triggers}
    headline = range(doc.title_sentences)
    if headline and not any(
        m.concept == "step" or _plans(doc, m) for s in headline for m in doc.within(s)
    ):
        return False  # a headline of something else («… indicted in the US») is the news
    planned = False
    for sentence in (*headline, *lead(doc)):
        within = doc.within(sentence)
        markers = [m.token for m in within if _plans(doc, m)]
        negations = [m.token for m in within if m.concept == "cue" and m.kind == "negation"]
        for m in within:
            if m.concept != "trigger" and m.concept != "step":
                continue
            governed = any(
                marker < m.token or 0 < marker - m.last <= settings.CLAUSE_AFTER
                for marker in markers
            )
            # «La France ne s'opposera pas à l'extradition»: not done, and no plan either
            negated = any(abs(token - m.token) <= settings.NEGATION_REACH for token in negations)
            if not governed and (
                (m.start, m.entry) in done or (sentence < doc.title_sentences and not negated)
            ):
                # something done is the news; a headline's step is done unless planned
                # («إيران وعمان توقعان مذكرة», "Iran, Oman sign MoU")
                return False
            planned |= governed
    return planned


def _plans(doc: Doc, mention: Mention) -> bool:
    """A word that plans what follows it: a future or a pledge, or the infinitive of an
    English headline after a name and before no place ("Shamkhani to attend", not
    "Envoy to Tehran")."""
    if mention.concept in ("cue", "commitment") and mention.kind in _PLANS:
        # what a text provides for («ينص على», "under the agreement") is what it holds, done
        # or to come: no plan of the report's by itself
        return mention.entry not in CONTENT_MARKERS
    if mention.kind != _HEADLINE_PLAN or mention.sentence >= doc.title_sentences:
        return False
    within = doc.within(mention.sentence)
    if any(m.concept in _VERBS and m.token < mention.token for m in within):
        return False  # "Iran urges Afghanistan to be vigilant": the object's infinitive
    return any(m.last == mention.token - 1 and m.concept in _NAMES for m in within) and not any(
        m.token == mention.last + 1 and m.concept in _PLACES for m in within
    )


def _on_security(doc: Doc, sentence: int) -> bool:
    """Any word of a domain tells security here, the ones that name no subject too (a
    kidnapping, a joint drill): what the sentence is about weighs, not its domain."""
    return any(m.concept == "domain" or _security(m) for m in doc.within(sentence))


def _security(mention: Mention) -> bool:
    if mention.concept == "domain":
        return mention.kind != _MAJOR_EVENT
    return mention.kind == "security_scope"


def run(doc: Doc, lexicon: Lexicon) -> None:
    news, clauses, triggers = _triggers(doc, lexicon)
    _reported(doc, lexicon, news, clauses, triggers)
    reported = doc.events
    titled, sides = _titled(doc, lexicon, news, triggers)
    parties = {side for treaty in titled for side in treaty.countries}
    # a report whose events name no party beyond the treaties it names by their titles (a
    # session that ratifies «《中华人民共和国和X共和国引渡条约》», met by no one from X), or
    # whose countries all stand inside such titles, is told by its treaties
    if (
        not reported
        or _named_in_titles_only(doc, news)
        or (titled and all(set(event.countries) <= parties for event in reported))
    ):
        doc.events, doc.sides = titled, sides
        return
    # a report of its own events may name the treaty concluded by its title: the agreement
    # of the treaty's parties is that treaty (its subject and domains, its parties' order)
    for treaty in titled:
        for event in reported:
            if event.type == EventType.AGREE and set(event.countries) == set(treaty.countries):
                event.countries = list(treaty.countries)
                event.domains = list(dict.fromkeys([*event.domains, *treaty.domains]))
                event.treaty = treaty.treaty


def _named_in_titles_only(doc: Doc, news: list[int]) -> bool:
    """Whether every country the news names stands inside a treaty's title: a session
    that ratifies «《中华人民共和国和X共和国引渡条约》» met no one from X, and the sides of
    what it reports are the treaties' parties alone."""
    titles = [t for s in news for t in doc.treaties.get(s, ())]
    named = [m for s in news for m in doc.within(s) if m.concept == "country"]
    return bool(titles) and all(
        any(t.sentence == m.sentence and t.first <= m.token <= t.last for t in titles)
        for m in named
    )


def _reported(
    doc: Doc, lexicon: Lexicon, news: list[int], clauses: dict[int, _Clause],
    triggers: list[Mention],
) -> None:  # fmt: skip
    if not triggers:
        doc.sides = _planned(doc, lexicon, news, clauses)  # for its commitments
        return
    chosen = _candidate(doc, lexicon, news, triggers)
    if chosen is None or not relevance.relevant(doc, lexicon, chosen):
        if _plan_is_news(doc, triggers):
            # the relevance model weighs reports of deeds, and reads a plan as weak news:
            # a report whose headline and lead plan a step («Iran, Russia, China to hold
            # naval drill») is read as one with no deed told. But the model turned it down,
            # so training alone is no subject of security: a coach's post, a course on art
            doc.sides = _planned(doc, lexicon, news, clauses, _WEAK_WHEN_TURNED_DOWN)
        return
    news, triggers, sides, orgs = chosen.news, chosen.triggers, chosen.sides, chosen.orgs
    trigger_sentences = chosen.trigger_sentences
    asides = places.city_countries(doc, lexicon, doc.cities)
    sides = find_sides(doc, lexicon, news, trigger_sentences, asides)
    sides = sorted({*sides, *_handed_over(doc, lexicon, triggers, asides)})
    sides = _taking_part(doc, lexicon, triggers, sides)
    if len(sides) < 2 and not _bodies(doc, lexicon, trigger_sentences, partners=True):
        return  # what is left is one country's doing, as when the candidate had one side
    doc.sides = sides
    if _plan_is_news(doc, triggers):
        return  # the commitments stage reads the plan, with these sides
    topical = _topical(doc, news, sides, trigger_sentences)
    actors = participants(doc, lexicon, sides, *_told_now(doc, lexicon, news, trigger_sentences))
    cities = [m for m in doc.cities if m.start != doc.dateline_start]
    location = places.venue(doc, lexicon, cities, frozenset(sides)) or doc.location
    news_domains = of_sentences(doc, topical)
    by_type = _reported_types(doc, lexicon, triggers)
    for kind in EventType:
        if kind not in by_type:
            continue
        found = by_type[kind]
        sentences = sorted({m.sentence for m in found})
        # a deed is of its domain whether or not a word of it stands beside it: a person
        # handed over («تسلمت … المتهم», «remis à la France») is fugitives_extradition
        named = {lexicon.entry("trigger", m.entry).get("domain") for m in found}
        domains = [d for d in DOMAINS if d in named or d in news_domains]
        doc.events.append(
            Event(
                type=kind,
                mode=lexicon.entry("trigger", found[0].entry).get("mode") or kind.lower(),
                countries=list(sides),
                orgs=orgs,
                actors=actors,
                domains=domains,
                location=location,
                date=None,
                sentences=sentences,
                evidence=[
                    doc.evidence(doc.sentences[s].start, doc.sentences[s].end) for s in sentences
                ],
                marks=marks.of_event(doc, lexicon, found, sides, orgs, domains, topical, location),
            )
        )


def _titled(
    doc: Doc, lexicon: Lexicon, news: list[int], triggers: list[Mention]
) -> tuple[list[Event], list[str]]:
    """A justice treaty named by its title (treaties.py) and ratified or signed is an
    agreement of the parties its title names, one event per treaty: «会议表决通过了关于批准
    《中华人民共和国和X共和国引渡条约》的决定», a bulletin whose other items are laws. Its
    title says it is in scope (extradition, legal assistance: SCHEMA.md's
    fugitives_extradition), so the relevance model, which weighs whole reports, is not
    asked. A treaty only promised («提请审议批准…», "will ratify") gives the report its
    sides, for the commitment the commitments stage reads. Returns those events, and the
    sides of the report if it is told by its treaties."""
    # "the session ratified A, B and C": the words of concluding that a list repeats after
    # one reported done are done too («关于批准《A》的决定、关于批准《B》的决定», where the
    # «decision» before each next one reads as a plan)
    done = {
        m.sentence: m.start
        for m in reversed(triggers)
        if lexicon.entry("trigger", m.entry).get("mode") in _CONCLUDING
        and not treaties.naming(doc, m)
    }
    concluding = [
        m
        for s, start in done.items()
        for m in doc.within(s)
        if m.concept == "trigger"
        and m.start >= start
        and lexicon.entry("trigger", m.entry).get("mode") in _CONCLUDING
        and not _asked(doc, m)
    ]
    seen: set[Treaty] = set()
    found: list[Event] = []
    # the session that ratifies sits where the report puts it («在北京人民大会堂闭幕»), and
    # whoever the opening names presiding over it, or the treaty's sentence signing it,
    # takes part in the treaty's conclusion (not who lectures the session later)
    venue = doc.location
    told = opening(doc)
    for trigger, treaty in treaties.governed(doc, concluding):
        if treaty in seen or not treaty.domains or len(treaty.parties) < 2:
            continue
        seen.add(treaty)
        sides, span = list(treaty.parties), doc.sentences[treaty.sentence]
        found.append(
            Event(
                type=EventType.AGREE,
                mode=lexicon.entry("trigger", trigger.entry).get("mode"),
                countries=sides,
                orgs=[],
                actors=participants(doc, lexicon, sides, told | {treaty.sentence}),
                domains=list(treaty.domains),
                location=venue,
                date=None,
                sentences=[treaty.sentence],
                evidence=[doc.evidence(span.start, span.end)],
                marks=marks.of_event(
                    doc, lexicon, [trigger], sides, [], list(treaty.domains), [], venue
                ),
                treaty=treaty.subjects,
            )
        )
    planned = [
        m
        for s in news
        if s in doc.treaties  # a plan governs titles of its sentence: the rest read for none
        for m in doc.within(s)
        if m.concept == "commitment" or (m.concept == "cue" and m.kind in _PLANS)
    ]
    promised = [t for _, t in treaties.governed(doc, planned) if t.domains]
    if seen or not doc.sides:
        named = [side for t in [*sorted(seen), *promised] for side in t.parties]
        return found, list(dict.fromkeys(named))
    return found, doc.sides


def _asked(doc: Doc, trigger: Mention) -> bool:
    """A request or a proposal right before a word of concluding: «提请审议批准», asked to
    ratify, which is not ratified."""
    return any(
        m.concept == "commitment"
        and m.kind in ("request", "proposal")
        and 0 <= trigger.token - m.last <= settings.CLAUSE_BEFORE
        for m in doc.within(trigger.sentence)
    )


def _reported_types(
    doc: Doc, lexicon: Lexicon, triggers: list[Mention]
) -> dict[EventType, list[Mention]]:
    """The triggers by the type of event they report. A word of taking place («was held»,
    «took part», «برگزار شد») names no kind of event: beside an exercise or a signing it is
    theirs, and makes a meeting only where nothing else is reported."""
    by_type: dict[EventType, list[Mention]] = {}
    for mention in triggers:
        kind = EVENT_TYPES[lexicon.entry("trigger", mention.entry).get("type")]
        by_type.setdefault(kind, []).append(mention)
    named = {
        kind
        for kind, found in by_type.items()
        if any(lexicon.entry("trigger", m.entry).get("mode") != _HELD for m in found)
    }
    if named:
        by_type = {kind: found for kind, found in by_type.items() if kind in named}
    return _beside_the_news(doc, _one_family(doc, lexicon, by_type))


def _beside_the_news(
    doc: Doc, by_type: dict[EventType, list[Mention]]
) -> dict[EventType, list[Mention]]:
    """A second type of event told only below the lead, in a sentence that says nothing of
    security and tells of other things, is not part of the news: a report of security
    talks names the trade and culture agreements signed on the same trip, what a speaker
    recalls signed before, a strategy a third state «adopted». The report keeps the types
    its headline and lead tell, those its body tells on security or with nothing else
    beside them («会后…签署了会议纪要», the minutes signed after the meeting), and the
    meeting a signing or a handover took place at, wherever it is told (SCHEMA.md counts
    both)."""
    if len(by_type) < 2:
        return by_type
    first = opening(doc)
    kept = {
        kind: found
        for kind, found in by_type.items()
        if kind == EventType.CONSULT
        or any(
            m.sentence in first or _on_security(doc, m.sentence) or not _elsewhere(doc, m.sentence)
            for m in found
        )
    }
    return kept or by_type


def _elsewhere(doc: Doc, sentence: int) -> bool:
    """Whether a sentence tells of other things than the news: a subject out of scope
    (trade, culture), one of the topics that compete with security (war, politics), or
    what someone says, or what is recalled."""
    return any(
        m.concept == "topic" or (m.concept == "cue" and m.kind in _OTHER_THINGS)
        for m in doc.within(sentence)
    )


def _one_family(
    doc: Doc, lexicon: Lexicon, by_type: dict[EventType, list[Mention]]
) -> dict[EventType, list[Mention]]:
    """A report tells of talks (a meeting, an agreement) or of deeds (an operation, a
    handover, aid given), not both: the deeds named in a report of talks are what was
    discussed or agreed (the provisions of an MoU, the subjects of a meeting), the meetings
    named in a report of deeds its setting or its background. Where both are found, the
    family whose words weigh more is the news: a word in the headline weighs most, then
    one in the lead's first sentence (its second is as often the MoU's provisions); a word
    of taking place («was held») names no kind and is not weighed. Where they weigh the
    same, the family named first. Talks can be both a meeting and the agreement it
    concluded; deeds both an operation and aid given, unless the headline and the lead tell
    only one of them: the other, named further down only, is said of it (a handover after
    which a minister hails the other side's «support», a drill's report quoting a commander
    on the «assistance» between navies)."""
    families = {kind in _TALK for kind in by_type}
    if len(families) < 2:
        return by_type if True in families else _deed_told(doc, by_type)
    first_lead = set(lead(doc, 1))
    named = [
        (kind in _TALK, m)
        for kind, found in by_type.items()
        for m in found
        if lexicon.entry("trigger", m.entry).get("mode") != _HELD
    ]
    # a sentence on security weighs, not one of another item of a bulletin or of the
    # site's links; where neither family has one, every sentence weighs
    secure = [(talks, m) for talks, m in named if _on_security(doc, m.sentence)]
    weight = {True: 0.0, False: 0.0}
    for talks, mention in secure or named:
        weight[talks] += (
            settings.HEADLINE_WEIGHT
            if mention.sentence < doc.title_sentences
            else settings.LEAD_WEIGHT
            if mention.sentence in first_lead
            else settings.BODY_WEIGHT
        )
    if weight[True] != weight[False]:
        news = weight[True] > weight[False]
    else:
        news = min(secure or named, key=lambda pair: pair[1].start)[0]
    chosen = {kind: found for kind, found in by_type.items() if (kind in _TALK) == news}
    return chosen if news else _deed_told(doc, chosen)


def _deed_told(doc: Doc, deeds: dict[EventType, list[Mention]]) -> dict[EventType, list[Mention]]:
    """Of an operation and aid given, the ones the headline and the lead tell, where they
    tell one."""
    first = opening(doc)
    told = {kind for kind, found in deeds.items() if any(m.sentence in first for m in found)}
    return {kind: found for kind, found in deeds.items() if kind in told} if told else deeds


@dataclasses.dataclass(slots=True)
class _Clause:
    """What a sentence holds that tells whether its triggers report something done, read
    once per sentence, not once per trigger: a text without full stops makes sentences of
    thousands of words, with hundreds of triggers each."""

    negations: list[int]  # tokens of the negation cues
    near: list[Mention]  # futures, wishes and commitment markers
    talks: bool  # a meeting or an agreement is reported in it
    background: list[int]  # starts of the background cues and of the dates long past
    together: bool | None = None  # read when first asked
    two_parties: bool | None = None


def _clause(doc: Doc, lexicon: Lexicon, sentence: int) -> _Clause:
    within = doc.within(sentence)
    return _Clause(
        negations=[m.token for m in cues(doc, "negation", sentence)],
        near=[
            m
            for m in within
            if ((m.concept == "cue" and m.kind in _IRREALIS) or (m.concept == "commitment"))
        ],
        talks=any(
            m.concept == "trigger" and lexicon.entry("trigger", m.entry).get("type") in _TALK
            for m in within
        ),
        background=[m.start for m in cues(doc, "background", sentence)],
    )


def _recalled(mention: Mention, clause: _Clause) -> bool:
    """context.recalled, from the cues of the sentence read once."""
    return any(abs(start - mention.start) <= RECALL_REACH for start in clause.background)


def _happened(doc: Doc, lexicon: Lexicon, trigger: Mention, clause: _Clause) -> bool:
    """False for a trigger under a future, a wish or a negation."""
    kind = lexicon.entry("trigger", trigger.entry).get("type")
    if any(abs(token - trigger.token) <= settings.NEGATION_REACH for token in clause.negations):
        return False
    near = clause.near
    if kind == EventType.CONSULT:
        # a meeting noun sits in sentences about what was said there; only a future
        # right beside it («will meet», «ستعقد») makes the meeting itself not yet held
        return not any(
            abs(m.token - trigger.token) <= settings.MEETING_FUTURE_REACH and m.concept == "cue"
            for m in near
        )
    # a future or a marker governs the clause it opens («will sign», «آماده ... امضا»), and
    # in verb-final Persian the few words after («امضا خواهد شد»)
    if any(
        -settings.CLAUSE_BEFORE <= m.token - trigger.token <= settings.CLAUSE_AFTER for m in near
    ):
        return False
    if clause.talks and kind in (EventType.COOPERATE, EventType.AID):
        return False  # joint operations as the subject of talks or of an agreement
    mode = lexicon.entry("trigger", trigger.entry).get("mode")
    if mode in _ALONE:
        # police track down, arrest and seize at home every day (triggers.tsv gives «tracked
        # down» the mode of an arrest), foreigners among those they hold:
        # only «joint», «in coordination with» makes it cooperation
        if clause.together is None:
            clause.together = _together(doc, lexicon, trigger.sentence)
        return clause.together
    one_word = not any(c.isspace() for c in doc.text[trigger.start : trigger.end])
    if not one_word:
        return True
    if mode == SIGN and not _names_a_document(doc, trigger):
        return False  # «التفجيرات التي وقعت» (that took place), «على وقع» (amid): not signed
    if clause.two_parties is None:
        clause.two_parties = _two_parties(doc, lexicon, trigger.sentence)
    return clause.two_parties


def _names_a_document(doc: Doc, trigger: Mention) -> bool:
    """Whether a lone verb of signing has, in its sentence, the text signed (a word of a
    document, or of a step of signing: «مذكرة», «اتفاق», "agreement"): Arabic «وقع» is as
    often to take place, and a signing without its text is none told."""
    return any(
        (m.concept == "cue" and m.kind == "document") or (m.concept == "step" and m.entry == SIGN)
        for m in doc.within(trigger.sentence)
        if m.last < trigger.token or m.token > trigger.last
    )


def _two_parties(doc: Doc, lexicon: Lexicon, sentence: int) -> bool:
    """A lone verb or noun («seized», «تسليم», «تجهیزات») reports cooperation only where
    the sentence shows two parties: two countries (named, or through a person of each), or
    words such as joint or «بالتنسيق مع»."""
    countries = {
        c
        for m in doc.within(sentence)
        if m.start != doc.dateline_start
        for c in [country_of(lexicon, m)]
        if c
    }
    # or a person of theirs: «وقع خالد بن سيف الرواحي … وكامران فراهاني وزير الداخلية الإيراني»
    countries |= {a.country for a in doc.actors if a.country and sentence in a.sentences}
    return len(countries) >= 2 or _together(doc, lexicon, sentence)


def _together(doc: Doc, lexicon: Lexicon, sentence: int) -> bool:
    if has_cue(doc, "joint", sentence):
        return True
    return any(
        m.concept == "trigger" and lexicon.entry("trigger", m.entry).get("mode") in _TOGETHER
        for m in doc.within(sentence)
    )


def in_scope(doc: Doc, triggers: list[Mention]) -> bool:
    """Whether the headline, the lead and the event's sentences speak of security more
    than of economy, and by more than the broad words of a domain alone."""
    core = opening(doc) | {m.sentence for m in triggers}
    security = 0.0
    out = 0.0
    specific = False
    for mention in (m for sentence in core for m in doc.within(sentence)):
        if mention.concept == "domain":
            security += settings.SCOPE_DOMAIN
            specific = specific or mention.entry not in _BROAD_DOMAINS
        elif mention.concept == "organization":
            security += settings.SCOPE_BODY
            specific = True
        elif mention.concept == "cue":
            kind = mention.kind
            if kind == "security_scope":
                security += settings.SCOPE_CUE
                specific = True
            elif kind == "out_of_scope":
                out += settings.SCOPE_CUE
    return specific and security >= settings.SCOPE_MIN and security > out


def find_sides(
    doc: Doc,
    lexicon: Lexicon,
    news: list[int],
    trigger_sentences: list[int],
    asides: frozenset[int] = frozenset(),
) -> list[str]:
    """The countries weighed as sides, but for the names starting at `asides`: once
    relevance has taken the report, a country named only as where a city is («دبي،
    الإمارات») counts no more; relevance weighs the sides as its model learned them."""
    weights: dict[str, float] = defaultdict(float)
    news_set = set(news)
    triggers = set(trigger_sentences)
    told = opening(doc)
    venues = _city_readings(doc, lexicon)
    # one weight per country and sentence: «Russia's MVD, Russian minister» in one sentence
    # is one sign that Russia takes part, not three
    per_sentence: dict[tuple[str, int], float] = {}
    for concept in COUNTRY_READINGS:
        # «عمان» alone, with no Jordan in the text, is Oman: no city reading
        for mention in doc.cities if concept == "city" else doc.of(concept):
            country = country_of(lexicon, mention)
            if not country or mention.sentence not in news_set:
                continue
            if mention.start == doc.dateline_start or mention.start in asides:
                continue
            if mention.start in venues:
                continue  # «في عمّان» is Amman, not Oman; «in Moscow» a venue, not Russia
            weight = settings.SIDE_NAMED
            if mention.sentence < doc.title_sentences:
                weight += settings.SIDE_HEADLINE
            if mention.sentence in told and mention.sentence >= doc.title_sentences:
                weight += settings.SIDE_LEAD
            if mention.sentence in triggers:
                weight += settings.SIDE_TRIGGER
            key = (country, mention.sentence)
            per_sentence[key] = max(per_sentence.get(key, 0.0), weight)
    for (country, _), weight in per_sentence.items():
        weights[country] += weight
    for actor in doc.actors:
        # a person who opens the report takes part; one quoted later may be anyone
        if actor.country:
            weights[actor.country] += settings.SIDE_OPENING_PERSON * len(
                set(actor.sentences) & told
            )
    home = home_of(doc, lexicon)
    if home and weights and home not in weights and any(a.country is None for a in doc.actors):
        weights[home] += settings.SIDE_MIN
    if not weights:
        return []
    top = max(weights.values())
    sides = [
        c for c, w in weights.items() if w >= max(settings.SIDE_MIN, settings.SIDE_SHARE * top)
    ]
    return sorted({*sides, *_paired_in_headline(doc, set(sides), asides)})


def _paired_in_headline(doc: Doc, sides: set[str], asides: frozenset[int]) -> set[str]:
    """A country joined by "and" to a side in the headline («إيران وعمان توقعان», "Iran and
    Oman sign"): the headline names the parties together."""
    named = [
        m for m in doc.of("country") if m.sentence < doc.title_sentences and m.start not in asides
    ]
    out: set[str] = set()
    for first, second in itertools.pairwise(named):
        if first.sentence != second.sentence or second.token != first.last + 1:
            continue
        between = doc.text[first.end : second.start].strip()
        joined = between in _JOINS or (not between and doc.words[second.token].startswith("و"))
        if joined and (first.entry in sides or second.entry in sides):
            out.update((first.entry, second.entry))
    return out


def _city_readings(doc: Doc, lexicon: Lexicon) -> set[int]:
    """Starts of names that read as a city where a city can stand: after «in», «في», «در»."""
    cues = places.place_cues(doc)
    return {city.start for city in doc.cities if places.placed(doc, lexicon, city, cues)}


def _bodies(doc: Doc, lexicon: Lexicon, sentences: list[int], partners: bool = False) -> list[str]:
    """International bodies named where the event is reported; with `partners`, only
    those whose work is security (not the `general` forums, the UN, the AU, the G20)."""
    out: list[str] = []
    wanted = set(sentences)
    for mention in doc.of("organization"):
        entry = lexicon.entry("organization", mention.entry)
        if (
            entry.get("kind") == "intl"
            and not (partners and entry.get("general"))
            and mention.sentence in wanted
            and _written_as_name(doc, mention)
        ):
            short = body_name(lexicon, mention)
            if short not in out:
                out.append(short)
    return out


def _taking_part(
    doc: Doc, lexicon: Lexicon, triggers: list[Mention], sides: list[str]
) -> list[str]:
    """The sides that take part. Where two sides or more act through a person or a national
    body of their own in the headline, the lead or the event sentences, those are the sides:
    the other countries are only named (the topic of the talks, the target of the
    sanctions, the nationality of the arrested), and a body named there is where they met
    («on the sidelines of the SCO summit»). Otherwise a body's meeting brings its members.
    Acting elsewhere (another item of a bulletin, a quote at the end) does not count."""
    core = opening(doc) | {m.sentence for m in triggers}
    found = {*acting(doc, lexicon, core, set(sides)), *_unnamed_officials(doc, core, set(sides))}
    if len(found) >= 2:
        return [side for side in sides if side in found]
    # where the headline and the lead name two sides or more, they name the parties: a
    # country named only further down is the drill's rival, a quote's target, a past partner
    told = opening(doc)
    named = {
        c
        for s in told
        for m in doc.within(s)
        if m.start != doc.dateline_start and (c := country_of(lexicon, m)) in sides
    }
    if len(named) >= 2:
        sides = [side for side in sides if side in named]
    return sorted({*sides, *_meeting_members(doc, lexicon, triggers)})


def _handed_over(
    doc: Doc, lexicon: Lexicon, triggers: list[Mention], asides: frozenset[int]
) -> set[str]:
    """The states of a handover, named in the sentence that reports it («تسلمت من نظيرتها
    الألمانية», "was arrested in Azerbaijan and extradited to Iran"): the state that
    hands over is often named once, as where from, against a report of the receiving
    state's own officials."""
    sentences = {
        m.sentence for m in triggers if lexicon.entry("trigger", m.entry).get("mode") in _HANDOVERS
    }
    return {
        m.entry
        for s in sentences
        for m in doc.within(s)
        if m.concept == "country" and m.start not in asides and m.start != doc.dateline_start
    }


def _unnamed_officials(doc: Doc, sentences: set[int], sides: set[str]) -> set[str]:
    """The sides whose official acts unnamed in `sentences`: a country written against a
    title ("his Uzbek counterpart", «نظيره الأردني», «همتای ازبکستانی»), with nothing
    between them."""
    out: set[str] = set()
    for title in in_sentences(doc.of("title"), sentences):
        for country in in_sentences(doc.of("country"), (title.sentence,)):
            if country.entry not in sides or country.entry in out:
                continue
            if country.last + 1 == title.token:
                between = doc.text[country.end : title.start]
            elif title.last + 1 == country.token:
                between = doc.text[title.end : country.start]
            else:
                continue
            if not between.strip():
                out.add(country.entry)
    return out


def _meeting_members(doc: Doc, lexicon: Lexicon, triggers: list[Mention]) -> list[str]:
    """The member states of a body whose meeting the event sentences report: the body named
    beside «member states» or beside the word of a conference held («the SCO summit», «قمة
    آسيان»). A body met as a partner («met the EU's envoy»), a meeting on the sidelines of
    its summit, or one planned, brings no members."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for trigger in triggers:
        by_sentence[trigger.sentence].append(trigger)
    out: set[str] = set()
    for mention in in_sentences(doc.of("organization"), by_sentence):
        members = members_in(lexicon, mention.entry, doc.article.published)
        if not members or out.issuperset(members) or not _written_as_name(doc, mention):
            continue
        held = by_sentence[mention.sentence]
        if any(m.entry == _SIDELINES for m in held):
            continue
        if has_cue(doc, "members", mention.sentence) or any(
            lexicon.entry("trigger", m.entry).get("mode") in ("conference", _HELD)
            and _one_phrase(doc, m, mention)
            for m in held
        ):
            out.update(members)
    return sorted(out)


def members_in(lexicon: Lexicon, body: str, when: datetime.date | None) -> list[str]:
    """The member states of a body in the year of `when` (memberships.tsv: the EU of 2003
    had the UK and not Poland; the Arab League of 2016 had no Syria); today's, undated."""
    members = lexicon.entry("organization", body).get("members").split()
    if when is None:
        return members
    periods = lexicon.memo("extract.events.memberships", lambda: _memberships(lexicon))
    spans = periods.get(body, {})
    out = {c for c in members if c not in spans}
    out |= {c for c, years in spans.items() if any(a <= when.year <= b for a, b in years)}
    return sorted(out)


_TODAY = 9999  # the end of a membership that lasts


def _memberships(lexicon: Lexicon) -> dict[str, dict[str, list[tuple[int, int]]]]:
    out: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for entry in lexicon.by_concept.get("membership", ()):
        spans = out.setdefault(entry.get("org"), {}).setdefault(entry.get("country"), [])
        for period in entry.get("years").split():
            start, _, end = period.partition("-")
            spans.append((int(start), int(end) if end else _TODAY))
    return out


def _written_as_name(doc: Doc, mention: Mention) -> bool:
    """In a script with capitals, a body's name has one: French «eu», «un», «au» are words
    (had, a, at the), not the EU, the UN and the AU."""
    written = doc.original(mention.start, mention.end)
    cased = [c for c in written if c.lower() != c.upper()]
    return not cased or any(c.isupper() for c in cased)


def _one_phrase(doc: Doc, first: Mention, second: Mention) -> bool:
    """Two mentions a few words apart with no punctuation between: «the SCO summit», «قمة
    خاصة لرابطة آسيان», not «the conference, the EU signed»."""
    if first.start > second.start:
        first, second = second, first
    if second.token - first.last > settings.MEETING_REACH:
        return False
    return not any(c in _CLAUSE_MARKS for c in doc.text[first.end : second.start])


def participants(
    doc: Doc,
    lexicon: Lexicon,
    sides: list[str],
    news: set[int],
    elsewhere: frozenset[int] | set[int] = frozenset(),
) -> list[Actor]:
    """The named people who take part: of a side (or of no country), in the news sentences,
    or in the sentences `elsewhere` where they speak or go with a side (_speaks) or meet one of
    another side (_paired: «X and his counterpart Y signed it»).
    A person of no stated country is of the home of the text's language; an officer of no
    stated country is of the dateline's: "TEHRAN – Rear Admiral X said" names an Iranian,
    as a capital's outlets name their own officers with no nationality (a president or a
    minister so named is as often a foreign one the reader is taken to know)."""
    home = home_of(doc, lexicon)
    local = doc.dateline.country if doc.dateline else None
    ranks = _ranks(lexicon)
    paired = _paired(doc, sides, elsewhere)
    told = opening(doc)
    acts = told | {m.sentence for m in doc.of("trigger")}  # where people take part
    taking_part = [
        a
        for a in doc.actors
        if any(
            s in news or s in paired or (s in elsewhere and _speaks(doc, a, s)) for s in a.sentences
        )
        and "reporter" not in lexicon.roles(a.role).values()
    ]
    unmanned = _side_without_person(lexicon, sides, taking_part, told)
    lead_country = _lead_country(doc, lexicon)
    bodies = _international_bodies(lexicon)
    out: list[Actor] = []
    first_lead = lead(doc, 1)
    for actor in taking_part:
        country = actor.country
        if country is None and (actor.org in bodies or actor.id is not None):
            # an official of INTERPOL, the UN or NATO has no country, and the gazetteer
            # gives none to the heads of INTERPOL, UNODC and Europol it lists
            out.append(actor)
            continue
        if country is None and home in sides:
            country = home
        elif country is None and unmanned and actor is unmanned[1]:
            country = unmanned[0]
        elif (
            country is None
            and local in sides
            and (actor.role in ranks or _opens_lead(doc, actor, first_lead))
        ):
            # an officer who acts in the opening or an event's sentence; any official
            # the lead opens on after the dateline ("TEHRAN – Defense Minister X said")
            country = local if acts & {*actor.sentences} else None
        elif (
            country is None
            and told & {*actor.sentences}  # named in the opening, where the news names its parties
            and _looks_named(lexicon, actor)
            and (before := _country_before(doc, actor, doc.actors))
        ):
            country = before
        elif (
            country is None
            and actor.role not in ranks  # not a rank alone: a colonel who speaks for a ministry
            and acts & {*actor.sentences}
            and _opens_with_given_name(lexicon, actor)
        ):
            country = lead_country
        if country not in sides:
            continue
        if country != actor.country:
            actor = _with_country(actor, country)
        out.append(actor)
    return _principals(lexicon, out, acts)


def _opens_lead(doc: Doc, actor: Actor, first_lead: list[int]) -> bool:
    """Whether the lead's first sentence names the actor before any country ("TEHRAN –
    Navy Chief Rear Admiral X said", not "TEHRAN – Iran's judiciary chief met Iraqi
    leaders including President X")."""
    if not actor.positions or min(actor.sentences, default=-1) not in first_lead:
        return False
    at = actor.positions[0]
    return not any(m.sentence in first_lead and m.end <= at for m in doc.of("country"))


def _country_before(doc: Doc, actor: Actor, actors: list[Actor]) -> str | None:
    """ "talks with several Iraqi leaders including President Barham Salih", "a military
    delegation of the Iranian parliament … headed by Chief of Staff Mohammad Baqeri": an
    official whose own title names no country is of the country their sentence names last
    before them. Not when a person of that country stands between ("Iranian Defense
    Minister X met Defense Minister Y": the country is X's), nor when two countries are
    named together there ("Iran and Pakistan agreed …, said General X")."""
    if not actor.positions or not actor.sentences:
        return None
    at, sentence = actor.positions[0], min(actor.sentences)
    within = doc.within(sentence)
    before = [m for m in within if m.concept == "country" and m.end <= at]
    if not before:
        return None
    nearest = before[-1]
    if any(
        m.entry != nearest.entry and nearest.token - m.last <= settings.PAIRED_COUNTRIES
        for m in before[:-1]
    ):
        return None
    if any(m.concept in ("trigger", "person") and nearest.end <= m.start < at for m in within):
        return None  # "The Russian general met with Admiral X": the country is the subject's
    if any(
        other is not actor
        and other.country == nearest.entry
        and any(nearest.end <= p < at for p in other.positions)
        for other in actors
    ):
        return None
    return nearest.entry


def _lead_country(doc: Doc, lexicon: Lexicon) -> str | None:
    """The country the lead names first, where the news happens: «قال مسؤولون … في
    كوستاريكا», «عسكريون أردنيون وأميركيون», «تسلمت الخرطوم»: in Arabic, written by the
    outlets of many countries (no home), an official of no stated country who acts in the
    news is of it. Not in Latin scripts: English outlets (Tehran Times) open on their own
    country and name the foreign leaders they quote without one (measured on labels/gold)."""
    language = lexicon.find("language", doc.lang)
    if not language or language.get("home") or language.get("script") != "arabic":
        return None
    sentences = set(lead(doc, 1))
    for mention in doc.mentions:
        if mention.sentence in sentences and (country := country_of(lexicon, mention)):
            return country
    return None


def _looks_named(lexicon: Lexicon, actor: Actor) -> bool:
    """Whether an actor's name looks like one: capitalised where the script has capitals,
    else opening with a known given name («بملايين الدولارات» is no «ملا» and a name)."""
    first = actor.name[:1]
    return first.isupper() or _opens_with_given_name(lexicon, actor)


def _opens_with_given_name(lexicon: Lexicon, actor: Actor) -> bool:
    """Whether a name opens with a known given name (given_names.tsv): in a script with no
    capitals, the sign that the words after an office are a person's («بأنه بنّاء», «لشؤون
    الإعلام» are not)."""
    first = fold_letters(actor.name.split()[0]) if actor.name.split() else ""
    return first in lexicon.memo("extract.events.given_names", lambda: frozenset(
        fold_letters(name) for entry in lexicon.by_concept.get("given_name", ())
        for names in entry.names.values() for name in names
    ))  # fmt: skip


def _ranks(lexicon: Lexicon) -> frozenset[str]:
    """The roles of ranks and honorifics (titles.tsv rank yes): General, Admiral, سردار."""
    return lexicon.memo("extract.events.ranks", lambda: frozenset(
        t.get("role") for t in lexicon.by_concept.get("title", ()) if t.get("rank")
    ))  # fmt: skip


def _international_bodies(lexicon: Lexicon) -> frozenset[str]:
    """The short names an actor's `org` carries for international bodies (organizations.tsv
    kind intl)."""
    return lexicon.memo("extract.events.international_bodies", lambda: frozenset(
        org.get("short") for org in lexicon.by_concept["organization"]
        if org.get("kind") == "intl" and org.get("short")
    ))  # fmt: skip


def _side_without_person(
    lexicon: Lexicon, sides: list[str], actors: list[Actor], opening: set[int]
) -> tuple[str, Actor] | None:
    """ "Foreign Minister Zarif met his Pakistani counterpart Qureshi": the one person in
    office of no stated country, met in a sentence by a person of a side, is of the one
    side that has no person of its own. Not a rank alone (a colonel who speaks for a
    ministry is no side's envoy), and not where two such people could be either, unless
    one of them only is met in the headline or the lead."""
    unmanned = set(sides) - {a.country for a in actors}
    if len(unmanned) != 1:
        return None
    ranks = _ranks(lexicon)
    met = {s for a in actors if a.country in sides for s in a.sentences}
    loose = [
        a
        for a in actors
        if a.country is None and a.role and a.role not in ranks and met & set(a.sentences)
    ]
    if len(loose) > 1:
        # of two or more, the one met in the opening: «أكد وزير الداخلية، الهادي مجدوب،
        # بحضور نظيره الإيطالي» leads; the prime minister who received the guest later
        # may be of either side
        loose = [a for a in loose if met & set(a.sentences) & opening]
    if len(loose) != 1:
        return None
    return next(iter(unmanned)), loose[0]


def _principals(lexicon: Lexicon, actors: list[Actor], acts: set[int]) -> list[Actor]:
    """Per side, the principals: a deputy, an assistant or an ambassador named after their
    minister («…, vice-minister Li and ambassador Hong attended») is entourage, not a party;
    a deputy who leads the side from the start is the principal, and so is one who acts
    where no principal of their side is named ("Deputy Interior Minister X also held talks
    with Soylu")."""
    first_head: dict[str | None, int] = {}
    heads: dict[str | None, set[int]] = {}
    for actor in actors:
        if not _entourage(lexicon, actor.role):
            start = min(actor.sentences, default=0)
            first_head[actor.country] = min(first_head.get(actor.country, start), start)
            heads.setdefault(actor.country, set()).update(actor.sentences)
    return [
        a
        for a in actors
        if not _entourage(lexicon, a.role)
        or a.country not in first_head
        or min(a.sentences, default=0) < first_head[a.country]
        or (acts & set(a.sentences)) - heads[a.country]
    ]


def _entourage(lexicon: Lexicon, role: str | None) -> bool:
    return "entourage" in lexicon.roles(role).values()


def _with_country(actor: Actor, country: str | None) -> Actor:
    return dataclasses.replace(actor, country=country)


def _told_now(
    doc: Doc, lexicon: Lexicon, news: list[int], trigger_sentences: list[int]
) -> tuple[set[int], set[int]]:
    """The sentences that tell the news itself, where its people take part: the opening
    and the event's sentences, when they recall nothing (no «last year», no date weeks
    back): a minister named only in the background («visited Vienna last year», «on 3
    July announced») did not act in the reported event. The second set holds the other
    news sentences that recall nothing, where only some of those named take part
    (participants reads who)."""
    told = opening(doc)
    recalled = {item.sentence for item in dates.recalled_dates(doc, lexicon)}
    now = {s for s in news if s not in recalled and not cues(doc, "background", s)}
    acting = told & set(news) | now & set(trigger_sentences)
    return acting, now - acting


# the words beside which a person named in a sentence outside the event's takes part in it:
# who speaks of it («said Minister X», «X表示») and who goes with a side («accompanied by X»)
_AT_HAND = ("speech", "accompanying")


def _paired(doc: Doc, sides: list[str], sentences: frozenset[int] | set[int]) -> set[int]:
    """The sentences that name officials of two sides: the two who meet or sign («X and
    his counterpart Y put their signatures to it»), whatever the verb."""
    named: dict[int, set[str]] = defaultdict(set)
    for actor in doc.actors:
        if actor.country in sides:
            for s in set(actor.sentences) & sentences:
                named[s].add(actor.country)
    return {s for s, countries in named.items() if len(countries) >= 2}


def _speaks(doc: Doc, actor: Actor, sentence: int) -> bool:
    """Whether the actor is who speaks in the sentence, or who goes with a side: named
    within a few words of a word of speech or of company, not as what is spoken of
    («conveyed President Y's greetings», «a message from Y»)."""
    said = [m.token for kind in _AT_HAND for m in cues(doc, kind, sentence)]
    span = doc.sentences[sentence]
    for position in actor.positions:
        if span.start <= position < span.end:
            token = doc.token_of(position)
            if any(abs(token - at) <= settings.SPEAKER_REACH for at in said):
                return True
    return False


def _topical(
    doc: Doc, news: list[int], sides: list[str], trigger_sentences: list[int]
) -> list[int]:
    """News sentences about the sides' dealings: the headline, the lead, the event
    sentences and what the people taking part say."""
    keep = opening(doc) | set(trigger_sentences)
    for s in news:
        if has_cue(doc, "speech", s) or has_cue(doc, "joint", s):
            keep.add(s)
    return sorted(keep & set(news))
