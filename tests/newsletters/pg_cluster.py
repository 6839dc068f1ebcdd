"""A private, throwaway PostgreSQL server for tests that restart their database.

The machine's shared server (127.0.0.1:5432) serves other people's tests, so a restart test
must never touch it. This starts a cluster of our own with the system's `initdb` and `pg_ctl`
on a free loopback port, in a temporary directory, and removes it afterwards. PostgreSQL
refuses to run as root, so as root the commands run as the `postgres` OS user; anyone else
can only use it when they are that user. `PrivateCluster.unavailable()` says why not, for a
clear skip message.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.ports import free_port

OS_USER = "postgres"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PrivateCluster:
    """One PostgreSQL cluster (user `postgres`, trust authentication) on 127.0.0.1:`port`."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.port = free_port()
        self.root: Path | None = None

    @staticmethod
    def unavailable() -> str | None:
        """Why a private cluster cannot run here, or None when it can."""
        if _bin_dir() is None:
            return "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
        try:
            pwd.getpwnam(OS_USER)
        except KeyError:
            return f"no {OS_USER!r} OS user to run a private PostgreSQL server as"
        me = pwd.getpwuid(os.geteuid()).pw_name
        if os.geteuid() != 0 and me != OS_USER:
            return f"a private PostgreSQL server needs root or the {OS_USER!r} user (not {me!r})"
        if os.geteuid() == 0 and shutil.which("runuser") is None:
            return "runuser is missing, so root cannot start PostgreSQL as another user"
        return None

    # --- commands ----------------------------------------------------------------------------
    def _command(self, *args: str) -> list[str]:
        assert self.bin is not None
        program = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            return ["runuser", "-u", OS_USER, "--", *program]
        return program

    def _pg(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603 - the system's PostgreSQL tools, our arguments
            self._command(*args), check=True, capture_output=True, timeout=timeout
        )

    @property
    def data(self) -> str:
        assert self.root is not None, "create() the cluster first"
        return str(self.root / "data")

    # --- lifecycle -----------------------------------------------------------------------------
    def create(self) -> "PrivateCluster":
        """initdb in a fresh directory the `postgres` user owns, then start the server."""
        self.root = Path(tempfile.mkdtemp(prefix="faults_pg_"))
        if os.geteuid() == 0:
            user = pwd.getpwnam(OS_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._pg("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        return self

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        log = f"{self.root}/log"
        self._pg("pg_ctl", "start", "-D", self.data, "-l", log, "-w", "-o", self._options())

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast`: disconnect everyone, roll back, shut down cleanly)."""
        self._pg("pg_ctl", "stop", "-D", self.data, "-m", mode, "-w")

    def restart(self, mode: str = "fast") -> None:
        """What `systemctl restart postgresql` does: every connection is cut."""
        log = f"{self.root}/log"  # without a log file the server would hold our pipes open
        self._pg(
            "pg_ctl", "restart", "-D", self.data, "-m", mode, "-w", "-l", log, "-o", self._options()
        )

    def _options(self) -> str:
        return (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )

    def destroy(self) -> None:
        """Stop the server (if running) and remove its files."""
        if self.root is None:
            return
        with contextlib.suppress(subprocess.SubprocessError):  # already stopped
            self._pg("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def url(self, database: str) -> str:
        """A `DATABASE_URL` for `database` on this server."""
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
                    connection.execute(sql)
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
