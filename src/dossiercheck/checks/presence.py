"""Presence: is every item the notice asks of this applicant there, complete, and for every year?

- P101 an item required for this applicant has no file at all;
- P102 an item (or the chosen alternative) lacks one of its parts, e.g. the back of the ID card (身份证反面);
- P103 too few of an item's alternatives, e.g. only 1 of the 2 of {任职资格文件, 职称证书, 评审表} needed;
- P201/P202 fewer files than the item's minimum, more than its maximum;
- P301 no file for a required year (the year the page states, else the file name's: 2021年度考核表-正面.jpg);
- P302 a file of a year-bound item whose name gives no year, and whose page does not say it either;
- P303 a year without one of its parts (the 2021 appraisal form without its back page);
- P304 a name that claims several years or sides (2021-2022公需科目.jpg, …正面反面.jpg): one file fills one slot.

The page decides what a file fills (checks/_slots.py): a page that is clearly another document fills nothing here
(the content check says what it is), its own part and year win over its name's, one file fills one slot, and the
same sheet twice fills one. A file whose page was not read is taken by its name.
- P401 a file that belongs to no item; P402 files under an item this applicant does not need.

PASS: 17-年度考核表/2020年度考核表-正面.jpg, …-反面.jpg, and the same for 2021 and 2022.
FAIL: only 2020 and 2022 present → P301 for 2021.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checklist import Item
from dossiercheck.checks import Context, _slots
from dossiercheck.dossier import DossierFile
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: note (info)
FAMILIES = (Family("missing", Text("材料不全", "incomplete")), Family("count", Text("文件数", "file counts")),
            Family("years", Text("缺年份", "missing years")), Family("unassigned", Text("无法归类", "unassigned")))
SETTINGS = {"min_files": {"type": "integer", "minimum": 0}, "max_files": {"type": "integer", "minimum": 1}}
# A part is found by its file name (or its content): the part may be absent, or present and named otherwise.
NAME_PART = Text("扫描缺少的“{part}”，放进这一项的文件夹，文件名中写明“{part}”；如果已经扫描、只是文件名里没写，改名即可。",
                 "Scan the missing '{part}' and put it in this item's folder with '{part}' in its file name; if it "
                 "is scanned already, just name it so.")
CODES = (
    Code("P101", "missing", E, Text("缺少材料", "missing item"),
         Text("缺少“{title}”", "Missing: {title}"), Text("", "")),
    Code("P102", "missing", E, Text("缺少部分", "missing part"),
         Text("“{title}”缺少：{part}", "{title}: {part} is missing"), NAME_PART),
    Code("P103", "missing", E, Text("可选材料不足", "too few alternatives"),
         Text("“{title}”需要 {k} 项，只找到 {n} 项（还可上传：{missing}）",
              "{title}: {k} needed, {n} found (still possible: {missing})"),
         Text("每个文件只算一项；文件名中写明是哪一项材料。",
              "Each file counts for one document only; name each file after the document it is.")),
    Code("P201", "count", E, Text("文件太少", "too few files"),
         Text("“{title}”至少需要 {min} 个文件，现有 {n} 个", "{title}: at least {min} files needed, {n} found"),
         Text("", "")),
    Code("P202", "count", W, Text("文件太多", "too many files"),
         Text("“{title}”最多 {max} 个文件，现有 {n} 个", "{title}: at most {max} files, {n} found"),
         Text("删除重复或多余的文件，只保留需要上传的。", "Remove duplicate or extra files.")),
    Code("P301", "years", E, Text("缺少年份", "missing year"),
         Text("“{title}”缺少 {year} 年的材料", "{title}: nothing for {year}"),
         Text("文件名中须写明年份，如 {year}年度…。", "Put the year in the file name, e.g. {year}-….")),
    Code("P302", "years", W, Text("文件名无年份", "no year in file name"),
         Text("看不出 {file} 是哪一年的材料", "Cannot tell which year {file} is for"),
         Text("在文件名中写明年份（四位数字），如 2021年度考核表-正面.jpg。",
              "Put the four-digit year in the file name, e.g. 2021年度考核表-正面.jpg.")),
    Code("P304", "years", W, Text("一个文件只算一份", "one file, one document"),
         Text("{file} 的文件名写了 {named}，一个文件只算一份（算作：{counted}）",
              "{file} is named for {named}; one file counts once (as: {counted})"),
         Text("每一年、每一面各上传一个文件，文件名只写它本身的年份和正反面。",
              "Upload one file per year and side, named after that year and side only.")),
    Code("P303", "years", E, Text("某年缺少部分", "year lacks a part"),
         Text("“{title}”{year} 年缺少：{part}", "{title}: {part} missing for {year}"), NAME_PART),
    Code("P401", "unassigned", W, Text("无法归类的文件", "unassigned file"),
         Text("{file} 不属于清单中的任何一项", "{file} matches no item of the checklist"),
         Text("把文件放进对应的材料文件夹（dossiercheck init 建立的 NN-标题 文件夹），或在文件名中写明材料名称；不需要上传的请移出。",
              "Move it into its item folder (the NN-title folders made by `dossiercheck init`) "
              "or name it after its item; move out anything not to be uploaded.")),
    Code("P402", "unassigned", N, Text("不需要的材料", "item not required"),
         Text("按申报人信息，不需要“{title}”，其中 {n} 个文件不必上传",
              "By the profile, {title} is not required; its {n} files need not be uploaded"),
         Text("如申报人信息有误，请修改 applicant.yaml。", "If the profile is wrong, correct applicant.yaml.")),
)

def _match(files: list[DossierFile], slots: dict[str, _slots.Slot], item: Item, years: list[int],
           keys: list[tuple[int | None, str | None]], parts: bool = True) -> dict[tuple[int | None, str | None], str]:
    """One file, one slot: a maximum matching of files to the (year, part) slots their pages (else names) allow,
    in the files' order. A name that claims two years or both sides, a document's second page: one slot each."""
    wanted = set(keys)
    options = {f.rel: [(y, leaf) for y in slots[f.rel].year_candidates(years)
                       for leaf in (slots[f.rel].leaf_candidates(item) if parts else [None]) if (y, leaf) in wanted]
               for f in files if slots[f.rel].fills}
    owner: dict[tuple[int | None, str | None], str] = {}

    def assign(rel: str, seen: set) -> bool:
        for key in options[rel]:
            if key not in seen:
                seen.add(key)
                if key not in owner or assign(owner[key], seen):
                    owner[key] = rel
                    return True
        return False

    for rel in options:
        assign(rel, set())
    return owner


def _leaf_ids(item: Item, facts: dict) -> tuple[list[str | None], dict[str, list[str]]]:
    """The item's slots within a year (its parts, or the parts of its open options; [None] for a single document),
    and each open option's slots."""
    if item.parts:
        return [p.id for p in item.parts], {}
    options = item.options(facts)
    if options:
        by_option = {o.id: [f"{o.id}/{p.id}" for p in o.parts] or [o.id] for o in options}
        return [leaf for ids in by_option.values() for leaf in ids], by_option
    return [None], {}


