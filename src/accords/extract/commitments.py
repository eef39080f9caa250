"""Commitments: what a side offers, pledges, proposes or requests, for later follow-up.

A sentence carries a commitment when it has a commitment marker (ready to, will, proposed,
invited) and a specific step (a domain, or an event word such as sign, meeting, training);
a bare wish ("hoped relations would develop") has neither and is left out, and so is a
hope before «will» that names no field of cooperation, or a request the past recalls.
Asking for a joint step ("called for joint patrols") is a proposal, as SCHEMA.md files it.

What is promised is the marker's clause, kept as the commitment's action: the words from the
marker on, up to the clause's end, in a language that puts the verb before its object; the
clause around the marker in a verb-final one (Persian, Turkish, Urdu), whose object and verb
come before «خواهد». A clause ends at a semicolon, a colon, a quotation mark, a word of
speech («said», «گفت», «قال»), or a comma before one. Follow-up reads the step from the
action alone, so a step word of another clause ("during the visit") is not the promise.

The side that commits is the subject of that clause: both sides when it names them together
("the two sides agreed to", "Iran and Iraq will sign", «الجانبان», «دو طرف»); else a person
or party named in it (the first in a verb-final language, the last before the marker in the
others; in Arabic, the party right after a verb that opens the clause: «تعهد العراق لإيران»
is Iraq's, never Iran's); else, as before, a party named earlier in the sentence, or the
person speaking, or the one who spoke last («وتابع», «وی افزود» continue a quotation).
One sentence states one commitment of each kind: the headline repeating the body, or two
markers of one clause, are not two. Nor is a side's promise said again in other words further
on, on the same subjects and step (or one naming none): a report states it once, as the gold
lists it; two steps or two subjects of one side stay two, each kept by its own event.
"""

from __future__ import annotations

import bisect
import sys
from typing import NamedTuple

from accords.extract import settings, treaties
from accords.extract.context import body, country_of, home_of, reported
from accords.lexicon import Lexicon
from accords.link.followup import read_action
from accords.model import COMMITMENT_KINDS, Commitment, CommitmentKind, Doc, Mention, Span

REQUIRES = (
    "by_sentence", "tokens", "token_sentence", "sentences", "title_sentences", "body_end", "sides",
    "events", "sentence_domains", "treaties", "words", "actors",
)  # fmt: skip
ASSIGNS = ("commitments",)

# Characters between two words that end a clause, and the commas that end one when a word
# of speech stands within settings.SPEECH_REACH words on the comma's other side ("…on
# Tuesday, the ministry said"): a comma alone more often parts the items of a list, and
# quotation marks often hold a name («اعجاز احمد شاه»).
_BREAKS = frozenset(";؛:")
_COMMAS = frozenset(",،，")
# The markers of what a signed text provides for (commitments.tsv): the text they follow is
# the container, not a step promised.
CONTENT_MARKERS = frozenset({"pledge_provides_for", "pledge_under_agreement"})
# The triggers of agreeing to do something, whose object is what was agreed (triggers.tsv):
# not those of a signing, whose object is the text signed.
AGREED_TO = frozenset({"agree_agreed"})
# The mode of the triggers that say only that sides work together («in cooperation with»,
# «联手»): no step of its own, so not what makes a promise specific.
GENERIC = "coordinate"
# The cue of an English infinitive's «to» (cues.tsv), which a request's object takes
_INFINITIVE = "headline_plan"
_CALL = "receive"  # the mode of the triggers of a call received (triggers.tsv)
# The kinds whose subject alone makes them specific: a pledge after «will» («will cooperate
# against terrorism»), a request or proposal of action on it ("asked Pakistan to gather
# intelligence on the terrorists", "called for joint naval maneuvers"). An offer's subject
# alone ("ready to cooperate against drugs") is the wish SCHEMA.md leaves out.
_DOMAIN_ENOUGH = frozenset({CommitmentKind.PLEDGE, CommitmentKind.REQUEST, CommitmentKind.PROPOSAL})
_ASKED = frozenset({CommitmentKind.REQUEST})
SIGN = "sign"  # the step of a signing (steps.tsv), and the mode of its triggers (triggers.tsv)
_COOPERATION = "cooperation"  # the cue of the word cooperation itself (cues.tsv)
_BOTH = frozenset({"joint", "together"})  # the cues of words naming both sides or a joint step


