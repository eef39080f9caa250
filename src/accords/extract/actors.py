"""Actors: people named beside a title or rank, or listed in the gazetteer, with their role,
organisation and country, and a Latin form of the name.

A title chain is a run of titles, ranks, countries and organisations («وزير الداخلية
الأردني», "Chinese State Councilor and Minister of Public Security», «سردار») that ends in a
name: a few name-like words, or words in quotation marks. The chain gives the role, the
organisation and the country. A name met again later by its last word alone («رادان»,
"Radan") is the same actor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from accords.extract import settings
from accords.extract.context import (
    POSTED_AT,
    country_of,
    original_token,
    starting_in,
    token_text,
)
from accords.lexicon import Entry, Lexicon
from accords.model import Actor, Doc, Mention
from accords.text.language import ARABIC_SCRIPT
from accords.text.native import c_token_tags
from accords.text.normalise import common_persian_words, fold_letters
from accords.text.romanise import romanise
from accords.text.tokens import is_han

REQUIRES = ("mentions", "by_concept", "tokens", "words", "token_sentence")
ASSIGNS = ("actors",)

# a body's word ("Navy", "Council", "General Staff": cues.tsv) is tagged "body" beside "cue":
# after a title it continues the chain ("Chief of Staff Mohammad Bagheri"), and the
# capitalised words before it are the body's name ("the Supreme Judicial Council"), no person's
_BODY = "body"
_CHAIN = frozenset({"title", "country", "organization", _BODY})
_STOPS = frozenset(
    {"title", "country", "organization", "city", "trigger", "commitment", "cue", "domain", "month"}
)
# the marks that join the parts of a foreign name written in Han characters («迪亚斯-卡内尔»)
_HAN_NAME_JOINS = frozenset({"·", "・", "‧", "•", "-", "－"})
_OUTSIDE_OFFICES = frozenset({"person", "trigger", "commitment", "city"})  # not in a run of offices
_COMMAS = frozenset({",", "،"})
_LIST_COMMA = "、"
_CLITIC_ARTICLE = ("بال", "لل", "فال", "كال")
_CLITICS = frozenset("وبلفك")  # the conjunction and prepositions Arabic writes on a word
_RELATIONAL = frozenset({"counterpart"})  # titles that name another person by relation
# words between a country and its office: Urdu possessives, Chinese 驻 (stationed in),
# after which the country named is where the official serves, not theirs
_POSTED_TO = frozenset({"驻"})
_OF_WORDS = frozenset({"کے", "کی", "کا"}) | _POSTED_TO
_OFFICE_ENDS = frozenset({"title", _BODY})  # the words a chain of offices ends on
_POSTS = frozenset({"city", "country"})  # where an official serves: "Ambassador to Iraq"
# endings written after an apostrophe: Turkish cases ("Erdoğan'ın", "Soylu’nun"), the
# English possessive ("Zarif's"); elsewhere an apostrophe is part of a name ("Eje'i")
_SUFFIXES = {"tr": re.compile(r"['’][a-zçğıöşü]{1,5}$"), "en": re.compile(r"['’]s$")}


@dataclass(init=False)
class _Found:
    tokens: list[int]
    country: str | None
    role: str | None
    org: str | None
    person: str | None  # gazetteer id
    sentences: set[int]
    ranked: bool  # the role is a rank's («سردار»): an office the text gives is worth more
    former: bool  # the office is one held before («الأمين العام السابق», "former minister")

    # written out, as in model.py: the generated one runs interpreted in the compiled build
    def __init__(
        self,
        tokens: list[int],
        country: str | None = None,
        role: str | None = None,
        person: str | None = None,
    ) -> None:
        self.tokens = tokens
        self.country = country
        self.role = role
        self.org = None
        self.person = person
        self.sentences = set()
        self.ranked = False
        self.former = False


Tags = list[frozenset[str]]
_UNTAGGED: frozenset[str] = frozenset()
_ALONE: dict[str, frozenset[str]] = {}  # each concept's tag set of one


def run(doc: Doc, lexicon: Lexicon) -> None:
    tags = _token_tags(doc)
    _after_particles(doc, lexicon, tags)
    found: list[_Found] = []
    named = [
        (mention, name)
        for mention in doc.of("title")
        if (name := _name_after(doc, lexicon, tags, mention.last + 1))
        and _plausible(doc, lexicon, tags, name, mention)
    ]
    after_names = _titles_after_names(doc, tags, named)
    for mention, name in named:
        if mention.token not in after_names:
            item = _Found(name)
            _describe(doc, lexicon, tags, item, mention)
            _appositive(doc, lexicon, tags, item)
            _link(doc, lexicon, item)
            found.append(item)
    for mention in doc.of("person"):
        entry = lexicon.entry("person", mention.entry)
        first = mention.token
        item = _Found(
            list(range(first, mention.last + 1)),
            country=entry.get("country") or None,
            role=entry.get("office") or None,
            person=entry.id,
        )
        found.append(item)
    found.extend(_quoted_names_before_titles(doc, lexicon, tags))
    found.extend(_names_before_appositives(doc, lexicon, tags))
    alone = _surnames_alone(doc, tags)
    found.extend(_known_surnames(doc, lexicon, alone, found))
    doc.actors = _merge(doc, lexicon, [item for item in found if not item.former], alone)


def _titles_after_names(doc: Doc, tags: Tags, named: list[tuple[Mention, list[int]]]) -> set[int]:
    """The first tokens of the titles that follow a name in Han script: Chinese writes a
    title after the name as well as before it («习近平总书记», once «国家主席习近平» has
    named him), and the words after such a title are the sentence's («…总书记坚强领导下»,
    under the strong leadership of), not a name."""
    names = {
        doc.text[doc.tokens[name[0]].start : doc.tokens[name[-1]].end]
        for _, name in named
        if is_han(token_text(doc, name[0])[0])
    }
    out = set()
    for title, _ in named:
        start = doc.tokens[title.token].start
        if not is_han(doc.text[start]) or title.token == 0:
            continue
        if "person" in tags[title.token - 1] or any(
            len(n) >= 2 and doc.text[start - len(n) : start] == n for n in names
        ):
            out.add(title.token)
    return out


def _surnames_alone(doc: Doc, tags: Tags) -> list[Mention]:
    """The gazetteer surnames that stand for their person. Where a script has capitals, a
    surname in lower case is a word ("soylu"). Where it has none, a surname is all too often
    a common word («برای» is Wray, «كامل» Kamel, «ملک» Malik, «الثاني» Al Thani): it names
    the person only right after a title («سردار رادان») or after the full name earlier in
    the text, as news names a person in full first."""
    given = {m.token for m in doc.of("given_name")}
    titles = {m.last for m in doc.of("title")}
    named_at: dict[str, int] = {}
    persons = doc.of("person")
    for person in persons:
        named_at.setdefault(person.entry, person.start)
    out: list[Mention] = []
    for mention in doc.of("surname"):
        first = original_token(doc, mention.token)[:1]
        if first.lower() != first.upper():
            if first.isupper() and not _in_longer_name(doc, tags, mention, persons):
                out.append(mention)
            continue
        if mention.token in given or token_text(doc, mention.token) in common_persian_words():
            continue
        # after a title, unless another given name opens the name («سردار عبدالمجید رضایی»
        # is not Qasem Rezaei: his full name would be a person's mention)
        after_title = titles & {mention.token - 1, mention.token - 2}
        if (after_title and mention.token - 1 not in given) or named_at.get(
            mention.entry, mention.start
        ) < mention.start:
            out.append(mention)
    return out


def _in_longer_name(doc: Doc, tags: Tags, surname: Mention, persons: list[Mention]) -> bool:
    """ "Shah Mehmood Qureshi", "Imran Khan", "Ijaz Ahmed Shah": a capitalised word beside
    the surname makes it part of a longer name, another person's or a known one."""
    if any(p.token <= surname.token <= p.last for p in persons):
        return True  # inside a full name: that name's mention stands for it
    for index in (surname.token - 1, surname.last + 1):
        if not 0 <= index < len(doc.tokens) or tags[index] & _STOPS:
            continue
        gap = _gap(doc, min(index, surname.token), max(index, surname.last))
        word = original_token(doc, index)
        if not gap.strip() and len(word) > 1 and word[:1].isupper():
            return True
    return False


