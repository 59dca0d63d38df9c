"""Delivery: who gets which briefing, once, over a real SMTP server on loopback."""

from __future__ import annotations

import email
import email.policy
import io
import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from jobs import archive, delivery, pipeline, state
from jobs.cli import app
from jobs.config import Config, MailConfig, Subscription
from jobs.models import Actor, ArticleRef, Event, Position, PositionEvidence
from tests.test_mail import PASSWORD, Inbox, certificate, free_port, make_pdf, parts, start_server, tls_smtp  # noqa: F401
from tests.test_schedule import MODEL, ROOT, sample_articles, write_jsonl

# --- who wants what (no model) ------------------------------------------------


def event(
    event_id: str = "ev-1",
    *,
    title: str = "Talks resume in Geneva",
    actors: tuple[tuple[str, tuple[str, ...]], ...] = (),
    summary: tuple[str, ...] = (),
    quotes: tuple[str, ...] = (),
    version: int = 1,
) -> Event:
    return Event(
        id=event_id,
        title=title,
        summary=summary,
        articles=(ArticleRef("a1", title, "Wire", None, "2019-01-04"),),
        actors=tuple(Actor(n, "person", None, aliases, 3, 0.5) for n, aliases in actors),
        meetings=(),
        positions=tuple(
            Position("Someone", q, "direct", "said", PositionEvidence("a1", 0, len(q), None, None)) for q in quotes
        ),
        version=version,
    )


@pytest.mark.parametrize(
    ("subscription", "an_event", "wanted"),
    [
        (Subscription(to=("a@example.org",)), event(), True),
        (Subscription(to=("a@example.org",), events=None, actors=("Ursula von der Leyen",)), event(), False),
        (
            Subscription(to=("a@example.org",), events=None, actors=("ursula von der leyen",)),
            event(actors=(("Ursula von der Leyen", ("von der Leyen",)),)),
            True,
        ),
        (
            Subscription(to=("a@example.org",), events=None, actors=("von der Leyen",)),
            event(actors=(("Ursula von der Leyen", ("von der Leyen",)),)),
            True,
        ),
        (
            Subscription(to=("a@example.org",), events=None, actors=("Leyen",)),
            event(actors=(("Ursula von der Leyen", ("von der Leyen",)),)),
            False,
        ),
        (Subscription(to=("a@example.org",), events=None, keywords=("geneva",)), event(), True),
        (
            Subscription(to=("a@example.org",), events=None, keywords=("tariff",)),
            event(summary=("New tariffs loom.",)),
            True,
        ),
        (
            Subscription(to=("a@example.org",), events=None, keywords=("iff",)),
            event(summary=("New tariffs loom.",)),
            False,
        ),
        (
            Subscription(to=("a@example.org",), events=None, keywords=("drone",)),
            event(quotes=("The drone was ours.",)),
            True,
        ),
        (Subscription(to=("a@example.org",), events=None, keywords=("drone", "geneva")), event(), True),
        (Subscription(to=("a@example.org",), events=None, keywords=("drone",)), event(), False),
    ],
)
def test_subscription_matching(subscription, an_event, wanted):
    assert delivery.matches(subscription, an_event) is wanted


# --- queue and send against a hand-built archive (no model) ----------------------


