"""Delivery: who gets which briefing version, sent exactly once, retried until it goes.

Each (event, version, recipient) is one row of the `deliveries` table. Rendering a
new version queues a row per matching subscriber; sending marks it sent, or records
the failure and leaves it pending for the next run or `briefings send`. A newer
version supersedes an older one still pending, so nobody receives a stale briefing.
A recipient the server refuses for good (a 5xx reply) is tried `MAX_REFUSALS` times,
then given up as `failed`. Every queued, sent and failed row is also appended to the
archive's delivery log (`delivery/ledger.py`), from which `briefings repair` rebuilds it.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from typing import TYPE_CHECKING

from jobs import archive, state
from jobs.config import Config, Subscription
from jobs.delivery import ledger as delivery_log
from jobs.delivery.mail import Attachment, DeliveryFailed, EmlMailer, Mailer, SmtpMailer, build_message
from jobs.models import Event

if TYPE_CHECKING:
    from jobs.run_report import RunReport

log = logging.getLogger("briefings")

# Attempts a permanently refused recipient gets before the mail is given up as failed.
MAX_REFUSALS = 5


def matches(subscription: Subscription, event: Event) -> bool:
    """Whether a subscriber wants this event: all events, or one of its actors or keywords."""
    if subscription.events == "all":
        return True
    names = {n.casefold() for a in event.actors for n in (a.name, *a.aliases)}
    if any(actor.casefold() in names for actor in subscription.actors):
        return True
    text = " ".join([event.title, *event.summary, *(p.text for p in event.positions)])
    return any(re.search(rf"(?<!\w){re.escape(word)}", text, flags=re.IGNORECASE) for word in subscription.keywords)


def queue_event(conn: sqlite3.Connection, config: Config, event: Event) -> int:
    """Queue this version of an event for every subscriber it matches; returns the rows added.

    Runs inside the caller's transaction, so that a briefing is marked rendered and
    queued for mail together or not at all.
    """
    added = 0
    for subscription in config.subscriptions:
        if not matches(subscription, event):
            continue
        for recipient in subscription.to:
            conn.execute(
                "UPDATE deliveries SET status = 'superseded' WHERE event_id = ? AND recipient = ? "
                "AND version < ? AND status = 'pending'",
                (event.id, recipient, event.version),
            )
            cursor = conn.execute(
                "INSERT OR IGNORE INTO deliveries (event_id, version, recipient, delivery, status) "
                "VALUES (?, ?, ?, ?, 'pending')",
                (event.id, event.version, recipient, subscription.delivery),
            )
            if cursor.rowcount:
                delivery_log.append(
                    config.outputs,
                    [{"event": event.id, "version": event.version, "recipient": recipient,
                      "delivery": subscription.delivery, "status": "queued"}],
                )
            added += cursor.rowcount
    return added


def pending_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'pending'").fetchone()[0])


def _pending(conn: sqlite3.Connection) -> list[tuple[str, int, str, str, int]]:
    return list(
        conn.execute(
            "SELECT event_id, version, recipient, delivery, attempts FROM deliveries WHERE status = 'pending' "
            "ORDER BY recipient, event_id"
        )
    )


def _outdated(conn: sqlite3.Connection, event_id: str, version: int) -> bool:
    """Whether a newer version of the event, or the event it was merged into, has replaced this one."""
    from jobs import grouping

    current = state.briefings(conn).get(event_id)
    return (current is not None and current.version > version) or grouping.resolve(conn, event_id) != event_id


def _attachment(config: Config, event_id: str, version: int) -> Attachment | None:
    """The briefing to attach: the archived PDF of exactly that version."""
    folder = archive.event_dir(config.outputs, event_id)
    event = archive.read_event(config.outputs, event_id)
    if event is not None and event.version == version and (folder / "briefing.pdf").exists():
        return Attachment(event, folder / "briefing.pdf")
    return None


def send_pending(
    conn: sqlite3.Connection, config: Config, report: RunReport, *, mailer: Mailer | None = None, record: bool = True
) -> None:
    """Send every pending delivery; failures are recorded on the row and in the report.

    Per-event subscribers get one mail per briefing; digest subscribers one mail
    with every pending briefing. With `record=False` (a dry run) the deliveries
    table is left as it was. The mailer is closed at the end.
    """
    finish = (lambda *a: _finish(config, *a)) if record else (lambda *_: None)
    rows = _pending(conn)
    if not rows:
        return
    mailer = mailer or SmtpMailer(config.mail)
    refusals = {(e, v, r): attempts for e, v, r, _, attempts in rows}
    batches: list[tuple[str, list[tuple[str, int]], bool]] = []
    digests: dict[str, list[tuple[str, int]]] = {}
    for event_id, version, recipient, kind, _ in rows:
        if kind == "digest":
            digests.setdefault(recipient, []).append((event_id, version))
        else:
            batches.append((recipient, [(event_id, version)], False))
    batches.extend((recipient, items, True) for recipient, items in digests.items())
    stop_at = time.monotonic() + config.mail.stage_deadline
    try:
        for recipient, items, digest in batches:
            if time.monotonic() > stop_at:
                reason = f"the delivery stage passed its {config.mail.stage_deadline:g} s deadline; left pending"
                report.mail_failed.extend(
                    {"event": e, "version": v, "recipient": recipient, "reason": reason} for e, v in items
                )
                continue
            attachments = []
            for event_id, version in items:
                attachment = _attachment(config, event_id, version)
                if attachment is not None:
                    attachments.append(attachment)
                elif _outdated(conn, event_id, version):
                    finish(conn, [(event_id, version)], recipient, "superseded", None)
                else:
                    # The briefing's files are missing or damaged: the next run rebuilds
                    # them from the state, and the mail waits for it.
                    report.mail_failed.append(
                        {"event": event_id, "version": version, "recipient": recipient,
                         "reason": "the briefing's files are missing or unreadable; kept pending until rebuilt"}
                    )
            if not attachments:
                continue
            done = [(a.event.id, a.event.version) for a in attachments]
            try:
                mailer.send(build_message(config.mail.sender, recipient, attachments, digest=digest))
            except DeliveryFailed as exc:
                log.warning("mail to %s failed: %s", recipient, exc)
                tries = max(refusals.get((e, v, recipient), 0) for e, v in done) + 1
                given_up = exc.permanent and tries >= MAX_REFUSALS
                finish(conn, done, recipient, "failed" if given_up else "pending", str(exc))
                report.mail_failed.extend(
                    {"event": e, "version": v, "recipient": recipient, "reason": str(exc),
                     "attempts": tries, "final": given_up}
                    for e, v in done
                )
                continue
            finish(conn, done, recipient, "sent", None)
            report.mail_sent += 1
    finally:
        # One connection per batch of sending: a mailer kept for a later run reconnects.
        close = getattr(mailer, "close", None)
        if close is not None:
            close()


def _finish(
    config: Config,
    conn: sqlite3.Connection,
    items: list[tuple[str, int]],
    recipient: str,
    status: str,
    error: str | None,
) -> None:
    if status in ("sent", "failed"):
        # The log first: a run killed between the two re-sends nothing after a repair.
        delivery_log.append(
            config.outputs, [{"event": e, "version": v, "recipient": recipient, "status": status} for e, v in items]
        )
    with state.transaction(conn):
        for event_id, version in items:
            conn.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1, last_error = ?, "
                "sent_at = CASE WHEN ? = 'sent' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE sent_at END "
                "WHERE event_id = ? AND version = ? AND recipient = ?",
                (status, error, status, event_id, version, recipient),
            )


def send(config: Config, *, dry_run: bool = False, report: RunReport, mailer: Mailer | None = None) -> None:
    """Deliver what is pending without a new run (`briefings send`)."""
    from jobs.preflight import check_state

    with archive.ArchiveLock(config.outputs):
        check_state(config.outputs)
        conn = state.connect(config.outputs)
        try:
            if dry_run:
                folder = config.outputs / "outbox" / report.run_id
                eml = EmlMailer(folder)
                _dry_run(conn, config, report, eml)
            else:
                send_pending(conn, config, report, mailer=mailer)
            report.mail_pending = pending_count(conn)
        finally:
            conn.close()


def _dry_run(conn: sqlite3.Connection, config: Config, report: RunReport, mailer: EmlMailer) -> None:
    """Write what would be sent as .eml files, leaving every delivery pending."""
    send_pending(conn, config, report, mailer=mailer, record=False)
    report.outbox = str(mailer.folder) if mailer.count else None
