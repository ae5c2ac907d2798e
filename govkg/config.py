"""One Settings class for all of govkg, read from GOVKG_* environment variables."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The user's data directory for govkg (GOVKG_DATA_DIR overrides it)."""
    return Path(platformdirs.user_data_dir("govkg", appauthor=False))


class Settings(BaseSettings):
    """Runtime configuration; every field can be set as GOVKG_<FIELD> in the environment."""

    model_config = SettingsConfigDict(env_prefix="GOVKG_", extra="ignore")

    store: str = Field(default="falkordb", description="'falkordb' (embedded) or a Neo4j URI")
    data_dir: Path = Field(default_factory=default_data_dir)
    graph_name: str = "govkg"

    # One name per setting: GOVKG_STORE names the store (a Neo4j URI for Neo4j). GOVKG_NEO4J_URI is
    # its old alias, still read so existing set-ups keep working; an explicit GOVKG_STORE wins.
    neo4j_uri: str | None = Field(default=None, description="old alias of GOVKG_STORE for a Neo4j URI")
    neo4j_user: str = "neo4j"
    neo4j_password: str = "neo4j"
    neo4j_database: str | None = None
    batch_size: int = Field(default=1000, ge=1, le=100_000)
    load_group: int = Field(default=200, ge=1, le=10_000, description="reports merged into one write group")

    extract_timeout: float = Field(
        default=60.0,
        gt=0,
        le=86_400,
        description="CPU seconds one report's extraction may take before it is rejected",
    )
    nlp_backend: str = Field(default="builtin", description="'builtin' or 'hanlp'")
    hanlp_model: str | None = Field(default=None, description="HanLP model directory or id")

    api_key: str | None = None
    cors_origins: list[str] = Field(default_factory=list)
    query_timeout: float = Field(default=5.0, gt=0, le=600)
    row_cap: int = Field(default=10_000, ge=1)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_concurrent_queries: int = Field(default=4, ge=1)
    # Read answers kept while the embedded store has not been written to (govkg.api.cache), MB; 0: off.
    response_cache_mb: int = Field(default=64, ge=0, le=64 * 1024)
    # How long an expensive query waits for one of those slots before it is answered 429: short
    # bursts queue instead of failing; a flood still gets a fast, clear refusal.
    query_slot_wait: float = Field(default=2.0, ge=0, le=600, description="seconds")
    # Engine limits (embedded FalkorDB): memory one query may use, memory of the whole server
    # (default: half of the machine's RAM), queries waiting for an engine thread before it refuses.
    query_memory: int = Field(default=256 * 1024 * 1024, ge=1024 * 1024, description="bytes per query")
    store_maxmemory: int | None = Field(
        default=None, ge=16 * 1024 * 1024, description="server memory cap, bytes"
    )
    max_queued_queries: int = Field(default=32, ge=1, le=100_000)
    # Embedded server time limits, seconds: a reply (a longer wait means a hung server) and
    # loading its files at start.
    falkor_socket_timeout: float = Field(default=300.0, gt=0, description="seconds")
    falkor_load_timeout: float = Field(default=900.0, gt=0, description="seconds")
    # POST /cypher: requests per minute per client (0: no limit), burst allowance, elements a
    # query's range() calls may build together, and whether the API key is required.
    cypher_rate: float = Field(default=120.0, ge=0)
    cypher_burst: int = Field(default=20, ge=1)
    cypher_max_range: int = Field(default=1_000_000, ge=1, le=100_000_000)
    cypher_requires_key: bool = False
    # One writer per data directory: how long a second `govkg load` waits for the first before
    # it is refused (naming the holder's pid); the API's write routes wait at most a few seconds.
    writer_wait: float = Field(default=600.0, ge=0, le=7 * 86_400, description="seconds")
    # Loading: follow symlinks whose target lies outside the folder being loaded (off: refused by name).
    follow_links: bool = False

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand(cls, v: Path) -> Path:
        return v.expanduser()

    @field_validator("nlp_backend")
    @classmethod
    def _backend(cls, v: str) -> str:
        if v not in ("builtin", "hanlp"):
            raise ValueError(f"nlp_backend must be 'builtin' or 'hanlp', not {v!r}")
        return v

    def effective_store(self) -> str:
        """The store URI in force: an explicit neo4j_uri wins over the default embedded store."""
        if self.store in ("falkordb", "embedded", "") and self.neo4j_uri:
            return self.neo4j_uri
        return self.store

    def ensure_data_dir(self) -> Path:
        """Create the data directory private to the user (0700); refuse a world-writable one."""
        d = self.data_dir
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        mode = d.stat().st_mode
        if mode & stat.S_IWOTH:
            raise PermissionError(
                f"data directory {d} is world-writable (mode {oct(mode & 0o777)}); "
                f"run `chmod 700 {d}` or set GOVKG_DATA_DIR to a private directory"
            )
        if os.name == "posix" and mode & 0o077:
            d.chmod(0o700)
        return d