def run(doc: Doc, lexicon: Lexicon) -> None:
    if not doc.sides:
        return
    news = set(reported(doc)) & set(body(doc))
    named = _named(doc)
    speakers = _speakers(doc, named)
    order = _word_order(doc, lexicon)
    events = {s for e in doc.events for s in e.sentences}  # the sentences reporting events
    speaker: list[str] | None = None
    concluded: Commitment | None = None  # the pledge of what the agreement concluded provides
    titled, parties = _treaties(doc, lexicon, named, news)
    if doc.events and all(e.treaty for e in doc.events) and set(doc.sides) <= parties:
        # sides read from treaty titles alone are the treaties' parties: the session's
        # other decisions («关于授权国务院…的决定») promise them nothing. A plan has no
        # event, and its sides are read from its own sentences, not from the titles its
        # background names («the agreement on the transfer of sentenced persons»)
        return
    for sentence in sorted(news | set(range(doc.title_sentences, doc.body_end))):
        speaking = _speaker(doc, named, speakers, sentence)
        if speaking:
            speaker = speaking
        if sentence not in news or sentence in titled:
            continue
        within = doc.within(sentence)
        marker = _marker(doc, lexicon, within)
        if marker is None:
            agreed = _agreed_steps(doc, events, sentence)
            if agreed is not None:
                kind, first = agreed
                action = _agreed_action(doc, first)
                if concluded is None:
                    concluded = _add(doc, kind, list(doc.sides), sentence, action)
                else:
                    # the agreement told again ("the document was signed by…", «توافقنامه
                    # مذکور به امضا رسید»): what it provides for is one pledge of its sides
                    _merge(doc, concluded, _made(doc, kind, list(doc.sides), sentence, action))
            continue
        kind, mention = marker
        clause = _clause(doc, sentence, mention)
        if _not_promised(within, clause, mention, kind):
            continue
        if order == "SVO" and _third_state(doc, lexicon, named, within, clause, mention):
            continue
        if kind == CommitmentKind.REQUEST and _joint(within, clause, mention):
            # what one side asks both to do together is a joint step proposed ("called
            # for joint naval exercises", «خواستار گشت مشترک شد»), as SCHEMA.md tells
            kind = CommitmentKind.PROPOSAL
        if not _specific(doc, lexicon, sentence, mention, kind, _promised(order, clause, mention)):
            continue
        by = (
            _subject(doc, lexicon, named, order, clause, mention)
            or _committing(doc, lexicon, named, sentence, mention)
            or speaker
        )
        if not by:
            continue
        _add(doc, kind, by, sentence, _action(doc, order, clause, mention))


def _treaties(
    doc: Doc, lexicon: Lexicon, named: list[tuple[int, str]], news: set[int]
) -> tuple[set[int], set[str]]:
    """A justice treaty named by its title and promised («提请审议批准《中华人民共和国和X
    共和国引渡条约》», "will ratify the extradition treaty between X and Y") is a commitment
    to ratify (or sign) it: its parties are those of the title, not the report's sides, and
    the committing one is the party named before the marker (the State Council asking the
    NPC to ratify: China, whose pledge it is), else both. A session's agenda of several
    treaties is one commitment of that side, to all their other parties. The sentences that
    name such treaties, promised or concluded, state no other commitment: their other words
    are a session's list of laws, or the decision that ratifies them.
    Returns those sentences, and the parties of their treaties."""
    titled = [t for s in news for t in doc.treaties.get(s, ()) if t.domains]
    sentences = {t.sentence for t in titled}
    heads = [m for s in sorted(sentences) for m in doc.within(s) if _kind(m)]
    home = home_of(doc, lexicon)
    opening: dict[int, int] = {}  # the first title each marker governs, by its start
    # a side's promise of its session's treaties
    agenda: dict[tuple[CommitmentKind, tuple[str, ...]], Commitment] = {}
    for marker, treaty in treaties.governed(doc, heads):
        first = opening.setdefault(marker.start, treaty.first)
        if not treaty.domains or len(treaty.parties) < 2:
            continue
        kind = _kind(marker) or CommitmentKind.PLEDGE
        if kind == CommitmentKind.REQUEST:
            # a government's motion that its parliament ratify the treaty («提请审议批准»):
            # it asks its own legislature, not the treaty's other party, and what the
            # report tells is the state's ratification to come, its pledge
            kind = CommitmentKind.PLEDGE
        # the party named before the marker; else the one whose outlets write the report
        # (a parliament's agenda is its own country's news); else both
        committing = _committing(doc, lexicon, named, marker.sentence, marker) or []
        by = [p for p in treaty.parties if p in committing] or [
            p for p in treaty.parties if p == home
        ] or list(treaty.parties)  # fmt: skip
        # the marker's words and the treaty's title, not the titles listed before it
        end = doc.tokens[treaty.last].end
        if treaty.first == first:
            action = _phrase(doc, marker.start, end, 2 * settings.ACTION_WORDS)
        else:
            head = _phrase(doc, marker.start, doc.tokens[first].start, settings.ACTION_WORDS)
            title = doc.original(doc.tokens[treaty.first].start, end)
            action = head.rstrip("《«〈 ") + " … " + title
        if any(c.action == action and c.by == by for c in doc.commitments):
            continue  # one title, two markers before it («提请审议批准»)
        to = [p for p in treaty.parties if p not in by]
        evidence = doc.evidence(
            doc.sentences[marker.sentence].start, doc.sentences[marker.sentence].end
        )
        key = (kind, tuple(by))
        found = agenda.get(key)
        if found is not None:
            # a session's agenda lists several treaties (extradition, legal assistance):
            # one promise of that side, to ratify them all, as a reader lists it; follow-up
            # keeps it when any of them is ratified, and never by a treaty of another subject
            found.to += [p for p in to if p not in found.to]
            found.domains += [d for d in treaty.domains if d not in found.domains]
            found.action += " … " + doc.original(doc.tokens[treaty.first].start, end)
            if evidence not in found.evidence:
                found.evidence.append(evidence)
            continue
        agenda[key] = made = Commitment(
            kind=kind,
            by=by,
            to=to,
            domains=list(treaty.domains),
            action=action,
            sentence=marker.sentence,
            evidence=[evidence],
        )
        doc.commitments.append(made)
    return sentences, {side for t in titled for side in t.parties}


