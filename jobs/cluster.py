"""Running the heavy stages on a Dask cluster (`scheduler` in the config, `--scheduler`).

The workers do what is per article or per event and needs no shared state:
parsing and extraction per batch of articles, PDF rendering per event. They
return plain data (facts as dicts, PDFs as bytes); the driver keeps everything
that must have one writer: the state database, grouping, aggregation, the
archive's files and mail. Work is submitted through a bounded window, so a
backlog of a million articles never sits in the driver's or the scheduler's
memory.

Workers need the same project, extractor and model versions as the driver
(checked when the run connects, and again by every task) and no shared
filesystem: the driver sends the articles, the briefing HTML and the fonts and
CSS of its templates folder. Dask itself is imported only when a run uses it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import shutil
import ssl
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jobs.config import Config
from jobs.errors import ClusterUnavailable
from jobs.extract import EXTRACTOR_VERSION
from jobs.models import Article
from jobs.render import RenderResult

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster
    from spacy.language import Language

log = logging.getLogger("briefings")

T = TypeVar("T")
Extracted = list[tuple[str, dict[str, Any] | None, str | None]]
# Tasks in flight per worker thread: enough to keep every worker busy between two
# round trips, few enough that the backlog stays in the driver's iterator.
TASKS_PER_THREAD = 2
# How often the driver looks at the cluster while it waits for a result.
POLL_SECONDS = 2.0
# Worker settings of a `local` cluster, measured on the parsing work: Dask's default
# MALLOC_TRIM_THRESHOLD_ (return freed memory to the system at once) makes spaCy's
# allocations fault in pages anew, about 10% more CPU; the statistical profiler costs
# about 5%. Remote workers take the same from a Dask config file (README, "Running on a cluster").
LOCAL_WORKER_SETTINGS = {
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.profile.enabled": False,
}
# The advice every "cluster lost" message ends with.
RERUN = "the state is consistent: run again once the cluster is back and it completes the work"


class WorkerMismatch(ClusterUnavailable):
    """A worker runs another version of the project, the extractor or the model than the driver."""


# --- versions ---------------------------------------------------------------


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Hash of the project's Python sources, so an edited checkout counts as another version."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=4)
def versions(model: str) -> dict[str, str]:
    """What must be equal on the driver and every worker for a cluster run to give a local run's results.

    Cached per process: every task checks it, and package metadata is slow to read.
    """
    return {
        "briefings": _installed("briefings"),
        "code": _code_digest(),
        "extractor": EXTRACTOR_VERSION,
        "spacy": _installed("spacy"),
        "model": f"{model} {_installed(model)}",
    }


def version_differences(driver: Mapping[str, str], worker: Mapping[str, str]) -> list[str]:
    """`what: worker value (driver value)` for each version that differs."""
    return [f"{key} {worker.get(key, 'unknown')} (driver: {value})" for key, value in driver.items() if worker.get(key) != value]


def _check_worker(expected: Mapping[str, str], model: str) -> None:
    """Run at the start of every task: a worker of another version refuses the work."""
    differences = version_differences(expected, versions(model))
    if differences:
        raise WorkerMismatch(
            f"a worker runs another version than the driver: {', '.join(differences)}; "
            "install the same project and model versions on every worker"
        )


# --- on the workers ---------------------------------------------------------

_models: dict[str, Language] = {}
_model_lock = threading.Lock()
_templates_lock = threading.Lock()


def _model(name: str) -> Language:
    """The spaCy pipeline, loaded once per worker process and kept for every later task.

    Parsing holds the lock too: a worker started with several threads parses one
    batch at a time rather than sharing one pipeline between threads.
    """
    if name not in _models:
        from jobs.nlp import load_model

        _models[name] = load_model(name)
    return _models[name]


def extract_task(articles: list[Article], model: str, batch_size: int, expected: dict[str, str]) -> Extracted:
    """Parse and extract one batch on a worker: `(article id, facts as a dict or None, error)`."""
    from jobs.extract import extract_batch

    _check_worker(expected, model)
    with _model_lock:
        return extract_batch(_model(model), articles, batch_size)


def template_assets(templates_dir: Path) -> dict[str, Any]:
    """The files a PDF fetches from the templates folder (CSS, fonts), with a digest of them all."""
    root = Path(templates_dir).resolve()
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix != ".j2" and not p.name.startswith(".")
    }
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return {"digest": digest.hexdigest()[:16], "files": files}


def _materialise(assets: Mapping[str, Any]) -> Path:
    """The driver's templates files in a folder on this worker, written once per content digest."""
    folder = Path(tempfile.gettempdir()) / f"briefings-templates-{assets['digest']}"
    with _templates_lock:
        if folder.is_dir():
            return folder
        scratch = Path(tempfile.mkdtemp(prefix=".briefings-templates-", dir=folder.parent))
        for name, data in assets["files"].items():
            target = (scratch / name).resolve()
            if not target.is_relative_to(scratch.resolve()):
                raise ValueError(f"template file outside the templates folder: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            scratch.rename(folder)
        except OSError:  # another worker process on this machine wrote it first
            shutil.rmtree(scratch, ignore_errors=True)
    return folder


def render_task(html: str, assets: dict[str, Any], model: str, expected: dict[str, str]) -> tuple[bytes | None, float, str | None]:
    """Render one briefing on a worker: `(PDF bytes or None, seconds, error)`."""
    from jobs.render.pdf import pdf_bytes

    _check_worker(expected, model)
    started = time.perf_counter()
    try:
        data = pdf_bytes(html, templates_dir=_materialise(assets))
    except Exception as exc:  # one bad briefing must not stop the others
        return None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    return data, time.perf_counter() - started, None


# --- on the driver ----------------------------------------------------------


class Cluster:
    """The driver's side of a Dask cluster: submits batches and briefings, collects results.

    A `local` cluster is started on first use, so a run with nothing new starts
    no processes; a remote scheduler is connected to (and its workers checked)
    when the run starts, before the archive is touched.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.address = config.scheduler or "local"
        self.expected = versions(config.model)
        self._client: Client | None = None
        self._local: LocalCluster | None = None

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = self._connect()
            self._check_versions(self._client)
        return self._client

    def _connect(self) -> Client:
        from distributed import Client, LocalCluster

        settings = self.config.cluster
        if self.address == "local":
            import dask

            log.info("starting a local Dask cluster of %d worker processes", self.config.n_process)
            with dask.config.set(LOCAL_WORKER_SETTINGS):
                self._local = LocalCluster(
                    n_workers=self.config.n_process, threads_per_worker=1, processes=True, dashboard_address=None
                )
            return Client(self._local)
        security = self._security()
        client: Client | None = None
        try:
            client = Client(self.address, timeout=settings.connect_timeout, security=security)
            client.wait_for_workers(1, timeout=settings.connect_timeout)
        except (OSError, TimeoutError) as exc:
            if client is not None:
                client.close()
            if security is not None and (tls_refused(exc) or handshake_refused(self.address, security)):
                raise ClusterUnavailable(
                    f"the TLS handshake with the Dask scheduler at {self.address} failed ({exc}); nothing was done: "
                    "cluster.tls_cert_file must be signed by the CA that the scheduler trusts, and "
                    "cluster.tls_ca_file must be the CA that signed the scheduler's certificate"
                ) from None
            raise ClusterUnavailable(
                f"cannot reach a Dask scheduler with workers at {self.address} within "
                f"{settings.connect_timeout:g} s ({exc}); nothing was done: start the scheduler and its "
                "workers, or run without --scheduler"
            ) from None
        return client

    def _security(self) -> Any:
        """Dask's TLS settings for a tls:// address (None for another), the files read now so that a bad one is named."""
        from distributed.security import Security

        settings = self.config.cluster
        if not self.address.startswith("tls://"):
            return None
        files = {"tls_ca_file": settings.tls_ca_file, "tls_cert_file": settings.tls_cert_file, "tls_key_file": settings.tls_key_file}
        if not all(files.values()):
            raise ClusterUnavailable(
                f"{self.address} is a TLS address: set cluster.tls_ca_file, cluster.tls_cert_file and cluster.tls_key_file"
            )
        missing = [f"cluster.{key} = {str(path)!r}" for key, path in files.items() if not Path(path).is_file()]
        if missing:
            raise ClusterUnavailable(f"no such TLS file: {', '.join(missing)}; nothing was done")
        ca, cert, key = (str(path) for path in files.values())
        security = Security(tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True)
        try:
            security.get_connection_args("client")
        except (OSError, ValueError) as exc:
            raise ClusterUnavailable(
                f"cannot load the TLS files of the [cluster] table ({exc}); nothing was done: cluster.tls_cert_file "
                "and cluster.tls_key_file must be a PEM certificate and its private key, cluster.tls_ca_file the "
                "PEM certificate of the CA"
            ) from None
        return security

    def _check_versions(self, client: Client) -> None:
        """Refuse the cluster when a worker cannot import the project or runs other versions."""
        try:
            found = client.run(versions, self.config.model)
        except Exception as exc:
            self.close()
            raise ClusterUnavailable(
                f"the workers of {self.address} cannot run the project ({type(exc).__name__}: {exc}); "
                "install it with the same version on every worker"
            ) from None
        problems = [
            f"{worker}: {', '.join(diffs)}"
            for worker, theirs in sorted(found.items())
            if (diffs := version_differences(self.expected, theirs))
        ]
        if problems:
            self.close()
            raise WorkerMismatch(
                f"workers of {self.address} run other versions than the driver: {'; '.join(problems)}; "
                "install the same project and model versions on every worker"
            )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._local is not None:
            self._local.close()
            self._local = None

    # --- work ---

    def extract(self, chunks: Iterable[list[Article]], *, model: str, batch_size: int) -> Iterator[tuple[list[Article], Extracted]]:
        """Each batch with its extraction results, in the order the batches finish.

        A batch whose task could not finish (it took its workers down repeatedly)
        comes back with every article failed, as an extraction error would.
        """
        expected = self.expected
        for chunk, outcome in self._windowed(chunks, lambda c, client: client.submit(extract_task, c, model, batch_size, expected, pure=False)):
            if isinstance(outcome, str):
                yield chunk, [(a.id, None, outcome) for a in chunk]
            else:
                yield chunk, outcome

    def render_pdfs(self, jobs: Iterable[tuple[str, Path]], *, templates_dir: Path) -> Iterator[RenderResult]:
        """Render (html, path) pairs on the workers; the driver writes each PDF (atomically) as it arrives."""
        from jobs.archive import atomic_write

        model, expected = self.config.model, self.expected
        assets = self.client.scatter(template_assets(templates_dir), broadcast=True)

        def submit(job: tuple[str, Path], client: Client) -> Future:
            return client.submit(render_task, job[0], assets, model, expected, pure=False)

        for (_, path), outcome in self._windowed(jobs, submit):
            if isinstance(outcome, str):
                yield RenderResult(Path(path), 0.0, outcome)
                continue
            data, seconds, error = outcome
            if data is not None:
                atomic_write(Path(path), data)
            yield RenderResult(Path(path), seconds, error)

    def _windowed(self, items: Iterable[T], submit: Callable[[T, Client], Future]) -> Iterator[tuple[T, Any]]:
        """Each item with its task's result (or a failure message), keeping a bounded window in flight.

        Raises ClusterUnavailable when the scheduler goes away or no worker is left
        for `cluster.no_worker_timeout` seconds; results already yielded stay valid.
        """
        from distributed import wait

        client = self.client
        window = max(4, TASKS_PER_THREAD * sum(client.nthreads().values()))
        source = iter(items)
        pending: dict[Future, T] = {}
        exhausted = False
        idle_since: float | None = None
        while True:
            while not exhausted and len(pending) < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[submit(item, client)] = item
            if not pending:
                return
            try:
                done = wait(list(pending), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                idle_since = self._watch(client, idle_since)
                continue
            except Exception as exc:
                raise self._lost(exc) from None
            idle_since = None
            for future in done:
                yield pending.pop(future), self._outcome(future)

    def _watch(self, client: Client, idle_since: float | None) -> float | None:
        """While waiting: fail when the scheduler is gone or has had no worker for too long."""
        try:
            workers = len(client.nthreads())
        except Exception as exc:
            raise self._lost(exc) from None
        if workers:
            return None
        now = time.monotonic()
        limit = self.config.cluster.no_worker_timeout
        if idle_since is not None and now - idle_since > limit:
            raise ClusterUnavailable(f"the Dask cluster at {self.address} has had no worker for {limit:g} s; {RERUN}")
        return idle_since if idle_since is not None else now

    def _outcome(self, future: Future) -> Any:
        """A finished task's result; a task that failed on the cluster is a message, a lost cluster raises."""
        from distributed import CancelledError, KilledWorker

        try:
            return future.result()
        except ClusterUnavailable:
            raise
        except KilledWorker as exc:
            return f"the task took down its workers repeatedly ({exc})"
        except (CancelledError, OSError, TimeoutError) as exc:
            raise self._lost(exc) from None
        except Exception as exc:
            return f"{type(exc).__name__} on a worker: {exc}"

    def _lost(self, exc: BaseException) -> ClusterUnavailable:
        return ClusterUnavailable(f"lost the Dask cluster at {self.address} mid-run ({type(exc).__name__}: {exc}); {RERUN}")


def tls_refused(exc: BaseException) -> bool:
    """Whether a failed connection was a TLS handshake that the scheduler or the driver refused.

    Dask raises its own error when the refusal is certain and keeps only the
    message of the last attempt when it retried until its timeout.
    """
    from distributed.comm.core import FatalCommClosedError

    return isinstance(exc, FatalCommClosedError | ssl.SSLError) or "SSLError" in str(exc)


def handshake_refused(address: str, security: Any, timeout: float = 5.0) -> bool:
    """One TLS handshake with the scheduler, outside Dask: whether it is refused.

    Dask retries a refused handshake until its timeout and then may report only that
    it timed out; this tells a refusal from a scheduler that is down or slow. A server
    that rejects the client's certificate says so in an alert right after the handshake,
    so one byte is read (a scheduler that accepted the certificate sends nothing).
    """
    import socket

    host, _, port = address.removeprefix("tls://").rpartition(":")
    context = security.get_connection_args("client")["ssl_context"]
    try:
        name = host.strip("[]")
        with (
            socket.create_connection((name, int(port)), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=name if context.check_hostname else None) as tls,
        ):
            tls.settimeout(1.0)
            tls.recv(1)
    except ssl.SSLError:
        return True
    except (OSError, ValueError):
        return False
    return False


@contextmanager
def connect(config: Config) -> Iterator[Cluster | None]:
    """The run's cluster (None without `scheduler`), closed at the end of the run.

    A remote scheduler is reached, and its workers' versions checked, right here:
    call this before taking the archive's lock, so that an unreachable scheduler
    stops the run with nothing touched.
    """
    if config.scheduler is None:
        yield None
        return
    cluster = Cluster(config)
    try:
        if cluster.address != "local":
            cluster.client  # noqa: B018 - connects and checks the workers now
        yield cluster
    finally:
        cluster.close()
