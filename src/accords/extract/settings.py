"""The weights and thresholds of extraction, in one table: what each weighs and why.

Numbers, not language: a reach counts tokens (a Chinese character is one) unless it says
characters. The words these apply to are lexicon data; tune a value here, never a copy.
"""

from typing import Final

# Events: which words a future, a wish or a negation governs
NEGATION_REACH: Final = 3  # tokens from a negation to the word it denies («did not sign»)
CLAUSE_BEFORE: Final = 8  # a future or a marker governs the clause it opens, this far on
CLAUSE_AFTER: Final = 4  # and, in verb-final Persian, the few words before it («امضا خواهد شد»)
MEETING_FUTURE_REACH: Final = 3  # only a future right beside a meeting noun unmakes the meeting
MEETING_REACH: Final = 4  # tokens between a body's name and its meeting's word («SCO summit»)

# Events: talks or deeds, whichever family the report tells as its news
HEADLINE_WEIGHT: Final = 3.0  # a trigger in the headline tells the news most
LEAD_WEIGHT: Final = 2.0  # one in the lead, less
BODY_WEIGHT: Final = 1.0  # one further down, least

# Events: the scope, security against out-of-scope cues in the headline, lead, event sentences
SCOPE_DOMAIN: Final = 1  # a domain word (drugs, terrorism): security
SCOPE_BODY: Final = 0.5  # an organization named: half, since forums meet on anything
SCOPE_CUE: Final = 1  # a security-scope cue for security, an out-of-scope cue (oil) against
SCOPE_MIN: Final = 1  # security weighs at least this, and more than what is out of scope

# Events: the sides, a country's weight from where it is named (once per sentence)
SIDE_NAMED: Final = 1.0  # named in a news sentence at all
SIDE_HEADLINE: Final = 2  # added in the headline: it names the parties
SIDE_LEAD: Final = 2  # added in the lead, which tells the news
SIDE_TRIGGER: Final = 1.5  # added in a sentence reporting the event
SIDE_OPENING_PERSON: Final = 3  # per opening sentence of a person of its own: one who takes part
SIDE_MIN: Final = 3.0  # a side weighs at least this (the home country of unnamed persons gets it)
SIDE_SHARE: Final = 0.34  # and this share of the heaviest: one named in passing stays under

# Actors: how far a name, an office and a body's name run
BODY_REACH: Final = 2  # words of a body's name between a candidate name and the body's word
MAX_NAME: Final = 4  # words of a person's name
MAX_HAN_NAME: Final = 4  # Chinese characters of a name (部长王小洪: two to four)
PAIRED_COUNTRIES: Final = 3  # tokens apart, two countries are named together (Iran and Pakistan)
HAN_APPOSITIVE: Final = 40  # characters of offices before a Chinese name
APPOSITIVE: Final = 12  # tokens of an agency's name after a title, subject words included
APPOSITIVE_GAP: Final = 2  # words of no office or subject within it before it ends
QUOTED_REACH: Final = 9  # tokens after a title where the chain of a quoted name may end
FUZZY: Final = 70  # rapidfuzz ratio over folded names for a misspelt known name
# a headline whose words of TITLE_CASE_WORD letters or more, at least TITLE_CASE_WORDS of
# them, are all capitalised is title case: its capitals mark no names
TITLE_CASE_WORD: Final = 4
TITLE_CASE_WORDS: Final = 4

# Commitments: what a promise's text and parties span
ACTION_WORDS: Final = 14  # words of the step promised, quoted as its action
SPEECH_REACH: Final = 4  # a word of speech this near a comma makes it end a clause
SPEAKER_REACH: Final = 6  # tokens between a word of speech and the name of who speaks
VERB_TAIL: Final = 2  # words after a marker that still close its verb («خواهند کرد»)
SUBJECT_AFTER: Final = 3  # Arabic: a party this near after the marker commits («تعهد العراق»)
INVITER: Final = 16  # tokens between «应» and its invitation: the inviter's name and title
SAME_ACTION: Final = 0.6  # share of shared words that makes two actions one
