"""Mail: building briefing messages and handing them to a `Mailer`.

`SmtpMailer` speaks real SMTP with the standard library (STARTTLS or SSL, login
when configured, the password read from the environment); `EmlMailer` writes each
message as an .eml file instead (`briefings send --dry-run`).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import smtplib
import socket
import ssl
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

from jobs.archive import atomic_write
from jobs.config import MailConfig
from jobs.models import Event


class DeliveryFailed(Exception):
    """A message could not be handed to the mail server; `permanent` when retrying won't help."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Deliver one message or raise DeliveryFailed."""


@dataclass(frozen=True)
class Attachment:
    event: Event
    pdf: Path


def message_id(sender: str, recipient: str, items: Sequence[Attachment]) -> str:
    """The same Message-ID for the same briefing versions to the same recipient.

    A run killed after the server accepted a mail and before the delivery log recorded it
    sends that mail again on the next run; with the same Message-ID, mail stores and
    clients that drop duplicates by it show it once.
    """
    key = "\n".join([recipient, *sorted(f"{i.event.id}@{i.event.version}" for i in items)])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<briefings.{digest}@{sender.rpartition('@')[2] or 'localhost'}>"


def build_message(sender: str, recipient: str, items: Sequence[Attachment], *, digest: bool) -> EmailMessage:
    """A plain-text and HTML mail listing each briefing's bottom line, PDFs attached."""
    message = EmailMessage()
    if digest or len(items) > 1:
        message["Subject"] = f"Briefings: {len(items)} new or updated event{'s' if len(items) != 1 else ''}"
    else:
        event = items[0].event
        label = "New briefing" if event.version == 1 else f"Updated briefing (v{event.version})"
        message["Subject"] = f"{label}: {event.title}"
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id(sender, recipient, items)
    text_parts, html_parts = [], []
    for item in items:
        event = item.event
        points = list(event.summary[:3])
        text_parts.append(
            f"{event.title} (version {event.version}, {len(event.articles)} articles)\n"
            + "".join(f"  - {p}\n" for p in points)
        )
        html_parts.append(
            f"<h2>{html.escape(event.title)}</h2><p>Version {event.version}, {len(event.articles)} articles</p><ul>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in points)
            + "</ul>"
        )
    message.set_content("\n".join(text_parts) + "\nThe full briefings are attached as PDF.\n")
    message.add_alternative(
        "<html><body>" + "".join(html_parts) + "<p>The full briefings are attached as PDF.</p></body></html>",
        subtype="html",
    )
    for item in items:
        message.add_attachment(
            item.pdf.read_bytes(), maintype="application", subtype="pdf", filename=f"briefing-{item.event.id}.pdf"
        )
    return message


class SmtpMailer:
    """Sends over one SMTP connection, opened on first use and closed by `close()`.

    `context` verifies the server's certificate (default: the system's trust
    store). Once the server cannot be reached, the remaining messages fail at
    once instead of each waiting for its own timeout. Each message, connecting
    included, must be through within `deadline` seconds: past it the socket is shut
    down, whatever the server is still trickling.
    """

    def __init__(self, config: MailConfig, *, context: ssl.SSLContext | None = None) -> None:
        self.config = config
        self.context = context
        self.client: smtplib.SMTP | None = None
        self.unreachable: DeliveryFailed | None = None
        self._live: smtplib.SMTP | None = None
        self._expired = threading.Event()

    def _expire(self) -> None:
        self._expired.set()
        sock = getattr(self._live, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        context = self.context or ssl.create_default_context()
        client: smtplib.SMTP | None = None
        try:
            if cfg.security == "ssl":
                client = self._live = smtplib.SMTP_SSL(timeout=cfg.timeout, context=context)
            else:
                client = self._live = smtplib.SMTP(timeout=cfg.timeout)
            # Connected apart from construction so that the deadline can reach the socket
            # while the greeting is read; _host is what STARTTLS checks the certificate against.
            client._host = cfg.host
            client.connect(cfg.host, cfg.port)
            if cfg.security == "starttls":
                client.starttls(context=context)
            if cfg.username:
                password = cfg.password()
                if password is None:
                    raise DeliveryFailed(f"mail.username is set but ${cfg.password_env} is empty", permanent=True)
                client.login(cfg.username, password)
        except (OSError, smtplib.SMTPException, DeliveryFailed) as exc:
            if client is not None:
                client.close()
            if isinstance(exc, DeliveryFailed):
                raise
            if self._expired.is_set():
                raise DeliveryFailed(f"mail server {cfg.host}:{cfg.port} did not answer within the {cfg.deadline:g} s deadline") from exc
            raise DeliveryFailed(f"cannot connect to mail server {cfg.host}:{cfg.port}: {_reason(exc)}") from exc
        return client

    def send(self, message: EmailMessage) -> None:
        if self.unreachable is not None:
            raise DeliveryFailed(str(self.unreachable), permanent=self.unreachable.permanent)
        self._expired.clear()
        timer = threading.Timer(self.config.deadline, self._expire)
        timer.daemon = True
        timer.start()
        try:
            self._send(message)
        finally:
            timer.cancel()

    def _send(self, message: EmailMessage) -> None:
        if self.client is None:
            try:
                self.client = self._connect()
            except DeliveryFailed as exc:
                self.unreachable = exc
                raise
        try:
            refused = self.client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryFailed(f"recipient refused: {_reason(exc)}", permanent=all(c >= 500 for c in codes)) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            if self._expired.is_set():
                raise DeliveryFailed(f"sending did not finish within the {self.config.deadline:g} s deadline") from exc
            raise DeliveryFailed(f"sending failed: {_reason(exc)}") from exc
        if refused:
            codes = [code for code, _ in refused.values()]
            raise DeliveryFailed(f"recipient refused: {refused}", permanent=all(c >= 500 for c in codes))

    def close(self) -> None:
        """End the connection; the next `send` connects afresh."""
        self.unreachable = None
        if self.client is not None:
            try:
                self.client.quit()
            except (OSError, smtplib.SMTPException):
                self.client.close()
            self.client = None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return f"{type(exc).__name__}: {exc}"


class EmlMailer:
    """Writes each message to a folder as an .eml file instead of sending it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def send(self, message: EmailMessage) -> None:
        self.count += 1
        recipient = str(message["To"]).replace("@", "_at_")
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in recipient)[:80]
        atomic_write(self.folder / f"{self.count:04d}-{safe}.eml", bytes(message))

    def close(self) -> None:
        pass
