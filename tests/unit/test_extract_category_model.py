"""The shipped category model: it loads, rebuilds to the same bytes from the training
letters, and together with the keywords categorises clear letters in both languages."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from mailflow.extract.category_model import MODEL_PATH, model_from_json, shipped_model
from mailflow.extract.config import ExtractConfig, default_extract_config
from mailflow.extract.fields import extract
from mailflow.extract.model import Category, ClaimText

ROOT = Path(__file__).resolve().parents[2]
WITH_MODEL = default_extract_config()
KEYWORDS_ONLY = replace(WITH_MODEL, category_model=False)


def category(body: str, config: ExtractConfig = WITH_MODEL) -> tuple[Category, float]:
    language = "en" if body.isascii() else "ru"
    extraction = extract(ClaimText("", body, language), config)
    return extraction.category, extraction.category_confidence


def test_the_shipped_model_loads_with_every_category() -> None:
    """The model file in the package reads into a model over all seven categories."""
    model = shipped_model()
    assert model.classes == tuple(Category)
    assert len(model.log_likelihoods) > 500  # the words of at least two letters (CV's cut-off)
    assert model.keyword_weight > 0
    assert model.scale > 0
    assert all(len(row) == len(Category) for row in model.log_likelihoods.values())


def test_a_model_for_other_categories_is_refused() -> None:
    """A model file whose categories differ from the code's is an error, not a silent mix-up."""
    text = MODEL_PATH.read_text("utf-8").replace('"other"]', '"misc"]', 1)
    with pytest.raises(ValueError, match="other categories"):
        model_from_json(text)


def test_the_training_script_rebuilds_the_same_bytes(tmp_path: Path) -> None:
    """Training again on the training letters writes exactly the shipped file."""
    out = tmp_path / "model.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "train_category.py"), "--out", str(out)],
                   check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.read_bytes() == MODEL_PATH.read_bytes()


@pytest.mark.parametrize(("body", "expected"), [
    ("Курьер привёз коробку, внутри чайник разбит вдребезги, осколки по всей коробке.",
     Category.DAMAGE),
    ("Заказ обещали привезти в пятницу, сегодня вторник, а доставки всё нет.", Category.DELAY),
    ("В коробке 4 стула вместо 6, двух не хватает.", Category.SHORTAGE),
    ("Пылесос через неделю перестал включаться, пахнет горелым.", Category.DEFECT),
    ("Заказывали синий диван, привезли серый.", Category.WRONG_ITEM),
    ("Оператор на горячей линии нагрубил и бросил трубку.", Category.SERVICE),
    ("Подскажите, пожалуйста, можно ли изменить адрес доставки?", Category.OTHER),
    ("The courier dropped the box and the lamp inside is smashed.", Category.DAMAGE),
    ("The order was due last Monday and still has not arrived.", Category.DELAY),
    ("Only 3 of the 5 chairs were in the delivery.", Category.SHORTAGE),
    ("The blender stopped working after two days of use.", Category.DEFECT),
    ("I ordered a black kettle but received a white toaster.", Category.WRONG_ITEM),
    ("Your support agent was rude and hung up on me.", Category.SERVICE),
    ("Could you send me a copy of the invoice for my records?", Category.OTHER),
])
def test_clear_letters_in_both_languages(body: str, expected: Category) -> None:
    """With the model on, a clear letter of each category in each language is right."""
    assert category(body)[0] is expected


@pytest.mark.parametrize(("body", "expected"), [
    ("I ordered a black kettle but received a white toaster.", Category.WRONG_ITEM),
    ("Ботинки расклеились, подошва отходит.", Category.DEFECT),
])
def test_the_model_reads_wording_no_keyword_names(body: str, expected: Category) -> None:
    """A letter none of the keywords recognises is categorised from the words it learned."""
    assert category(body, KEYWORDS_ONLY) == (Category.OTHER, 0.0)
    assert category(body)[0] is expected


def test_a_letter_without_content_is_not_trusted() -> None:
    """A greeting alone gets a confidence below the default threshold of 0.3, so the
    classify stage's keywords decide rather than the model's guess."""
    assert category("Добрый день.")[1] < 0.3
    assert category("Hello.")[1] < 0.3
