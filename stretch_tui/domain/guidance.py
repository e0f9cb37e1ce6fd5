"""The source articles and their general advice, shipped as catalog data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import frozen

from stretch_tui.domain.problems import Problem
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.validation import KEBAB_CASE, FileChecker, read_and_check


@frozen
class Article:
    """A source article the catalog's exercises come from."""

    id: str
    title: str
    publisher: str
    file: str


@frozen
class Advice:
    """One piece of general advice (start short, stop on sharp pain, ...)."""

    id: str
    title: str
    text: str


def parse_articles(path: str, text: str) -> tuple[dict[str, Article] | None, list[Problem]]:
    """Check `articles.toml`; the articles by id, or None and the problems."""
    return read_and_check(path, text, _build_articles)


def parse_advice(path: str, text: str) -> tuple[tuple[Advice, ...] | None, list[Problem]]:
    """Check `advice.toml`; the advice in order, or None and the problems."""
    return read_and_check(path, text, _build_advice)


def load_articles(folder: Path | None = None) -> dict[str, Article]:
    """The shipped articles by id (empty if the file is missing or bad)."""
    path = (folder or shipped_data_dir("catalog")) / "articles.toml"
    articles, _ = parse_articles(str(path), path.read_text(encoding="utf-8"))
    return articles or {}


def load_advice(folder: Path | None = None) -> tuple[Advice, ...]:
    """The shipped general advice, in order (empty if the file is missing or bad)."""
    path = (folder or shipped_data_dir("catalog")) / "advice.toml"
    advice, _ = parse_advice(str(path), path.read_text(encoding="utf-8"))
    return advice or ()


def _build_articles(checker: FileChecker, document: dict[str, Any]) -> dict[str, Article]:
    checker.check_keys(document, (), ("schema_version", "article"))
    articles: dict[str, Article] = {}
    for where, entry in checker.tables(document, (), "article"):
        checker.check_keys(entry, where, ("id", "title", "publisher", "file"))
        values = [checker.text_value(entry, where, key) for key in ("id", "title", "publisher")]
        file = checker.text_value(entry, where, "file")
        article_id, title, publisher = values
        if article_id and title and publisher and file:
            if article_id in articles:
                checker.report((*where, "id"), f"duplicate article id `{article_id}`")
            articles[article_id] = Article(article_id, title, publisher, file)
    return articles


def _build_advice(checker: FileChecker, document: dict[str, Any]) -> tuple[Advice, ...]:
    checker.check_keys(document, (), ("schema_version", "advice"))
    advice: list[Advice] = []
    for where, entry in checker.tables(document, (), "advice"):
        checker.check_keys(entry, where, ("id", "title", "text"))
        advice_id = checker.text_value(entry, where, "id")
        title = checker.text_value(entry, where, "title")
        text = checker.text_value(entry, where, "text")
        if advice_id and not KEBAB_CASE.match(advice_id):
            checker.report((*where, "id"), f'`advice.id` "{advice_id}" must be kebab-case')
        if advice_id and title and text:
            advice.append(Advice(advice_id, title, text))
    return tuple(advice)