class Recorder:
    """A Mailer that keeps what it was given; fails for the addresses in `refuse`."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.sent: list[email.message.EmailMessage] = []
        self.refuse = refuse

    def send(self, message):
        if message["To"] in self.refuse:
            raise delivery.DeliveryFailed("recipient refused: 550")
        self.sent.append(message)


def publish(config: Config, conn: sqlite3.Connection, the_event: Event) -> None:
    """Put a briefing in the archive as a run would, and queue it."""
    folder = archive.event_dir(config.outputs, the_event.id)
    folder.mkdir(parents=True, exist_ok=True)
    archive.write_json(folder / "event.json", the_event.to_json())
    make_pdf(folder / "briefing.pdf")
    with state.transaction(conn):
        delivery.queue_event(conn, config, the_event)


def statuses(conn: sqlite3.Connection) -> dict[tuple[str, int, str], str]:
    return {(e, v, r): s for e, v, r, s in conn.execute("SELECT event_id, version, recipient, status FROM deliveries")}


@pytest.fixture
def hand_archive(tmp_path):
    config = Config(
        inputs=(),
        outputs=tmp_path / "outputs",
        subscriptions=(
            Subscription(to=("desk@example.org",)),
            Subscription(to=("boss@example.org",), delivery="digest"),
            Subscription(to=("geneva@example.org",), events=None, keywords=("Geneva",)),
        ),
    )
    archive.prepare_outputs(config.outputs)
    conn = state.connect(config.outputs)
    yield config, conn
    conn.close()


def test_per_event_and_digest_subscribers(hand_archive):
    config, conn = hand_archive
    publish(config, conn, event("ev-a", title="Talks resume in Geneva"))
    publish(config, conn, event("ev-b", title="Storm reaches Bermuda"))
    mailer = Recorder()
    report = pipeline.RunReport(run_id="r", started="now")
    delivery.send_pending(conn, config, report, mailer=mailer)
    by_recipient: dict[str, list[int]] = {}
    for message in mailer.sent:
        by_recipient.setdefault(message["To"], []).append(len(parts(message)[2]))
    assert by_recipient == {"desk@example.org": [1, 1], "boss@example.org": [2], "geneva@example.org": [1]}
    assert report.mail_sent == 4 and report.mail_failed == []
    assert set(statuses(conn).values()) == {"sent"}
    again = Recorder()
    delivery.send_pending(conn, config, pipeline.RunReport(run_id="r2", started="now"), mailer=again)
    assert again.sent == []


def test_a_failed_mail_stays_pending_and_the_others_go(hand_archive):
    config, conn = hand_archive
    publish(config, conn, event("ev-a"))
    report = pipeline.RunReport(run_id="r", started="now")
    delivery.send_pending(conn, config, report, mailer=Recorder(refuse=("boss@example.org",)))
    assert report.mail_failed == [
        {"event": "ev-a", "version": 1, "recipient": "boss@example.org", "reason": "recipient refused: 550",
         "attempts": 1, "final": False}
    ]
    assert statuses(conn)[("ev-a", 1, "boss@example.org")] == "pending"
    assert statuses(conn)[("ev-a", 1, "desk@example.org")] == "sent"
    retry = Recorder()
    delivery.send_pending(conn, config, pipeline.RunReport(run_id="r2", started="now"), mailer=retry)
    assert [m["To"] for m in retry.sent] == ["boss@example.org"]


def test_a_newer_version_supersedes_an_unsent_one(hand_archive):
    config, conn = hand_archive
    publish(config, conn, event("ev-a", version=1))
    report = pipeline.RunReport(run_id="r", started="now")
    delivery.send_pending(conn, config, report, mailer=Recorder(refuse=("desk@example.org",)))
    publish(config, conn, event("ev-a", version=2, summary=("Now with a deal.",)))
    mailer = Recorder()
    delivery.send_pending(conn, config, pipeline.RunReport(run_id="r2", started="now"), mailer=mailer)
    assert [(m["To"], "v2" in m["Subject"]) for m in mailer.sent if m["To"] == "desk@example.org"] == [
        ("desk@example.org", True)
    ]
    rows = statuses(conn)
    assert rows[("ev-a", 1, "desk@example.org")] == "superseded"
    assert rows[("ev-a", 1, "boss@example.org")] == "sent"
    assert rows[("ev-a", 2, "boss@example.org")] == "sent"


def test_starttls_login_and_the_password_stays_secret(hand_archive, certificate, tls_smtp, monkeypatch, tmp_path, caplog):  # noqa: F811 (fixtures)
    """A run sends over STARTTLS with login; the password is in neither the report nor the logs."""
    cert, _ = certificate
    inbox, port, _ = tls_smtp
    config, conn = hand_archive
    publish(config, conn, event("ev-a"))
    conn.close()
    monkeypatch.setenv("BRIEFINGS_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the system trust store, as the job uses it
    config = Config(
        inputs=(),
        outputs=config.outputs,
        templates=ROOT / "templates",
        subscriptions=config.subscriptions,
        mail=MailConfig(host="127.0.0.1", port=port, security="starttls", username="desk", timeout=5),
    )
    empty = tmp_path / "no-new-input"
    empty.mkdir()
    caplog.set_level("DEBUG")
    report = pipeline.run(config, inputs=[empty], send=True)
    assert report.exit_status == 0 and report.mail_sent == 3
    assert sorted(r for rcpts, _ in inbox.messages for r in rcpts) == [
        "boss@example.org",
        "desk@example.org",
        "geneva@example.org",
    ]
    assert PASSWORD not in (config.outputs / "runs" / f"{report.run_id}.json").read_text()
    assert PASSWORD not in caplog.text


# --- the whole job, real model, real PDFs, real SMTP server --------------------


def write_config(folder: Path, port: int) -> Path:
    path = folder / "briefings.toml"
    path.write_text(
        f"""
