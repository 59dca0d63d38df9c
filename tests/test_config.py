"""The config file: defaults, paths, and one clear error per kind of mistake."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jobs.config import Config, MailConfig, Subscription, load_config, parse_config, project_root
from jobs.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_empty_file_gives_every_default(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    assert config.inputs == (tmp_path / "data/samples", tmp_path / "data/inbox")
    assert config.outputs == tmp_path / "outputs"
    assert config.templates == project_root() / "templates"
    assert config.mail == MailConfig()
    assert config.subscriptions == ()
    assert config.source == tmp_path / "briefings.toml"


def test_the_shipped_config_loads() -> None:
    config = load_config(ROOT / "briefings.toml")
    assert config.inputs == (ROOT / "data/samples", ROOT / "data/inbox")
    assert config.mail.security == "starttls"


def test_relative_paths_are_taken_from_the_file_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'inputs = ["in", "/abs/in"]\noutputs = "out"\ntemplates = "tpl"\n')
    monkeypatch.chdir("/")
    config = load_config(path)
    assert config.inputs == (tmp_path / "in", Path("/abs/in"))
    assert (config.outputs, config.templates) == (tmp_path / "out", tmp_path / "tpl")


def test_subscriptions_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            '[[subscriptions]]\nto = ["desk@example.org"]\nevents = "all"\n\n'
            '[[subscriptions]]\nto = ["a@example.org", "b@localhost"]\nactors = ["Ada Lovelace"]\n'
            'keywords = ["engine"]\ndelivery = "digest"\n',
        )
    )
    assert config.subscriptions == (
        Subscription(to=("desk@example.org",)),
        Subscription(
            to=("a@example.org", "b@localhost"),
            events=None,
            actors=("Ada Lovelace",),
            keywords=("engine",),
            delivery="digest",
        ),
    )


def test_overrides_keep_what_is_not_given() -> None:
    config = Config().with_overrides(outputs=Path("elsewhere"), model=None)
    assert (config.outputs, config.model) == (Path("elsewhere"), Config().model)


BAD = [
    (
        "[mail]\nprot = 25\n",
        "unknown key 'mail.prot' (did you mean 'mail.port'? known keys here: deadline, host, password_env, port, security, sender, stage_deadline, timeout, username)",
    ),
    (
        "outptus = 'x'\n",
        "unknown key 'outptus' (did you mean 'outputs'? known keys here: batch_size, cluster, fetch, inputs, mail, max_article_chars, model, n_process, outputs, render_workers, scheduler, subscriptions, templates)",
    ),
    (
        "[[subscriptions]]\nto = ['a@example.org']\nevent = 'all'\n",
        "unknown key 'subscriptions[0].event' (did you mean 'subscriptions[0].events'? known keys here: actors, delivery, events, keywords, to)",
    ),
    ("[mail]\nport = '25'\n", "'mail.port' must be an integer, not a string ('25')"),
    ("[mail]\nport = true\n", "'mail.port' must be an integer, not true or false (True)"),
    ("[mail]\ntimeout = 'long'\n", "'mail.timeout' must be a number, not a string ('long')"),
    ("[mail]\ntimeout = 0\n", "'mail.timeout' must be a positive number of seconds, not 0.0"),
    ("[mail]\ntimeout = nan\n", "'mail.timeout' must be a positive number of seconds, not nan"),
    ("[mail]\ntimeout = inf\n", "'mail.timeout' must be a positive number of seconds, not inf"),
    ("[mail]\nsender = \"a@example.org\\n\"\n", "'mail.sender' is not a valid e-mail address: 'a@example.org\\n'"),
    ("inputs = 'data'\n", "'inputs' must be a list, not a string ('data')"),
    ("inputs = ['data', 3]\n", "'inputs[1]' must be a non-empty string, not 3"),
    ("mail = 'smtp.example.org'\n", "'mail' must be a table, not a string ('smtp.example.org')"),
    ("n_process = 0\n", "'n_process' must be at least 1, not 0"),
    ("[mail]\nport = 70000\n", "'mail.port' must be a port number, not 70000"),
    ("[mail]\nsecurity = 'tls'\n", "'mail.security' must be one of none, starttls, ssl, not 'tls'"),
    ("[mail]\nsender = 'briefings'\n", "'mail.sender' is not a valid e-mail address: 'briefings'"),
    (
        "[[subscriptions]]\nto = ['desk@example']\n",
        "'subscriptions[0].to[0]' is not a valid e-mail address: 'desk@example'",
    ),
    (
        "[[subscriptions]]\nto = ['Desk <desk@example.org>']\n",
        "'subscriptions[0].to[0]' is not a valid e-mail address: 'Desk <desk@example.org>'",
    ),
    (
        "[[subscriptions]]\nto = ['a@@example.org']\n",
        "'subscriptions[0].to[0]' is not a valid e-mail address: 'a@@example.org'",
    ),
    ("[[subscriptions]]\nto = []\n", "'subscriptions[0].to' is required: the addresses that receive these briefings"),
    (
        "[[subscriptions]]\nto = ['a@example.org']\ndelivery = 'weekly'\n",
        "'subscriptions[0].delivery' must be one of per-event, digest, not 'weekly'",
    ),
    (
        "[[subscriptions]]\nto = ['a@example.org']\nevents = 'some'\n",
        "'subscriptions[0].events' can only be \"all\" (or leave it out and give actors or keywords)",
    ),
    (
        "[subscriptions]\nto = ['a@example.org']\n",
        "'subscriptions' must be a list, not a table ({'to': ['a@example.org']})",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split("'")[1] for _, m in BAD])
def test_a_bad_value_names_its_place(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {message}"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        (
            b"[mail\nport = 25\n",
            "is not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 6)",
        ),
        (b"outputs = 'a'\noutputs = 'b'\n", "is not valid TOML: Cannot overwrite a value (at line 2, column 14)"),
        (b"outputs = '\xff'\n", "is not valid TOML: 'utf-8' codec can't decode byte 0xff"),
    ],
)
def test_invalid_toml(tmp_path: Path, raw: bytes, start: str) -> None:
    path = tmp_path / "briefings.toml"
    path.write_bytes(raw)
    with pytest.raises(ConfigError, match="^config file") as caught:
        load_config(path)
    assert str(caught.value).startswith(f"config file {path} {start}")


def test_a_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.toml")
    assert str(caught.value) == f"cannot read config file {tmp_path / 'nope.toml'}: No such file or directory"


def test_without_a_file_the_current_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None).outputs == tmp_path / "outputs"
    write(tmp_path, 'outputs = "archive"\n')
    assert load_config(None).outputs == tmp_path / "archive"


def test_the_password_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    mail = MailConfig(password_env="TEST_BRIEFINGS_PW")
    monkeypatch.delenv("TEST_BRIEFINGS_PW", raising=False)
    assert mail.password() is None
    monkeypatch.setenv("TEST_BRIEFINGS_PW", "s3cret")
    assert mail.password() == "s3cret"


# --- properties --------------------------------------------------------------

# TOML basic strings take JSON's escapes for these characters (no surrogates, no DEL).
chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f")
texts = st.text(chars, min_size=1, max_size=20).filter(str.strip)
local = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,10}", fullmatch=True)
domain = st.from_regex(r"[a-z0-9-]{1,10}(\.[a-z0-9-]{1,10}){1,2}", fullmatch=True)
addresses = st.builds(lambda a, b: f"{a}@{b}", local, domain)


def toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def to_toml(data: dict) -> str:
    lines = [f"{k} = {toml_value(v)}" for k, v in data.items() if k not in ("mail", "subscriptions")]
    if "mail" in data:
        lines += ["[mail]"] + [f"{k} = {toml_value(v)}" for k, v in data["mail"].items()]
    for sub in data.get("subscriptions", []):
        lines += ["[[subscriptions]]"] + [f"{k} = {toml_value(v)}" for k, v in sub.items()]
    return "\n".join(lines) + "\n"


configs = st.fixed_dictionaries(
    {},
    optional={
        "inputs": st.lists(st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8})?", fullmatch=True), max_size=3),
        "outputs": st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        "model": texts,
        "n_process": st.integers(1, 8),
        "max_article_chars": st.integers(1, 10**7),
        "mail": st.fixed_dictionaries(
            {},
            optional={
                "host": texts,
                "port": st.integers(1, 65535),
                "security": st.sampled_from(["none", "starttls", "ssl"]),
                "username": st.text(chars, max_size=10),
                "sender": addresses,
                "timeout": st.floats(0.5, 600),
            },
        ),
        "subscriptions": st.lists(
            st.fixed_dictionaries(
                {"to": st.lists(addresses, min_size=1, max_size=3)},
                optional={
                    "actors": st.lists(texts, max_size=3),
                    "delivery": st.sampled_from(["per-event", "digest"]),
                },
            ),
            max_size=3,
        ),
    },
)


@given(configs)
def test_config_round_trip(data: dict) -> None:
    config = parse_config(tomllib.loads(to_toml(data)), base=Path("/base"))
    assert config.outputs == Path("/base") / data.get("outputs", "outputs")
    if "inputs" in data:
        assert config.inputs == tuple(Path("/base") / p for p in data["inputs"])
    for key in ("model", "n_process", "max_article_chars"):
        assert getattr(config, key) == data.get(key, getattr(Config(), key))
    assert config.mail == MailConfig(**data.get("mail", {}))
    assert [s.to for s in config.subscriptions] == [tuple(s["to"]) for s in data.get("subscriptions", [])]
    assert [s.actors for s in config.subscriptions] == [
        tuple(s.get("actors", ())) for s in data.get("subscriptions", [])
    ]
    assert [s.events for s in config.subscriptions] == [
        None if s.get("actors") else "all" for s in data.get("subscriptions", [])
    ]


@given(configs, st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.sampled_from(["", "mail."]))
def test_any_unknown_key_is_named(data: dict, key: str, where: str) -> None:
    known = {"": Config.__dataclass_fields__, "mail.": MailConfig.__dataclass_fields__}[where]
    # `source` is where the config was read from, never a key of the file.
    assume(key not in known or key == "source")
    data = {**data, "mail": {**data.get("mail", {}), key: 1}} if where else {**data, key: 1}
    with pytest.raises(ConfigError, match=f"^unknown key '{where}{key}' "):
        parse_config(data, base=Path("/base"))
