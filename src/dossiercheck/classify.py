"""Which checklist item does a page show? Pure functions over what the inspection already found.

A page is scored against every upload item of the checklist: the item's ``keywords`` and the words of its title
found in the page's OCR text (a word shared by many items counts less), its layout (an ID card's aspect when the
item's ``page`` is ``card``; one face and hardly any text when the item is the ``photo``), and the file's name or
folder when they match the item's patterns. The best item wins only when it is clearly ahead of the next; otherwise
the page is left undecided, never guessed. Within the item, ``parts`` and ``alternatives`` (front/back, 封面/目录 …)
are told apart by their own ``keywords``, and the year is read from the text (``2021年度`` counts more than a date).

Nothing here knows an item: everything comes from the checklist YAML. Used by ``dossiercheck sort``, by the content
check (misfiled pages) and for files that sit where their name and folder say nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dossiercheck.checklist import Checklist, Item, matches, nfc
from dossiercheck.facts import FileFacts, Line, readings
from dossiercheck.i18n import Text

MIN_LINE_SCORE = 0.5   # OCR lines read with less confidence are left out
MIN_SCORE = 1.6        # below this the page says too little to place it
MIN_CONFIDENCE = 0.3   # below this the best item is not clearly ahead of the next
FULL_MARGIN = 4.0      # a lead over the next item from which the confidence is full
NAME_WEIGHT = 2.5      # the file or its folder is named after the item
CARD_WEIGHT = 1.5      # card aspect on an item whose page is a card
PHOTO_WEIGHT = 5.0     # a face and no text on the photo item
NOT_APPLYING = 0.5     # items this applicant does not need are kept, at half their score
CARD_ASPECT = (1.48, 1.70)  # ID-1 cards are 85.6 × 54 mm (1.585)
PHOTO_MAX_CHARS = 8    # a photo has (almost) no text
HEAD_LINES = 2         # a word in a page's first lines (its heading) …
HEAD_BONUS = 1.5       # … counts this much more: pages mention other documents in their body, not their heading
TITLE_LINES = 3        # a line among the first three, …
TITLE_TALL = 1.3       # … printed this much larger than the page's median line …
TITLE_CHARS = 16       # … and this short is the page's title (公示, 成绩单, 本期要目); …
TITLE_SHARE = 0.5      # … and the item whose word makes up this much of it, more than any other item's, …
TITLE_BONUS = 4.0      # … gains this: what a page calls itself outweighs what it mentions (a 公示 names a title),
MENTIONED = 0.4        # and the other items' words, mere mentions then, count this much
TITLE_SPREAD = 1 / 3   # a word in more than this share of the items' words (证书) says what kind of paper a page is,
                       # not which item: it names no item's title
UNLIKE_CHARS = 20      # a page with this much text that no item's words fit is unlike every item, not too little
_SPLIT = re.compile(r"[（）()、，,：:；;\s/“”\"'—–\-]+|及|或|与")
_YEAR = re.compile(r"(?<![\d])(19[5-9]\d|20\d\d)(?![\d])")
_DATE = re.compile(r"(?<![\d])(19[5-9]\d|20\d\d)(?:年\d{1,2}月|[-./]\d{1,2}[-./]\d{1,2}(?!\d))")
# what a camera, a phone or a scanner puts before its counter: IMG_2041.jpg is the 2041st photo, not a year
_COUNTER = re.compile(r"^(IMG|DSC|DSCN|DSCF|PXL|MVIMG|VID|P|PIC|PHOTO|SCAN|MMEXPORT|WX_CAMERA)[_\-\s]?\d*$", re.I)


@dataclass(frozen=True)
class Page:
    """What the classifier sees of one file."""

    name: str                    # relative path: its folder and file name may speak too
    text: str = ""               # OCR (and PDF text-layer) text, lines joined without spaces
    aspect: float | None = None  # width / height of the page as it stands upright
    faces: int | None = None
    kind: str | None = None      # the file's true format (jpeg, png, pdf, …)
    head: str = ""               # the first lines: where a document says what it is
    titles: tuple[str, ...] = ()  # those of them short enough to be its title
    heads: tuple[str, ...] = ()   # the first lines one by one (a running head: the journal's name, the column)

    @property
    def chars(self) -> int:
        return len(self.text)


def page_of(name: str, facts: FileFacts) -> Page:
    """A Page from a file's inspection facts (images and PDFs alike; every page's text together)."""
    pdf = facts.get("pdf") or {}
    read = [ln for p in readings(facts) for ln in p.get("lines", []) if ln.get("s", 1.0) >= MIN_LINE_SCORE]
    lines = [ln["t"] for ln in read] + list(pdf.get("text", []))
    text = normalise("".join(lines))
    heading = [normalise(ln) for ln in lines if len(normalise(ln)) >= 2][:HEAD_LINES]
    head = "".join(heading)
    aspect = None
    width, height = facts.get("width"), facts.get("height")
    if width and height:
        turned = facts.get("exif_orientation") in (5, 6, 7, 8)
        rotation = next((p.get("rotation") for p in facts.get("ocr", []) if p.get("rotation") is not None), 0)
        if rotation in (90, 270):
            turned = not turned
        aspect = height / width if turned else width / height
    return Page(name, text, aspect, facts.get("faces"), facts.get("kind"), head,
                titles_of(read) if read else tuple(ln for ln in heading[:1] if len(ln) <= TITLE_CHARS),
                tuple(heading))


def titles_of(lines: list[Line]) -> tuple[str, ...]:
    """The page's title: among its first lines, the short ones printed clearly larger than its text (a field label
    such as 姓名 is short too, but printed at the text's size). A line's print size is the smaller of half its box's
    height (a recognised line's box is about twice as tall as its print, and grows with the line's length on a
    tilted photo) and its width per character (which grows with letter-spacing: 姓　　名), a digit or a Latin letter
    counting as half a character."""
    def size(ln: Line) -> float:
        x0, y0, x1, y1 = ln["b"]
        ems = sum(0.55 if c.isascii() else 1.0 for c in normalise(ln["t"]))
        return min((y1 - y0) / 2, (x1 - x0) / max(1.0, ems))

    sizes = sorted(size(ln) for ln in lines if ln.get("b") and len(normalise(ln["t"])) >= 4)
    if not sizes:
        return ()
    body = sizes[len(sizes) // 2]
    first = [ln for ln in lines if len(normalise(ln["t"])) >= 2][:TITLE_LINES]
    return tuple(normalise(ln["t"]) for ln in first if ln.get("b") and len(normalise(ln["t"])) <= TITLE_CHARS
                 and size(ln) >= TITLE_TALL * body)


def normalise(text: str) -> str:
    return "".join(nfc(text).split()).upper()


def title_words(title: str) -> list[str]:
    """The runs of words in a title, without its numbers (years in a title are no evidence)."""
    words = (re.sub(r"[\d–\-]+", "", w) for w in _SPLIT.split(nfc(title)))
    return [w for w in words if len(w) >= 3]


@dataclass(frozen=True)
class Leaf:
    """A part of an item a page can be: a part, an alternative, or an alternative's part."""

    option: str | None
    part: str | None
    title: str
    keywords: tuple[str, ...]
    patterns: tuple[str, ...]
    file_name: str
    order: int  # position among the item's parts: multi-page documents are laid out in this order
    title_en: str | None = None

    @property
    def text(self) -> Text:
        """The part's title in both languages (English falls back to the checklist's Chinese)."""
        return Text(self.title, self.title_en or self.title)

    @property
    def id(self) -> str:
        return "/".join(x for x in (self.option, self.part) if x)


