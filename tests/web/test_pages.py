"""The commitments board: for a kept promise the one event that kept it, its date and its
report; for a stale one the days since it was made; and the same statuses as the API and
`accords commitments`, with the server's --stale-after."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from accords.web.app import create_app
from tests.web.conftest import Filled


def _column(page: str, status: str) -> str:
    found = re.search(rf'<section class="column column-{status}".*?</section>', page, re.S)
    assert found, f"no {status} column"
    return found.group(0)


def test_pages_board_names_the_event_that_kept_it_and_its_report(
    client: TestClient, filled: Filled
) -> None:
    kept = _column(client.get("/commitments").text, "kept")
    signing = filled.events["signing"]
    assert f'<a class="kept-by" href="/events/{signing}">AGREE (sign) #{signing}</a>' in kept
    assert "Kept on 2024-04-17" in kept
    assert f'href="/articles/{filled.articles["signing"]}"' in kept
    assert "امضای تفاهم‌نامه" in kept  # the title of the signing's report
    assert f'href="/events/{filled.events["fa"]}"' not in kept  # nor the talks of its story


def test_pages_board_and_api_follow_the_servers_stale_after(filled: Filled) -> None:
    with TestClient(create_app(filled.store, stale_after=1)) as client:
        answer = client.get("/api/commitments", params={"status": "stale"}).json()
        stale = _column(client.get("/commitments").text, "stale")
    pledge = next(c for c in answer["items"] if c["action"] == "sign a memorandum of understanding")
    # made on 16 January, the newest report of 18 April: no signing within a day of it
    assert (pledge["kept_by"], pledge["days_since_made"]) == (None, 93)
    assert "sign a memorandum of understanding" in stale
    assert "Made 93 days before the newest report" in stale


def test_pages_board_changes_when_a_relink_moves_a_story_only(
    client: TestClient, filled: Filled
) -> None:
    """A relink that only moves stories changes no count, and yet what was kept: a report of
    the signing where the pledge was made (same story, same type) does not keep it."""
    from sqlalchemy import update

    from accords.store.followups import refollow
    from accords.store.schema import events
    from accords.store.stories import SET_STORY

    signing = filled.events["signing"]
    with filled.store.writing() as connection:  # the pledge's report tells of a signing too
        made = update(events).where(events.c.id == filled.events["en"])
        connection.execute(made.values(type="AGREE"))
        refollow(connection)
    assert f"/events/{signing}" in _column(client.get("/commitments").text, "kept")
    with filled.store.writing() as connection:  # relinked: the signing joins that story
        connection.execute(SET_STORY, [{"event_id": signing, "new_story": "s-muscat"}])
        refollow(connection)
    kept = _column(client.get("/commitments").text, "kept")
    assert f"/events/{signing}" not in kept
    with TestClient(create_app(filled.store)) as fresh:  # what a server started now shows
        assert kept == _column(fresh.get("/commitments").text, "kept")
