#!/usr/bin/env python3
"""A local Neo4j Community 5.26 server, fetched from Maven Central with Maven, without Docker.

    python3 scripts/neo4j_local.py start [--dir DIR] [--bolt-port N] [--http-port N] [--password PW]
    python3 scripts/neo4j_local.py fetch          # only resolve the jars (cached in ~/.m2)
    python3 scripts/neo4j_local.py admin -- ARGS  # neo4j-admin from the same jars

`python3 scripts/dev.py neo4j` runs `start`; `python3 scripts/dev.py test` starts a server
the same way for the test suite and stops it at the end. The jars come from
tools/neo4j/pom.xml (Neo4j, its server, neo4j-admin and Neo4j Browser); the classpath Maven
builds is cached under ~/.cache/govkg/neo4j (or GOVKG_NEO4J_CACHE). The server listens on
127.0.0.1 only, with authentication on, a generated password unless one is given, free
ports unless some are given, and its data in a temporary folder unless --dir names one.

Standard library only: dev.py runs it with the system Python, before any virtualenv exists.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POM = ROOT / "tools" / "neo4j" / "pom.xml"
JAVA_MAJORS = (17, 21)  # the Java versions Neo4j 5.26 supports
JDK_DIRS = (Path("/usr/lib/jvm"), Path("/opt"), Path("/Library/Java/JavaVirtualMachines"))
SERVER_MAIN = "org.neo4j.server.CommunityEntryPoint"
ADMIN_MAIN = "org.neo4j.cli.AdminTool"

INSTALL_HINT = (
    "On Debian/Ubuntu: `apt-get install -y openjdk-17-jdk-headless maven`; "
    "on macOS: `brew install openjdk@17 maven`. Set JAVA_HOME if Java 17/21 is not the default `java`."
)

# What the neo4j launcher script would pass to the JVM (it is not used here: we start the JVM ourselves).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class SetupError(RuntimeError):
    """Java or Maven is missing, the jars cannot be fetched, or the server does not come up."""


def neo4j_version(pom: Path = POM) -> str:
    """The Neo4j version pinned in tools/neo4j/pom.xml."""
    found = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom.read_text(encoding="utf-8"))
    if not found:
        raise SetupError(f"{pom}: no <neo4j.version> property")
    return found.group(1).strip()


def java_major(java: Path) -> int | None:
    """The major version of a `java` executable, or None when it does not run."""
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except OSError:
        return None
    found = re.search(r'version "(\d+)', out)
    return int(found.group(1)) if found else None


def find_java() -> Path:
    """A Java 17 or 21 executable: $JAVA_HOME, then `java` on the PATH, then the usual JDK folders."""
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path))
    for base in JDK_DIRS:
        if base.is_dir():
            for home in sorted(base.iterdir()):
                candidates += [home / "bin" / "java", home / "Contents" / "Home" / "bin" / "java"]
    seen: list[str] = []
    for java in candidates:
        if not java.is_file():
            continue
        major = java_major(java)
        if major in JAVA_MAJORS:
            return java
        seen.append(f"{java} ({major})")
    found = "; found only: " + ", ".join(seen) if seen else ""
    raise SetupError(f"Neo4j {neo4j_version()} needs Java 17 or 21{found}. {INSTALL_HINT}")


def find_maven() -> str:
    """The `mvn` executable, or a SetupError saying how to install it."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise SetupError(f"Maven (`mvn`) is needed to fetch Neo4j from Maven Central. {INSTALL_HINT}")
    return mvn


def cache_dir() -> Path:
    """Where the resolved classpath is kept (GOVKG_NEO4J_CACHE, else ~/.cache/govkg/neo4j)."""
    return Path(os.environ.get("GOVKG_NEO4J_CACHE") or Path.home() / ".cache" / "govkg" / "neo4j")


