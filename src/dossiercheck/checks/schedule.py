"""Schedule: the day of the check against the notice's windows (the checklist's ``schedule:``).

- S101 the upload window (the checklist's ``upload_window``, 网上申报 for bz-news-2023) has closed: the materials
  may pass every check, but they can no longer be uploaded; the report never says 可以上传 then.

Run with ``--today YYYY-MM-DD`` to check as of another day.
PASS: --today 2023-09-10 (15 days left). FAIL: --today 2023-09-26 → S101.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checklist import window_name
from dossiercheck.checks import Context
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text

FAMILIES = (Family("schedule", Text("截止日期", "deadline")),)
CODES = (
    Code("S101", "schedule", Severity.WARNING, Text("申报已截止", "submission closed"),
         Text("{name}已于 {end} 截止（已过 {days} 天），材料不能再上传",
              "{name} closed on {end} ({days} days ago); the materials can no longer be uploaded"),
         Text("逾期不予受理；如单位另有安排，请向推荐单位或主管部门确认。",
              "Late applications are not accepted; ask your unit or the department in charge if in doubt.")),
)
def check(ctx: Context) -> Iterable[Finding]:
    key = ctx.checklist.upload_window
    window = ctx.checklist.schedule().get(key) if key else None
    if window and ctx.today > window[1]:
        name = window_name(key)
        yield Finding("S101", args={"name": name, "end": window[1].isoformat(), "days": (ctx.today - window[1]).days},
                      evidence={"window": key, "end": window[1].isoformat(), "today": ctx.today.isoformat()})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """截止日期：按检查当天的日期对照通知规定的各时间段（清单的 schedule:）。

- S101 上传时间段（清单的 upload_window，bz-news-2023 为网上申报）已经结束：材料即使每项检查都通过，也不能再上传；
  此时报告不会说“可以上传”。

用 --today YYYY-MM-DD 按另一天检查。
通过：--today 2023-09-10（还剩 15 天）。不通过：--today 2023-09-26 → S101。"""
