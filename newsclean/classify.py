"""Stage 3, boilerplate detection over the whole block sequence.

The method, in the order it runs:

1. **Block rules** (:mod:`newsclean.rules`): lexicon phrases and line shapes
   label the blocks that are boilerplate on their own.
2. **Neighbour rules**: the block after a gallery prompt is a caption; a
   truncated block that repeats the start of one just before is a caption copy.
   Lines of the site's template (``CleanConfig.site_profile``) go here too.
2b. **The block scorer** (:mod:`newsclean.scorer`, pages of 12 blocks or more)
   marks low-scoring prose and fragments as furniture; then lines with no
   letter or digit are decoration.
3. **The article run**: prose blocks (``Features.body_like``) that no rule
   removed mark where the article is. It runs from the first of them to the last
   one before an *end marker* (a comment form, a related-articles header, a
   copyright notice, ...) that has enough article before it and no article
   right after it (for HTML, one paragraph in the main content container is
   enough to go on). A numbered list right after the last paragraph joins it.
4. **Inside the run**: runs of two or more long headline-like lines are teaser
   lists; other headline-like lines are headings; everything else is kept.
5. **Around the run**: the title is the headline-like block just before the
   run (skipping datelines, captions and the like); the rest of the head and
   the tail are outside the article.
6. **Copies**: a kept block made of paragraphs kept before it, joined into
   one (the article body again, from the page's metadata or a print view), is
   removed, and so is a long kept block that repeats an earlier one.

A page with no prose at all (a listing, a table, a thread of one-line posts)
has no run: its densest region of lines no rule removed is kept instead
(``outside.fallback`` for the rest, ``Document.fallback`` set), so such a page
is never emptied by accident.

Idempotence: step 3 onwards reads only blocks that step 1 left unlabelled, so
re-cleaning the output (which holds only such blocks, starting and ending with
a prose block) finds the same run and keeps it whole. :mod:`newsclean.api`
checks this and settles any remainder.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .config import CleanConfig
from .document import Kind
from .dom import DOM_FEATURE_NAMES
from .features import Features, list_number
from .pageshape import listing_shaped
from .rules import Verdict, block_verdict, decoration
from .scorer import load_model, score_blocks

__all__ = ["Label", "block_verdicts", "classify"]

#: The learned scorer reads whole pages; on a text of a few blocks there is no
#: page furniture for it to recognise, and the rules decide alone.
SCORER_MIN_BLOCKS = 12
#: The scorer never removes a block this long (effective characters): a page's
#: furniture is made of short pieces, and one huge block is the article.
SCORER_MAX_EFF = 1500
#: ... and never sets its bar above this share of the page's best prose score.
SCORER_RELATIVE = 0.7
#: A prose block right after one scored at least this keeps a score down to
#: SCORER_RELATIVE x the threshold.
SCORER_SURE = 0.8
#: A text without prose and with at most this many unlabelled blocks is kept as it is.
SHORT_TEXT_BLOCKS = 3
#: A caption after a gallery prompt is at most this long (effective chars).
CAPTION_MAX_EFF = 300
#: Long headline-like lines in a row that make a teaser list (effective chars each).
TEASER_MIN_EFF = 50
TEASER_MAX_EFF = 250
TEASER_MIN_RUN = 2
#: Short headline-like lines in a row that make a menu inside the run.
MENU_MAX_EFF = 30
MENU_MIN_RUN = 4
#: In a text, a group that mixes short and long lines holds a menu all the same where this many
#: short ones stand in a row (a dump's section menu between two teaser headlines). In HTML the
#: group's links already tell a teaser list from headings (:data:`TEASER_MIN_LINKS`).
MENU_SUBRUN_MIN = 8
#: An end marker cuts the tail only with this much prose before it (effective chars) ...
END_MIN_BODY = 150
#: ... and at least this share of the prose after it.
END_MIN_SHARE = 0.5
#: After an end marker other than a comment header, the article goes on when
#: this many of the next few unlabelled blocks are prose.
RESUME_WINDOW = 8
RESUME_MIN_PROSE = 2
#: ... but a related header over this many teaser cards (headline, snippet) ends it all the same.
CARDS_MIN = 2
#: A comments marker opens a comment section when an author line follows within this many blocks.
COMMENT_AUTHOR_WINDOW = 3
#: A time of day ("12:46"), which a comment's byline carries and a deadline or an issue date does not.
_CLOCK_RX = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
#: Rules that recognise a comment section itself, not a link to it.
_COMMENT_SECTION_RULES = frozenset({"comments.count", "comments.phrase"})
_MENU_RUN = Verdict(Kind.NAV, "nav.menu-run")
#: Kinds whose exact or phrase matches can end an article.
_END_KINDS = frozenset({Kind.COMMENTS, Kind.RELATED, Kind.SECTION, Kind.PREV_NEXT, Kind.COPYRIGHT, Kind.SYNDICATION})
#: The DOM feature that says a line sits in the page's main content container.
_IN_BEST = DOM_FEATURE_NAMES.index("dom_in_best")
_IN_NAV = DOM_FEATURE_NAMES.index("dom_in_nav")
_FURNITURE_ANCESTORS = tuple(DOM_FEATURE_NAMES.index(f"dom_in_{a}") for a in ("nav", "footer", "aside"))
_LINK_DENSITY = DOM_FEATURE_NAMES.index("dom_link_density")
#: In HTML, a run of headline-like lines is a teaser list only when each has at least this link density.
TEASER_MIN_LINKS = 0.5
#: A numbered list after the last paragraph: where it may start, how many items, and
#: how many unnumbered blocks may stand between two items (see :func:`_list_after`).
LIST_START_WINDOW = 2
LIST_MIN_ITEMS = 3
LIST_GAP = 2
#: Numbers a kept list item may skip (items the scorer removed, see :func:`_list_after`).
LIST_SKIP = 1
#: A joined copy of the article (see :func:`_label_joined_copies`): its least length,
#: the least number of earlier paragraphs it must repeat and the share of it they cover;
#: paragraphs are looked up by their first characters, a few per key.
COPY_MIN_CHARS = 200
COPY_MIN_PARTS = 2
COPY_MIN_SHARE = 0.8
COPY_KEY_CHARS = 24
COPY_CANDIDATES = 4
COPY_SCAN_FACTOR = 8
COPY_START_CHARS = 100
_BOUNDARY_RX = re.compile(r"[ 。！？；]")
#: A page without a prose run (a listing, a table, a thread of short posts) keeps its densest region:
#: lines no rule removed, at most FALLBACK_GAP removed lines between two of them, with the most
#: text; in HTML, within the page's main content container when that holds enough of them.
FALLBACK_GAP = 2
#: ... when the region holds at least this much text (effective characters); less is a page of links.
FALLBACK_MIN_EFF = 120
#: The head before the first paragraph is content when its densest region (lines no rule and not
#: the scorer removed) holds this many times the text of the article run after it.
HEAD_REGION_FACTOR = 2.0
#: ... and the tail after a run is content when its densest region holds as much text as the run:
#: a listing's cards or a table under a short introduction (the lines the tail rule removed only;
#: on the development pages 0.5 to 2.0 score alike, wcxb collection 0.506 -> 0.57).
TAIL_REGION_FACTOR = 1.0
#: A thread without a declaration (a forum or Q&A page): a comment section's header does not end
#: the run when the prose before it is at most THREAD_MAX_LEAD effective characters (an opening
#: post, a question) and the prose after it at least THREAD_FACTOR times that. A news article with
#: comments has its article before the header. (wcxb forum 0.701 -> 0.716, magic_html forum 0.723
#: -> 0.732 in HTML; scrapinghub unchanged; 600 and 3.0 cost zh_wce and scrapinghub.)
THREAD_MAX_LEAD = 300
THREAD_FACTOR = 4.0
#: A thread of short posts: at least POST_MIN_HEADERS post headers (dateline lines dated to the
#: minute), with the page's short run (at most THREAD_MAX_LEAD) between the first and the last of
#: them. The opening post is dated like the replies; an article's comments all come after it.
POST_MIN_HEADERS = 3
#: A short line right over a post header is the next post's author, not the end of this post.
POST_AUTHOR_MAX_EFF = 60
#: ... and lines that POST_MIN_HEADERS or more posts repeat hold at most this share of their text.
POST_MAX_REPEATED = 0.25
#: A repeated kept block this long (effective characters) is a second copy, not the article's refrain.
REPEAT_MIN_EFF = 80
#: What a page's declared profile (:mod:`newsclean.pagetype`) does to the scorer's threshold: the
#: scorer learned its bar mostly on articles, and on other pages the content is made of the short
#: lines it doubts. (On the mixed pages of the development benchmark, with the scorer that had seen
#: none of them: wcxb 0.769 -> 0.772, magic_html 0.777 -> 0.778, snippets unchanged.)
PROFILE_SCORER_FACTOR: dict[str, float] = {"article": 1.0, "thread": 0.5, "product": 0.5, "listing": 0.5}
#: Blocks the title search may step over between the title and the first paragraph.
_TITLE_SKIPPABLE = frozenset(
    {
        Kind.DATELINE,
        Kind.BYLINE,
        Kind.CAPTION,
        Kind.CREDIT,
        Kind.MEDIA,
        Kind.SHARE,
        Kind.ADVERTISEMENT,
        Kind.LABEL,
        Kind.CONTACT,
        Kind.COMMENTS,
        Kind.READ_MORE,
    }
)
#: A category or archive widget: this many lines in a row, each a short name and a count.
COUNT_LIST_MIN = 3
_COUNT_ITEM_RX = re.compile(r"\S.{0,58}\s\(\d{1,5}\)\Z")
_COUNT_LIST = Verdict(Kind.NAV, "nav.count-list")
#: The verdicts given to many blocks of a page, made once (verdicts are immutable).
_OUTSIDE_HEAD = Verdict(Kind.OUTSIDE, "outside.head")
_OUTSIDE_TAIL = Verdict(Kind.OUTSIDE, "outside.tail")
_OUTSIDE_SCORER = Verdict(Kind.OUTSIDE, "outside.scorer")
_NAV_ELEMENT = Verdict(Kind.NAV, "nav.element")
_OUTSIDE_FALLBACK = Verdict(Kind.OUTSIDE, "outside.fallback")
_NO_BODY = Verdict(Kind.OUTSIDE, "outside.no-body")
_REPEAT = Verdict(Kind.DUPLICATE, "duplicate.repeat")
#: Kinds whose following blocks, after an end marker, keep the marker's kind.
_INHERITING = {Kind.COMMENTS: "comments.after-marker", Kind.RELATED: "related.after-marker"}


@dataclass(slots=True)
class Label:
    """The decision for one block: a role, and for removed blocks a verdict."""

    role: str  # "paragraph" | "heading" | "title" | "caption" | "removed"
    verdict: Verdict | None = None
    #: Kept by the no-prose fallback (:func:`_fallback_region`), not by the article run.
    fallback: bool = False


def classify(
    feats: list[Features], config: CleanConfig, dom: np.ndarray | None = None, *, page_profile: str = "article"
) -> list[Label]:
    """Label every block; ``feats`` are the blocks' features in order.

    ``page_profile`` is what the page declares itself to be (:mod:`newsclean.pagetype`):
    on a thread the comment section is the content, and on any page but an
    article the scorer's bar is lowered (:data:`PROFILE_SCORER_FACTOR`).
    """
    verdicts = block_verdicts(feats)
    profile = config.site_profile
    if profile is not None and profile.templates:
        for i, f in enumerate(feats):
            if verdicts[i] is None and f.norm in profile:
                verdicts[i] = Verdict(Kind.TEMPLATE, "template.site")
    by_rules = list(verdicts)
    factor = _apply_scorer(feats, verdicts, dom, page_profile)
    # Decoration goes last, so the scorer sees the page's separators as they are.
    for i, f in enumerate(feats):
        if verdicts[i] is None:
            verdicts[i] = decoration(f)
    # A <nav> element is navigation whatever its lines look like: a mega-menu's item names joined
    # into one long line read as prose, and on a product or listing page the scorer's lowered bar
    # let them through (wcxb listing 0.556 -> 0.570 in-sample; the news data sets unchanged).
    if dom is not None:
        for i in range(len(feats)):
            if verdicts[i] is None and dom[i, _IN_NAV]:
                verdicts[i] = _NAV_ELEMENT
    labels = [Label("removed", v) if v is not None else Label("paragraph") for v in verdicts]

    body = [i for i, f in enumerate(feats) if verdicts[i] is None and f.body_like]
    if not body:
        # No prose anywhere. A short text ("Test", a one-line note) is kept as it
        # is, minus what the rules removed; a longer one is a listing, a table or
        # a page of links: its densest region is kept, or nothing.
        if sum(1 for v in verdicts if v is None) > SHORT_TEXT_BLOCKS:
            region = _fallback_region(feats, by_rules, dom)
            for i, lab in enumerate(labels):
                if region is not None and i in region and by_rules[i] is None and decoration(feats[i]) is None:
                    labels[i] = Label("paragraph")
                elif lab.verdict is None:
                    labels[i] = Label("removed", _OUTSIDE_FALLBACK if region is not None else _NO_BODY)
            if region is not None:
                _label_run(feats, labels, region.start, region.stop - 1, None, clean=True)
                _label_repeats(feats, labels)
                for i in region:
                    labels[i].fallback = labels[i].verdict is None
        return labels
    start = body[0]
    end, marker = _run_end(feats, verdicts, body, dom, thread=page_profile == "thread")
    last = _list_after(feats, verdicts, end) if marker is None else end
    if marker is None and dom is not None:
        last = _container_list_after(verdicts, dom, last)

    # A text with nothing removed so far is clean already: its headline-like lines are headings.
    clean = not any(lab.role == "removed" for lab in labels)
    _label_run(feats, labels, start, end, dom, clean=clean)
    end = last
    zone = _label_head(feats, labels, start)
    # Head and tail recovery: in HTML, and in a text where no rule found boilerplate.
    recover = dom is not None or not any(v is not None for v in by_rules)
    run_eff = sum(feats[i].eff for i in range(start, end + 1) if labels[i].verdict is None)
    # A text with nothing removed is newsclean's output read again: whatever stands before or after
    # its first run was kept by the call that wrote it, so no share of the run is asked of it
    # (with the bar, a recovered head of HTML input lost to the next call's longer run). On a page
    # that is no article (declared, or shaped like a listing) the profile's factor lowers this bar
    # as it lowered the scorer's: there the run is an introduction, and the content stands around it.
    bar = 0 if dom is None and clean else int(factor * run_eff)
    if recover:
        _recover_head(feats, labels, zone, start, bar, dom)
    if dom is not None or marker is not None or not _ends_clean(feats, labels, end):
        _label_tail(labels, end, marker)
        if recover:
            _recover_tail(feats, labels, end, bar, dom)
    if run_eff <= THREAD_MAX_LEAD:
        _recover_posts(feats, labels, by_rules, start, end)
    _label_joined_copies(feats, labels)
    _label_repeats(feats, labels)
    if config.keep_captions:
        for i in range(zone, end + 1):
            v = labels[i].verdict
            if v is not None and v.kind is Kind.CAPTION:
                labels[i] = Label("caption")
    return labels


def _apply_scorer(
    feats: list[Features], verdicts: list[Verdict | None], dom: np.ndarray | None, profile: str = "article"
) -> float:
    """Step 2b: the block scorer marks low-scoring prose and fragments as furniture (the page's
    declared ``profile`` is one of its features, and scales its threshold). Returns the factor
    the threshold was scaled by (1.0 on an article, or when the page is too short to score)."""
    probs = score_blocks(feats, verdicts, dom, profile) if len(feats) >= SCORER_MIN_BLOCKS else None
    if probs is None:
        return 1.0
    factor = PROFILE_SCORER_FACTOR.get(profile, 1.0)
    # A page that declares itself an article (or nothing) but is shaped like a listing, a
    # collection or a service page gets the listing bar (:mod:`newsclean.pageshape`).
    if dom is not None and profile == "article" and listing_shaped(feats, verdicts, dom, probs):
        factor = PROFILE_SCORER_FACTOR["listing"]
    # On a page where the scorer doubts everything, its best prose still
    # survives: the threshold never exceeds a share of the best prose score.
    prose = [p for p, f, v in zip(probs, feats, verdicts, strict=True) if v is None and f.body_like]
    threshold = factor * min(_threshold(dom is not None), SCORER_RELATIVE * max(prose, default=1.0))
    previous = -1  # the last block no rule removed, before this one
    html = dom is not None
    for i, p in enumerate(probs):
        f = feats[i]
        # Headline-like blocks are left to the run logic: a heading between two
        # paragraphs scores low on its own but belongs to the article. So is a
        # sentence that directly follows a paragraph the scorer is sure of: the
        # short last sentence of an article scores low beside the long ones.
        follows_article = previous >= 0 and probs[previous] >= SCORER_SURE and feats[previous].body_like
        if verdicts[i] is None:
            if (
                p < threshold
                and (html or not f.headline_like)
                and f.eff < SCORER_MAX_EFF
                and not (follows_article and f.body_like and p >= SCORER_RELATIVE * threshold)
            ):
                verdicts[i] = _OUTSIDE_SCORER
            else:
                previous = i
    return factor


def _threshold(html: bool) -> float:
    model = load_model("html" if html else "text")
    return model.threshold if model is not None else 0.5


def block_verdicts(feats: list[Features]) -> list[Verdict | None]:
    """Steps 1 and 2: the block rules, then the neighbour rules."""
    verdicts = [block_verdict(f) for f in feats]
    _neighbour_rules(feats, verdicts)
    return verdicts


def _neighbour_rules(feats: list[Features], verdicts: list[Verdict | None]) -> None:
    _count_lists(feats, verdicts)
    for i, f in enumerate(feats):
        v = verdicts[i]
        if v is not None and v.kind is Kind.MEDIA and i + 1 < len(feats):
            nxt = verdicts[i + 1]
            if (nxt is None or nxt.kind is Kind.CREDIT) and feats[i + 1].eff <= CAPTION_MAX_EFF:
                verdicts[i + 1] = Verdict(Kind.CAPTION, "caption.after-media")
        if v is None and f.text.endswith(("...", "…")):
            stem = f.text.rstrip(".… ")
            if len(stem) >= 15 and any(
                stem in feats[j].text and feats[j].text != f.text for j in range(max(0, i - 4), i)
            ):
                verdicts[i] = Verdict(Kind.CAPTION, "caption.truncated-repeat")


def _count_lists(feats: list[Features], verdicts: list[Verdict | None]) -> None:
    """Category and archive widgets: :data:`COUNT_LIST_MIN` or more lines in a row
    that are a short name and a post count ("Politics (47)", "März 2019 (12)")."""
    run: list[int] = []
    for i in [*range(len(feats)), -1]:
        if i >= 0 and verdicts[i] is None and _COUNT_ITEM_RX.match(feats[i].text):
            run.append(i)
            continue
        if len(run) >= COUNT_LIST_MIN:
            for j in run:
                verdicts[j] = _COUNT_LIST
        run = []


def _is_end_marker(v: Verdict) -> bool:
    if v.kind not in _END_KINDS:
        return False
    if v.kind in (Kind.PREV_NEXT, Kind.COPYRIGHT, Kind.COMMENTS):
        return True
    return not v.rule.endswith(".prefix")  # "See also: <teaser>" does not end an article


def _run_end(
    feats: list[Features],
    verdicts: list[Verdict | None],
    body: list[int],
    dom: np.ndarray | None = None,
    *,
    thread: bool = False,
) -> tuple[int, Kind | None]:
    """Index of the run's last prose block, and the kind of the marker that ended it.

    A comment section's own header or form (``comments.count``, ``.phrase``)
    ends the article whenever some article comes before it, even
    when the comments are longer than the article. Other markers ("Related",
    "Recent News", a copyright line) end it only with most of the prose before
    them and no prose right after, since such boxes also sit inside articles.
    On a thread (declared, or a short opening post under far longer replies:
    :data:`THREAD_MAX_LEAD`) a comment section is the content.
    """
    total = sum(feats[i].eff for i in body)
    before = 0
    k = 0
    for i in range(body[0] + 1, body[-1]):
        while k < len(body) and body[k] < i:
            before += feats[body[k]].eff
            k += 1
        v = verdicts[i]
        if v is None or not _is_end_marker(v) or before < END_MIN_BODY or (thread and v.kind is Kind.COMMENTS):
            continue
        if v.kind is Kind.COMMENTS and before <= THREAD_MAX_LEAD and total - before >= THREAD_FACTOR * before:
            continue  # a thread: a short opening post, the replies are the content
        if (
            not _opens_comments(feats, verdicts, i)
            and not (dom is None and v.kind is Kind.RELATED and _cards_follow(feats, verdicts, i))
            and (before < END_MIN_SHARE * (total - before) or _prose_follows(feats, verdicts, i, dom))
        ):
            continue
        return body[k - 1], v.kind
    return body[-1], None


def _opens_comments(feats: list[Features], verdicts: list[Verdict | None], i: int) -> bool:
    """Whether block ``i`` opens a comment section: a header that only a comment
    section has ("34 Comments", "Leave a Reply"), or any comments marker with a
    dated comment author line among the next few blocks ("Jane on May 2, 2019
    said:", or "Jane says:" over a date), or a bare "Comments" header right over
    a line dated to the minute ("# re: Welcome 2004-12-27 12:46 flyingbirds").
    An undated "Jane wrote:" is as often a quotation inside the article."""
    v = verdicts[i]
    if v is None or v.kind is not Kind.COMMENTS:
        return False
    if v.rule in _COMMENT_SECTION_RULES:
        return True
    after_header = verdicts[i + 1] if i + 1 < len(verdicts) else None
    if (
        v.rule == "comments.exact"
        and after_header is not None
        and after_header.kind is Kind.DATELINE
        and _CLOCK_RX.search(feats[i + 1].text)
    ):
        return True  # a bare "Comments" header over a line dated to the minute: the first comment's byline
    for j in range(i + 1, min(i + 1 + COMMENT_AUTHOR_WINDOW, len(verdicts))):
        w = verdicts[j]
        if w is not None and w.rule == "comments.suffix":
            after = verdicts[j + 1] if j + 1 < len(verdicts) else None
            if any(c.isdigit() for c in feats[j].text) or (after is not None and after.kind is Kind.DATELINE):
                return True
    return False


def _cards_follow(feats: list[Features], verdicts: list[Verdict | None], i: int) -> bool:
    """Whether teaser cards follow block ``i`` (a related-stories header): among the next
    RESUME_WINDOW blocks no rule removed, at least CARDS_MIN snippets, each right under its
    headline and none right under another paragraph. The article resumes with paragraphs in a
    row; a box of teasers gives one snippet per headline, however long the snippets are."""
    cards = 0
    prev: Features | None = None
    for j in _window_after(verdicts, i):
        f = feats[j]
        if f.body_like:
            if prev is None or not prev.headline_like or prev.body_like:
                return False
            cards += 1
        prev = f
    return cards >= CARDS_MIN


def _window_after(verdicts: list[Verdict | None], i: int) -> Iterator[int]:
    """The next RESUME_WINDOW blocks after block ``i`` that no rule removed (what a reader sees
    next, where :func:`_prose_follows` and :func:`_cards_follow` look)."""
    seen = 0
    for j in range(i + 1, len(verdicts)):
        if verdicts[j] is None:
            yield j
            seen += 1
            if seen == RESUME_WINDOW:
                return


def _prose_follows(
    feats: list[Features], verdicts: list[Verdict | None], i: int, dom: np.ndarray | None = None
) -> bool:
    """Whether the article goes on right after block ``i``: prose among the next few
    blocks (for HTML, one paragraph in the page's main content container is enough:
    a "Read also" box inside an article is followed by the article's own text)."""
    prose = 0
    for j in _window_after(verdicts, i):
        if feats[j].body_like:
            prose += 1
            if dom is not None and dom[j, _IN_BEST] >= 1.0:
                return True
    return prose >= RESUME_MIN_PROSE


def _list_after(feats: list[Features], verdicts: list[Verdict | None], end: int) -> int:
    """Index of the last item of a numbered list that continues the article right
    after its last paragraph, or ``end`` when none does.

    An article often closes with a list ("1) ...", "2、...", "(3) ...") whose
    items are not sentences, so the run of prose stops before it. A list that
    starts at 1 within :data:`LIST_START_WINDOW` blocks of the last paragraph,
    with nothing between that marks a section end, and counts up through at
    least :data:`LIST_MIN_ITEMS` items (up to :data:`LIST_GAP` unnumbered blocks
    between two items) belongs to the article.

    The count survives an item that a rule or the scorer removed: the removed
    item still advances it, and a kept item may skip up to :data:`LIST_SKIP`
    numbers, so that the next call, reading the output without that item, keeps
    the same list.
    """
    expected = 1
    last_item = end
    gap = 0
    for i in range(end + 1, len(feats)):
        if expected == 1 and i - end > LIST_START_WINDOW:
            break
        v = verdicts[i]
        if v is not None:
            if _is_end_marker(v) or v.kind in (Kind.SECTION, Kind.LABEL):
                break
            if expected > 1 and list_number(feats[i].text) == expected:
                expected += 1
            continue
        number = list_number(feats[i].text)
        if number is not None and (
            number == expected or (expected > 1 and (number == 1 or expected < number <= expected + LIST_SKIP))
        ):
            expected = number + 1
            last_item = i
            gap = 0
        else:
            gap += 1
            if gap > LIST_GAP or expected == 1:
                break
    return last_item if expected - 1 >= LIST_MIN_ITEMS else end


def _container_list_after(verdicts: list[Verdict | None], dom: np.ndarray, end: int) -> int:
    """HTML: index of the last block that ends the article inside its container,
    right after the last paragraph, or ``end`` when none does.

    A results table, a meal plan, a product's features or a footnote often
    close an article, and their short lines look like a related-links box. In
    HTML the DOM says where they are: inside the element that holds the
    article's paragraphs. Blocks the scorer removed may stand between them;
    a block a rule removed, or one outside that element, ends them. Text
    input has no such evidence, so a text keeps such lines only when nothing
    else in it was found to be boilerplate (:func:`_ends_clean`): that is the
    cleaned output, read again, which keeps ``clean`` idempotent.
    """
    last = end
    for i in range(end + 1, len(verdicts)):
        v = verdicts[i]
        if v is not None:
            if v is _OUTSIDE_SCORER:
                continue
            break
        if dom[i, _IN_BEST] < 1.0:
            break
        last = i
    return last


def _ends_clean(feats: list[Features], labels: list[Label], end: int) -> bool:
    """Whether a text's lines after its last paragraph are the end of the article:
    nothing in the whole text was found to be boilerplate, and no line after the
    last paragraph repeats another line of the text (a page's furniture repeats
    the headline, the site's name).

    Such a text is clean already (the output of HTML input, read again, or an
    article a user cleaned), and its short closing lines (a list, a footnote,
    a source line) are the article's; a dump always holds some furniture that
    the rules or the scorer find. The cost: a box's header that no lexicon
    knows, alone after clean prose ("Most shared this week"), stays.
    """
    if any(lab.role == "removed" for lab in labels):
        return False
    seen = Counter(f.norm for f in feats)
    return all(seen[feats[i].norm] == 1 for i in range(end + 1, len(feats)))


def _label_run(
    feats: list[Features], labels: list[Label], start: int, end: int, dom: np.ndarray | None, *, clean: bool
) -> None:
    """Inside the article run: teaser lists, menus, headings and paragraphs.

    In HTML, a group of headline-like lines with few links in it is no teaser
    list (teasers link to their stories): its lines are headings; so are all
    of a clean text's (see :func:`classify`), which keeps the output of HTML
    input as it is when read again.
    """
    kept = [i for i in range(start, end + 1) if labels[i].verdict is None]
    group: list[int] = []
    for i in [*kept, -1]:
        if i >= 0 and not feats[i].body_like and feats[i].headline_like:
            group.append(i)
            continue
        if group:
            unlinked = dom is not None and all(dom[j, _LINK_DENSITY] < TEASER_MIN_LINKS for j in group)
            _label_headline_group(feats, labels, group, headings_only=clean or unlinked, text=dom is None)
            group = []


def _label_headline_group(
    feats: list[Features], labels: list[Label], group: list[int], *, headings_only: bool = False, text: bool = False
) -> None:
    if headings_only:
        verdict: Verdict | None = None
    elif len(group) >= TEASER_MIN_RUN and all(TEASER_MIN_EFF <= feats[i].eff <= TEASER_MAX_EFF for i in group):
        verdict = Verdict(Kind.RELATED, "related.teaser-run")
    elif len(group) >= MENU_MIN_RUN and all(feats[i].eff <= MENU_MAX_EFF for i in group):
        verdict = _MENU_RUN
    else:
        verdict = None
    menu = _menu_subruns(feats, group) if text and verdict is None and not headings_only else set()
    for i in group:
        v = _MENU_RUN if i in menu else verdict
        labels[i] = Label("removed", v) if v else Label("heading", fallback=labels[i].fallback)


def _menu_subruns(feats: list[Features], group: list[int]) -> set[int]:
    """The lines of ``group`` in runs of :data:`MENU_SUBRUN_MIN` or more short ones in a row."""
    out: set[int] = set()
    run: list[int] = []
    for i in [*group, -1]:
        if i >= 0 and feats[i].eff <= MENU_MAX_EFF:
            run.append(i)
            continue
        if len(run) >= MENU_SUBRUN_MIN:
            out.update(run)
        run = []
    return out


def _label_head(feats: list[Features], labels: list[Label], start: int) -> int:
    """Find the title before the run; the rest of the head is outside. Returns
    the index where the article zone (title, captions) begins."""
    zone = start
    title = None
    for i in range(start - 1, -1, -1):
        v = labels[i].verdict
        if v is None:
            if feats[i].headline_like:
                title = i
                zone = i
            break
        if v.kind not in _TITLE_SKIPPABLE:
            break
        zone = i
    if title is not None:
        labels[title] = Label("title")
    for i in range(0, start):
        if labels[i].verdict is None and labels[i].role != "title":
            labels[i] = Label("removed", _OUTSIDE_HEAD)
    return zone


def _recover_head(
    feats: list[Features], labels: list[Label], zone: int, start: int, bar: int, dom: np.ndarray | None
) -> None:
    """Step 5b: a page whose content stands before its first paragraph (a grid of product cards,
    a table, a list above a short blurb) keeps it: the densest region of head lines no rule and
    not the scorer removed, when it holds HEAD_REGION_FACTOR times ``bar`` (the run's text; none
    is asked of a clean text, see :func:`classify`) or more. In
    HTML, where the scorer also rates headline-like lines (so what it left of the head is not a
    menu), and in a text where no rule found boilerplate (newsclean's output read again, so that
    the next call keeps what this one kept); in other plain text, menus of short lines stand where
    such content would, and the run logic removes them. A title line between the region and the
    run is one of the content's headings: read again, the text would otherwise lose its last
    head line to the title at every call."""
    region = _recover(feats, labels, range(zone), _OUTSIDE_HEAD, HEAD_REGION_FACTOR * bar, dom)
    if region is not None:
        for i in range(region.stop, start):
            if labels[i].role == "title":
                labels[i] = Label("heading", fallback=True)


def _recover_tail(feats: list[Features], labels: list[Label], end: int, bar: int, dom: np.ndarray | None) -> None:
    """Step 6a: the same for what follows a short run: a listing's cards or a table under its
    introduction. Only lines the tail rule removed count (not those after a comments or related
    marker), and the region must hold TAIL_REGION_FACTOR times ``bar``."""
    _recover(feats, labels, range(end + 1, len(labels)), _OUTSIDE_TAIL, TAIL_REGION_FACTOR * bar, dom)


def _recover(
    feats: list[Features], labels: list[Label], span: range, verdict: Verdict, least: float, dom: np.ndarray | None
) -> range | None:
    """Keep the densest region of the lines in ``span`` labelled ``verdict`` (and the lines the
    scorer removed among them); in HTML, lines inside a ``nav``, ``footer`` or ``aside`` are the
    page's furniture whatever the scorer said. Returns the region, or None when none holds
    ``least`` (nor FALLBACK_MIN_EFF)."""
    lines = [i for i in span if labels[i].verdict is verdict]
    least = max(FALLBACK_MIN_EFF, least)
    if dom is not None:
        lines = [i for i in lines if not any(dom[i, c] for c in _FURNITURE_ANCESTORS)]
    region = _densest(feats, lines, least)
    if region is None:
        return None
    for i in region:
        if labels[i].verdict is verdict or labels[i].verdict is _OUTSIDE_SCORER:
            labels[i] = Label("paragraph", fallback=True)
    _label_run(feats, labels, region.start, region.stop - 1, None, clean=True)
    return region


def _post_headers(feats: list[Features], by_rules: list[Verdict | None]) -> list[range]:
    """The page's post headers: runs of dateline lines dated to the minute (a post's date and
    its number, "#4 2023-10-11 08:37", are often two lines)."""
    headers: list[range] = []
    for i, v in enumerate(by_rules):
        if v is None or v.kind is not Kind.DATELINE or _CLOCK_RX.search(feats[i].text) is None:
            continue
        if headers and headers[-1].stop == i:
            headers[-1] = range(headers[-1].start, i + 1)
        else:
            headers.append(range(i, i + 1))
    return headers


def _recover_posts(
    feats: list[Features], labels: list[Label], by_rules: list[Verdict | None], start: int, end: int
) -> None:
    """Step 6a': a thread of short posts keeps its posts. When the page's short run (at most
    THREAD_MAX_LEAD, the caller checks) stands between the first and the last of at least
    POST_MIN_HEADERS post headers, each post is the lines after its header that no rule removed,
    up to the next header (less the author line right over it) or, for the last post, up to the
    first line a rule removed. The scorer doubts such posts ("Happy new year!") one by one; the
    rhythm of dated headers says what they are."""
    headers = _post_headers(feats, by_rules)
    if len(headers) < POST_MIN_HEADERS or not headers[0].start < start or not end < headers[-1].start:
        return
    posts: list[int] = []
    for k, header in enumerate(headers):
        if k + 1 < len(headers):
            stop = headers[k + 1].start
            author = stop - 1
            if author > header.stop and by_rules[author] is None and feats[author].eff <= POST_AUTHOR_MAX_EFF:
                stop = author
            lines = range(header.stop, stop)
        else:
            last = header.stop
            while last < len(feats) and by_rules[last] is None:
                last += 1
            lines = range(header.stop, last)
        posts += [
            i for i in lines if by_rules[i] is None and labels[i].role == "removed" and decoration(feats[i]) is None
        ]
    # A line that many posts repeat ("This reply has been deleted", "1 reply") is the thread's
    # furniture; a thread made mostly of such lines has no posts left to keep.
    seen = Counter(feats[i].norm for i in posts)
    repeated = {i for i in posts if seen[feats[i].norm] >= POST_MIN_HEADERS}
    if sum(feats[i].eff for i in repeated) > POST_MAX_REPEATED * sum(feats[i].eff for i in posts):
        return
    for i in posts:
        if i not in repeated:
            labels[i] = Label("paragraph", fallback=True)


def _densest(feats: list[Features], lines: list[int], least: float) -> range | None:
    """The region of ``lines`` (block indices, ascending) with the most text, at most FALLBACK_GAP
    other blocks between two of them; None when none holds ``least`` effective characters."""
    best: range | None = None
    best_eff = least - 1
    start = prev = -1
    eff = 0
    for i in [*lines, -1]:
        if i >= 0 and prev >= 0 and i - prev - 1 <= FALLBACK_GAP:
            eff += feats[i].eff
            prev = i
            continue
        if prev >= 0 and eff > best_eff:
            best, best_eff = range(start, prev + 1), eff
        start = prev = i
        eff = feats[i].eff if i >= 0 else 0
    return best


def _fallback_region(feats: list[Features], by_rules: list[Verdict | None], dom: np.ndarray | None) -> range | None:
    """The densest region of a page without prose: see :data:`FALLBACK_GAP`.

    Only the rules' verdicts count here, not the scorer's: the scorer learned
    what furniture looks like beside an article, and a page without one is
    where it knows least. Returns the region as a range of block indices, or
    None when no region holds :data:`FALLBACK_MIN_EFF`.
    """
    open_lines = [i for i, v in enumerate(by_rules) if v is None and decoration(feats[i]) is None]
    if dom is not None:
        inside = [i for i in open_lines if dom[i, _IN_BEST]]
        if sum(feats[i].eff for i in inside) >= FALLBACK_MIN_EFF:
            open_lines = inside
    return _densest(feats, open_lines, FALLBACK_MIN_EFF)


def _label_repeats(feats: list[Features], labels: list[Label]) -> None:
    """Step 6b: kept blocks that render an earlier passage again (two of them :data:`REPEAT_MIN_EFF` or more).

    A repeat goes when the blocks around it repeat the blocks around its twin:
    kept blocks in a row that stand, in the same order, earlier, two of them
    long (the article, a section of it or a product's description shown twice,
    with the short headings and list items between). A lone repeat is the
    article repeating itself (a refrain, a pull quote, a test page) and stays.
    """
    kept = [i for i, lab in enumerate(labels) if lab.verdict is None and lab.role != "title"]
    first: dict[str, int] = {}
    twin = [-1] * len(kept)  # for each kept block, the kept position of its earlier twin
    for k, i in enumerate(kept):
        key = feats[i].norm
        if key in first:
            twin[k] = first[key]
        elif key:
            first[key] = k
    # A passage shown again: kept blocks in a row whose twins stand in a row, in the same order.
    # Its short lines (headings, list items) go with it; it takes two long blocks to be a copy.
    k = 0
    while k < len(kept):
        stop = k + 1
        if twin[k] >= 0:
            while stop < len(kept) and twin[stop] >= 0 and twin[stop] == twin[stop - 1] + 1:
                stop += 1
            if sum(1 for j in range(k, stop) if feats[kept[j]].eff >= REPEAT_MIN_EFF) >= 2:
                for j in range(k, stop):
                    labels[kept[j]] = Label("removed", _REPEAT)
        k = stop


def _label_joined_copies(feats: list[Features], labels: list[Label]) -> None:
    """Step 6: remove a kept block that joins paragraphs kept before it.

    Page dumps often carry the article twice: once as paragraphs and once as
    one long block (the ``articleBody`` of the page's metadata, a print or
    mobile copy). A candidate has an earlier kept paragraph starting within its
    first few words; it is then read from the start as a sequence of earlier
    kept paragraphs (at each word boundary, the paragraphs that start with the
    next :data:`COPY_KEY_CHARS` characters are tried) and is a copy when at
    least :data:`COPY_MIN_PARTS` of them cover :data:`COPY_MIN_SHARE` of it.
    Each block is read once and each position looks up one key, so the cost
    is linear in the text. A short paragraph repeated on its own is left alone
    (authors repeat lines: a refrain, a code sample); a long one is a second
    rendering too, and :func:`_label_repeats` takes it.
    """
    by_key: dict[str, list[str]] = {}
    for i, lab in enumerate(labels):
        if lab.verdict is not None:
            continue
        text = feats[i].text
        if len(text) >= COPY_MIN_CHARS and _starts_as_copy(text, by_key) and _is_joined_copy(text, by_key):
            labels[i] = Label("removed", Verdict(Kind.DUPLICATE, "duplicate.joined"))
            continue
        if len(text) >= COPY_KEY_CHARS:
            same = by_key.setdefault(text[:COPY_KEY_CHARS], [])
            if len(same) < COPY_CANDIDATES and text not in same:
                same.append(text)


def _starts_as_copy(text: str, by_key: dict[str, list[str]]) -> bool:
    """Whether an earlier kept paragraph starts at a word within the block's first
    :data:`COPY_START_CHARS` characters (a cheap test before the full reading)."""
    if text[:COPY_KEY_CHARS] in by_key:
        return True
    return any(
        text[m.end() : m.end() + COPY_KEY_CHARS] in by_key for m in _BOUNDARY_RX.finditer(text, 0, COPY_START_CHARS)
    )


def _is_joined_copy(text: str, by_key: dict[str, list[str]]) -> bool:
    covered = parts = pos = 0
    n = len(text)
    # Failed comparisons may cost at most this many characters in all: hostile
    # text (paragraphs that share long starts with it) cannot make this quadratic.
    budget = COPY_SCAN_FACTOR * n
    while pos < n:
        for part in by_key.get(text[pos : pos + COPY_KEY_CHARS], ()):
            if text.startswith(part, pos):
                covered += len(part)
                parts += 1
                pos += len(part)
                if text.startswith(" ", pos):
                    pos += 1
                break
            budget -= min(len(part), n - pos)
            if budget < 0:
                return False
        else:
            # On to the next word (or, in CJK text, the next sentence).
            m = _BOUNDARY_RX.search(text, pos)
            if m is None:
                break
            pos = m.end()
    return parts >= COPY_MIN_PARTS and covered >= COPY_MIN_SHARE * n


def _label_tail(labels: list[Label], end: int, marker: Kind | None) -> None:
    rule = _INHERITING.get(marker) if marker is not None else None
    verdict = Verdict(marker, rule) if marker is not None and rule else _OUTSIDE_TAIL
    for i in range(end + 1, len(labels)):
        if labels[i].verdict is None:
            labels[i] = Label("removed", verdict)