def _made(doc: Doc, kind: CommitmentKind, by: list[str], sentence: int, action: str) -> Commitment:
    return Commitment(
        kind=kind,
        by=by,
        to=[s for s in doc.sides if s not in by],
        domains=list(doc.sentence_domains.get(sentence, [])),
        action=action,
        sentence=sentence,
        evidence=[doc.evidence(doc.sentences[sentence].start, doc.sentences[sentence].end)],
    )


def _add(doc: Doc, kind: CommitmentKind, by: list[str], sentence: int, action: str) -> Commitment:
    """The commitment added, or the one found that it states again."""
    made = _made(doc, kind, by, sentence, action)
    for found in doc.commitments:
        if found.kind != kind:
            continue
        shared = set(found.by) & set(by) or _all(doc, found.by, by) or _signing(found, made)
        if found.sentence == sentence or (shared and _same_action(found.action, action)):
            # one sentence states one commitment of a kind; the headline and the body repeat
            # one offer. A side named in one and both in the other: the pledge is of both.
            _join_sides(doc, found, by)
            return found
        if shared and _restated(found, made):
            _merge(doc, found, made)
            return found
    doc.commitments.append(made)
    return made


def _signing(found: Commitment, made: Commitment) -> bool:
    """Whether both promise a signing: an act of both sides, so one side's «will sign with
    Tunisia» and the other's «the agreement to be signed» are one pledge of both."""
    return found.kind == made.kind == CommitmentKind.PLEDGE and (
        read_action(found)[0] == read_action(made)[0] == {SIGN}
    )


def _restated(found: Commitment, made: Commitment) -> bool:
    """A report states a side's promise of a kind once, however many sentences say it again
    in other words («will share information», "the exchange of intelligence will begin"):
    the same subjects, or one naming none, and the same step as follow-up reads it, or one
    naming none; a later pledge naming no subject (and no signing) after one that names
    them. Two subjects or two steps (sign an MoU, train officers) stay two."""
    if found.domains and made.domains and not set(found.domains) & set(made.domains):
        return False
    steps, other = read_action(found)[0], read_action(made)[0]
    if steps == other or not steps or not other:
        return True
    # a side's pledge on its subjects, then one on none: the plan's occasion told again
    # ("will visit Iraq to sign memoranda on extradition", then "is expected to meet
    # Iraq's leaders"), not another promise; but a signing of its own stays one
    return (
        found.kind == CommitmentKind.PLEDGE
        and bool(found.domains)
        and not made.domains
        and SIGN not in other - steps
    )


def _merge(doc: Doc, found: Commitment, made: Commitment) -> None:
    """`made` said again in `found`: the sides of both, their subjects, the evidence of
    both; the action that names a step, which is what follow-up reads."""
    if not read_action(found)[0]:
        found.action = made.action
    _join_sides(doc, found, made.by)
    found.domains += [d for d in made.domains if d not in found.domains]
    if made.sentence != found.sentence:
        found.evidence += made.evidence


def _join_sides(doc: Doc, found: Commitment, by: list[str]) -> None:
    merged = {*found.by, *by}
    found.by = [s for s in doc.sides if s in merged]
    found.to = [s for s in doc.sides if s not in merged]


def _all(doc: Doc, *groups: list[str]) -> bool:
    return any(set(group) >= set(doc.sides) for group in groups)