def _known_surnames(
    doc: Doc, lexicon: Lexicon, alone: list[Mention], named: list[_Found]
) -> list[_Found]:
    """A gazetteer surname alone ("Soylu", «رادان») names that person when the text is
    about their country: it is named, or it is the home of the article's language. Not
    when it is a word of another name the text gives in full: "Wang said" after "his
    Chinese counterpart, Wang Yi" is Wang Yi, not the gazetteer's Wang Xiaohong."""
    if not doc.of("surname"):
        return []
    others = {
        token_text(doc, index)
        for item in named
        if not item.person
        for index in item.tokens[:-1]  # a last word is merged with its name's anyway
    }
    home = lexicon.find("language", doc.lang)
    countries = {m.entry for m in doc.of("country")}
    countries |= {
        lexicon.entry("organization", m.entry).get("country") for m in doc.of("organization")
    }
    if home and home.get("home"):
        countries.add(home.get("home"))
    found: list[_Found] = []
    surnames_at: dict[int, set[str]] = {}
    for surname in doc.of("surname"):
        surnames_at.setdefault(surname.start, set()).add(surname.entry)
    for mention in alone:
        if token_text(doc, mention.token) in others:
            continue
        candidates = [lexicon.entry("person", e) for e in surnames_at[mention.start]]
        fitting = [p for p in candidates if p.get("country") in countries]
        if len(fitting) == 1:
            person = fitting[0]
            found.append(
                _Found(
                    [mention.token],
                    country=person.get("country") or None,
                    role=person.get("office") or None,
                    person=person.id,
                )
            )
    return found


def _plausible(doc: Doc, lexicon: Lexicon, tags: Tags, name: list[int], title: Mention) -> bool:
    """Whether the words after a title are a name. Latin names are capitalised; in Arabic
    script, which has no capitals, the name must follow a rank («سردار», «العميد»), stand in
    quotation marks, be known to the gazetteer, or open with a known given name."""
    first = name[0]
    if is_han(token_text(doc, first)[0]):
        return len(name) >= 2  # one character alone is a word, not a name
    if token_text(doc, first).isascii() or not ARABIC_SCRIPT.match(token_text(doc, first)):
        return not _title_cased(doc, first) or _named_elsewhere(doc, tags, name)
    if tags[first] & {"person", "surname", "given_name"}:
        return True
    if first > 0 and '"' in _gap(doc, first - 1, first):
        return True
    chain = starting_in(doc.of("title"), title.token, first)  # the title itself among them
    if any(lexicon.entry("title", m.entry).get("rank") == "yes" for m in chain):
        return True
    return _name_shaped(doc, tags, name)


def _title_cased(doc: Doc, index: int) -> bool:
    """Whether the sentence of the word at `index` capitalises every longer word, as
    headlines do ("Iranian Ambassador Confers With Austrian Interior Minister"): there a
    capital is no sign of a name."""
    sentence = doc.token_sentence[index]
    # a sentence's tokens stand together: token_sentence never goes down
    first = bisect.bisect_left(doc.token_sentence, sentence, 0, index)
    last = bisect.bisect_right(doc.token_sentence, sentence, index)
    words = [original_token(doc, i) for i in range(first, last)]
    longer = [w for w in words if len(w) >= settings.TITLE_CASE_WORD and w.isalpha()]
    return len(longer) >= settings.TITLE_CASE_WORDS and all(w[0].isupper() for w in longer)


