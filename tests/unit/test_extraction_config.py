"""`[extraction.categories]`: category keywords per language from the config file."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from mailflow.config import load_settings
from mailflow.errors import ConfigError
from mailflow.extract.config import default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.keywords import DEFAULT_CATEGORY_KEYWORDS
from mailflow.extract.model import Category, ClaimText


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MAILFLOW_"):
            monkeypatch.delenv(name)


def category_with(config_text: str, tmp_path: Path, body: str) -> Category:
    path = tmp_path / "mailflow.toml"
    path.write_text(config_text, encoding="utf-8")
    section = load_settings(path).extraction
    config = replace(default_extract_config(), category_keywords=section.category_keywords(),
                     category_model=section.category_model)
    language = "en" if body.isascii() else "ru"
    return extract(ClaimText("", body, language), config).category


def config_error(config_text: str, tmp_path: Path) -> ConfigError:
    path = tmp_path / "mailflow.toml"
    path.write_text(config_text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.path == str(path)
    return caught.value


def test_without_the_section_the_built_in_keywords_apply(tmp_path: Path) -> None:
    """A config that says nothing about categories yields exactly the built-in keywords."""
    path = tmp_path / "mailflow.toml"
    path.write_text("[extraction]\nenabled = true\n", encoding="utf-8")
    assert load_settings(path).extraction.category_keywords() == DEFAULT_CATEGORY_KEYWORDS


def test_a_configured_lemma_matches_other_word_forms(tmp_path: Path) -> None:
    """A keyword written as a lemma in the config matches an inflected form in the letter."""
    text = '[extraction.categories.service]\nru = { "кладовщик" = 5 }\n'
    body = "Кладовщики на складе задержали выдачу заказа на три дня."
    assert category_with("", tmp_path, body) is Category.DELAY
    assert category_with(text, tmp_path, body) is Category.SERVICE


def test_a_keyword_list_extends_the_built_in_ones(tmp_path: Path) -> None:
    """A list adds keywords (weight 2) and keeps the category's built-in ones working."""
    text = '[extraction.categories.damage]\nen = ["squashed"]\n'
    assert category_with(text, tmp_path, "The parcel came squashed.") is Category.DAMAGE
    assert category_with(text, tmp_path, "The parcel came crushed.") is Category.DAMAGE


def test_extend_false_replaces_the_built_in_keywords(tmp_path: Path) -> None:
    """With extend = false (and no category model) only the configured keywords recognise
    the category."""
    text = ('[extraction]\ncategory_model = false\n'
            '[extraction.categories.damage]\nextend = false\nru = ["вмятина"]\n'
            'en = ["dent"]\n')
    assert category_with(text, tmp_path, "The parcel came crushed.") is Category.OTHER
    assert category_with(text, tmp_path, "На корпусе вмятины.") is Category.DAMAGE


def test_an_unknown_category_names_key_and_file(tmp_path: Path) -> None:
    """A misspelt category is rejected naming the key and the file."""
    error = config_error('[extraction.categories.damaged]\nen = ["dent"]\n', tmp_path)
    assert error.key == "extraction.categories.damaged"
    assert "unknown category" in str(error)


@pytest.mark.parametrize(("text", "key"), [
    ('[extraction.categories.damage]\nru = { "повредить" = 0 }\n',
     "extraction.categories.damage.ru"),
    ('[extraction.categories.damage]\nen = ["  "]\n', "extraction.categories.damage.en"),
    ('[extraction.categories.damage]\nde = ["kaputt"]\n', "extraction.categories.damage.de"),
])
def test_a_broken_keyword_names_its_key(tmp_path: Path, text: str, key: str) -> None:
    """A zero weight, an empty keyword or an unknown language is rejected naming its key."""
    assert config_error(text, tmp_path).key == key