model = "{MODEL}"
n_process = 1
render_workers = 1

[mail]
host = "127.0.0.1"
port = {port}
security = "none"
sender = "briefings@example.org"
timeout = 5

[[subscriptions]]
to = ["desk@example.org"]

[[subscriptions]]
to = ["boss@example.org"]
delivery = "digest"

[[subscriptions]]
to = ["storms@example.org"]
keywords = ["hurricane"]

[[subscriptions]]
to = ["politics@example.org"]
actors = ["Boris Johnson"]
""",
        encoding="utf-8",
    )
    return path


def received(inbox: Inbox) -> dict[str, list[list[str]]]:
    """Recipient → the event ids each mail carried (from the attachment names)."""
    out: dict[str, list[list[str]]] = {}
    for rcpts, message in inbox.messages:
        ids = [p.get_filename().removeprefix("briefing-").removesuffix(".pdf") for p in message.iter_attachments()]
        for r in rcpts:
            out.setdefault(r, []).append(sorted(ids))
    return out


def pending(outputs: Path) -> int:
    with sqlite3.connect(outputs / state.STATE_NAME) as conn:
        return conn.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'").fetchone()[0]


def test_runs_mail_each_briefing_once_and_send_delivers_what_failed(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", sample_articles(40, 3))
    later = write_jsonl(tmp_path / "later.jsonl", sample_articles(60, 1))
    inbox = Inbox()
    port = free_port()
    config = write_config(tmp_path, port)
    outputs = tmp_path / "outputs"
    runner = CliRunner()

    def briefings(*args: str):
        return runner.invoke(app, [*args, "--config", str(config), "--outputs", str(outputs)])

    controller = start_server(inbox, port)
    result = briefings("run", str(first))
    assert result.exit_code == 0, result.output
    events = sorted(p.name for p in (outputs / "events").iterdir())
    assert len(events) == 3
    titles = {e: archive.read_event(outputs, e).title for e in events}
    hurricane = [e for e, t in titles.items() if "Hurricane" in t]
    johnson = [e for e, t in titles.items() if "Boris Johnson" in t]
    got = received(inbox)
    assert sorted(got["desk@example.org"]) == [[e] for e in events]
    assert got["boss@example.org"] == [events]
    assert got["storms@example.org"] == [hurricane]
    assert got["politics@example.org"] == [johnson]
    for _, message in inbox.messages:
        text, html, pdfs = parts(message)
        assert text.strip() and "<html>" in html
        assert all(len(PdfReader(io.BytesIO(pdf)).pages) >= 1 for pdf in pdfs)

    count = len(inbox.messages)
    result = briefings("run", str(first))
    assert result.exit_code == 0, result.output
    assert len(inbox.messages) == count, "a second run sends nothing"

    controller.stop()
    result = briefings("run", str(first), str(later))
    assert result.exit_code == 3, result.output
    summary = [line for line in result.stderr.splitlines() if line.startswith("run ")]
    run_id = summary[-1].split()[1].rstrip(":")
    report = json.loads((outputs / "runs" / f"{run_id}.json").read_text())
    new_event = report["events_new"][0]
    assert report["exit_status"] == 3
    assert {f["recipient"] for f in report["mail_failed"]} == {"desk@example.org", "boss@example.org"}
    assert all("connection refused" in f["reason"] for f in report["mail_failed"])
    assert pending(outputs) == report["mail_pending"] == 2

    result = briefings("send", "--dry-run")
    assert result.exit_code == 0, result.output
    outbox = next((outputs / "outbox").iterdir())
    assert sorted(p.name for p in outbox.iterdir()) == ["0001-desk_at_example.org.eml", "0002-boss_at_example.org.eml"]
    assert pending(outputs) == 2

    result = briefings("send")
    assert result.exit_code == 3 and "0 pending" not in result.output

    controller = start_server(inbox, port)
    try:
        result = briefings("send")
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "sent 2 messages, 0 failed, 0 pending"
        result = briefings("send")
        assert result.output.strip() == "sent 0 messages, 0 failed, 0 pending"
    finally:
        controller.stop()
    got = received(inbox)
    assert got["desk@example.org"][-1] == [new_event] and len(got["desk@example.org"]) == 4
    assert got["boss@example.org"] == [events, [new_event]]
    assert len(inbox.messages) == count + 2
