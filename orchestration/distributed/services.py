"""Whether the distributed mode's services answer: PostgreSQL, the Celery broker and the result backend."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from orchestration.distributed import settings as distributed

DEFAULT_PORTS = {"postgresql": 5432, "postgres": 5432, "amqp": 5672, "pyamqp": 5672, "redis": 6379}
TIMEOUT_SECONDS = 3.0


def redacted(url: str) -> str:
    """The URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=host))


def _answers(url: str) -> str | None:
    """None when something accepts a connection at the URL's host and port, else the reason."""
    parts = urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme)
    if port is None:
        return None  # a transport without a port (rpc://, a socket path): nothing to check here
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT_SECONDS):
            return None
    except OSError as error:
        return f"{host}:{port}: {error.strerror or error}"


def _postgres() -> str | None:
    import psycopg2

    try:
        psycopg2.connect(distributed.postgres_url(), connect_timeout=int(TIMEOUT_SECONDS)).close()
    except psycopg2.Error as error:
        return str(error).strip().splitlines()[0]
    return None


def unreachable() -> list[str]:
    """One line per service that does not answer: what it is for, where it was looked for, and why."""
    checks = {
        f"PostgreSQL (Dagster's instance) at {redacted(distributed.postgres_url())}": _postgres,
        f"Celery broker at {redacted(distributed.broker_url())}": lambda: _answers(distributed.broker_url()),
        f"Celery result backend at {redacted(distributed.backend_url())}": lambda: _answers(distributed.backend_url()),
    }
    missing = []
    for what, check in checks.items():
        reason = check()
        if reason:
            missing.append(f"{what}: {reason}")
    return missing


def delete_queue(env: distributed.Environment = None) -> None:
    """Remove a deployment's Celery queue from the broker (a queue outlives its workers): for tests and
    benchmarks that use a queue of their own."""
    from kombu import Connection

    with Connection(distributed.broker_url(env)) as connection:
        connection.default_channel.queue_delete(distributed.queue(env))


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on SUMMITS_POSTGRES_URL's server, for one test or benchmark
    deployment: its URL, and the database dropped afterwards."""
    import psycopg2

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(distributed.postgres_url())
    admin.autocommit = True
    admin.cursor().execute(f'create database "{name}"')
    try:
        yield f"{distributed.postgres_url().rsplit('/', 1)[0]}/{name}"
    finally:
        admin.cursor().execute(f'drop database if exists "{name}" with (force)')
        admin.close()
