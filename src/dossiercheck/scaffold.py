"""``dossiercheck init``: a new dossier folder with the applicant.yaml template and one folder per item the applicant
needs. Nothing that exists is ever overwritten, and the message says what was really made."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dossiercheck.checklist import Checklist
from dossiercheck.errors import UserError
from dossiercheck.i18n import Text
from dossiercheck.messages import Message, joined, phrase
from dossiercheck.profile import CONDITION_FIELDS, FLAG_FIELDS, NONE, PROFILE_NAME
from dossiercheck.resources import schema_path


@dataclass
class Scaffold:
    folder: Path
    created_folders: list[Path]
    profile: Path
    profile_created: bool
    conditional: list[Text]  # titles of items that some applicants need: their folders are left to the user

    def messages(self) -> list[Message]:
        """What was really made (nothing, if everything was there), for the CLI to say."""
        what = []
        if self.created_folders:
            what.append(Message("init.folders", n=len(self.created_folders)))
        if self.profile_created:
            what.append(Message("init.profile"))
        lines = [Message("init.created" if what else "init.nothing", what=joined(what, phrase("init.and")),
                         dir=shell_arg(self.folder))]
        if self.conditional:
            lines.append(Message("init.conditional", names=joined(self.conditional, phrase("init.names_sep"))))
        return lines


def shell_arg(path: Path) -> str:
    """A path as it can be pasted into a shell: quoted when it has spaces or shell characters (double quotes work in
    cmd, PowerShell and POSIX shells alike)."""
    text = str(path)
    return f'"{text}"' if re.search(r"[\s'&|;<>()$`!*?\[\]{}]", text) else text


def profile_template(checklist: Checklist, level: str, lang: str = "zh") -> str:
    """The applicant.yaml template filled in for ``level`` (also what ``sort`` writes when it finds no profile), its
    comments in ``lang`` (the values stay as the notice writes them)."""
    title = current_title(checklist, level)
    name = "applicant.template.en.yaml" if lang == "en" else "applicant.template.yaml"
    template = schema_path(name).read_text(encoding="utf-8")
    template = (template.replace("{levels}", " / ".join(checklist.levels)).replace("{level}", level)
                .replace("{current_title}", title))
    if title == NONE:  # no title (the notice: 注明“无”), so no date or place of obtaining it either
        template = re.sub(r"^(current_title_date|title_obtained_in):", r"# \1:", template, flags=re.M)
    return template


def current_title(checklist: Checklist, level: str) -> str:
    """What the template says the applicant holds: the checklist's title one level below, else 无."""
    return checklist.current_title_by_level.get(level, NONE)


def scaffold(folder: Path, checklist: Checklist, level: str, lang: str = "zh") -> Scaffold:
    """Make the folder, the item folders this level needs and the profile template; raise UserError if it cannot."""
    if level not in checklist.levels:
        raise UserError("error.unknown_level", path="--level", level=level, levels=checklist.levels)
    if folder.exists() and not folder.is_dir():
        raise UserError("error.not_a_dir", path=folder)
    title = current_title(checklist, level)
    facts = {k: (False if k in FLAG_FIELDS else None) for k in CONDITION_FIELDS} | {"level": level,
                                                                                    "current_title": title}
    created: list[Path] = []
    profile = folder / PROFILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for item in checklist.items:
            if item.uploads and item.applies(facts):
                target = folder / item.folder
                if not target.exists():
                    target.mkdir()
                    created.append(target)
        profile_created = not profile.exists()
        if profile_created:
            with open(profile, "x", encoding="utf-8") as fh:
                fh.write(profile_template(checklist, level, lang))
    except OSError as exc:
        raise UserError("error.cannot_write", path=folder, problem=exc.strerror) from None
    anyone = facts | dict.fromkeys(FLAG_FIELDS, True)
    conditional = [i.text for i in checklist.items if i.uploads and not i.applies(facts) and i.applies(anyone)]
    return Scaffold(folder, created, profile, profile_created, conditional)
