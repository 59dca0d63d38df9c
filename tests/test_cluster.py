"""Runs on a Dask cluster: same results as a local run, faults handled (real scheduler, real workers).

The cluster tests start real processes: a LocalCluster of two worker processes,
and a `dask scheduler` with `dask worker`s from the project's environment on
127.0.0.1. Inputs are a dozen short articles, so each test takes seconds to tens
of seconds on two cores.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from jobs import cluster, pipeline, state
from jobs.cli import app
from jobs.config import ClusterConfig, Config, parse_config, project_root
from jobs.errors import ClusterUnavailable, ConfigError
from jobs.extract import EXTRACTOR_VERSION
from tests.test_schedule import comparable, make_config, sample_articles, snapshot, wait_for, write_jsonl

ROOT = project_root()
DASK = Path(sys.executable).parent / "dask"
SYNTHETIC = ROOT / "tests" / "fixtures" / "grouping" / "synthetic.jsonl"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


# --- config and versions, no cluster -------------------------------------------


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("local", True),
        ("tcp://10.0.0.5:8786", True),
        ("tls://scheduler.example.org:8786", True),
        ("tcp://[::1]:8786", True),
        ("http://10.0.0.5:8786", False),
        ("tcp://10.0.0.5", False),
        ("10.0.0.5:8786", False),
        ("", False),
    ],
)
def test_scheduler_key(value: str, accepted: bool) -> None:
    if accepted:
        assert parse_config({"scheduler": value}, base=Path("/srv")).scheduler == value
    else:
        with pytest.raises(ConfigError, match="'scheduler' must be \"local\" or tcp://host:port"):
            parse_config({"scheduler": value}, base=Path("/srv"))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({}, ClusterConfig()),
        (
            {"tls_ca_file": "tls/ca.pem", "tls_cert_file": "/etc/c.pem", "tls_key_file": "k.pem", "connect_timeout": 3},
            ClusterConfig(Path("/srv/tls/ca.pem"), Path("/etc/c.pem"), Path("/srv/k.pem"), 3.0),
        ),
    ],
)
def test_cluster_table(table: dict, expected: ClusterConfig) -> None:
    assert parse_config({"cluster": table}, base=Path("/srv")).cluster == expected


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"connect_timeout": 0}, "'cluster.connect_timeout' must be a positive number of seconds"),
        ({"tls_ca_file": 5}, "'cluster.tls_ca_file' must be a string"),
        ({"address": "tcp://h:1"}, "unknown key 'cluster.address'"),
    ],
)
def test_cluster_table_errors(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config({"cluster": table}, base=Path("/srv"))


@pytest.mark.parametrize(
    ("worker", "expected"),
    [
        ({"briefings": "0.1.0", "extractor": "2"}, []),
        ({"briefings": "0.2.0", "extractor": "2"}, ["briefings 0.2.0 (driver: 0.1.0)"]),
        ({"briefings": "0.1.0"}, ["extractor unknown (driver: 2)"]),
    ],
)
def test_version_differences(worker: dict, expected: list[str]) -> None:
    assert cluster.version_differences({"briefings": "0.1.0", "extractor": "2"}, worker) == expected


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        ("certificate does not match", True),  # Dask's own error: a FatalCommClosedError
        (OSError("Timed out trying to connect to tls://h:1 after 5 s: in <TLS (closed)>: SSLError: [SSL] certificate expired"), True),
        (OSError("Timed out trying to connect to tls://h:1 after 5 s: Connect timeout"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("Only 0/1 workers arrived after 5"), False),
    ],
)
def test_tls_refused(error: object, refused: bool) -> None:
    from distributed.comm.core import FatalCommClosedError

    exc = FatalCommClosedError(error) if isinstance(error, str) else error
    assert cluster.tls_refused(exc) is refused


def test_a_tls_address_needs_the_certificate_files() -> None:
    config = Config(scheduler="tls://127.0.0.1:8786")
    with pytest.raises(ClusterUnavailable, match="set cluster.tls_ca_file"):
        cluster.Cluster(config).client  # noqa: B018


# --- real clusters --------------------------------------------------------------


def pdf_texts(outputs: Path) -> dict[str, list[str]]:
    """Each briefing's text by event id, without the line that carries the run's time stamp."""
    return {
        path.parent.name: [
            line
            for page in PdfReader(path).pages
            for line in page.extract_text().splitlines()
            if "Updated " not in line
        ]
        for path in sorted((outputs / "events").glob("*/briefing.pdf"))
    }


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """A dozen short articles: eight of the bundled corpus and four that form two events."""
    records = sample_articles(40, 8) + [json.loads(line) for line in SYNTHETIC.read_text("utf-8").splitlines()]
    return write_jsonl(tmp_path_factory.mktemp("cluster-input") / "articles.jsonl", records)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, articles) -> Path:
    """The archive of a run on the local process pool, with PDFs: what a cluster run must equal."""
    outputs = tmp_path_factory.mktemp("local") / "outputs"
    report = pipeline.run(make_config(outputs), inputs=[articles], send=False)
    assert report.articles_new == 12 and len(report.rendered) == report.events_total > 1
    return outputs


def test_a_local_cluster_gives_the_local_results(local_run, articles, tmp_path) -> None:
    outputs = tmp_path / "outputs"
    config = make_config(outputs, scheduler="local", n_process=2, batch_size=2)
    report = pipeline.run(config, inputs=[articles], send=False)
    assert (report.articles_new, report.extracted, report.extraction_failed) == (12, 12, [])
    assert comparable(outputs) == comparable(local_run)
    assert pdf_texts(outputs) == pdf_texts(local_run)
    assert len(pdf_texts(outputs)) == report.events_total
    assert "extract: saving facts" in report.timings


class DaskProcesses:
    """A `dask scheduler` and `dask worker`s on 127.0.0.1, each in its own process group."""

    def __init__(self, folder: Path, scheduler_options: tuple[str, ...] = (), worker_options: tuple[str, ...] = (),
                 worker_env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.worker_options = worker_options
        self.worker_env = {**ENV, **(worker_env or {})}
        self.workers: dict[str, subprocess.Popen] = {}
        address_file = folder / "scheduler.json"
        self.scheduler = self._start("scheduler", ENV, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                     "--no-dashboard", "--scheduler-file", str(address_file), *scheduler_options)
        wait_for(lambda: address_file.exists() and address_file.stat().st_size > 0, 60, "the scheduler's address")
        self.address = json.loads(address_file.read_text())["address"]

    def _start(self, log: str, env: dict[str, str], *args: str) -> subprocess.Popen:
        output = (self.folder / f"{log}.log").open("wb")
        return subprocess.Popen([str(DASK), *args], env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)

    def add_worker(self, name: str) -> None:
        self.workers[name] = self._start(name, self.worker_env, "worker", self.address, "--name", name, "--nthreads", "1",
                                         "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1", *self.worker_options)

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)

    def stop(self) -> None:
        for process in [*self.workers.values(), self.scheduler]:
            self.kill(process)


@pytest.fixture
def dask_processes(tmp_path) -> Iterator[DaskProcesses]:
    if not DASK.exists():
        pytest.skip(f"no dask command at {DASK}")
    processes = DaskProcesses(tmp_path)
    try:
        yield processes
    finally:
        processes.stop()


def observer(address: str, security: object = None):
    from distributed import Client

    return Client(address, timeout=30, security=security)


def kill_when_busy(processes: DaskProcesses, target: str, *, run: subprocess.Popen) -> None:
    """Kill `target` (a worker's name, or "scheduler") as soon as a worker is busy with the run's tasks."""
    with observer(processes.address) as client:
        def busy() -> bool:
            assert run.poll() is None, "the run ended before anything was killed"
            names = {addr: info["name"] for addr, info in client.scheduler_info()["workers"].items()}
            return any(keys for addr, keys in client.processing().items() if target == "scheduler" or names.get(addr) == target)

        wait_for(busy, 180, f"{target} to work on the run's tasks")
    processes.kill(processes.scheduler if target == "scheduler" else processes.workers[target])


def start_run(articles: Path, outputs: Path, address: str, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "jobs", "run", str(articles), "--outputs", str(outputs),
               "--scheduler", address, "--model", make_config(outputs).model, "--no-send", "-q", *extra]
    return subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_worker_killed_mid_run_loses_no_article(dask_processes, local_run, articles, tmp_path) -> None:
    for name in ("worker-a", "worker-b"):
        dask_processes.add_worker(name)
    with observer(dask_processes.address) as client:
        client.wait_for_workers(2, timeout=120)
    config = tmp_path / "briefings.toml"
    config.write_text("batch_size = 2\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    run = start_run(articles, outputs, dask_processes.address, "--config", str(config), "--no-pdf")
    kill_when_busy(dask_processes, "worker-a", run=run)
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert dask_processes.workers["worker-a"].poll() is not None
    assert comparable(outputs) == comparable(local_run)
    assert sum(len(e["articles"]) for e in comparable(outputs).values()) == 12


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("scheduler", "lost the Dask cluster at {address} mid-run"),
        ("worker-a", "the Dask cluster at {address} has had no worker for 3 s"),
    ],
)
def test_a_lost_cluster_stops_the_run_and_the_next_run_completes_it(
    dask_processes, local_run, articles, tmp_path, target: str, message: str
) -> None:
    dask_processes.add_worker("worker-a")
    config = tmp_path / "briefings.toml"
    config.write_text("[cluster]\nno_worker_timeout = 3\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    run = start_run(articles, outputs, dask_processes.address, "--config", str(config), "--no-pdf")
    kill_when_busy(dask_processes, target, run=run)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 69, err
    assert message.format(address=dask_processes.address) in err
    assert "run again once the cluster is back" in err
    conn = state.connect(outputs)
    try:
        assert len(state.known_articles(conn)) == 12  # what was read is kept; extraction resumes from it
    finally:
        conn.close()
    report = pipeline.run(make_config(outputs), inputs=[articles], send=False)
    assert report.exit_status == 0
    assert comparable(outputs) == comparable(local_run)
    assert pdf_texts(outputs) == pdf_texts(local_run)


@pytest.mark.parametrize("check", ["on connect", "by each task"])
def test_workers_of_another_version_are_refused(dask_processes, check: str) -> None:
    dask_processes.add_worker("worker-a")
    config = make_config(Path("unused"), scheduler=dask_processes.address)
    other = {**cluster.versions(config.model), "extractor": "0-older"}
    driver = cluster.Cluster(config)
    try:
        if check == "on connect":
            driver.expected = other
            with pytest.raises(cluster.WorkerMismatch, match=rf"run other versions than the driver: tcp://127\.0\.0\.1:\d+: extractor {EXTRACTOR_VERSION} \(driver: 0-older\)"):
                driver.client  # noqa: B018
        else:
            driver.client  # noqa: B018 - the same versions: accepted
            driver.expected = other
            with pytest.raises(cluster.WorkerMismatch, match=rf"a worker runs another version than the driver: extractor {EXTRACTOR_VERSION} \(driver: 0-older\)"):
                list(driver.extract([[]], model=config.model, batch_size=2))
    finally:
        driver.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refused_run(articles: Path, tmp_path: Path, address: str, config_text: str) -> str:
    """The output of a CLI run that must stop with exit 69 and leave its archive (one file) untouched."""
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / "keep.txt").write_text("an archive", encoding="utf-8")
    before = snapshot(outputs)
    config = tmp_path / "briefings.toml"
    config.write_text(config_text, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(articles), "--outputs", str(outputs), "--config", str(config), "--scheduler", address, "-q"])
    assert result.exit_code == 69, result.output
    assert snapshot(outputs) == before
    assert sorted(p.name for p in outputs.iterdir()) == ["keep.txt"]
    return result.output


def test_an_unreachable_scheduler_exits_69_with_nothing_touched(articles, tmp_path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    output = refused_run(articles, tmp_path, address, "[cluster]\nconnect_timeout = 1\n")
    assert f"error: cannot reach a Dask scheduler with workers at {address} within 1 s" in output


# --- TLS with real certificates -------------------------------------------------

OPENSSL = shutil.which("openssl")
NEW_KEY = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2")
# What Python's default TLS context asks of a certificate signed by a CA.
LEAF_EXTENSIONS = """basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""
# The settings `LOCAL_WORKER_SETTINGS` gives a local cluster's workers, for `dask worker` (README).
REMOTE_WORKER_SETTINGS = """distributed:
  nanny:
    pre-spawn-environ:
      MALLOC_TRIM_THRESHOLD_: null
  worker:
    profile:
      enabled: false
"""


def openssl(folder: Path, *args: str) -> None:
    subprocess.run([str(OPENSSL), *args], cwd=folder, check=True, capture_output=True)


def new_ca(folder: Path, name: str) -> None:
    """`name.pem` and `name-key.pem`: a self-signed CA."""
    openssl(folder, "req", "-x509", *NEW_KEY, "-keyout", f"{name}-key.pem", "-out", f"{name}.pem", "-subj", f"/CN={name}",
            "-addext", "basicConstraints = critical, CA:TRUE", "-addext", "keyUsage = critical, keyCertSign, cRLSign")


def new_certificate(folder: Path, ca: str, name: str) -> None:
    """`name.pem` and `name-key.pem`: a certificate for 127.0.0.1 signed by the CA `ca`, for a server or a client."""
    openssl(folder, "req", *NEW_KEY, "-keyout", f"{name}-key.pem", "-out", f"{name}.csr", "-subj", f"/CN={name}")
    (folder / f"{name}.ext").write_text(LEAF_EXTENSIONS, encoding="utf-8")
    openssl(folder, "x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}-key.pem", "-CAcreateserial",
            "-days", "2", "-out", f"{name}.pem", "-extfile", f"{name}.ext")


def tls_options(folder: Path, name: str) -> tuple[str, ...]:
    return ("--tls-ca-file", str(folder / "ca.pem"), "--tls-cert", str(folder / f"{name}.pem"), "--tls-key", str(folder / f"{name}-key.pem"))


def tls_config(folder: Path, certificates: Path, ca: str, cert: str, key: str) -> str:
    """A config whose [cluster] table names the driver's TLS files, copied to `folder/tls`: paths relative to the config."""
    (folder / "tls").mkdir()
    for name in (ca, cert, key):
        if (certificates / name).exists():
            shutil.copy(certificates / name, folder / "tls" / name)
    return f'[cluster]\nconnect_timeout = 20\ntls_ca_file = "tls/{ca}"\ntls_cert_file = "tls/{cert}"\ntls_key_file = "tls/{key}"\n'


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory) -> Iterator[tuple[DaskProcesses, Path]]:
    """A TLS scheduler and one worker (started with REMOTE_WORKER_SETTINGS), and the folder of the certificates.

    The folder holds the cluster's CA with certificates for the scheduler, the
    worker and the driver, and another CA with a certificate of its own.
    """
    if not DASK.exists() or OPENSSL is None:
        pytest.skip("needs the dask and openssl commands")
    folder = tmp_path_factory.mktemp("tls")
    new_ca(folder, "ca")
    new_ca(folder, "other-ca")
    for name in ("scheduler", "worker", "driver"):
        new_certificate(folder, "ca", name)
    new_certificate(folder, "other-ca", "stranger")
    openssl(folder, "verify", "-x509_strict", "-CAfile", "ca.pem", "driver.pem")  # what Python 3.13 checks
    (folder / "dask.yaml").write_text(REMOTE_WORKER_SETTINGS, encoding="utf-8")
    processes = DaskProcesses(folder, ("--protocol", "tls", *tls_options(folder, "scheduler")), tls_options(folder, "worker"),
                              {"DASK_CONFIG": str(folder / "dask.yaml")})
    try:
        processes.add_worker("worker-a")
        with observer(processes.address, driver_security(folder)) as client:
            client.wait_for_workers(1, timeout=120)
        yield processes, folder
    finally:
        processes.stop()