def _agreed_steps(
    doc: Doc, events: set[int], sentence: int
) -> tuple[CommitmentKind, Mention] | None:
    """What the sides agreed to do is a pledge of them all: «agreed to increase joint
    operations against drug trafficking», a liaison cell set up to exchange information.
    Only an agreement that names its subjects counts: "signed an MoU on law enforcement
    cooperation" names none."""
    if not doc.sentence_domains.get(sentence):
        return None
    within = doc.within(sentence)
    agreed = [m for m in within if m.concept == "trigger" and m.kind == "AGREE"]
    if not agreed or sentence not in events:
        return None
    # the action is what was agreed, from its first subject on: the signing itself is
    # the event, and no promise to sign
    first = next(m for m in within if m.concept == "domain")
    # but a step the agreeing verb takes for object is what was agreed, and comes first:
    # «اتفق … على تشكيل لجنة … لضبط الحدود», "agreed to form a committee on smuggling"
    agreeing = [m.start for m in agreed if m.entry in AGREED_TO]
    step = next(
        (
            m
            for m in within
            if m.concept == "step"
            and m.entry not in ("sign", "meeting")  # the occasion, not the object
            and agreeing
            and min(agreeing) < m.start < first.start
        ),
        None,
    )
    return CommitmentKind.PLEDGE, step or first


def _agreed_action(doc: Doc, first: Mention) -> str:
    """What was agreed, from its first subject to the end of the sentence or to the word
    of agreeing, which a verb-final sentence puts last («…را امضا کردند»): the signing is
    the event, not part of the promise."""
    end = doc.sentences[first.sentence].end
    for mention in doc.within(first.sentence):
        if mention.start > first.start and mention.concept == "trigger":
            end = min(end, mention.start)
    return _phrase(doc, first.start, end, settings.ACTION_WORDS)


# When a sentence holds several markers, the most telling one names the commitment: «we
# invite» says more than the «will be held» beside it.
_PRIORITY = (
    CommitmentKind.REQUEST,
    CommitmentKind.OFFER,
    CommitmentKind.PROPOSAL,
    CommitmentKind.PLEDGE,
)


def _marker(
    doc: Doc, lexicon: Lexicon, within: list[Mention]
) -> tuple[CommitmentKind, Mention] | None:
    """The sentence's marker of a commitment (`within`: its mentions), and its kind."""
    found: list[tuple[int, int, CommitmentKind, Mention]] = []
    for mention in within:
        kind = _kind(mention)
        if kind == CommitmentKind.REQUEST and (
            _invitation_of(doc, within, mention) or _call_paid(doc, lexicon, within, mention)
        ):
            continue
        if kind == CommitmentKind.PLEDGE and (
            _object_marker(doc, within, mention) or _scheduled_thing(doc, mention)
        ):
            continue
        if kind is not None:
            found.append((_PRIORITY.index(kind), mention.start, kind, mention))
    if not found:
        return None
    _, _, kind, mention = min(found, key=lambda f: (f[0], f[1]))
    return kind, mention


def _invitation_of(doc: Doc, within: list[Mention], marker: Mention) -> bool:
    """«应伊拉克内政部邀请» (at the invitation of Iraq's ministry): an invitation that is
    the occasion of the visit the sentence reports or plans, not a request; the inviter
    stands between the two words, within one clause."""
    return any(
        m.concept == "cue"
        and m.kind == "invitation_of"
        and marker.token - settings.INVITER <= m.token < marker.token
        and not any(c in _BREAKS or c in _COMMAS for c in doc.text[m.end : marker.start])
        for m in within
    )


def _call_paid(doc: Doc, lexicon: Lexicon, within: list[Mention], marker: Mention) -> bool:
    """ "called on the Prime Minister and briefed him": words that are both a request and a
    call received (triggers.tsv) ask something only with an infinitive after them in their
    clause ("called on the government to act"); without one they tell a call paid."""
    if not any(
        m.concept == "trigger"
        and m.start == marker.start
        and lexicon.entry("trigger", m.entry).get("mode") == _CALL
        for m in within
    ):
        return False
    clause = _clause(doc, marker.sentence, marker)
    return not any(m.kind == _INFINITIVE and marker.last < m.token < clause.stop for m in within)


def _object_marker(doc: Doc, within: list[Mention], marker: Mention) -> bool:
    """«将缅甸遣返的嫌疑人押解回国»: Chinese «将» before a name is the marker of the
    object (as «把»), not «will», which a verb or an adverb follows."""
    return (
        doc.lang == "zh"
        and marker.concept == "cue"
        and any(m.concept == "country" and m.token == marker.last + 1 for m in within)
    )


