"""Per-site templates: lines no lexicon covers, removed only after learning, deterministically."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import newsclean
from newsclean import SiteProfile

HEADER = ["Northfield Gazette — Since 1887", "Tides & Harbour Times", "Lakeside | Moorland | Old Quay"]
FOOTER = [
    "Printed by the Lakeview Press Cooperative and carried to forty villages every morning.",
    "Letters to the harbour desk are read every Friday.",
]
STORIES = [
    [
        "The ferry to the outer islands will run twice a day from Monday, the harbour master said.",
        "Fishermen welcomed the change, which follows months of complaints about the winter timetable.",
    ],
    [
        "A storm brought down two old oaks on the quay road overnight, closing it until noon.",
        "Council workers cleared the branches and the road reopened in the early afternoon.",
    ],
    [
        "The lifeboat crew rescued three kayakers off the northern point on Saturday evening.",
        "All three were treated for cold and released from hospital the same night.",
    ],
    [
        "The village school will open a new library wing after a two-year fundraising campaign.",
        "Parents and former pupils raised most of the money through weekend markets.",
    ],
]


def page(story: list[str]) -> str:
    return "\n\n".join([*HEADER, *story, *FOOTER])


PAGES = [page(s) for s in STORIES]


def test_template_lines_are_kept_without_a_profile_and_removed_with_one() -> None:
    before = newsclean.clean(PAGES[0])
    assert FOOTER[0] in before  # a sentence no lexicon knows: nothing marks it without the site's other pages
    profile = SiteProfile.learn(PAGES)
    doc = newsclean.clean_document(PAGES[0], site_profile=profile)
    assert doc.text == "\n\n".join(STORIES[0])
    removed = {r.text: r.rule for r in doc.removed}
    assert all(removed.get(line) == "template.site" for line in [*FOOTER, HEADER[1]])


def test_learning_is_deterministic_and_independent_of_order() -> None:
    profiles = {SiteProfile.learn(order).to_json() for order in itertools.permutations(PAGES)}
    assert len(profiles) == 1


def test_story_lines_are_not_template() -> None:
    profile = SiteProfile.learn(PAGES)
    for story in STORIES:
        for line in story:
            assert newsclean.lexicon.normalise(line) not in profile


def test_thresholds() -> None:
    assert SiteProfile.learn(PAGES[:2]).templates == frozenset()  # fewer pages than min_pages
    assert SiteProfile.learn(PAGES[:2], min_pages=2).templates


def test_profile_round_trips_through_json(tmp_path: Path) -> None:
    profile = SiteProfile.learn(PAGES)
    path = tmp_path / "site.json"
    profile.save(path)
    loaded = SiteProfile.load(path)
    assert loaded == profile and loaded.templates == profile.templates
    assert newsclean.clean(PAGES[1], site_profile=loaded) == "\n\n".join(STORIES[1])


def test_clean_many_with_a_profile_matches_one_by_one() -> None:
    profile = SiteProfile.learn(PAGES)
    want = [newsclean.clean(p, site_profile=profile) for p in PAGES]
    assert list(newsclean.clean_many(PAGES, workers=2, chunksize=1, site_profile=profile)) == want


def test_cli_learns_templates_per_site(tmp_path: Path) -> None:
    import json

    from newsclean.cli import main

    other_site = [f"Completely different site chrome line\n\n{s[0]}\n\n{s[1]}" for s in STORIES]
    src = tmp_path / "crawl.jsonl"
    rows = [{"url": f"https://gazette.example/{i}", "text": p} for i, p in enumerate(PAGES)]
    rows += [{"url": f"https://other.example/{i}", "text": p} for i, p in enumerate(other_site)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(src), "--format", "jsonl", "--learn-templates", "-o", str(out), "--quiet"]) == 0
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert texts[:4] == ["\n\n".join(s) for s in STORIES]
    assert texts[4:] == ["\n\n".join(s) for s in STORIES]


def test_the_url_chooses_the_profile_of_its_site() -> None:
    template = "Daily Courier standing notice for readers"
    article = "The council approved the budget on Tuesday after a long debate about schools and roads in the city."
    profile = newsclean.SiteProfile.learn([f"{template}\n\n{article} Page {i}." for i in range(5)])
    cfg = newsclean.CleanConfig(site_profiles={"www.courier.example": profile})
    page = f"{template}\n\n{article}"
    assert newsclean.clean(page, config=cfg, url="https://courier.example/a") == article
    assert newsclean.clean(page, config=cfg, url="https://other.example/a") == newsclean.clean(page)
    assert newsclean.clean(page, config=cfg) == newsclean.clean(page)
    with pytest.raises(newsclean.ConfigError):
        newsclean.CleanConfig(site_profiles={"courier.example": "not a profile"})  # type: ignore[dict-item]