def _stem(spec: dict[str, Any]) -> str:
    return spec.get("file_name") or _stem_of(spec["patterns"], spec["title"])


def _stem_of(patterns: list[str], title: str) -> str:
    return next((p for p in (x.replace("*", "").replace("?", "") for x in patterns) if p), title)


def leaves(item: Item) -> list[Leaf]:
    out: list[Leaf] = []
    for part in item.setting("parts") or []:
        out.append(Leaf(None, part["id"], part["title"], tuple(part.get("keywords", [])), tuple(part["patterns"]),
                        _stem(part), len(out), part.get("title_en")))
    for option in (item.alternatives or {}).get("options", []):
        if option.get("parts"):
            for part in option["parts"]:
                out.append(Leaf(option["id"], part["id"], part["title"],
                                tuple(option.get("keywords", [])) + tuple(part.get("keywords", [])),
                                tuple(part["patterns"]), _stem(part), len(out), part.get("title_en")))
        else:
            out.append(Leaf(option["id"], None, option["title"], tuple(option.get("keywords", [])),
                            tuple(option["patterns"]), _stem(option), len(out), option.get("title_en")))
    return out


@dataclass
class Guess:
    """One item's score for a page, with the words that earned it."""

    item: str
    score: float
    reasons: list[str] = field(default_factory=list)
    leaf: Leaf | None = None
    year: int | None = None
    confidence: float = 0.0
    titled: tuple[float, float] = (0.0, 0.0)  # how much of the page's title the item's best word makes up, and
                                              # how much of the item's own title that word is (the tie-break)
    shape: float = 0.0  # the part of the score the page's shape gave (a card's aspect): it confirms, never decides

    @property
    def part(self) -> str | None:
        return self.leaf.id if self.leaf else None

    @property
    def part_title(self) -> str | None:
        return self.leaf.title if self.leaf else None