def _named_elsewhere(doc: Doc, tags: Tags, name: list[int]) -> bool:
    """A name in a title-cased headline is one when a list knows a word of it or its last
    word is written again outside the headline ("Confers" is not)."""
    if any(tags[i] & {"person", "surname", "given_name"} for i in name):
        return True
    last, sentence = token_text(doc, name[-1]), doc.token_sentence[name[-1]]
    return any(
        doc.token_sentence[i] != sentence and word == last for i, word in enumerate(doc.words)
    )


def _name_shaped(doc: Doc, tags: Tags, name: list[int]) -> bool:
    """«وزير الخارجية خميس الجهيناوي، أن …», «رئيس يوروبول روب وينرايت: …»: in a script
    without capitals, an unknown name after an office is two to four words that the
    clause closes right after (punctuation, another title, a verb of saying; not a country,
    «الأمين العام لحزب الله اللبناني», nor «و» written on a word). Only the last
    word may open with the article (al-Jhinaoui): «السابق» (former) and «المنتخب» (elect)
    follow an office, and «مجلس النواب» (of the parliament) names a body, not a person."""
    after = name[-1] + 1
    if doc.lang != "ar":
        return False  # Persian and Urdu write a body's name after an office with no article
    words = [token_text(doc, i) for i in name]
    if len(name) < 2 or any(w.startswith(("ال", *_CLITIC_ARTICLE)) for w in words[:-1]):
        return False
    if words[-1].startswith(_CLITIC_ARTICLE):
        return False  # «للشؤون المغاربية»: "for the …" opens no name
    if after >= len(doc.tokens) or _breaks(_gap(doc, name[-1], after)):
        return True
    return "title" in tags[after] or any(
        m.concept == "cue" and m.kind == "speech"
        for m in starting_in(doc.mentions, after, after + 1)
    )


def _appositive(doc: Doc, lexicon: Lexicon, tags: Tags, item: _Found) -> None:
    """«سرلشکر «عبد المعید» رئیس ستاد ... پاکستان»: a title chain right after the name
    says what the name's own chain did not."""
    index = item.tokens[-1] + 1
    # "Tangsiri, the commander of the IRGC Navy": after a comma, the article opens the chain
    # ("Stanekzai, the acting defense minister": and the words of the office's standing)
    while (
        index < len(doc.tokens) - 1
        and _connector(doc, lexicon, index)
        and not tags[index] & _CHAIN
        and (
            _gap(doc, item.tokens[-1], index).strip() in _COMMAS
            if index == item.tokens[-1] + 1
            else not _breaks(_gap(doc, index - 1, index))
        )
    ):
        index += 1
    if index >= len(doc.tokens) or not tags[index] & _CHAIN or _with_clitic(doc, lexicon, index):
        return
    if _gap(doc, item.tokens[-1], item.tokens[-1] + 1).strip() not in {"", *_COMMAS}:
        return  # "… Muttaqi. Iranian Ambassador …": the next sentence is another's
    # the chain runs on through titles, bodies and countries, with at most two other words
    # between them («رئیس ستاد فرماندهی نیروی ...»), and stops at a verb, a cue or a comma
    end, gap = index, 0
    while end < len(doc.tokens) and end - index < settings.APPOSITIVE:
        if end > index and _breaks(_gap(doc, end - 1, end)):
            break
        if tags[end] & {"trigger", "commitment", "person"}:
            break
        # an agency's name runs through its subject: «نیروهای مبارزه با مواد مخدر پاکستان»
        gap = 0 if tags[end] & (_CHAIN | {"domain", "cue"}) else gap + 1
        if gap > settings.APPOSITIVE_GAP:
            break
        end += 1
    run = starting_in(doc.mentions, index, end)
    if index > item.tokens[-1] + 1 or not tags[index] & {"title", "organization"}:
        # opened by an article, a country or a body's word, the chain is an appositive only
        # where it has a title and a comma closes it on a word of the chain or the post it
        # names: "Tahani, the deputy commander of the Iranian Navy, said", "Jalali, the
        # Iranian ambassador to Moscow, met", not "with Khamenei, the Iraqi Prime Minister
        # stated" (the clause's subject)
        closed = end < len(doc.tokens) and _breaks(_gap(doc, end - 1, end))
        if not (closed and (tags[end - 1] & _CHAIN or _posted(doc, tags, end - 1))):
            return
        if not any(m.concept == "title" for m in run):
            return  # "Zarif, Iran and Pakistan agreed": a country alone is no appositive
    if any(m.concept == "title" and m.entry in _RELATIONAL for m in run):
        return  # "Yerlikaya, Iraklı mevkidaşı …": the counterpart is another person
    item.former = item.former or _former(run)
    for mention in run:
        if mention.concept == "title":
            title = lexicon.entry("title", mention.entry)
            if not item.role or (item.ranked and title.get("rank") != "yes"):
                item.role, item.ranked = title.get("role") or item.role, False
            org = lexicon.find("organization", title.get("org")) if title.get("org") else None
            if org:
                item.org = item.org or org.get("short") or None
                item.country = item.country or org.get("country") or None
        elif mention.concept == "organization":
            org = lexicon.entry("organization", mention.entry)
            item.org = item.org or org.get("short") or None
            item.country = item.country or org.get("country") or None
        elif mention.concept == "country":
            item.country = item.country or mention.entry


def _link(doc: Doc, lexicon: Lexicon, item: _Found) -> None:
    """Tie a name to the gazetteer when one of its words is a known person's name."""
    inside = [
        m
        for m in starting_in(doc.mentions, item.tokens[0], item.tokens[-1] + 1)
        if m.concept in ("person", "surname")
    ]
    people = [lexicon.entry("person", c) for c in sorted({m.entry for m in inside})]
    fitting = [
        p
        for p in people
        if (not item.country or p.get("country") == item.country)
        and _may_be(doc, lexicon, item, p, [m for m in inside if m.entry == p.id])
    ]
    if len(fitting) > 1:
        fitting = _closest(doc, item, fitting)
    if len(fitting) == 1:
        item.person = fitting[0].id
        item.country = item.country or fitting[0].get("country") or None
        for mention in inside:
            if mention.entry == item.person:
                last = mention.last
                item.tokens = list(range(item.tokens[0], max(last, item.tokens[-1]) + 1))


