"""Alerts: the rules of the source list checked on each round's new articles, each match
kept once in the store (table `alerts`, one row per rule and subject, so that a match
fires once however often it is seen), written as a JSON line on stdout, served as an Atom
feed by `accords serve` (accords.web.alerts), and POSTed to the rule's webhook by a
thread of its own, retried with backoff, so that a slow receiver never holds a round.

What a rule watches for (`when`):
- event: each new event that meets the rule's conditions;
- kept: a commitment of the rule's sides that a new event keeps;
- stale: a commitment of the rule's sides that turns stale as the newest report moves on;
- new_language: a story that gets a report in a language none of its reports had.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import IO, Any

from sqlalchemy import Connection, and_, func, select, update

from accords.closing import Closing
from accords.ingest.fetch import USER_AGENT
from accords.link.followup import REPEAT_WITHIN_DAYS, STALE_AFTER_DAYS, FollowUp, follow_up
from accords.model import Event
from accords.store import Store
from accords.store.pending import upsert
from accords.store.rebuild import StoredArticle, report_key, stored_articles
from accords.store.schema import alerts, articles, commitments, events, watch_marks
from accords.watch.config import Rule

WEBHOOK_TRIES = 6  # 1 + 5 retries, 2 s to a minute apart: about two minutes in all
WEBHOOK_FIRST_WAIT = 2.0
WEBHOOK_TIMEOUT = 10.0
ALERTS_MARK = "alerts"
_MARK = watch_marks.c.name == ALERTS_MARK


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    subject: str  # what fired it, unique per rule: "event:<article>#<n>", "kept:..."
    title: str
    payload: dict[str, Any]


def matches(rule: Rule, event: Event, lang: str | None) -> bool:
    """Whether an event (reported in `lang`) meets every condition of the rule."""
    sides = set(event.countries)
    if rule.countries and not rule.countries & sides:
        return False
    if rule.pair and not rule.pair <= sides:
        return False
    if rule.domains and not rule.domains & set(event.domains):
        return False
    if rule.types and str(event.type) not in rule.types:
        return False
    if rule.languages and lang not in rule.languages:
        return False
    if rule.people:
        names = {a.name_latn.casefold() for a in event.actors} | {
            a.name.casefold() for a in event.actors
        }
        if not any(person in name for person in rule.people for name in names):
            return False
    return True


def find(
    connection: Connection,
    rules: Iterable[Rule],
    article_ids: Collection[int],
    *,
    stale_after: int = STALE_AFTER_DAYS,
) -> list[Match]:
    """The matches of the rules among the new articles (stored and linked)."""
    rules = list(rules)
    new = list(stored_articles(connection, article_ids=article_ids))
    found: list[Match] = []
    for rule in (r for r in rules if r.when == "event"):
        for article in new:
            for position, event in enumerate(article.extraction.events):
                if matches(rule, event, article.lang):
                    found.append(_event_match(rule, article, position, event))
    wanted = [r for r in rules if r.when == "new_language"]
    if wanted:
        found.extend(_new_languages(connection, wanted, new))
    wanted = [r for r in rules if r.when in ("kept", "stale")]
    if wanted:
        found.extend(_commitments(connection, wanted, new, stale_after))
    return found


def _event_match(rule: Rule, article: StoredArticle, position: int, event: Event) -> Match:
    sides = "–".join(event.countries + [f"org:{o}" for o in event.orgs])
    title = f"{event.type} {sides} {event.date or ''}".strip()
    return Match(rule, f"event:{article.key}#{position}", title, {
        "rule": rule.name, "when": "event", "title": title, "type": str(event.type),
        "countries": event.countries, "orgs": event.orgs, "domains": event.domains,
        "people": [a.name_latn for a in event.actors], "date": event.date,
        "story": event.story, "gist": event.gist, "lang": article.lang,
        "source": article.source, "page": f"/events/{article.event_ids[position]}",
    })  # fmt: skip


def _new_languages(
    connection: Connection, rules: list[Rule], new: list[StoredArticle]
) -> Iterator[Match]:
    ours = {a.id for a in new}
    for article in new:
        for event in article.extraction.events:
            if not event.story:
                continue
            before = set(
                connection.scalars(
                    select(articles.c.lang)
                    .distinct()
                    .join(events, events.c.article_id == articles.c.id)
                    .where(events.c.story == event.story, articles.c.id.not_in(ours))
                )
            )
            if not before or article.lang in before:
                continue  # a story's first report, or a language it has
            for rule in rules:
                if matches(rule, event, article.lang):
                    title = f"story {event.story} now also in {article.lang}"
                    yield Match(rule, f"lang:{event.story}:{article.lang}", title, {
                        "rule": rule.name, "when": "new_language", "title": title,
                        "story": event.story, "lang": article.lang,
                        "languages_before": sorted(x or "und" for x in before),
                        "countries": event.countries, "source": article.source,
                        "page": f"/articles/{article.id}",
                    })  # fmt: skip


def _commitments(
    connection: Connection, rules: list[Rule], new: list[StoredArticle], stale_after: int
) -> Iterator[Match]:
    """Commitments a new event keeps, and those the round's newest day makes stale: the
    follow-up of the articles of the sides concerned, in the days that can matter."""
    newest_before = _newest_day(connection, exclude={a.id for a in new})
    newest = _newest_day(connection, exclude=set())
    scope: set[int] = {a.id for a in new}
    reach = timedelta(days=stale_after + REPEAT_WITHIN_DAYS)
    for article in new:
        for event in article.extraction.events:
            day = _day(event.date) or article.published
            if day and len(event.countries) >= 2:
                scope |= _articles_of(connection, event.countries, day - reach, day)
    if newest and newest_before and newest > newest_before:
        # commitments last stated in the days that the newest day's move makes stale
        low = newest_before - timedelta(days=stale_after)
        high = newest - timedelta(days=stale_after)
        scope |= _stated_between(connection, low, high)
        for article in stored_articles(connection, article_ids=list(scope)):
            for commitment in article.extraction.commitments:
                sides = [*commitment.by, *commitment.to]
                if len(sides) >= 2:
                    scope |= _articles_of(connection, sides, low - reach, newest)
    rows = list(stored_articles(connection, article_ids=list(scope)))
    new_keys = {report_key(a.id) for a in new}
    sources = {report_key(a.id): a.source for a in rows}
    for found in follow_up(
        [(report_key(a.id), a.published, a.extraction) for a in rows], stale_after=stale_after
    ):
        parties = set(found.by) | set(found.to)
        kept = found.kept is not None and found.kept.event.report in new_keys
        stale = (
            found.kept is None
            and found.last_day is not None
            and newest is not None
            and newest_before is not None
            and (newest_before - found.last_day).days
            <= stale_after
            < (newest - found.last_day).days
        )
        for rule in rules:
            if not ((rule.when == "kept" and kept) or (rule.when == "stale" and stale)):
                continue
            if rule.countries and not rule.countries & parties:
                continue
            if rule.pair and not rule.pair <= parties:
                continue
            if rule.domains and not rule.domains & set(found.domains):
                continue
            yield _commitment_match(rule, found, sources)


def _commitment_match(rule: Rule, found: FollowUp, sources: dict[str, str]) -> Match:
    row = found.to_dict()
    row["first_report"] = sources.get(found.first_report, found.first_report)
    row["reports"] = [sources.get(r, r) for r in found.reports]
    by = " ".join(found.by)
    title = f"{by}: {found.kind} {found.status}: {found.action}"
    subject = f"{rule.when}:{by}>{' '.join(found.to)}:{found.first_report}:{found.action}"
    return Match(rule, subject[:200], title, {"rule": rule.name, "when": rule.when,
                                              "title": title, **row})  # fmt: skip


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _newest_day(connection: Connection, exclude: set[int]) -> date | None:
    statement = select(func.max(articles.c.published))
    if exclude:
        statement = statement.where(articles.c.id.not_in(exclude))
    value = connection.scalar(statement)
    return value if isinstance(value, date) else None


def _articles_of(connection: Connection, sides: Iterable[str], low: date, high: date) -> set[int]:
    """Articles with an event or a commitment of all the sides, in the days given."""
    codes = sorted(set(sides))[:2]
    by_event = select(events.c.article_id).where(
        events.c.day.between(low.isoformat(), high.isoformat()),
        *[(" " + events.c.countries + " ").like(f"% {c} %") for c in codes],
    )
    stated = " " + commitments.c.by_countries + " " + commitments.c.to_countries + " "
    by_commitment = (
        select(commitments.c.article_id)
        .join(articles, articles.c.id == commitments.c.article_id)
        .where(articles.c.published.between(low, high), *[stated.like(f"% {c} %") for c in codes])
    )
    return set(connection.scalars(by_event)) | set(connection.scalars(by_commitment))


def _stated_between(connection: Connection, low: date, high: date) -> set[int]:
    statement = (
        select(commitments.c.article_id)
        .join(articles, articles.c.id == commitments.c.article_id)
        .where(and_(articles.c.published > low, articles.c.published <= high))
    )
    return set(connection.scalars(statement))


class Alerter(Closing):
    """Checks the rules after each round, records and tells each match once, and sends
    webhooks from a thread of its own (those a stopped watch did not send go at start)."""

    def __init__(
        self,
        store: Store,
        rules: Iterable[Rule],
        *,
        out: IO[str],
        post: Callable[[str, bytes], None] | None = None,
        first_wait: float = WEBHOOK_FIRST_WAIT,
    ) -> None:
        self.store = store
        self.rules = list(rules)
        self.out = out
        self.post = post or _post
        self.first_wait = first_wait
        self._queue: queue.Queue[tuple[int, str, bytes] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def check(self, article_ids: Collection[int]) -> list[Match]:
        """Record, print and send the matches among the new articles, and those stored
        since the last check (by a round that stopped before its check); the new ones."""
        if not self.rules:
            return []
        with self.store.reading() as connection:
            checked = connection.scalar(select(watch_marks.c.value).where(_MARK))
            newest = connection.scalar(select(func.max(articles.c.id))) or 0
            since = connection.scalars(
                select(articles.c.id).where(articles.c.id > (checked or 0))
            ).all() if checked is not None else []  # fmt: skip
            found = find(connection, self.rules, {*article_ids, *since})
        fresh = self._tell(found)
        self._mark(newest)
        return fresh

    def _mark(self, newest: int) -> None:
        with self.store.writing() as connection:
            insert = upsert(connection)(watch_marks).values(name=ALERTS_MARK, value=newest)
            connection.execute(
                insert.on_conflict_do_update(index_elements=["name"], set_={"value": newest})
            )

    def _tell(self, found: list[Match]) -> list[Match]:
        fresh: list[Match] = []
        for match in found:
            alert_id = self._record(match)
            if alert_id is None:
                continue  # fired before
            fresh.append(match)
            line = json.dumps(match.payload, ensure_ascii=False, default=str)
            self.out.write(line + "\n")
            self.out.flush()
            if match.rule.webhook:
                self._send(alert_id, match.rule.webhook, line.encode("utf-8"))
        return fresh

    def _record(self, match: Match) -> int | None:
        with self.store.writing() as connection:
            statement = (
                upsert(connection)(alerts)
                .values(
                    rule=match.rule.name, subject=match.subject, title=match.title,
                    payload=json.dumps(match.payload, ensure_ascii=False, default=str),
                    fired_at=datetime.now(UTC), attempts=0,
                )
                .on_conflict_do_nothing(index_elements=["rule", "subject"])
                .returning(alerts.c.id)
            )  # fmt: skip
            alert_id: int | None = connection.scalar(statement)
            return alert_id

    def resend(self) -> None:
        """Queue the webhooks a stopped watch did not deliver, of the rules still given."""
        hooks = {r.name: r.webhook for r in self.rules if r.webhook}
        if not hooks:
            return
        with self.store.reading() as connection:
            rows = connection.execute(
                select(alerts.c.id, alerts.c.rule, alerts.c.payload).where(
                    alerts.c.delivered_at.is_(None),
                    alerts.c.attempts < WEBHOOK_TRIES,
                    alerts.c.rule.in_(list(hooks)),
                )
            ).all()
        for row in rows:
            self._send(row.id, hooks[row.rule], row.payload.encode("utf-8"))

    def _send(self, alert_id: int, url: str, body: bytes) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._deliver, name="webhooks", daemon=True)
            self._thread.start()
        self._queue.put((alert_id, url, body))

    def _deliver(self) -> None:
        while (job := self._queue.get()) is not None:
            alert_id, url, body = job
            wait = self.first_wait
            for attempt in range(1, WEBHOOK_TRIES + 1):
                delivered = _try(self.post, url, body)
                self._note(alert_id, attempt, delivered)
                if delivered:
                    break
                time.sleep(wait)
                wait = min(wait * 2, 60.0)

    def _note(self, alert_id: int, attempts: int, delivered: bool) -> None:
        values: dict[str, Any] = {"attempts": attempts}
        if delivered:
            values["delivered_at"] = datetime.now(UTC)
        with self.store.writing() as connection:
            connection.execute(update(alerts).where(alerts.c.id == alert_id).values(**values))

    def close(self, timeout: float = 5.0) -> None:
        """Let the queued webhooks go for up to `timeout` seconds; the rest go next start."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)

    def __enter__(self) -> Alerter:
        with self.store.reading() as connection:
            started = connection.scalar(select(watch_marks.c.value).where(_MARK)) is not None
            newest = connection.scalar(select(func.max(articles.c.id))) or 0
        if not started:
            self._mark(newest)  # what the store held before the first watch is not news
        self.resend()
        return self


def _try(post: Callable[[str, bytes], None], url: str, body: bytes) -> bool:
    try:
        post(url, body)
    except Exception:  # any failure of the receiver's is one more try, never a crash
        return False
    return True


def _post(url: str, body: bytes) -> None:
    import httpx

    reply = httpx.post(
        url,
        content=body,
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
        timeout=WEBHOOK_TIMEOUT,
    )
    reply.raise_for_status()