def driver_security(folder: Path) -> object:
    from distributed.security import Security

    return Security(tls_ca_file=str(folder / "ca.pem"), tls_client_cert=str(folder / "driver.pem"),
                    tls_client_key=str(folder / "driver-key.pem"), require_encryption=True)


def test_a_tls_cluster_gives_the_local_results(tls_cluster, local_run, articles, tmp_path) -> None:
    processes, certificates = tls_cluster
    assert processes.address.startswith("tls://127.0.0.1:")
    config = tmp_path / "briefings.toml"
    config.write_text(tls_config(tmp_path, certificates, "ca.pem", "driver.pem", "driver-key.pem"), encoding="utf-8")
    outputs = tmp_path / "outputs"
    run = start_run(articles, outputs, processes.address, "--config", str(config))
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert comparable(outputs) == comparable(local_run)
    assert pdf_texts(outputs) == pdf_texts(local_run)
    with observer(processes.address, driver_security(certificates)) as client:
        settings = client.run(worker_settings)
    assert list(settings.values()) == [(None, False)]  # what LOCAL_WORKER_SETTINGS gives a local cluster's workers


def worker_settings() -> tuple[str | None, bool]:
    """On a worker: its malloc trimming threshold and whether its profiler runs."""
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")


@pytest.mark.parametrize(
    ("files", "refused"),
    [
        (("ca.pem", "driver.pem", "driver-key.pem"), False),
        (("ca.pem", "stranger.pem", "stranger-key.pem"), True),
        (("other-ca.pem", "driver.pem", "driver-key.pem"), True),
    ],
)
def test_a_handshake_is_probed_outside_dask(tls_cluster, files, refused: bool) -> None:
    """The probe that tells a refused certificate from a scheduler that is down or slow."""
    from distributed.security import Security

    processes, certificates = tls_cluster
    ca, cert, key = (str(certificates / name) for name in files)
    security = Security(tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True)
    assert cluster.handshake_refused(processes.address, security) is refused
    assert cluster.handshake_refused(f"tls://127.0.0.1:{free_port()}", security) is False  # nobody listening


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (("ca.pem", "stranger.pem", "stranger-key.pem"), "the TLS handshake with the Dask scheduler at {address} failed"),
        (("other-ca.pem", "driver.pem", "driver-key.pem"), "the TLS handshake with the Dask scheduler at {address} failed"),
        (("ca.pem", "driver.pem", "stranger-key.pem"), "cannot load the TLS files of the [cluster] table"),
        (("ca.pem", "driver.pem", "lost-key.pem"), "no such TLS file: cluster.tls_key_file = '{folder}/tls/lost-key.pem'"),
    ],
)
def test_a_driver_without_the_right_certificate_is_refused(tls_cluster, articles, tmp_path, files, message: str) -> None:
    processes, certificates = tls_cluster
    output = refused_run(articles, tmp_path, processes.address, tls_config(tmp_path, certificates, *files))
    assert "error: " + message.format(address=processes.address, folder=tmp_path) in output