def _may_be(doc: Doc, lexicon: Lexicon, item: _Found, person: Entry, inside: list[Mention]) -> bool:
    """Whether a name holding a known person's surname can be that person: "Imran Khan" is
    not Chaudhry Nisar Ali Khan. Every other word of it must be a word of one of their
    names, or the whole near one of them (a full name matched is theirs; a Chinese name
    is one word)."""
    if any(m.concept == "person" for m in inside) or is_han(token_text(doc, item.tokens[0])[0]):
        return True
    theirs = {w for names in person.names.values() for n in names for w in fold_letters(n).split()}
    if all(
        token_text(doc, i) in theirs or token_text(doc, i) in lexicon.name_particles()
        for i in item.tokens
    ):
        return True
    # misspelt: «وانغ شياو يوهانغ»; but a name whose first word is another's is another
    # person ("Abdullah bin Zayed Al Nahyan" is not Saif bin Zayed Al Nahyan)
    return _first_word_near(doc, item, person) and bool(_nearest(doc, item, [person]))


def _first_word_near(doc: Doc, item: _Found, person: Entry) -> bool:
    from rapidfuzz import fuzz

    written = token_text(doc, item.tokens[0])
    firsts = {fold_letters(n).split()[0] for ns in person.names.values() for n in ns if n.strip()}
    return any(fuzz.ratio(written, first) >= settings.FUZZY for first in firsts)


def _closest(doc: Doc, item: _Found, people: list[Entry]) -> list[Entry]:
    """Among people sharing a surname («وانغ»), the one whose office is the title's, else
    the one whose full name is nearest the written one («وانغ شياو يوهانغ» is Wang Xiaohong,
    misspelt)."""
    if item.role:
        same_office = [p for p in people if p.get("office") == item.role]
        if len(same_office) == 1:
            return same_office
    return _nearest(doc, item, people)


def _nearest(doc: Doc, item: _Found, people: list[Entry]) -> list[Entry]:
    """The one person whose full name is nearest the written one, if near enough."""
    from rapidfuzz import fuzz

    written = fold_letters(
        doc.original(doc.tokens[item.tokens[0]].start, doc.tokens[item.tokens[-1]].end)
    )
    scored = sorted(
        (
            (
                max(fuzz.ratio(written, fold_letters(n)) for ns in p.names.values() for n in ns),
                p.id,
                p,
            )
            for p in people
        ),
        reverse=True,
    )
    if (
        scored
        and scored[0][0] >= settings.FUZZY
        and (len(scored) == 1 or scored[0][0] > scored[1][0])
    ):
        return [scored[0][2]]
    return []


def _token_tags(doc: Doc) -> Tags:
    """The concepts of the mentions over each token."""
    if c_token_tags is not None:  # the same in C: a pass over the mentions was 4 % of the time
        return c_token_tags(doc.mentions, len(doc.tokens), _ALONE, _UNTAGGED, "cue", _BODY)
    tags: Tags = [_UNTAGGED] * len(doc.tokens)  # one shared empty set: most tokens have none
    for mention in doc.mentions:
        concept = _BODY if mention.concept == "cue" and mention.kind == _BODY else mention.concept
        alone = _ALONE.get(concept)
        if alone is None:
            alone = _ALONE[concept] = frozenset({mention.concept, concept})
        for index in range(mention.token, mention.last + 1):
            held = tags[index]
            tags[index] = alone if held is _UNTAGGED else held | alone
    return tags


def _with_clitic(doc: Doc, lexicon: Lexicon, index: int) -> bool:
    """Whether the title at `index` has «و» (and) or a preposition written on it («برئيس»
    with the president, «والمستشارة» and the chancellor): it opens another's chain, not
    an appositive of the name before it."""
    word = token_text(doc, index)
    if word[:1] not in _CLITICS:
        return False
    for mention in starting_in(doc.of("title"), index, index + 1):
        names = lexicon.entry("title", mention.entry).names.get(doc.lang, ())
        first = {fold_letters(name).split()[0] for name in names if name.strip()}
        if word not in first and word[1:] in first:
            return True
    return False


def _after_particles(doc: Doc, lexicon: Lexicon, tags: Tags) -> None:
    """A word after a name's particle is the name's («محمد بن علي»: Ali, not «على» on),
    though a list of function words holds it too."""
    particles = lexicon.name_particles()
    for index in range(1, len(doc.tokens)):
        if (
            tags[index] == {"cue"}
            and token_text(doc, index - 1) in particles
            and not _breaks(_gap(doc, index - 1, index))
            and all(m.kind == "function" for m in starting_in(doc.mentions, index, index + 1))
        ):
            tags[index] = _UNTAGGED


def _gap(doc: Doc, before: int, after: int) -> str:
    """The characters between two tokens (punctuation tells where a name ends)."""
    return doc.text[doc.tokens[before].end : doc.tokens[after].start]


def _name_like(doc: Doc, tags: Tags, index: int) -> bool:
    if index < len(doc.tokens) and "person" in tags[index]:
        return True  # «عبد الأمير الشمري»: a known name, though «الأمير» is also a title
    if index >= len(doc.tokens) or tags[index] & _STOPS:
        return False
    text = token_text(doc, index)
    if text.isdigit() or (len(text) < 2 and not is_han(text)):
        return False
    first = original_token(doc, index)[:1]
    if first.lower() != first.upper():  # a script with capitals: names have them
        return first.isupper()
    return True