def _check_item(ctx: Context, item: Item, files: list[DossierFile]) -> Iterable[Finding]:
    facts = ctx.applicant
    title = item.text
    slots = _slots.slots(ctx)

    def finding(code: str, **args: object) -> Finding:
        return Finding(code, item=item.id, args={"title": title, **args}, extra_hint=item.hint_text)

    if not files:
        if item.is_required(facts):
            yield finding("P101")
        return
    n = len(files)
    minimum, maximum = item.setting("min_files", 1), item.setting("max_files")
    if n < minimum:
        yield finding("P201", min=minimum, n=n)
    if maximum is not None and n > maximum:
        yield finding("P202", max=maximum, n=n)
    filling = [f for f in files if slots[f.rel].fills]
    if not filling:  # every file is another document (the content check says which): nothing fills the item
        if item.is_required(facts):
            yield finding("P101")
        return

    years = ctx.years(item)
    leaf_ids, by_option = _leaf_ids(item, facts)
    owner = _match(filling, slots, item, years, [(y, leaf) for y in years or [None] for leaf in leaf_ids])
    filled = set(owner)
    for f in filling:
        slot = slots[f.rel]
        sides = [p.title for p in item.parts if p.id in slot.named_leaves]
        claims = (slot.named_years if years and len(slot.named_years) > 1 else []) + (sides if len(sides) > 1 else [])
        if claims:
            counted = [f"{y or ''}{_part_title(item, leaf)}" for (y, leaf), rel in owner.items() if rel == f.rel]
            yield Finding("P304", item=item.id, file=f.rel, args={"file": f.rel, "named": claims, "counted": counted or "—"},
                          evidence={"named": claims, "counted": counted, "page_year": slot.page_year,
                                    "page_part": slot.page_leaf.id if slot.page_leaf else None})
    if years:
        for f in filling:
            if not slots[f.rel].named_years and slots[f.rel].page_year is None:
                yield Finding("P302", item=item.id, file=f.rel, args={"file": f.rel})
        # one file, one year: which years have a file at all (then which of their parts, by the matching above)
        present = {y for y, _ in _match(filling, slots, item, years, [(y, None) for y in years], parts=False)}
        for year in years:
            if year not in present:
                yield finding("P301", year=year)
                continue
            for part in item.parts:
                if (year, part.id) not in filled:
                    yield finding("P303", year=year, part=part.text)
    else:
        for part in item.parts:
            if (None, part.id) not in filled:
                yield finding("P102", part=part.text)

    options = item.options(facts)
    if options:
        done = {leaf for _, leaf in filled}
        present = [o for o in options if any(leaf in done for leaf in by_option[o.id])]
        complete = [o for o in present if all(leaf in done for leaf in by_option[o.id])]
        k = item.k(facts)
        if len(complete) < k:
            for option in present:
                for part in option.parts:
                    if f"{option.id}/{part.id}" not in done:
                        yield finding("P102", part=part.text)
            if len(present) < k:
                yield finding("P103", k=k, n=len(present), missing=[o.text for o in options if o not in present])