def classpath(java: Path | None = None, pom: Path = POM) -> str:
    """The server's classpath: Maven resolves tools/neo4j/pom.xml once; later calls read the cache."""
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()[:16]
    out = cache_dir() / f"classpath-{digest}.txt"
    if out.is_file():
        cp = out.read_text(encoding="utf-8").strip()
        if cp and all(Path(jar).is_file() for jar in cp.split(os.pathsep)):
            return cp
    java = java or find_java()
    mvn = find_maven()
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "JAVA_HOME": str(java.resolve().parent.parent)}
    cmd = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(pom),
        "dependency:build-classpath",
        f"-Dmdep.outputFile={out}",
        "-Dmdep.includeScope=runtime",
    ]
    print(
        f"fetching Neo4j {neo4j_version(pom)} with Maven (cached in ~/.m2) ...", file=sys.stderr, flush=True
    )
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not out.is_file():
        raise SetupError(f"Maven could not resolve {pom}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return out.read_text(encoding="utf-8").strip()


def port_in_use(port: int) -> bool:
    """True when something already listens on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _die_with_parent() -> None:
    """In the child before exec (Linux): get SIGTERM when the process that started us dies,
    so a test run killed outright does not leave its server behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_config(bolt_port: int, http_port: int, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """neo4j.conf settings for a private server on 127.0.0.1 (``extra`` overrides any of them)."""
    conf = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.pagecache.size": os.environ.get("GOVKG_NEO4J_PAGECACHE", "256m"),
        # One read-only /cypher query may not exhaust the heap: cap each transaction's memory
        # and all of them together (over the cap the query fails, the server stays up).
        "db.memory.transaction.max": os.environ.get("GOVKG_NEO4J_TX_MEMORY", "256m"),
        "dbms.memory.transaction.total.max": os.environ.get("GOVKG_NEO4J_TX_TOTAL_MEMORY", "512m"),
        "db.logs.query.enabled": "OFF",
        "dbms.usage_report.enabled": "false",
        # Neo4j 5.26 still spells this setting "whitelist"; Browser fetches `:play` guides only from these.
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
        # No usage data from Browser (the network is closed anyway); no banner asking about it.
        "client.allow_telemetry": "false",
    }
    conf.update(extra or {})
    return conf


def write_home(home: Path, conf: Mapping[str, str]) -> None:
    """Lay out a NEO4J_HOME: conf/neo4j.conf plus the data, logs, import, plugins and run folders."""
    for sub in ("conf", "data", "logs", "import", "plugins", "run"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    text = "".join(f"{k}={v}\n" for k, v in conf.items())
    (home / "conf" / "neo4j.conf").write_text(text, encoding="utf-8")


def admin(
    home: Path, args: Sequence[str], *, java: Path | None = None, cp: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run neo4j-admin (org.neo4j.cli.AdminTool) from the Maven-fetched jars against ``home``."""
    java = java or find_java()
    cp = cp or classpath(java)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    return subprocess.run(
        [str(java), *JVM_FLAGS, "-cp", cp, ADMIN_MAIN, *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        check=False,
    )


def _post_json(url: str, body: object, user: str, password: str, timeout: float) -> object:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def bolt_answers(port: int, timeout: float = 2.0) -> bool:
    """True when a Bolt server on 127.0.0.1:port completes the version handshake."""
    handshake = bytes.fromhex("6060B017") + bytes.fromhex("00000505000004040000000400000003")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(handshake)
            reply = s.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != b"\x00\x00\x00\x00"


@dataclass
class LocalNeo4j:
    """A running local server: its ports, credentials, home folder and process."""

    home: Path
    bolt_port: int
    http_port: int
    password: str
    process: subprocess.Popen[bytes]
    user: str = "neo4j"
    owns_home: bool = False
    version: str = field(default_factory=neo4j_version)

    @property
    def uri(self) -> str:
        """The Bolt URI (direct, no routing) of the server."""
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        """The HTTP root (Neo4j Browser is at ``/browser/``)."""
        return f"http://127.0.0.1:{self.http_port}"

    def env(self) -> dict[str, str]:
        """The GOVKG_TEST_NEO4J_* variables the tests and bench/ read (they CLEAR that server).

        Deliberately not GOVKG_STORE: a user's own Neo4j, named by GOVKG_STORE, is never wiped by a
        test run that happens to inherit it.
        """
        return {
            "GOVKG_TEST_NEO4J_URI": self.uri,
            "GOVKG_TEST_NEO4J_USER": self.user,
            "GOVKG_TEST_NEO4J_PASSWORD": self.password,
            "GOVKG_TEST_NEO4J_HTTP_URL": self.http_url,
        }

    def govkg_env(self) -> dict[str, str]:
        """The GOVKG_STORE/GOVKG_NEO4J_* settings that point govkg itself at this server."""
        return {"GOVKG_STORE": self.uri, "GOVKG_NEO4J_USER": self.user, "GOVKG_NEO4J_PASSWORD": self.password}

    def query(self, statement: str, timeout: float = 10.0) -> list[list[object]]:
        """Run one statement on the default database over HTTP; the rows as lists."""
        body = {"statements": [{"statement": statement}]}
        reply = _post_json(f"{self.http_url}/db/neo4j/tx/commit", body, self.user, self.password, timeout)
        assert isinstance(reply, dict)
        if reply.get("errors"):
            raise SetupError(f"{statement!r}: {reply['errors']}")
        return [row["row"] for row in reply["results"][0]["data"]]

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's neo4j.log and console output, for error messages."""
        out = []
        for name in ("logs/neo4j.log", "console.log"):
            path = self.home / name
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                out.append(f"--- {path}\n" + "\n".join(text))
        return "\n".join(out)

    def wait_ready(self, timeout: float = 240.0) -> None:
        """Wait until Bolt answers and the default database runs a query with our credentials."""
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"Neo4j exited with code {self.process.returncode}\n{self.log_tail()}")
            if bolt_answers(self.bolt_port):
                try:
                    if self.query("RETURN 1") == [[1]]:
                        return
                except (OSError, urllib.error.URLError, SetupError, ValueError) as exc:
                    last = str(exc)
            time.sleep(0.5)
        self.stop()
        raise SetupError(f"Neo4j did not answer within {timeout:.0f} s ({last})\n{self.log_tail()}")

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the server by its PID (SIGTERM, then SIGKILL) and remove a temporary home."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        if self.owns_home:
            shutil.rmtree(self.home, ignore_errors=True)


def fresh_password() -> str:
    """A random initial password; never with a leading '-', which neo4j-admin would read as an
    option (a bare token_urlsafe draws one in 64 starts)."""
    return "p" + secrets.token_urlsafe(18)


def start(
    home: Path | None = None,
    *,
    password: str | None = None,
    bolt_port: int = 0,
    http_port: int = 0,
    extra_config: Mapping[str, str] | None = None,
    heap: str | None = None,
    wait: bool = True,
    timeout: float = 240.0,
) -> LocalNeo4j:
    """Start Neo4j on 127.0.0.1 with auth on; a fresh temporary home unless ``home`` is given.

    The initial password is set with neo4j-admin before the first start (a reused home keeps
    the password it was first given). Returns once the server answers unless ``wait`` is False.
    """
    java = find_java()
    cp = classpath(java)
    owns_home = home is None
    home = Path(tempfile.mkdtemp(prefix="govkg-neo4j-")) if home is None else home.resolve()
    for port in (bolt_port, http_port):
        if port and port_in_use(port):
            raise SetupError(f"port {port} on 127.0.0.1 is already in use (another Neo4j still running?)")
    bolt_port = bolt_port or free_port()
    http_port = http_port or free_port()
    password = password or fresh_password()
    write_home(home, server_config(bolt_port, http_port, extra_config))
    # Before the first start (the system database does not exist yet; an imported home has only
    # its user database) the initial password can be set; later starts keep the one set then.
    if not (home / "data" / "databases" / "system").exists():
        done = admin(home, ["dbms", "set-initial-password", password], java=java, cp=cp)
        if done.returncode != 0:
            raise SetupError(f"neo4j-admin set-initial-password failed:\n{done.stdout}{done.stderr}")
    heap = heap or os.environ.get("GOVKG_NEO4J_HEAP", "1g")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    with (home / "console.log").open("ab") as console:
        process = subprocess.Popen(
            [
                str(java),
                f"-Xms{heap}",
                f"-Xmx{heap}",
                *JVM_FLAGS,
                "-cp",
                cp,
                SERVER_MAIN,
                f"--home-dir={home}",
                f"--config-dir={home / 'conf'}",
            ],
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches us, and we stop the server cleanly
            preexec_fn=_die_with_parent,
        )
    (home / "run" / "neo4j.pid").write_text(str(process.pid), encoding="utf-8")
    server = LocalNeo4j(home, bolt_port, http_port, password, process, owns_home=owns_home)
    if wait:
        server.wait_ready(timeout)
    return server


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: fetch, start (in the foreground until Ctrl-C), admin."""
    parser = argparse.ArgumentParser(prog="neo4j_local.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("fetch", help="resolve the Neo4j jars with Maven and print the classpath file")
    run = sub.add_parser("start", help="start a server and keep it running until Ctrl-C")
    run.add_argument("--dir", type=Path, help="NEO4J_HOME to use and keep (default: a temporary one)")
    run.add_argument("--bolt-port", type=int, default=0)
    run.add_argument("--http-port", type=int, default=0)
    run.add_argument("--password", help="initial password (default: generated)")
    adm = sub.add_parser("admin", help="run neo4j-admin against --dir")
    adm.add_argument("--dir", type=Path, required=True)
    adm.add_argument("args", nargs=argparse.REMAINDER)
    ns = parser.parse_args(argv)
    try:
        if ns.cmd == "fetch":
            cp = classpath()
            print(f"Neo4j {neo4j_version()}: {len(cp.split(os.pathsep))} jars")
            return 0
        if ns.cmd == "admin":
            args = [a for a in ns.args if a != "--"]
            done = admin(ns.dir.resolve(), args)
            sys.stdout.write(done.stdout)
            sys.stderr.write(done.stderr)
            return done.returncode
        began = time.monotonic()
        server = start(ns.dir, password=ns.password, bolt_port=ns.bolt_port, http_port=ns.http_port)
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"Neo4j {server.version} is up in {time.monotonic() - began:.1f} s (PID {server.process.pid}, "
        f"home {server.home})\n"
        f"  Browser: {server.http_url}/browser/  (user neo4j, password {server.password})\n"
        + "  for govkg:\n"
        + "".join(f"    export {k}={v}\n" for k, v in server.govkg_env().items())
        + "  for the test suite and bench/ (they clear this server):\n"
        + "".join(f"    export {k}={v}\n" for k, v in server.env().items())
        + "Ctrl-C stops it.",
        flush=True,
    )

    def _interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` of this script stops the server too
    try:
        server.process.wait()
    except KeyboardInterrupt:
        print("stopping Neo4j ...", flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
