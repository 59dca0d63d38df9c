"""Mail: messages as built, and SMTP against a real server on loopback (no model needed)."""

from __future__ import annotations

import email
import email.policy
import io
import logging
import shutil
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from pypdf import PdfReader, PdfWriter

from jobs.config import MailConfig, load_config
from jobs.delivery.mail import Attachment, DeliveryFailed, EmlMailer, SmtpMailer, build_message
from jobs.errors import ConfigError
from jobs.models import ArticleRef, Event

PASSWORD = "s3cret-Pa55word-never-logged"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """What a loopback SMTP server received: one (recipients, parsed message) per mail."""

    messages: list[tuple[list[str], email.message.EmailMessage]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"


def start_server(inbox: Inbox, port: int, **kwargs) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return controller


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = start_server(inbox, port)
    yield inbox, port
    controller.stop()


def make_pdf(path: Path, pages: int = 1) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    with path.open("wb") as out:
        writer.write(out)
    return path


def make_event(event_id: str, title: str, *, version: int = 1, summary: tuple[str, ...] = ("A point.",)) -> Event:
    return Event(
        id=event_id,
        title=title,
        summary=summary,
        articles=(ArticleRef("a1", "Headline", "Wire", None, "2019-01-04"),),
        actors=(),
        meetings=(),
        positions=(),
        version=version,
    )


def parts(message: email.message.EmailMessage) -> tuple[str, str, list[bytes]]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    pdfs = [p.get_content() for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    return (text.get_content() if text else ""), (html.get_content() if html else ""), pdfs


@pytest.mark.parametrize(
    ("titles", "versions", "digest", "subject"),
    [
        (["Dam <bursts> in Brazil"], [1], False, "New briefing: Dam <bursts> in Brazil"),
        (["Dam bursts in Brazil"], [3], False, "Updated briefing (v3): Dam bursts in Brazil"),
        (["Dam bursts in Brazil"], [1], True, "Briefings: 1 new or updated event"),
        (["Dam bursts", "Court rules"], [1, 2], True, "Briefings: 2 new or updated events"),
    ],
)
def test_message_has_text_html_and_each_pdf(tmp_path, titles, versions, digest, subject):
    items = [
        Attachment(make_event(f"ev-{i}", t, version=v), make_pdf(tmp_path / f"{i}.pdf", pages=i + 1))
        for i, (t, v) in enumerate(zip(titles, versions, strict=True))
    ]
    message = build_message("briefings@example.org", "desk@example.org", items, digest=digest)
    assert message["Subject"] == subject
    assert message["To"] == "desk@example.org"
    parsed = email.message_from_bytes(bytes(message), policy=email.policy.default)
    text, html, pdfs = parts(parsed)
    for title in titles:
        assert title in text
        assert title.replace("<", "&lt;").replace(">", "&gt;") in html
    assert "<bursts>" not in html
    assert [len(PdfReader(io.BytesIO(p)).pages) for p in pdfs] == [i + 1 for i in range(len(titles))]


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (("desk@example.org", [("ev-1", 2), ("ev-2", 1)]), True),  # the same mail built again, items in any order
        (("chief@example.org", [("ev-2", 1), ("ev-1", 2)]), False),  # another recipient
        (("desk@example.org", [("ev-2", 1), ("ev-1", 3)]), False),  # a newer version
    ],
)
def test_a_mail_sent_again_keeps_its_message_id(tmp_path, other, same):
    """A mail re-sent after a run was killed between the server's acceptance and the log
    carries the same Message-ID, so the recipient's mail store can drop the copy."""

    def build(recipient, versions):
        items = [Attachment(make_event(e, "Dam bursts", version=v), make_pdf(tmp_path / f"{e}.pdf")) for e, v in versions]
        return build_message("briefings@example.org", recipient, items, digest=True)["Message-ID"]

    first = build("desk@example.org", [("ev-2", 1), ("ev-1", 2)])
    assert first.startswith("<briefings.") and first.endswith("@example.org>")
    assert (build(*other) == first) is same


def test_smtp_mailer_delivers_over_loopback(tmp_path, smtp):
    inbox, port = smtp
    mailer = SmtpMailer(MailConfig(host="127.0.0.1", port=port, security="none", timeout=5))
    item = Attachment(make_event("ev-1", "Dam bursts"), make_pdf(tmp_path / "b.pdf"))
    for recipient in ("one@example.org", "two@example.org"):
        mailer.send(build_message("briefings@example.org", recipient, [item], digest=False))
    mailer.close()
    assert [rcpts for rcpts, _ in inbox.messages] == [["one@example.org"], ["two@example.org"]]
    text, html, pdfs = parts(inbox.messages[0][1])
    assert "Dam bursts" in text and "Dam bursts" in html
    assert len(PdfReader(io.BytesIO(pdfs[0])).pages) == 1