@dataclass
class Verdict:
    """The classifier's answer for one page: the ranked guesses and the one it stands by (None: undecided)."""

    page: Page
    ranked: list[Guess]
    best: Guess | None
    why_not: str | None = None  # when undecided: "little" (too little to go by), "unlike" (text that fits no item)
                                # or "close" (two items too close)

    def score_of(self, item_id: str | None) -> float:
        return next((g.score for g in self.ranked if g.item == item_id), 0.0)


class Classifier:
    """Scores pages against the upload items of one checklist; ``applies`` is the ids this applicant needs."""

    def __init__(self, checklist: Checklist, applies: Iterable[str] | None = None) -> None:
        self.checklist = checklist
        self.items = [i for i in checklist.items if i.uploads]
        self.applies = set(applies) if applies is not None else {i.id for i in self.items}

    @cached_property
    def _terms(self) -> dict[str, dict[str, str]]:
        """Per item: term → kind ('keyword' or 'title')."""
        out: dict[str, dict[str, str]] = {}
        for item in self.items:
            terms = {normalise(w): "title" for w in title_words(item.title)}
            keywords = list(item.setting("keywords") or [])
            for leaf in leaves(item):
                keywords += leaf.keywords
            terms.update({normalise(k): "keyword" for k in keywords})
            out[item.id] = terms
        return out

    @cached_property
    def catch_all(self) -> set[str]:
        """Items that declare no keywords: anything the conditions ask for may go there (其他证明材料（荣誉证书 …）)."""
        return {i for i, terms in self._terms.items() if "keyword" not in terms.values()}

    @cached_property
    def _vocabulary(self) -> dict[str, str]:
        return {i: "|".join(t) for i, t in self._terms.items()}

    def _spread(self, term: str) -> int:
        """How many items' words contain ``term``: a word many items share tells little."""
        return max(1, sum(term in v for v in self._vocabulary.values()))

    def weight(self, term: str) -> float:
        length = {1: 0.3, 2: 1.0, 3: 1.4}.get(len(term), 1.8)
        return length / math.sqrt(self._spread(term))

    def _score(self, item: Item, page: Page) -> Guess:
        guess = Guess(item.id, 0.0)
        text = page.text
        matched: list[str] = []
        keywords = [t for t, kind in self._terms[item.id].items() if kind == "keyword" and t in text]
        for term in keywords:  # a keyword inside a longer one found (公示 in 公示结果) is the same evidence
            if not any(term in k for k in keywords if len(k) > len(term)):
                # a word the page repeats (the leaders …… of a contents page) counts up to twice
                guess.score += (self.weight(term) * min(2.0, 1 + 0.25 * (text.count(term) - 1))
                                * (HEAD_BONUS if term in page.head else 1.0))
                matched.append(term)
        for term in (t for t, kind in self._terms[item.id].items() if kind == "title"):
            found = _longest_shared(term, text)
            if len(found) >= 3 and found not in matched:
                # the title's own words on the page: the longer the stretch, the stronger
                guess.score += (min(4.0, 0.35 * len(found)) / math.sqrt(self._spread(found))
                                * (HEAD_BONUS if found in page.head else 1.0))
                matched.append(found)
        guess.reasons += [f"“{m}”" for m in sorted(matched, key=lambda m: (-len(m), m))]
        own = [t for t, kind in self._terms[item.id].items() if kind == "title"]
        found_all = matched + keywords  # a keyword inside a longer one found (公示 in 公示时间) may be the title
        guess.titled = max(((_share(m, page.titles), max((len(m) / len(t) for t in own if m in t), default=0.0))
                            for m in found_all if self._spread(m) <= TITLE_SPREAD * len(self.items)), default=(0.0, 0.0))
        if item.setting("photo"):
            if page.chars > PHOTO_MAX_CHARS:
                return Guess(item.id, 0.0)
            if page.faces:
                guess.score += PHOTO_WEIGHT if page.faces == 1 else PHOTO_WEIGHT / 2
                guess.reasons.append(f"人像 {page.faces}")
        if item.setting("page") == "card" and page.aspect and CARD_ASPECT[0] <= page.aspect <= CARD_ASPECT[1]:
            guess.score += CARD_WEIGHT
            guess.shape = CARD_WEIGHT * (1.0 if item.id in self.applies else NOT_APPLYING)
            guess.reasons.append(f"卡片比例 {page.aspect:.2f}")
        named = self._named(item, page.name)
        if named:
            guess.score += NAME_WEIGHT
            guess.reasons.append(named)
        if item.id not in self.applies:
            guess.score *= NOT_APPLYING
        return guess

    def _named(self, item: Item, rel: str) -> str | None:
        from dossiercheck.dossier import folder_key

        parts = rel.split("/")
        if item.patterns and matches(parts[-1], item.patterns):
            return f"文件名 {parts[-1]}"
        for folder in parts[:-1]:
            if folder_key(folder) == folder_key(item.folder) or (item.patterns and matches(folder, item.patterns)):
                return f"文件夹 {folder}"
        return None

    def classify(self, page: Page) -> Verdict:
        guesses = [self._score(item, page) for item in self.items]
        # the page's own title: the item(s) this applicant needs whose word makes up most of it; a catch-all item's
        # examples (荣誉证书) name what many documents are called, never what the other items' words are a mention of
        top = max((g.titled for g in guesses if g.item in self.applies and g.item not in self.catch_all),
                  default=(0.0, 0.0))
        for g in guesses:
            if top[0] < TITLE_SHARE or g.score <= 0:
                continue
            if g.titled == top and g.item in self.applies and g.item not in self.catch_all:
                g.score += TITLE_BONUS
                g.reasons.append("标题")
            else:
                g.score *= MENTIONED
        # the catch-all is the last resort: when an item of its own kind claims the page, its words are a mention
        if any(g.score >= MIN_SCORE for g in guesses if g.item not in self.catch_all):
            for g in guesses:
                if g.item in self.catch_all:
                    g.score *= MENTIONED
        ranked = sorted(guesses, key=lambda g: -g.score)
        ranked = [g for g in ranked if g.score > 0]
        # a card-sized page is many things (a boarding pass, a bank card, a ticket): the shape confirms what the words
        # or the name say, it never places a page alone
        if not ranked or ranked[0].score - ranked[0].shape < MIN_SCORE:
            return Verdict(page, ranked, None, "unlike" if page.chars >= UNLIKE_CHARS else "little")
        best = ranked[0]
        second = ranked[1].score if len(ranked) > 1 else 0.0
        best.confidence = round(min(1.0, (best.score - second) / FULL_MARGIN), 2)
        if best.confidence < MIN_CONFIDENCE:
            return Verdict(page, ranked, None, "close")
        item = self.checklist.item(best.item)
        best.leaf, leaf_reasons = self._leaf(item, page)
        best.reasons += [r for r in leaf_reasons if r not in best.reasons]
        if item.dated:
            best.year = year_of(page, item.years(self.checklist.year))
            if best.year:
                best.reasons.append(f"年份 {best.year}")
        return Verdict(page, ranked, best)

    def leaf_of(self, item: Item, page: Page) -> Leaf | None:
        """The part of ``item`` the page is (by its keywords, and its name if the page has one), or None if unclear."""
        return self._leaf(item, page)[0]

    def _leaf(self, item: Item, page: Page) -> tuple[Leaf | None, list[str]]:
        scored = []
        name = page.name.rsplit("/", 1)[-1]
        for leaf in leaves(item):
            hits = [k for k in leaf.keywords if normalise(k) in page.text]
            score = sum(self.weight(normalise(k)) for k in hits)
            if matches(name, list(leaf.patterns)):
                score += NAME_WEIGHT
                hits.append(f"文件名 {name}")
            scored.append((score, leaf, hits))
        scored.sort(key=lambda s: -s[0])
        if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
            return None, []
        return scored[0][1], [f"“{h}”" if not h.startswith("文件名") else h for h in scored[0][2]]