def _part_title(item: Item, leaf: str | None) -> str:
    part = next((p for p in item.parts if p.id == leaf), None)
    return part.title if part else ""


def check(ctx: Context) -> Iterable[Finding]:
    for item in ctx.upload_items():
        files = ctx.dossier.files_of(item.id)
        if ctx.applies(item):
            yield from _check_item(ctx, item, files)
        elif files:
            yield Finding("P402", item=item.id, args={"title": item.text, "n": len(files)})
    for f in ctx.dossier.files:
        if f.item is None:
            yield Finding("P401", file=f.rel, args={"file": f.rel})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """材料是否齐全：通知要求这位申报人交的每一项是否都有、是否完整、每一年是否都有。

- P101 这位申报人必须交的一项一个文件也没有；
- P102 一项（或选定的那一种）缺少某一部分，如身份证反面；
- P103 几样中任选几样的材料数量不够，如三项中只找到一项；
- P201/P202 文件数少于这一项的下限、多于上限；
- P301 缺少某一年的材料（年份以页面上写的为准，读不出时看文件名，如 2021年度考核表-正面.jpg）；
- P302 要分年份的材料，文件名里看不出年份，页面上也读不出；
- P303 某一年缺少某一部分（如 2021 年考核表缺反面）；
- P304 文件名写了几个年份或正反两面（2021-2022公需科目.jpg、…正面反面.jpg）：一个文件只算一份。

文件算作哪一份由页面内容决定（checks/_slots.py）：明显是另一种材料的页面不算这一项（内容检查会说明它是什么），
页面上的正反面和年份优先于文件名，一个文件只算一份，同一页放两次只算一次。没有识别内容的文件按文件名算。
- P401 文件不属于清单中的任何一项；P402 这位申报人不需要的一项里放了文件。"""