def _scheduled_thing(doc: Doc, marker: Mention) -> bool:
    """«اللقاء المقرر», «القمة المقررة الجمعة»: Arabic's future word with the article is a
    participle that names a thing by its date (the scheduled meeting), no promise; «من
    المقرر أن» (it is scheduled that) plans. Events still read it as a step not done."""
    return (
        doc.lang == "ar"
        and marker.concept == "cue"
        and marker.token == marker.last
        and doc.words[marker.token].startswith("ال")
    )


def _kind(mention: Mention) -> CommitmentKind | None:
    """The kind of commitment a marker says: its own, or a pledge for a future's «will»."""
    if mention.concept == "commitment":
        return COMMITMENT_KINDS[mention.kind]
    if mention.concept == "cue" and mention.kind == "future":
        return CommitmentKind.PLEDGE
    return None


def _specific(
    doc: Doc,
    lexicon: Lexicon,
    sentence: int,
    marker: Mention,
    kind: CommitmentKind,
    promised: range,
) -> bool:
    """A specific step is promised: a committee, an MoU, training, a visit, an event word;
    or, but in an offer, a domain («will cooperate against terrorism»). «stressed the need for
    cooperation against drugs» names none, nor does cooperation alone («will work together»,
    «愿同老方密切合作»: the wish SCHEMA.md leaves out). Nor does a request of cooperation in
    a field ("called for cooperation against terrorism", «دعا إلى تعزيز التعاون في مكافحة
    الإرهاب»): the field is what the cooperation is on, not a step asked; unless it asks for
    the two sides' own cooperation to grow. (A proposal of it, "proposed closer bilateral
    cooperation against terrorism", our gold keeps.)"""
    asks_cooperation = False  # a word of cooperation itself after the marker, so far
    # but asking that the two sides' own cooperation grow («خواستار افزایش همکاری‌های دو
    # کشور علیه مواد مخدر شد») proposes their joint work on it, as the dev set reads it
    both = False
    field = False  # a domain named as the field of the cooperation asked
    named = False  # a domain that names the step
    for m in doc.within(sentence):
        if m.token not in promised:
            continue
        if m.concept == "cue" and m.kind in _BOTH and m.token > marker.last:
            both = True
        if m.concept == "step":
            return True
        if m.concept == "trigger" and lexicon.entry("trigger", m.entry).get("mode") != GENERIC:
            return True
        if m.concept == "cue" and m.kind == _COOPERATION and m.token > marker.last:
            asks_cooperation |= kind in _ASKED
        if m.concept == "domain" and kind in _DOMAIN_ENOUGH:
            # the first field after a word of cooperation is the one it is asked in
            field |= asks_cooperation and not both
            named |= not field
    return named


# The cues that, before a marker in its clause, make it no promise: a hope before a will
# ("expressed the hope that the conference would play a role", «أعرب عن أمله أن») is a
# wish, unless what it hopes for names the fields of cooperation ("hoped the two sides
# would strengthen cooperation against terrorism" proposes it); a request or offer the past
# tells («وكانت … قد طلبت», "had requested earlier") is background. A pledge's «will» is
# its own tense: "the protocol signed years ago is to be finalized" promises still.
_WISH = "irrealis_hope"
_RECALLED = "background"


def _not_promised(
    within: list[Mention], clause: range, marker: Mention, kind: CommitmentKind
) -> bool:
    before = [m for m in within if m.concept == "cue" and clause.start <= m.token < marker.token]
    if kind != CommitmentKind.PLEDGE:
        return any(m.kind == _RECALLED for m in before)
    return any(m.entry == _WISH for m in before) and not any(
        m.concept == "domain" and m.token > marker.last for m in within
    )


def _third_state(
    doc: Doc,
    lexicon: Lexicon,
    named: list[tuple[int, str]],
    within: list[Mention],
    clause: range,
    marker: Mention,
) -> bool:
    """Whether the clause of the marker is about a state that is no side ("Baqeri said
    Afghanistan will feature high in his talks"): the promise, if any, is not the sides'.
    In a language that puts the subject before the verb: the clause names such a state
    before the marker, and no side, nor a person of one ("Lavrentiev, the Russian envoy
    for Syria, is to visit Tehran" is Russia's)."""
    before = [m for m in within if clause.start <= m.token and m.last < marker.token]
    # a name, not the display in the test: mypyc fails on a starred tuple after `not in`
    named_states = (None, *doc.sides)
    if not any(country_of(lexicon, m) not in named_states for m in before):
        return False
    start = doc.tokens[clause.start].start
    return not _named_in(named, start, marker.start) and not any(
        _party_country(lexicon, m) in doc.sides for m in before
    )


