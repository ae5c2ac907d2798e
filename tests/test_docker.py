"""The compose file and Dockerfile, checked statically (no Docker engine runs here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

DOCKER_DIR = Path(__file__).resolve().parents[1] / "docker"


def compose() -> dict[str, Any]:
    """The parsed docker/docker-compose.yml."""
    doc: dict[str, Any] = yaml.safe_load((DOCKER_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
    return doc


def dockerfile() -> str:
    """The Dockerfile text with line continuations joined."""
    return (DOCKER_DIR / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")


def test_three_services() -> None:
    assert set(compose()["services"]) == {"neo4j", "loader", "api"}


def test_neo4j_service() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26.")
    assert set(neo4j["ports"]) == {"7474:7474", "7687:7687"}
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${GOVKG_NEO4J_PASSWORD:-")
    assert "localhost" in neo4j["environment"]["NEO4J_browser_remote__content__hostname__whitelist"]
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    check = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in check and "-u neo4j" in check and "-p" in check and "RETURN 1" in check
    assert compose()["volumes"].keys() >= {"neo4j-data"}


def test_loader_is_a_one_shot_job_after_neo4j() -> None:
    loader = compose()["services"]["loader"]
    assert loader["restart"] == "no"
    assert loader["command"] == ["govkg", "load", "/corpus", "--store", "neo4j://neo4j:7687"]
    assert "${CORPUS:-../examples}:/corpus:ro" in loader["volumes"]
    assert loader["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert loader["build"]["dockerfile"] == "docker/Dockerfile"
    assert (DOCKER_DIR / loader["build"]["context"] / "examples").resolve().parent == DOCKER_DIR.parent


def test_api_waits_for_the_loader_and_shares_its_image() -> None:
    services = compose()["services"]
    api = services["api"]
    assert api["ports"] == ["8000:8000"]
    assert api["depends_on"]["loader"] == {"condition": "service_completed_successfully"}
    assert api["depends_on"]["neo4j"] == {"condition": "service_healthy"}
    assert api["image"] == services["loader"]["image"]
    assert api["environment"]["GOVKG_NEO4J_PASSWORD"] == "${GOVKG_NEO4J_PASSWORD:-govkg-dev-password}"


def test_dockerfile_is_multi_stage_non_root_with_healthcheck() -> None:
    text = dockerfile()
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", text, re.MULTILINE | re.IGNORECASE)
    assert len(stages) >= 2
    assert "COPY --from=builder" in text
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    health = re.search(r"^HEALTHCHECK .*CMD (.*)$", text, re.MULTILINE)
    assert health is not None and "urllib" in health.group(1) and "/health" in health.group(1)
    cmd = re.search(r"^CMD (.*)$", text, re.MULTILINE)
    assert cmd is not None
    assert '"serve", "--host", "0.0.0.0", "--port", "8000", "--store", "neo4j://neo4j:7687"' in cmd.group(1)


def test_browser_style_has_a_caption_per_label() -> None:
    grass = (DOCKER_DIR / "neo4j" / "style.grass").read_text(encoding="utf-8")
    expected = {
        "Region": "name",
        "Practice": "name",
        "Report": "title",
        "Agency": "name",
        "Category": "name",
        "Measurement": "indicator",
    }
    for label, prop in expected.items():
        block = re.search(rf"node\.{label}\s*\{{(.*?)\n\}}", grass, re.DOTALL)
        assert block is not None, label
        assert f'caption: "{{{prop}}}"' in block.group(1)
        assert re.search(r"color: #[0-9A-Fa-f]{6}", block.group(1))