def _share(term: str, titles: tuple[str, ...]) -> float:
    """How much of a title line ``term`` makes up (0 when it is in none)."""
    return max((len(term) / len(t) for t in titles if term in t), default=0.0)


def _longest_shared(word: str, text: str) -> str:
    """The longest piece of ``word`` that occurs in ``text``."""
    for size in range(len(word), 2, -1):
        for start in range(len(word) - size + 1):
            piece = word[start:start + size]
            if piece in text:
                return piece
    return ""


def year_of(page: Page, wanted: list[int]) -> int | None:
    """The year a page is for: the file name's year, else the text's ``YYYY年度`` (strong) or ``YYYY年`` (weak; a
    date ``YYYY年M月D日`` weaker still, being when it was signed, and never enough alone: however many dates of one
    year the page shows). A year outside ``wanted`` is taken only on strong evidence; otherwise None (the year is
    unknown, never guessed). A camera's counter (IMG_2041.jpg) is no year, nor is a number in the name outside
    ``wanted`` unless 年 follows it."""
    name = page.name.rsplit("/", 1)[-1]
    named = {int(m.group()) for m in _YEAR.finditer(name) if not _COUNTER.match(name[:m.start()])
             and (not wanted or int(m.group()) in wanted or name[m.end():m.end() + 1] == "年")}
    if len(named) == 1:
        return named.pop()
    votes: dict[int, float] = {}
    dated: dict[int, float] = {}
    for m in _YEAR.finditer(page.text):
        after = page.text[m.end():m.end() + 4]
        if re.match(r"年\d{1,2}月", after):
            dated[int(m.group())] = 0.5  # a signing date, however often: half a vote
            continue
        weight = 3.0 if after.startswith("年度") else 1.0
        votes[int(m.group())] = votes.get(int(m.group()), 0.0) + weight
    for y, v in dated.items():
        votes[y] = votes.get(y, 0.0) + v
    if not votes:
        return None
    # dates alone never decide: an appraisal of 2020 is signed in 2021
    inside = {y: v for y, v in votes.items() if v >= 1.0 and (not wanted or y in wanted)}
    pool = inside or {y: v for y, v in votes.items() if v >= 3.0}
    if not pool:
        return None
    ranked = sorted(pool.items(), key=lambda yv: -yv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


# why a page was taken for an item, as classify and sort write it (Chinese: the table's words), and in English
_REASONS = ((re.compile(r"人像 (\d+)"), "faces: {}"), (re.compile(r"卡片比例 ([\d.]+)"), "card proportions {}"),
            (re.compile(r"标题"), "its title"), (re.compile(r"年份 (\d+)"), "year {}"),
            (re.compile(r"年份按缺少的 (\d+) 年推定"), "year {}: the one missing, by the signing dates"),
            (re.compile(r"续页：页眉同 (.+)"), "a following page: same running head as {}"),
            (re.compile(r"文件名 (.+)"), "file name {}"), (re.compile(r"文件夹 (.+)"), "folder {}"))


def reason_text(reason: str) -> Text:
    """One reason in both languages; the page's own words (“考核等次”) are the same in both."""
    for rx, en in _REASONS:
        if m := rx.fullmatch(reason):
            return Text(reason, en.format(*m.groups()))
    return Text(reason, reason)


def signing_years(text: str) -> set[int]:
    """The years of the dates ``YYYY年M月`` (or ``YYYY-MM-DD``) a page's text shows (when it was signed)."""
    return {int(m.group(1)) for m in _DATE.finditer(text)}


def file_stem(item: Item, leaf: Leaf | None, year: int | None) -> str:
    """The name ``sort`` gives a page (without extension), as ``init``'s folders expect: 2021年度考核表-正面."""
    template = item.file_name or _stem_of(item.patterns, item.title) + ("-{part}" if leaf else "")
    if item.dated and "{year}" not in template:
        template = "{year}" + template
    stem = template.replace("{year}", str(year) if year else "").replace("{n}", str(leaf.order + 1) if leaf else "")
    stem = stem.replace("{part}", leaf.file_name if leaf else "")
    return re.sub(r"^[-_\s]+|[-_\s]+$", "", re.sub(r"-{2,}", "-", stem)) or item.folder