def _joint(within: list[Mention], clause: range, marker: Mention) -> bool:
    """Whether the marker's clause asks for a joint step: a «joint» word beside it that is
    not one naming the sides ("the two countries", «البلدين»: whom the step concerns)."""
    sides = {m.start for m in within if m.concept == "cue" and m.kind == "together"}
    return any(
        m.concept == "cue" and m.kind == "joint" and m.token in clause
        and not marker.token <= m.token <= marker.last and m.start not in sides
        for m in within
    )  # fmt: skip


def _promised(order: str, clause: range, marker: Mention) -> range:
    """The tokens that say what is promised: from just before the marker to the end of the
    sentence; in a verb-final language, when the marker ends its clause, the clause."""
    if order == "SOV" and clause.stop - marker.last <= settings.VERB_TAIL:
        return range(clause.start, clause.stop)
    return range(marker.token - 2, sys.maxsize)


def _committing(
    doc: Doc, lexicon: Lexicon, named: list[tuple[int, str]], sentence: int, marker: Mention
) -> list[str] | None:
    """Who commits when the marker's clause names no one: a person named earlier in the
    sentence, who speaks for their side; else the party that opens the sentence in a
    verb-final language (Persian, Urdu, Turkish), or the one named last before the marker
    in the others: a body, a title, a country, or «joint» words."""
    start = doc.sentences[sentence].start
    people = [(position, [country]) for position, country in _named_in(named, start, marker.start)]
    parties: list[tuple[int, list[str]]] = list(people)
    for mention in doc.within(sentence):
        if mention.start >= marker.start:
            continue
        if mention.concept == "cue" and mention.kind == "joint":
            parties.append((mention.start, list(doc.sides)))
            continue
        country = _party_country(lexicon, mention)
        if country in doc.sides:
            parties.append((mention.start, [country]))
    if not parties:
        return None
    if _word_order(doc, lexicon) == "SOV":
        return min(parties)[1]
    return max(people or parties)[1]


def _word_order(doc: Doc, lexicon: Lexicon) -> str:
    entry = lexicon.find("language", doc.lang)
    return (entry.get("order") if entry else "") or "SVO"


def _party_country(lexicon: Lexicon, mention: Mention) -> str | None:
    if mention.concept == "country":
        return mention.entry
    if mention.concept == "organization":
        return lexicon.entry("organization", mention.entry).get("country") or None
    if mention.concept == "title":
        org = lexicon.entry("title", mention.entry).get("org")
        found = lexicon.find("organization", org) if org else None
        return (found.get("country") or None) if found else None
    return None


def _named(doc: Doc) -> list[tuple[int, str]]:
    """Where the people taking part are named, with their countries, in text order: looked
    up by bisection for each sentence, not by a pass over every name for each."""
    actors = doc.events[0].actors if doc.events else []
    return sorted(
        (position, actor.country)
        for actor in actors
        if actor.country
        for position in actor.positions
    )