def _name_after(
    doc: Doc, lexicon: Lexicon, tags: Tags, start: int, chained: bool = False
) -> list[int]:
    """The name that a title chain starting before `start` leads to, as token indices."""
    index = start
    # skip the rest of the chain: more titles, countries, organisations, connectors
    while index < len(doc.tokens) and (
        tags[index] & _CHAIN or _connector(doc, lexicon, index) or _posted(doc, tags, index)
    ):
        if index > start and _breaks(_gap(doc, index - 1, index)):
            return []
        index += 1
    if index >= len(doc.tokens):
        return []
    # "Interior Minister, Peter Dutton, said": a name set off by commas after its title
    apart = index > 0 and _breaks(_gap(doc, index - 1, index))
    if apart and (_gap(doc, index - 1, index).strip() not in _COMMAS):
        return []
    quoted = '"' in _gap(doc, index - 1, index) if index > 0 else False
    name: list[int] = []
    limit = settings.MAX_NAME
    han = is_han(doc.text[doc.tokens[index].start])
    if han:
        limit = settings.MAX_HAN_NAME  # 部长王小洪: each character a token; a name of two to four
    while len(name) < limit and (
        _name_like(doc, tags, index) or (name and _particle(doc, lexicon, tags, index))
    ):
        if name and _breaks(_gap(doc, name[-1], index)):
            break
        if name and "person" in tags[name[-1]] and "person" not in tags[index]:
            break  # a known name ends where its gazetteer entry does
        if name and _conjoined(doc, tags, index):
            break  # «… ترامب والزعيم»: "and the leader" begins after the name
        if not _name_like(doc, tags, index) or token_text(doc, index) in lexicon.name_particles():
            limit += 1  # a particle is no word of the name's count («محمد بن زايد آل نهيان»)
        if han and name and _gap(doc, name[-1], index) in _HAN_NAME_JOINS:
            # «阿明娜·穆罕默德»: each part of a foreign name
            limit = len(name) + settings.MAX_HAN_NAME
        name.append(index)
        if quoted and '"' in _gap(doc, index, min(index + 1, len(doc.tokens) - 1)):
            break
        if _suffixed(doc, index):
            break  # "Erdoğan'ın": a case ending closes the name
        if len(name) >= 2 and token_text(doc, name[-2]) in _family_particles(lexicon):
            break  # «آل نهيان», "Al Thani": the family's name closes the name
        index += 1
    if not name or _of_body(doc, tags, name[-1]):
        return []
    # after a connector, capitalised words are the office's field ("the Minister of
    # Finance", «ministre de la Justice») when one word alone or before another title
    of_office = (
        name[0] > start
        and _connector(doc, lexicon, name[0] - 1)
        and original_token(doc, name[0])[:1].isupper()
    )
    if of_office and len(name) == 1:
        return []
    after = name[-1] + 1
    if apart and after < len(doc.tokens) and not _breaks(_gap(doc, name[-1], after)):
        # no closing comma: the words after a comma are not an appositive name, unless
        # another's title closes it («وزير الخارجية، خميس الجهيناوي برئيس الحكومة»)
        return name if "title" in tags[after] else []
    if (
        not han
        and not chained
        and after < len(doc.tokens)
        and "title" in tags[after]
        and not _breaks(_gap(doc, name[-1], after))
        and not any(m.entry in _RELATIONAL for m in starting_in(doc.of("title"), after, after + 1))
    ):
        # "Chief of Army Staff General Qamar Javed Bajwa": words between two titles are
        # part of the chain, and the name follows the second; «وزیر دفاع موریتانی و
        # «محمد …» معاون وزیر دفاع عربستان»: the name is the second title's. Not before
        # a counterpart: «… مايك بومبيو نظيره التركي» names Pompeo, then his counterpart
        second = _name_after(doc, lexicon, tags, after, chained=True)
        if second and any(_and(doc, lexicon, index) for index in range(after, second[0])):
            return name  # «سردار X فرمانده … و سردار Y»: a second chain after «and», Y's own
        if not second and (quoted or of_office):
            # «"X" نخست‌وزیر انگلیس»: a quoted name before a title is that title's; "Prime
            # Minister and Pacific Games Minister, X" names an office
            return []
        return second or name
    return name


def _of_body(doc: Doc, tags: Tags, last: int) -> bool:
    """Whether the words up to `last` begin a body's name: its word follows, within
    settings.BODY_REACH words and no break ("Supreme Judicial Council", "Royal Navy")."""
    for index in range(last + 1, min(last + 2 + settings.BODY_REACH, len(doc.tokens))):
        if _breaks(_gap(doc, index - 1, index)):
            return False
        if _BODY in tags[index]:
            return True
    return False


def _particle(doc: Doc, lexicon: Lexicon, tags: Tags, index: int) -> bool:
    """A small word inside a name ("Mosleh al-Ahbabi", "bin Zayed") followed by more of it."""
    return (
        index + 1 < len(doc.tokens)
        and token_text(doc, index) in lexicon.name_particles()
        and not _breaks(_gap(doc, index, index + 1))
        and _name_like(doc, tags, index + 1)
    )


def _conjoined(doc: Doc, tags: Tags, index: int) -> bool:
    """An Arabic word with «و» (and) or a preposition and the article written on it
    («والزعيم», «بالقائم», «للأمن»), not itself a known name: no part of a name."""
    word = token_text(doc, index)
    return (
        doc.lang == "ar"  # Persian and Urdu write «و» apart; their names may begin with it
        and len(word) > 3
        and (word.startswith("و") or word.startswith(_CLITIC_ARTICLE))
        and not tags[index] & {"person", "surname", "given_name"}
    )


def _suffixed(doc: Doc, index: int) -> bool:
    return _bare(original_token(doc, index), doc.lang) != original_token(doc, index)


def _bare(name: str, lang: str) -> str:
    """A name without the ending its language writes after an apostrophe."""
    suffix = _SUFFIXES.get(lang)
    # every ending follows an apostrophe: a name without one is read by no pattern (most
    # words are keyed so, in the merge)
    return suffix.sub("", name) if suffix and ("'" in name or "’" in name) else name


_BREAKING = frozenset(',.;:!?()[]\n"،؛、。')  # the marks that end a name


def _breaks(gap: str) -> bool:
    return not _BREAKING.isdisjoint(gap) and gap.strip() != '"'