def test_unreachable_server_fails_fast_after_the_first_attempt(tmp_path, monkeypatch):
    mailer = SmtpMailer(MailConfig(host="127.0.0.1", port=free_port(), security="none", timeout=5))
    attempts = []
    connect = mailer._connect

    def counting_connect():
        attempts.append(1)
        return connect()

    monkeypatch.setattr(mailer, "_connect", counting_connect)
    message = build_message(
        "briefings@example.org",
        "a@example.org",
        [Attachment(make_event("e", "T"), make_pdf(tmp_path / "x.pdf"))],
        digest=False,
    )
    for _ in range(3):
        with pytest.raises(DeliveryFailed, match="connection refused"):
            mailer.send(message)
    assert len(attempts) == 1
    mailer.close()
    with pytest.raises(DeliveryFailed):
        mailer.send(message)
    assert len(attempts) == 2, "close() ends the run's connection state: the next send tries again"


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made now (cryptography, else the openssl tool)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        import datetime

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither the cryptography package nor the openssl tool is installed to make a test certificate")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        return cert, key
    import ipaddress

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    built = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(built.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
    )
    return cert, key


@pytest.fixture
def tls_smtp(certificate):
    """A server that requires STARTTLS before AUTH, and AUTH before mail."""
    cert, key = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    inbox = Inbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        login, password = auth_data.login.decode(), auth_data.password.decode()
        inbox.logins.append(login)
        return AuthResult(success=(login, password) == ("desk", PASSWORD), handled=False)

    port = free_port()
    controller = start_server(
        inbox,
        port,
        tls_context=server_context,
        require_starttls=True,
        authenticator=authenticate,
        auth_required=True,
        auth_require_tls=True,
    )
    yield inbox, port, ssl.create_default_context(cafile=str(cert))
    controller.stop()


def starttls_config(port: int) -> MailConfig:
    return MailConfig(host="127.0.0.1", port=port, security="starttls", username="desk", timeout=5)


def test_starttls_and_login_with_the_password_from_the_environment(tmp_path, tls_smtp, monkeypatch):
    inbox, port, client_context = tls_smtp
    monkeypatch.setenv("BRIEFINGS_SMTP_PASSWORD", PASSWORD)
    mailer = SmtpMailer(starttls_config(port), context=client_context)
    mailer.send(
        build_message(
            "briefings@example.org",
            "desk@example.org",
            [Attachment(make_event("e", "T"), make_pdf(tmp_path / "x.pdf"))],
            digest=False,
        )
    )
    mailer.close()
    assert inbox.logins == ["desk"]
    assert [rcpts for rcpts, _ in inbox.messages] == [["desk@example.org"]]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("wrong-" + PASSWORD, "SMTPAuthenticationError"),
        (None, "$BRIEFINGS_SMTP_PASSWORD is empty"),
    ],
)
def test_login_failure_is_reported_without_the_password(tmp_path, tls_smtp, monkeypatch, caplog, password, reason):
    inbox, port, client_context = tls_smtp
    if password is None:
        monkeypatch.delenv("BRIEFINGS_SMTP_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("BRIEFINGS_SMTP_PASSWORD", password)
    mailer = SmtpMailer(starttls_config(port), context=client_context)
    message = build_message(
        "briefings@example.org",
        "desk@example.org",
        [Attachment(make_event("e", "T"), make_pdf(tmp_path / "x.pdf"))],
        digest=False,
    )
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DeliveryFailed) as failure:
        mailer.send(message)
    mailer.close()
    assert reason in str(failure.value)
    assert PASSWORD not in str(failure.value) and PASSWORD not in caplog.text
    assert inbox.messages == []


def test_certificate_is_verified(tmp_path, tls_smtp, monkeypatch):
    _, port, _ = tls_smtp
    monkeypatch.setenv("BRIEFINGS_SMTP_PASSWORD", PASSWORD)
    mailer = SmtpMailer(starttls_config(port), context=ssl.create_default_context())
    message = build_message(
        "briefings@example.org",
        "desk@example.org",
        [Attachment(make_event("e", "T"), make_pdf(tmp_path / "x.pdf"))],
        digest=False,
    )
    with pytest.raises(DeliveryFailed, match="CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        mailer.send(message)
    mailer.close()


def test_eml_mailer_writes_one_file_per_message(tmp_path):
    mailer = EmlMailer(tmp_path / "outbox")
    item = Attachment(make_event("ev-1", "Dam bursts"), make_pdf(tmp_path / "b.pdf"))
    for recipient in ("one@example.org", "two@example.org"):
        mailer.send(build_message("briefings@example.org", recipient, [item], digest=False))
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert files == ["0001-one_at_example.org.eml", "0002-two_at_example.org.eml"]
    parsed = email.message_from_bytes((tmp_path / "outbox" / files[1]).read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "two@example.org"
    assert len(parts(parsed)[2]) == 1


@pytest.mark.parametrize(
    ("toml", "place"),
    [
        ('[[subscriptions]]\nto = ["desk.example.org"]\n', "subscriptions[0].to[0]"),
        ('[[subscriptions]]\nto = ["ok@example.org", "two@@example.org"]\n', "subscriptions[0].to[1]"),
        ('[[subscriptions]]\nto = ["Desk <desk@example.org>"]\n', "subscriptions[0].to[0]"),
        ('[mail]\nsender = "briefings at example.org"\n', "mail.sender"),
    ],
)
def test_malformed_address_is_rejected_at_load(tmp_path, toml, place):
    path = tmp_path / "briefings.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert f"'{place}' is not a valid e-mail address" in str(error.value)