def _speakers(doc: Doc, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Where every person of a side is named, the event's or not: who speaks in a sentence
    speaks for their side whether or not they take part («Bulgaria's minister X said he
    would return the artefacts»), so the one who spoke last is read from them all; an
    event's person keeps the country the event gave them."""
    taking_part = {position for position, _ in named}
    others = [
        (position, actor.country)
        for actor in doc.actors
        if actor.country in doc.sides
        for position in actor.positions
        if position not in taking_part
    ]
    return sorted(named + others)


def _named_in(named: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The people named in [start, end) of the normalised text."""
    low = bisect.bisect_left(named, start, key=_position)
    high = bisect.bisect_left(named, end, lo=low, key=_position)
    return named[low:high]


def _position(item: tuple[int, str]) -> int:
    return item[0]


def _speaker(
    doc: Doc, named: list[tuple[int, str]], speakers: list[tuple[int, str]], sentence: int
) -> list[str] | None:
    """The country of the first person of a side named in a sentence that names one of
    the event's: the event's or not, as the one who speaks or acts there speaks for their
    side («Bulgaria's minister X will hand minister Y the artefacts»); a sentence naming
    none of the event's people is background, whose speaker is not the news's."""
    span = doc.sentences[sentence]
    if not _named_in(named, span.start, span.end):
        return None
    return [_named_in(speakers, span.start, span.end)[0][1]]


def _same_action(a: str, b: str) -> bool:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) >= settings.SAME_ACTION * min(len(words_a), len(words_b))


def _clause(doc: Doc, sentence: int, marker: Mention) -> range:
    """The tokens of the clause that holds the marker."""
    tokens = _sentence_tokens(doc, sentence)
    speech = {
        token
        for m in doc.within(sentence)
        if m.concept == "cue" and m.kind == "speech"
        for token in range(m.token, m.last + 1)
    }
    start = marker.token
    while start > tokens.start and start - 1 not in speech:
        if _parts(doc, start - 1, speech, range(start - settings.SPEECH_REACH, start)):
            break
        start -= 1
    end = marker.last + 1
    while end < tokens.stop and end not in speech:
        if _parts(doc, end - 1, speech, range(end, end + settings.SPEECH_REACH)):
            break
        end += 1
    return range(start, end)


def _parts(doc: Doc, token: int, speech: set[int], beyond: range) -> bool:
    """Whether a clause ends between `token` and the next: a break, or a comma with a word
    of speech among the tokens `beyond` it."""
    if token + 1 >= len(doc.tokens):
        return True
    gap = doc.text[doc.tokens[token].end : doc.tokens[token + 1].start]
    if any(c in _BREAKS for c in gap):
        return True
    return _comma_after(doc, token) and any(t in speech for t in beyond)


def _comma_after(doc: Doc, token: int) -> bool:
    gap = doc.text[doc.tokens[token].end : doc.tokens[token + 1].start]
    return any(c in _COMMAS for c in gap)


def _sentence_tokens(doc: Doc, sentence: int) -> range:
    span = doc.sentences[sentence]
    low = bisect.bisect_left(doc.tokens, span.start, key=_start)
    return range(low, bisect.bisect_left(doc.tokens, span.end, lo=low, key=_start))


def _start(span: Span) -> int:
    return span.start


def _action(doc: Doc, order: str, clause: range, marker: Mention) -> str:
    """The promise in the clause's words: from the marker on; but in a verb-final language,
    when the marker ends its clause («…تفاهم‌نامه امضا خواهند کرد», «…protokolü
    imzalanacak»), the object and the verb before it."""
    end = doc.tokens[clause.stop - 1].end
    if _promised(order, clause, marker).start >= marker.token - 2:
        # the step a bare «will» has for subject: «التوقيع سيجري», "the signing will take
        # place"; «المذكرة تنص على» promises what the memorandum provides for, not a signing
        named = [
            m.start
            for m in doc.within(marker.sentence)
            if marker.entry not in CONTENT_MARKERS
            and m.concept == "step"
            and max(clause.start, marker.token - 2) <= m.token < marker.token
        ]
        # a verb-final clause that the marker opens («متعهد شد که پاکستان … تحویل دهد»,
        # «طے پایا کہ … تربیت دے گی») ends on the verb promised: a long one keeps its end
        verb_last = order == "SOV"
        start = min(named, default=marker.start)
        return _phrase(doc, start, end, settings.ACTION_WORDS, verb_last=verb_last)
    after = _phrase(doc, marker.start, end, settings.ACTION_WORDS)
    # a comma sets off the clause's topic: «Protokol, … bilgi paylaşımını öngörüyor» promises
    # what the protocol provides for, not a signing
    start = next(
        (t + 1 for t in range(clause.start, marker.token - 1) if _comma_after(doc, t)),
        clause.start,
    )
    before = doc.original(doc.tokens[start].start, marker.start).split()
    cut = len(before) > settings.ACTION_WORDS
    return ("… " if cut else "") + " ".join([*before[-settings.ACTION_WORDS :], after])


def _phrase(doc: Doc, start: int, end: int, words: int, verb_last: bool = False) -> str:
    """At most `words` words of the original text from `start` to `end` (a run of Chinese
    is one word, as it is written without spaces): the first ones, or, where the verb comes
    last, the first half and the last half."""
    found = doc.original(start, end).split()
    if len(found) <= words:
        return " ".join(found).rstrip(".,;:،؛۔ ")
    if verb_last:
        head, tail = found[: words // 2], found[words // 2 - words :]
        return (" ".join(head) + " … " + " ".join(tail)).rstrip(".,;:،؛۔ ")
    return " ".join(found[:words]).rstrip(".,;:،؛ ") + " …"


class _Party(NamedTuple):
    start: int  # in the normalised text
    token: int
    last: int
    sides: tuple[str, ...]


def _subject(
    doc: Doc,
    lexicon: Lexicon,
    named: list[tuple[int, str]],
    order: str,
    clause: range,
    marker: Mention,
) -> list[str] | None:
    """The sides the clause names as the one who commits (see the module's docstring)."""
    parties = _parties(doc, lexicon, named, marker.sentence)
    if order == "SOV":
        opened = _that_clause(doc, marker, parties)
        if opened is not None:
            return _joined(doc, parties, opened)
    if order == "VSO":
        after = _after_verb(doc, parties, marker)
        if after is not None:
            return _joined(doc, parties, after)
    # the parties before the marker, and both sides named in it («the two sides agreed» is
    # one marker; in «愿同伊方», willing with Iran, Iran is the other side)
    before = [
        p
        for p in parties
        if clause.start <= p.token
        and (p.last < marker.token or (p.token <= marker.last and len(p.sides) > 1))
    ]
    if not before:
        return None
    if any(len(p.sides) > 1 for p in before):
        return list(doc.sides)  # "the two sides", «دو طرف»
    if order == "SOV":
        return _joined(doc, before, before[0])
    people = [p for p in before if p.start in {position for position, _ in named}]
    return _joined(doc, before, (people or before)[-1])


def _that_clause(doc: Doc, marker: Mention, parties: list[_Party]) -> _Party | None:
    """In a verb-final language a marker of pledging or agreeing followed by «that» opens a
    clause with a subject of its own: «مقرر شد که عراق … تحویل دهد» (it was decided that
    Iraq will hand over) is Iraq's pledge, whoever spoke; the party that opens the clause.
    A future's «that» is not such a marker: «کوشش کریں گے کہ» (will try that)."""
    within = doc.within(marker.sentence)
    if any(m.kind == "future" and marker.token <= m.token <= marker.last for m in within):
        return None
    that = [
        m.token
        for m in within
        if m.kind == "complementizer" and marker.token <= m.token <= marker.last + 1
    ]
    if not that:
        return None
    return next(
        (p for p in parties if max(that) < p.token <= max(that) + settings.SUBJECT_AFTER), None
    )


def _after_verb(doc: Doc, parties: list[_Party], marker: Mention) -> _Party | None:
    blocked = {
        m.token for m in doc.within(marker.sentence) if m.concept == "cue" and m.kind == "function"
    }
    if doc.words[marker.last] == "من":
        return None  # «طلبت من نظيرتها»: the party after a marker's «من» is the one asked
    for party in parties:
        # from the marker's second word on: «سيوقع الجانبان» is one marker
        if marker.token < party.token <= marker.last + settings.SUBJECT_AFTER:
            between = range(marker.last + 1, party.token)
            if not blocked & set(between) and not _preposition(doc, party):
                return party
    return None


def _preposition(doc: Doc, party: _Party) -> bool:
    # «لإيران», «بإيران»: the side the clause is addressed to, not its subject
    word = doc.words[party.token]
    return word[:1] in ("ل", "ب") and doc.text[party.start] in ("ل", "ب")


def _joined(doc: Doc, parties: list[_Party], chosen: _Party) -> list[str]:
    """The chosen party's sides, and those of the parties joined to it by «and»: "Iran and
    Iraq", «وزیران کشور ایران و عراق», «كوريا الشمالية وكوريا الجنوبية», and those a comma
    lists before them ("Russia, Iran and China"). Two parties side by
    side are not joined: «Türkiye'nin Irak polisine» is Turkey's offer to Iraq's police."""
    conjunctions = {
        m.token
        for m in doc.within(doc.token_sentence[chosen.token])
        if m.concept == "cue" and m.kind == "and"
    }
    ordered = sorted(parties)
    at = ordered.index(chosen)
    group = [chosen]
    for step in (-1, 1):
        index = at
        while 0 <= index + step < len(ordered):
            a, b = sorted((ordered[index], ordered[index + step]))
            between = set(range(a.last + 1, b.token))
            listed = not between and _comma_after(doc, a.last)  # "Russia, Iran and China"
            if not (between and between <= conjunctions) and not listed and not _and_clitic(doc, b):
                break
            if len(between) > 1:
                break
            group.append(ordered[index + step])
            index += step
    found = {side for party in group for side in party.sides}
    return [s for s in doc.sides if s in found]


def _and_clitic(doc: Doc, party: _Party) -> bool:
    # Arabic writes «and» on the next word: «وكوريا الجنوبية»
    return doc.lang == "ar" and doc.text[party.start] == "و"


def _parties(
    doc: Doc, lexicon: Lexicon, named: list[tuple[int, str]], sentence: int
) -> list[_Party]:
    """Who the sentence names that can commit: its people of a side, its sides (a country,
    a body, a title) and the words that name both sides at once, in text order."""
    span = doc.sentences[sentence]
    found: list[_Party] = []
    for position, person_country in _named_in(named, span.start, span.end):
        token = doc.token_of(position)
        found.append(_Party(position, token, token, (person_country,)))
    for mention in doc.within(sentence):
        if mention.concept == "cue" and mention.kind == "together":
            found.append(_Party(mention.start, mention.token, mention.last, tuple(doc.sides)))
            continue
        country = _party_country(lexicon, mention)
        if country and country in doc.sides:
            found.append(_Party(mention.start, mention.token, mention.last, (country,)))
    return sorted(found)