def _appositive_country(doc: Doc, lexicon: Lexicon, tags: Tags, title: Mention) -> str | None:
    """The country named first in the run of offices before a Chinese name, back to the
    clause's start or the verb or person before them: one person's offices are listed with
    «、», the first naming whose they are («古巴共产党中央政治局委员、组织部部长莫拉莱斯»
    is Cuba's; in «公安部部长郭声琨会见缅甸内政部部长觉瑞» Kyaw Swe's run starts at 缅甸)."""
    start = title.token
    while start > 0 and start > title.token - settings.HAN_APPOSITIVE:
        gap = _gap(doc, start - 1, start)
        if (gap.strip() != _LIST_COMMA and _breaks(gap)) or tags[start - 1] & _OUTSIDE_OFFICES:
            break
        start -= 1
    for mention in starting_in(doc.mentions, start, title.token):
        if mention.concept in ("country", "organization") and not (
            mention.token > 0 and token_text(doc, mention.token - 1) in _POSTED_TO
        ):
            country = country_of(lexicon, mention)
            if country:
                return country
    return None


def _and(doc: Doc, lexicon: Lexicon, index: int) -> bool:
    """«And» in any language (cues.tsv's `and`)."""
    return token_text(doc, index) in lexicon.memo("extract.actors.and", lambda: frozenset(
        word for cue in lexicon.by_concept["cue"] if cue.get("cue") == "and"
        for words in cue.names.values() for word in words
    ))  # fmt: skip


def _posted(doc: Doc, tags: Tags, index: int) -> bool:
    """ "Ambassador to Tehran", "Iranian Ambassador to Iraq": the city or country where an
    official serves, and its preposition, are part of the title chain."""
    word = token_text(doc, index)
    if word in POSTED_AT:
        return index + 1 < len(doc.tokens) and bool(tags[index + 1] & _POSTS)
    return bool(tags[index] & _POSTS) and _posted_at(doc, index)


def _posted_at(doc: Doc, index: int) -> bool:
    """Whether the word at `index` follows a preposition of where an official serves."""
    return index > 0 and token_text(doc, index - 1) in POSTED_AT


def _connector(doc: Doc, lexicon: Lexicon, index: int) -> bool:
    """A word of any language that joins the parts of a title chain (languages.tsv)."""
    return token_text(doc, index) in lexicon.memo("extract.actors.connectors", lambda: frozenset(
        fold_letters(word) for language in lexicon.by_concept["language"]
        for word in language.get("connectors").split()
    ))  # fmt: skip


def _describe(doc: Doc, lexicon: Lexicon, tags: Tags, item: _Found, title: Mention) -> None:
    """Role, organisation and country from the chain around a title."""
    entry = lexicon.entry("title", title.entry)
    item.role = entry.get("role") or None
    item.ranked = entry.get("rank") == "yes"
    org_id = entry.get("org")
    chain_start = title.token
    if item.ranked and _after_an_office(doc, tags, title.token):
        # "deputy chief of the Russian General Staff, Vice-Admiral Igor Osipov": a rank set
        # off by a comma after an office is the office holder's, and so is its country
        chain_start -= 1
    while chain_start > 0 and not _breaks(_gap(doc, chain_start - 1, chain_start)):
        if tags[chain_start - 1] & _CHAIN:
            chain_start -= 1
        elif (
            chain_start > 1
            and token_text(doc, chain_start - 1) in _OF_WORDS
            and tags[chain_start - 2] & _CHAIN
            and not _breaks(_gap(doc, chain_start - 2, chain_start - 1))
        ):
            chain_start -= 2  # «مصر کے صدر»: Egypt's president; «伊朗驻伊拉克武官»
        else:
            break
    chain = [
        m
        for m in starting_in(doc.mentions, chain_start, item.tokens[0])
        if m.concept in _CHAIN
        and not (m.token > 0 and token_text(doc, m.token - 1) in _POSTED_TO)
        and not (
            m.concept == "country"
            and m.token > 1
            and _posted_at(doc, m.token)
            and "title" in tags[m.token - 2]
        )  # "Ambassador to Iraq", not "a letter to Pakistani Prime Minister"
    ]
    # «الأمين العام السابق», «وزیر سابق»: just before or after the title
    item.former = _former(starting_in(doc.mentions, max(chain_start - 1, 0), title.last + 2))
    for mention in chain:
        if mention.concept == "title":
            other = lexicon.entry("title", mention.entry)
            if other.get("rank") != "yes" and (not item.role or item.ranked):
                item.role, item.ranked = other.get("role") or item.role, False
            org_id = org_id or other.get("org")
        elif mention.concept == "organization" and not org_id:
            org_id = mention.entry
        elif mention.concept == "country" and not item.country:
            item.country = mention.entry
    if not item.country and is_han(token_text(doc, title.token)[0]):
        item.country = _appositive_country(doc, lexicon, tags, title)
    if org_id:
        org = lexicon.find("organization", org_id)
        if org:
            item.org = org.get("short") or org.name("en")
            item.country = item.country or org.get("country") or None


def _after_an_office(doc: Doc, tags: Tags, index: int) -> bool:
    """Whether the word at `index` follows a comma that closes a title chain on an office
    or a body's word («… في اليمن، العقيد X»: a country alone before the comma is where)."""
    return (
        index > 0
        and _gap(doc, index - 1, index).strip() in _COMMAS
        and bool(tags[index - 1] & _OFFICE_ENDS)
    )


def _former(mentions: list[Mention]) -> bool:
    return any(m.concept == "cue" and m.kind == "former" for m in mentions)


