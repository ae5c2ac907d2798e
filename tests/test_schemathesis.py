"""Property-based run of schemathesis against the app's own OpenAPI schema: no 5xx, no schema violations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from api_support import API_KEY, load_corpus
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from govkg.api.app import create_app
from govkg.api.deps import StoreHolder
from govkg.config import Settings
from govkg.graph.falkor_store import FalkorStore

# The app exists at import time so schemathesis can read its schema; its store is set by the fixture.
APP = create_app(Settings(store="unset://no-store-until-the-fixture-runs", api_key=API_KEY))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorStore]:
    """Its own embedded store with examples/ loaded (the write routes may add reports to it)."""
    data_dir = tmp_path_factory.mktemp("schemathesis-data")
    data_dir.chmod(0o700)
    store = FalkorStore(data_dir, graph_name="govkg_schemathesis")
    store.clear()
    store.ensure_schema()
    load_corpus(store)
    settings_ = Settings(data_dir=data_dir, api_key=API_KEY)
    APP.state.settings = settings_
    APP.state.store_holder = StoreHolder(settings_, store)
    try:
        yield store
    finally:
        store.close()


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    """Every operation answers without a server error and in the shape its schema declares."""
    case.call_and_validate(
        headers={"X-API-Key": API_KEY},
        checks=[not_a_server_error, response_schema_conformance],
    )