def _quoted_names_before_titles(doc: Doc, lexicon: Lexicon, tags: Tags) -> list[_Found]:
    """«"وانغ شياو يوهانغ"، عضو مجلس الدولة ووزير الأمن العام»: a quoted name then a title;
    in the Arabic script, also an unquoted one that opens with a known given name."""
    out: list[_Found] = []
    for title in doc.of("title"):
        index = title.token - 1
        if index < 1:
            continue
        if '"' in _gap(doc, index, title.token):
            name: list[int] = []
            while index >= 0 and len(name) < settings.MAX_NAME and _name_like(doc, tags, index):
                name.insert(0, index)
                if index == 0 or '"' in _gap(doc, index - 1, index):
                    break
                index -= 1
            if not (name and index > 0 and '"' in _gap(doc, name[0] - 1, name[0])):
                continue
            reach = title.token + settings.QUOTED_REACH
        else:
            name = _given_name_before(doc, tags, title)
            if not name:
                continue
            reach = title.last + 1  # unquoted, the chain ends at the first other word
            while reach < len(doc.tokens) and tags[reach] & _CHAIN:
                reach += 1
        item = _Found(name)
        _describe(doc, lexicon, tags, item, title)
        if _gap(doc, name[-1], title.token).strip() in _COMMAS:
            # «محمد بن علي كومان، الأمين العام لمجلس …»: set off by a comma, the title is
            # an appositive, read as one through the words of its body
            _appositive(doc, lexicon, tags, item)
        after = [
            m
            for m in starting_in(doc.mentions, title.token, reach)
            if m.concept in ("country", "organization") and m.sentence == title.sentence
        ]
        for mention in after:
            if mention.concept == "country" and not item.country:
                item.country = mention.entry
            elif mention.concept == "organization" and not item.org:
                org = lexicon.entry("organization", mention.entry)
                item.org = org.get("short") or None
                item.country = item.country or org.get("country") or None
        _link(doc, lexicon, item)
        out.append(item)
    return out


def _names_before_appositives(doc: Doc, lexicon: Lexicon, tags: Tags) -> list[_Found]:
    """ "Mohammad Hossein Baqeri, chief of staff of the Iranian armed forces", "Alireza
    Tangsiri, the commander of the IRGC Navy": in a script with capitals, two to four
    capitalised words set off by a comma before a title chain are a name, and the chain
    says who they are."""
    out: list[_Found] = []
    for title in doc.of("title"):
        index = title.token - 1
        # the rest of the chain and its article: ", the commander", ", Iranian armed forces
        # deputy chief of staff"
        while (
            index > 0
            and not _breaks(_gap(doc, index, index + 1))
            and (tags[index] & _CHAIN or _connector(doc, lexicon, index))
        ):
            index -= 1
        if index < 1 or _gap(doc, index, index + 1).strip() not in _COMMAS:
            continue
        name: list[int] = []
        while index >= 0 and len(name) <= settings.MAX_NAME and _name_like(doc, tags, index):
            if name and _breaks(_gap(doc, index, name[0])):
                break
            name.insert(0, index)
            index -= 1
        first = original_token(doc, name[0])[:1] if name else ""
        if not 2 <= len(name) <= settings.MAX_NAME or first.lower() == first.upper():
            continue  # one word ("On Friday, the commander") or a script without capitals
        if index >= 0 and tags[index] & _CHAIN and not _breaks(_gap(doc, index, name[0])):
            continue  # the name of the title before it: read from there
        item = _Found(name)
        _appositive(doc, lexicon, tags, item)
        if item.role:
            _link(doc, lexicon, item)
            out.append(item)
    return out


def _given_name_before(doc: Doc, tags: Tags, title: Mention) -> list[int]:
    """«وقع خالد بن سيف الرواحي وزير الداخلية»: in the Arabic script, which has no capitals,
    a name right before a title, with nothing or a comma between, that opens with a known
    given name (and is not the name a title before it leads to)."""
    gap = _gap(doc, title.token - 1, title.token)
    if not ARABIC_SCRIPT.match(token_text(doc, title.token)) or (
        # Arabic news sets a name off by a comma before its office: «قال محمد بن علي
        # كومان، الأمين العام»; Persian so names the dead honoured or the absent
        _breaks(gap) and (gap.strip() not in _COMMAS or doc.lang != "ar")
    ):
        return []
    index = title.token - 1
    run: list[int] = []
    while index >= 0 and len(run) < settings.MAX_NAME and _name_like(doc, tags, index):
        if run and _breaks(_gap(doc, index, run[0])):
            break
        run.insert(0, index)
        index -= 1
    if index >= 0 and "title" in tags[index]:
        return []  # «وزير الداخلية خالد الرواحي وزير …»: the name of the title before it
    while run and "given_name" not in tags[run[0]]:
        run.pop(0)
    return run if len(run) >= 2 else []


def _merge(doc: Doc, lexicon: Lexicon, found: list[_Found], alone: list[Mention]) -> list[Actor]:
    """One actor per person: names sharing their last word, or one gazetteer id, are one."""
    groups: dict[str, _Found] = {}
    # the first group (in the order they were made) whose key or last word is the item's:
    # looked up by each, not by a pass over the groups for each item
    made: dict[str, int] = {}
    last_of: dict[str, str] = {}
    by_last: dict[str, set[str]] = {}
    for item in found:
        last = _key(token_text(doc, item.tokens[-1]), doc.lang)
        key = item.person or last
        same = by_last.get(last, set()) | ({key} if key in groups else set())
        if same:
            key = min(same, key=made.__getitem__)
        if key not in groups:
            groups[key] = item
            made[key] = len(made)
            last_of[key] = last
            by_last.setdefault(last, set()).add(key)
            continue
        kept = groups[key]
        if len(item.tokens) > len(kept.tokens) and not kept.person:
            kept.tokens = item.tokens
            by_last[last_of[key]].discard(key)
            last_of[key] = _key(token_text(doc, kept.tokens[-1]), doc.lang)
            by_last.setdefault(last_of[key], set()).add(key)
        _absorb(kept, item)
        kept.person = kept.person or item.person
    if not groups:
        return []
    # each last word's key → the tokens that carry it. A word keys to a last word only as
    # that word, with «ال» before it or with an ending after an apostrophe: only those of
    # the text's words are keyed, then the text's words looked up (keyed where each stood,
    # the words were 10 % of the extraction's time)
    lasts = {_key(token_text(doc, item.tokens[-1]), doc.lang) for item in groups.values()}
    present = set(doc.words)
    candidates = present & {*lasts, *(_ARTICLE + last for last in lasts)}
    if doc.lang in _SUFFIXES:
        candidates.update(w for w in present if "'" in w or "’" in w)
    keys: dict[str, str] = {}
    for word in candidates:
        bare = _bare(word, doc.lang)
        if bare in lasts or (len(bare) > 4 and bare[2:] in lasts):
            key = _key(bare, doc.lang)
            if key in lasts:
                keys[word] = key
    where: dict[str, list[int]] = {}
    if keys:
        for index, word in enumerate(doc.words):
            if word in keys:
                where.setdefault(keys[word], []).append(index)
    for mention in alone:
        where.setdefault("\x00" + mention.entry, []).append(mention.token)
    into = _shortened(doc, lexicon, groups)
    indices_of: dict[str, set[int]] = {}
    for key, item in groups.items():
        last = _key(token_text(doc, item.tokens[-1]), doc.lang)
        indices = {item.tokens[0], *where.get(last, ())}
        if item.person:
            indices.update(where.get("\x00" + item.person, ()))
        indices_of.setdefault(into.get(key, key), set()).update(indices)
        if key in into:
            _absorb(groups[into[key]], item)
    actors: list[Actor] = []
    for key, item in groups.items():
        if key in into:
            continue
        indices = indices_of[key]
        positions = {doc.tokens[i].start for i in indices}
        sentences = {doc.token_sentence[i] for i in indices}
        start, end = _name_start(doc, lexicon, item.tokens[0]), doc.tokens[item.tokens[-1]].end
        name = _bare(doc.original(start, end).strip('"«» '), doc.lang)
        entry = lexicon.find("person", item.person) if item.person else None
        if entry and not item.country:
            item.country = entry.get("country") or None
        actors.append(
            Actor(
                name=name,
                name_latn=entry.name("en") if entry else _latin(doc, lexicon, item.tokens, name),
                country=item.country,
                role=item.role,
                org=item.org,
                sentences=tuple(sorted(sentences)),
                id=entry.id if entry else None,
                evidence=(doc.evidence(start, end),),
                positions=tuple(sorted(positions)),
            )
        )
    return actors


def _family_particles(lexicon: Lexicon) -> frozenset[str]:
    """The forms of the particle before a family's name (particles.tsv `al`: «آل», Al; a
    token of its own, folded as the text is)."""
    return lexicon.memo("extract.actors.family_particles", lambda: frozenset(
        fold_letters(form).lower()
        for forms in lexicon.entry("particle", "al").names.values() for form in forms
    ))  # fmt: skip


def _absorb(kept: _Found, item: _Found) -> None:
    """What another mention of the same person says that the kept one does not."""
    kept.country = kept.country or item.country
    kept.role = kept.role or item.role
    kept.org = kept.org or item.org


def _shortened(doc: Doc, lexicon: Lexicon, groups: dict[str, _Found]) -> dict[str, str]:
    """The names that open one longer name of the text, each to that name's key: "Xi"
    after "Xi Jinping", «محمد بن زايد» beside «محمد بن زايد آل نهيان» are one person
    written short (a known person's name is not another known person's). The longer
    name goes on in capitals or, in a script without them, after a particle: «فؤاد معصوم
    بنجاح» (Masum, with the success of) is the name run on into the sentence."""
    words = {key: [doc.words[i] for i in item.tokens] for key, item in groups.items()}
    into: dict[str, str] = {}
    for key, short in words.items():
        longer = [
            other
            for other, full in words.items()
            if len(full) > len(short)
            and full[: len(short)] == short
            and _goes_on(doc, lexicon, groups[other].tokens[len(short) :])
        ]
        if len(longer) == 1 and groups[key].person in (None, groups[longer[0]].person):
            into[key] = longer[0]
    return into


def _goes_on(doc: Doc, lexicon: Lexicon, rest: list[int]) -> bool:
    """Whether the words `rest` continue a name: capitalised, or opened by a particle."""
    first = original_token(doc, rest[0])[:1]
    if first.lower() != first.upper():
        return all(original_token(doc, i)[:1].isupper() for i in rest)
    return token_text(doc, rest[0]) in lexicon.name_particles()


def _name_start(doc: Doc, lexicon: Lexicon, index: int) -> int:
    """Where a name begins in its first word: after a «و» (and) written on a known given
    name that does not itself begin with one («وکامران» is «و» and Kamran; «وحید» is Vahid)."""
    token = doc.tokens[index]
    if not doc.text.startswith("و", token.start):
        return token.start
    for mention in starting_in(doc.of("given_name"), index, index + 1):
        names = lexicon.entry("given_name", mention.entry).names.get(doc.lang, ())
        if names and not any(name.startswith("و") for name in names):
            return token.start + 1
    return token.start


def _latin(doc: Doc, lexicon: Lexicon, tokens: list[int], name: str) -> str:
    """A Latin form of a name: a known given name as the given-name list writes it
    («رضا» Reza, not "Rza"), the other words letter by letter; a Latin name as written."""
    if romanise(name) == name:
        return name
    given = {m.token: m for m in starting_in(doc.of("given_name"), tokens[0], tokens[-1] + 1)}
    words: list[str] = []
    index = tokens[0]
    while index <= tokens[-1]:
        written = _bare(original_token(doc, index), doc.lang).strip('"«» ')
        mention = given.get(index)
        if mention and mention.last < tokens[-1]:  # a given name opens a name, never ends it
            words.append(lexicon.entry("given_name", mention.entry).name("en"))
            index = mention.last + 1
            continue
        words.append(romanise(written))
        index += 1
    return " ".join(w for w in words if w)


_ARTICLE = "ال"  # written on an Arabic word: «الشمري» is «شمري» once keyed


def _key(token: str, lang: str) -> str:
    token = _bare(token, lang)
    return token.removeprefix(_ARTICLE) if len(token) > 4 else token
