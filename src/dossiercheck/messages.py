"""Every user-facing string that is not a check code's, in one keyed catalogue (a check code's text stays with the
check that raises it: ``CODES`` in ``checks/``).

Keys are grouped by a dotted prefix: ``error.`` (one-line errors), ``yaml.`` (the YAML loader's problems),
``profile.``, ``checklist.``, ``condition.``, ``selection.``, then one group per reporter (``terminal.``,
``html.``, ``fixlog.``, ``summary.``, ``sort.``, ``init.``, ``cli.``). Code below the reporters never renders:
it carries a :class:`Message` (a key and its parameters), and report/ or the CLI applies the language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dossiercheck.i18n import Text

CATALOGUE: dict[str, Text] = {
    # ---------------------------------------------------------------- one-line errors (UserError), exit 2
    "error.no_such_dir": Text("找不到材料文件夹：{path}。请检查路径是否正确。",
                              "Dossier folder not found: {path}. Check the path."),
    "error.no_such_file": Text("找不到文件：{path}。", "File not found: {path}."),
    "error.not_a_dir": Text("{path} 是一个文件，不是文件夹。请给出存放申报材料的文件夹。",
                            "{path} is a file, not a folder. Give the folder that holds the dossier."),
    "error.empty_dir": Text("文件夹 {path} 是空的。请先运行 `dossiercheck init {path}` 建立材料目录，再放入扫描件。",
                            "Folder {path} is empty. Run `dossiercheck init {path}` to create the item folders, "
                            "then add the scans."),
    "error.no_profile": Text("缺少申报人信息文件 {path}。请运行 `dossiercheck init` 生成模板并填写，或用 --profile 指定。",
                             "Applicant profile {path} is missing. Run `dossiercheck init` for a template, "
                             "or pass --profile."),
    "error.yaml_syntax": Text("{path} 第 {line} 行：YAML 格式错误（{problem}）。请检查缩进、冒号和引号。",
                              "{path} line {line}: invalid YAML ({problem}). Check indentation, colons and quotes."),
    "error.yaml_syntax_somewhere": Text("{path}：YAML 格式错误（{problem}）。请检查缩进、冒号和引号。",
                                        "{path}: invalid YAML ({problem}). Check indentation, colons and quotes."),
    "error.not_text": Text("{path} 不是文本文件（是不是选错了文件，或存成了 Word/WPS 文档？）。请用记事本等纯文本编辑器"
                           "打开模板填写，按 UTF-8 编码保存。",
                           "{path} is not a text file (the wrong file, or saved as a Word/WPS document?). Fill in the "
                           "template in a plain-text editor such as Notepad and save it as UTF-8."),
    "error.yaml_fullwidth_colon": Text("{path} 第 {line} 行：键后面用了中文冒号“：”，请改成英文冒号加空格“: ”，"
                                       "如 gender: 女。",
                                       "{path} line {line}: a full-width colon “：” after the key; write an ASCII "
                                       "colon and a space, e.g. gender: 女."),
    "error.yaml_not_mapping": Text("{path}：内容应为“键: 值”形式的表，现在是{kind}。",
                                   "{path}: expected a mapping of keys to values, got {kind}."),
    "error.schema": Text("{path} 第 {line} 行，{where}：{problem}", "{path} line {line}, {where}: {problem}"),
    "error.folder_unreadable": Text("无法打开文件夹 {path}（{problem}）。请检查它的访问权限，或把材料复制到自己的文件夹里再检查。",
                                    "Cannot open the folder {path} ({problem}). Check its permissions, or copy the "
                                    "materials into a folder of your own and check that."),
    "error.unreadable": Text("无法读取 {path}：{problem}", "Cannot read {path}: {problem}"),
    "error.unknown_checklist": Text("没有名为 {name} 的检查清单。可用的有：{known}。也可给出清单 YAML 文件路径。",
                                    "No checklist named {name}. Known: {known}. You may also give a checklist YAML "
                                    "file."),
    "error.unknown_level": Text("{path}：申报级别“{level}”不在本清单中（可选：{levels}）。",
                                "{path}: level '{level}' is not in this checklist (choose from: {levels})."),
    "error.level_not_in": Text("申报级别“{level}”不在本清单中（可选：{levels}）",
                               "level '{level}' is not in this checklist (choose from: {levels})"),
    "error.bad_id_number": Text("{path}：身份证号 {masked} 无效（{problem}）。请核对 18 位号码及最后一位校验码。",
                                "{path}: ID number {masked} is invalid ({problem}). Check all 18 digits and the "
                                "check digit."),
    "error.unknown_code": Text("没有代码为 {code} 的检查项。运行 `dossiercheck explain` 查看全部代码。",
                               "No check has code {code}. Run `dossiercheck explain` to list all codes."),
    "error.init_exists": Text("{path} 已存在，未覆盖。", "{path} already exists; left unchanged."),
    "error.bad_zip": Text("无法打开压缩包 {path}（{problem}）。请重新打包为 zip 格式。",
                          "Cannot open the zip {path} ({problem}). Pack it again as a zip."),
    "error.no_dossiers": Text("{path} 下没有找到申报材料：每位申报人应是一个含 applicant.yaml 的子文件夹或一个 zip 压缩包。",
                              "No dossier under {path}: each applicant is a sub-folder (with an applicant.yaml) or a "
                              "zip."),
    "error.fix_inside": Text("修正后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                             "The corrected copy may not go inside the dossier or contain it ({path}); use --out."),
    "error.fix_exists": Text("{path} 已存在且不是空文件夹，未写入。请换一个 --out，或加 --force 覆盖。",
                             "{path} exists and is not empty; nothing written. Choose another --out, or add --force."),
    "error.sort_inside": Text("整理后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                              "The sorted copy may not go inside the source folder or contain it ({path}); use "
                              "--out."),
    "error.sort_exists": Text("{path} 已存在且不是空文件夹，未写入。请用 --out 指定一个新文件夹。",
                              "{path} exists and is not empty; nothing written. Choose a new folder with --out."),
    "error.bad_date": Text("日期 {value} 无效，应为 YYYY-MM-DD。", "Invalid date {value}; use YYYY-MM-DD."),
    "error.bad_option": Text("参数错误：{problem}", "Invalid option: {problem}"),
    "error.cannot_write": Text("无法写入 {path}：{problem}", "Cannot write {path}: {problem}"),
    "error.output_inside": Text("{path} 位于正在检查的申报材料之内（或就是材料本身），未写入任何内容。请把输出放到材料文件夹以外。",
                                "{path} is inside (or is) a dossier being read; nothing written. Put the output "
                                "outside the dossier."),
    "error.output_link": Text("{path} 是一个链接（快捷方式），不会经由它写入。请换一个普通文件夹作为输出位置。",
                              "{path} is a link; nothing is written through it. Choose a plain folder for the output."),
    "error.zip_encrypted": Text("压缩包 {path} 中的文件都有密码，无法检查。请去掉密码后重新打包（不要加密）。",
                                "Every entry of the zip {path} is encrypted; nothing could be checked. Zip it again "
                                "without a password."),
    "error.zip_empty": Text("压缩包 {path} 中没有可检查的文件。请确认打包的是申报材料文件夹。",
                            "The zip {path} holds no file that could be checked. Make sure it holds the dossier "
                            "folder."),
    "error.yaml_bomb": Text("{path}：{problem}，拒绝读取。请检查文件内容（不要使用 YAML 锚点/别名 & *）。",
                            "{path}: {problem}; refused. Check the file (do not use YAML anchors/aliases & *)."),
    "error.dossier_failed": Text("{path} 无法检查（{problem}）；其余申报人照常检查。请把这一行发给维护人员。",
                                 "{path} could not be checked ({problem}); the others were. Please report this line."),
    "error.internal": Text("程序内部错误（{problem}）。请把命令和这行信息发给维护人员；设置 DOSSIERCHECK_DEBUG=1 可看详细信息。",
                           "Internal error ({problem}). Please report the command and this line; set "
                           "DOSSIERCHECK_DEBUG=1 for details."),
    # ---------------------------------------------------------------- batch --cluster (cluster.py)
    "error.cluster_missing": Text("--cluster 需要 Dask：请先安装 pip install \"dossiercheck[cluster]\"；不加 --cluster 则在本机检查。",
                                  "--cluster needs Dask: pip install \"dossiercheck[cluster]\" first; without "
                                  "--cluster the batch runs on this machine."),
    "error.cluster_unreachable": Text("连不上集群调度器 {address}（{problem}）。请核对地址，或去掉 --cluster"
                                      "（及环境变量 DASK_SCHEDULER_ADDRESS）在本机检查。",
                                      "Cannot reach the cluster scheduler at {address} ({problem}). Check the "
                                      "address, or drop --cluster (and DASK_SCHEDULER_ADDRESS) to run here."),
    "error.cluster_failed": Text("集群 {address} 上的检查中断（{problem}）。已完成的文件已存入缓存，再次运行会从中断处继续。",
                                 "The check on the cluster {address} stopped ({problem}). Files already done are "
                                 "cached: run the batch again to go on from there."),
    # ---------------------------------------------------------------- the YAML loader (yamlio)
    "yaml.bound.size": Text("文件超过 {n} 字节", "larger than {n} bytes"),
    "yaml.bound.depth": Text("嵌套超过 {n} 层", "nested deeper than {n}"),
    "yaml.bound.list": Text("有列表超过 {n} 项", "a list longer than {n}"),
    "yaml.bound.nodes": Text("展开后超过 {n} 个值（锚点/别名）", "expands to more than {n} values (anchors/aliases)"),
    # JSON Schema's words for kinds of value, as a user who writes YAML knows them
    "yaml.kind.boolean": Text("是/否", "yes/no"),
    "yaml.kind.string": Text("文字", "text"),
    "yaml.kind.null": Text("空", "empty"),
    "yaml.kind.integer": Text("整数", "a whole number"),
    "yaml.kind.number": Text("数字", "a number"),
    "yaml.kind.array": Text("列表", "a list"),
    "yaml.kind.object": Text("“键: 值”的表", "a mapping"),
    "yaml.kind.unknown": Text("?", "?"),
    "yaml.root": Text("(根)", "(root)"),
    "yaml.problem.enum": Text("取值应为 {allowed} 之一，现在是 {value}", "must be one of {allowed}, got {value}"),
    "yaml.problem.const": Text("取值应为 {allowed}，现在是 {value}", "must be {allowed}, got {value}"),
    "yaml.problem.type": Text("应填{expected}，现在是{value}", "expected {expected}, got {value}"),
    "yaml.problem.required": Text("缺少必填项 {missing}", "{missing} is required"),
    "yaml.problem.additionalProperties": Text("有不认识的键 {extra}", "unknown key {extra}"),
    "yaml.problem.unknown_key": Text("有不认识的键 {extra}{guess}（可用的键：{known}）",
                                     "unknown key {extra}{guess} (known: {known})"),
    "yaml.problem.did_you_mean": Text("，是不是 {near}？", "; did you mean {near}?"),
    "yaml.problem.pattern": Text("格式不对：{value}", "wrong format: {value}"),
    "yaml.problem.format": Text("格式不对（应为 {expected}）：{value}", "wrong format (expected {expected}): {value}"),
    "yaml.problem.minimum": Text("不能小于 {limit}：{value}", "must not be less than {limit}: {value}"),
    "yaml.problem.maximum": Text("不能大于 {limit}：{value}", "must not be more than {limit}: {value}"),
    "yaml.problem.minItems": Text("至少需要 {limit} 项", "needs at least {limit} entries"),
    "yaml.problem.minLength": Text("不能为空", "must not be empty"),
    "yaml.problem.invalid": Text("取值不符合要求：{value}", "invalid value: {value}"),
    "yaml.problem.other": Text("{detail}", "{detail}"),  # the validator's own words, for a rule we do not phrase
    "yaml.private.type": Text("应填{expected}（内容不显示）", "expected {expected} (value not shown)"),
    "yaml.private.other": Text("取值不符合要求（内容不显示）", "invalid value (not shown)"),
    # ---------------------------------------------------------------- the applicant profile
    "profile.plausible.name": Text("应为普通姓名文字（只含文字、空格和 · - '，不超过 {n} 字）",
                                   "should be a plain name (letters, spaces, · - ' only; at most {n} characters)"),
    "profile.plausible.unit": Text("应为普通单位名称（不以 = + - @ 开头，不含控制字符，不超过 {n} 字）",
                                   "should be a plain unit name (not starting with = + - @, no control characters, "
                                   "at most {n} characters)"),
    "profile.plausible.variants": Text("最多 {n} 个", "at most {n} entries"),
    "profile.plausible.date": Text("日期 {value} 不存在，请核对年月日", "date {value} does not exist; check it"),
    "profile.id.shape": Text("应为 17 位数字加 1 位数字或 X", "17 digits and then a digit or X"),
    "profile.id.birth": Text("出生日期部分无效", "the date of birth in it does not exist"),
    "profile.id.check_digit": Text("校验码不符", "the check digit does not match"),
    # ---------------------------------------------------------------- the checklist's own rules (beyond the schema)
    "checklist.problem.finite": Text("应为有限的数字", "must be a finite number"),
    "checklist.problem.folder": Text("应为一个文件夹名称（不含 / \\ 或 ..）", "must be one folder name (no / \\ or ..)"),
    "checklist.problem.level": Text("“{name}”不是本清单的级别（levels：{levels}）",
                                    "'{name}' is not one of this checklist's levels ({levels})"),
    "checklist.problem.duplicate": Text("与 items[{index}] 重复：{value}", "duplicate of items[{index}]: {value}"),
    # ---------------------------------------------------------------- --select / --ignore
    "selection.bad_prefix": Text("{option} {token}：没有这样的代码前缀。可用的前缀：{prefixes}；也可写检查类别名（括号中的名称）",
                                 "{option} {token}: no such code prefix. Valid prefixes: {prefixes}; or a check "
                                 "family (the names in brackets)"),
    # ---------------------------------------------------------------- a checklist's conditions in words
    "condition.field.level": Text("{v}", "{v}"),
    "condition.field.gender": Text("性别为{v}", "gender {v}"),
    "condition.field.application_type": Text("申报方式为{v}", "application by {v}"),
    "condition.field.title_obtained_in": Text("现任职资格在{v}取得", "current title obtained in {v}"),
    "condition.field.unit_level": Text("单位为{v}", "{v} unit"),
    "condition.field.unit_county": Text("单位在{v}", "unit in {v}"),
    "condition.field.current_title": Text("现任职资格为{v}", "current title {v}"),
    "condition.field.other": Text("{key} = {v}", "{key} = {v}"),
    "condition.no_title": Text("尚无专业技术职称", "no title yet"),  # current_title: 无
    "condition.flag.aid_to_xinjiang.yes": Text("援疆人员", "aid-to-Xinjiang staff"),
    "condition.flag.aid_to_xinjiang.no": Text("非援疆人员", "not aid-to-Xinjiang staff"),
    "condition.flag.transferred_from_organ.yes": Text("由机关调动", "transferred from a government organ"),
    "condition.flag.transferred_from_organ.no": Text("非机关调动", "not transferred from a government organ"),
    "condition.flag.special_service.yes": Text("有“访惠聚”等服务经历", "special service (访惠聚 etc.)"),
    "condition.flag.special_service.no": Text("无“访惠聚”等服务经历", "no special service"),
    "condition.flag.continuing_education_exempt.yes": Text("继续教育免试", "exempt from continuing education"),
    "condition.flag.continuing_education_exempt.no": Text("继续教育不免试", "not exempt from continuing education"),
    "condition.flag.has_intellectual_property.yes": Text("有知识产权", "has intellectual property"),
    "condition.flag.has_intellectual_property.no": Text("无知识产权", "no intellectual property"),
    "condition.and": Text("，且", " and "),
    "condition.or": Text("；或", " or "),
    "condition.not": Text("不是（{c}）", "not ({c})"),
    "condition.not_if": Text("{c}时不需要", "not if {c}"),
    "condition.only_if": Text("仅限{c}", "only if {c}"),
    "condition.optional": Text("可不交", "optional"),
    "condition.required_if": Text("{c}必交，否则可不交", "required if {c}, else optional"),
    "condition.years": Text("{span} 年每年一份", "one per year, {span}"),
    "condition.all": Text("全要", "all"),
    "condition.any": Text("任 {k} 项", "any {k}"),
    "condition.k_if": Text("{c}时{k}", "{k} if {c}"),
    "condition.otherwise": Text("否则{k}", "otherwise {k}"),
    "condition.of_n": Text("{n} 项中{said}", "{said} of {n}"),
    "condition.of_n_rules": Text("{n} 项中：{said}", "{said} of {n}"),
    "condition.said_sep": Text("，", ", "),
    "condition.parts_sep": Text("；", "; "),
    # ---------------------------------------------------------------- the terminal report (and the HTML's shared words)
    "terminal.status.ok": Text("通过", "ok"),
    "terminal.status.missing": Text("缺少", "missing"),
    "terminal.status.incomplete": Text("有问题", "problems"),
    "terminal.status.not_required": Text("不需要", "not required"),
    "terminal.status.optional": Text("可不传", "optional"),
    "terminal.status.unchecked": Text("未检查", "not checked"),
    "terminal.applicant": Text("申报人：", "Applicant: "),
    "terminal.level": Text("级别：", "Level: "),
    "terminal.dossier": Text("材料文件夹：", "Dossier: "),
    "terminal.other": Text("其他问题", "Other findings"),
    "terminal.summary": Text("小结", "Summary"),
    "terminal.where_page": Text(" 第 {n} 页", " p.{n}"),
    "terminal.verdict.passed": Text("✔ 通过：可以上传", "✔ Passed: ready to upload"),
    "terminal.verdict.failed": Text("✘ 未通过：请按上面的提示修改后再检查", "✘ Not passed: fix the above and check again"),
    "terminal.verdict.partial": Text("△ 部分检查未发现错误：这不是完整检查，不能据此上传",
                                     "△ No error in the checks that ran: this is not a full check, not a go-ahead to "
                                     "upload"),
    "terminal.verdict.closed": Text("✔ 材料检查通过；但{name}已于 {end} 截止，不能再上传",
                                    "✔ The materials pass; but {name} closed on {end}: they can no longer be uploaded"),
    "terminal.ran": Text("只运行了部分检查（不是完整检查）。已运行：{ran}；未运行：{skipped}",
                         "Only some checks ran (not a full check). Ran: {ran}; not run: {skipped}"),
    "terminal.partly": Text("{family}的一部分", "part of {family}"),
    "terminal.family": Text("{name}（{label}）", "{name} ({label})"),
    "terminal.counts": Text("错误 {error} 个，警告 {warning} 个，提示 {info} 个，文件 {files} 个",
                            "{error} errors, {warning} warnings, {info} notes, {files} files"),
    "terminal.fee": Text("评审费：{fee} 元", "Evaluation fee: {fee} yuan"),
    "terminal.exempt": Text("免于答辩：{reasons}", "Exempt from the defence: {reasons}"),
    "terminal.not_exempt": Text("需要参加答辩", "The defence is required"),
    "terminal.deadline": Text("{name}：{start} 至 {end}，{left}", "{name}: {start} to {end}, {left}"),
    "terminal.deadline_day": Text("{name}：{day}，{left}", "{name}: {day}, {left}"),
    "terminal.days_left": Text("还剩 {n} 天", "{n} days left"),
    "terminal.today": Text("今天截止", "ends today"),
    "terminal.passed_by": Text("已截止 {n} 天", "closed {n} days ago"),
    "terminal.all_passed": Text("本清单的日期都已过去（{year} 年度，最后一项是 {last}）；下一年度请换用新通知的清单。",
                                "Every date of this checklist has passed ({year}, the last on {last}); for a later "
                                "year, use the new notice's checklist."),
    # ---------------------------------------------------------------- the HTML report
    "html.items": Text("材料清单", "Items"),
    "html.files": Text("逐页检查", "Page by page"),
    "html.no_findings": Text("未发现问题", "No findings"),
    "html.no_picture": Text("无法预览", "no preview"),
    # the badge is at the top of the page, the findings below it (the terminal's summary comes after them)
    "html.failed": Text("✘ 未通过：请按下面的提示修改后再检查", "✘ Not passed: fix the findings below and check again"),
    # ---------------------------------------------------------------- annotated previews (drawn: every Chinese
    # character here must be in report/fonts/labels-zh.otf, see tools/make_label_font.py)
    "annotate.box.K101": Text("姓名", "name"),
    "annotate.box.K102": Text("单位", "unit"),
    "annotate.box.K104": Text("透光可见", "see-through"),
    "annotate.box.K108": Text("请向单位确认", "ask your unit"),
    "annotate.box.K201": Text("方块下仍有文字", "text under a box"),
    "annotate.box.K202": Text("看不见的文字", "invisible text"),
    "annotate.box.K203": Text("页面外的文字", "text outside the page"),
    "annotate.target.name": Text("姓名", "name"),
    "annotate.target.unit": Text("单位", "unit"),
    "annotate.target_box": Text("{target}（{what}）", "{target} ({what})"),
    "annotate.turn": Text("顺时针旋转 {rotation} 度可摆正本页", "turn {rotation} degrees clockwise to make this page upright"),
    # ---------------------------------------------------------------- the fix log
    "fixlog.done.mask": Text("遮盖 {n} 处姓名/单位", "covered {n} name/unit boxes"),
    "fixlog.done.rotate": Text("顺时针旋转 {degrees}°", "turned {degrees}° clockwise"),
    "fixlog.done.exif": Text("清除 EXIF 方向标记", "cleared the EXIF orientation tag"),
    "fixlog.done.convert": Text("转为普通 JPG 图片（原为 {src}）", "converted to a plain JPEG (was {src})"),
    "fixlog.done.downscale": Text("缩小到 {size}", "scaled down to {size}"),
    "fixlog.done.rotate_pages": Text("第 {pages} 页顺时针旋转 {degrees}°", "turned page {pages} {degrees}° clockwise"),
    "fixlog.done.flatten": Text("每页转为 {dpi} dpi 图片重建 PDF，去掉了文字层和文档属性（{why}）",
                                "rebuilt from its pages as {dpi}-dpi images: text layer and document properties "
                                "removed ({why})"),
    "fixlog.done.rename": Text("改名为 {to}（{taken} 已被同名文件占用）", "named {to} ({taken} is taken by another file)"),
    # why a PDF's text layer was removed, by the finding that asked for it
    "fixlog.why.K103": Text("文字层中有本人姓名或单位", "the text layer held your name or unit"),
    "fixlog.why.K201": Text("色块下仍有文字", "text under a box could be copied out"),
    "fixlog.why.K202": Text("有看不见的文字", "invisible text could be copied out"),
    "fixlog.why.K203": Text("页面外有文字", "text outside the crop box"),
    "fixlog.why.K204": Text("文档属性中有本人姓名或单位", "the document properties held your name or unit"),
    "fixlog.why.pages": Text("页面需要遮盖或转正，图片上无法保留文字层", "pages had to be masked or turned"),
    "fixlog.why_sep": Text("、", "; "),
    # Pillow's colour modes in words (the log is for applicants, not for image libraries)
    "fixlog.mode.L": Text("灰度", "greyscale"),
    "fixlog.mode.1": Text("黑白", "black and white"),
    "fixlog.mode.P": Text("调色板颜色", "palette colours"),
    "fixlog.mode.CMYK": Text("CMYK 印刷颜色", "CMYK print colours"),
    "fixlog.mode.RGBA": Text("带透明背景", "with transparency"),
    "fixlog.mode.LA": Text("灰度，带透明背景", "greyscale with transparency"),
    "fixlog.mode.I;16": Text("16 位灰度", "16-bit greyscale"),
    "fixlog.title": Text("修改记录", "Changes"),
    "fixlog.nothing": Text("没有需要自动修改的文件。", "No file needed an automatic change."),
    "fixlog.none_possible": Text("没有能自动修改的文件。", "No file could be changed automatically."),
    "fixlog.dry": Text("（试运行：未写入任何文件）", "(dry run: nothing written)"),
    "fixlog.counts": Text("错误：修改前 {before} 个 → 修改后 {after} 个", "Errors: {before} before → {after} after"),
    "fixlog.written": Text("修正后的副本：{path}（原文件未改动），修改记录见其中的 fix-report.json",
                           "Corrected copy: {path} (originals untouched); see fix-report.json there"),
    "fixlog.left": Text("还需要你自己处理：", "Still to do by hand:"),
    # ---------------------------------------------------------------- the batch summary
    "summary.head.folder": Text("文件夹", "Folder"),
    "summary.head.applicant": Text("申报人", "Applicant"),
    "summary.head.unit": Text("单位", "Unit"),
    "summary.head.level": Text("级别", "Level"),
    "summary.head.missing": Text("缺少材料", "Missing"),
    "summary.head.errors": Text("错误", "Errors"),
    "summary.head.warnings": Text("警告", "Warnings"),
    "summary.head.passed": Text("通过", "Passed"),
    "summary.head.problems": Text("问题", "Problems"),
    "summary.unreadable": Text("无法检查", "not checked"),
    # the 通过 column says what the single-dossier headline says: only a complete run inside the window is a plain ✔
    "summary.mark.partial": Text("[yellow]✔ 部分检查[/yellow]", "[yellow]✔ partial[/yellow]"),
    "summary.mark.closed": Text("[yellow]✔ 已截止[/yellow]", "[yellow]✔ closed[/yellow]"),
    "summary.total": Text("合计 {n} 人，通过 {ok} 人；缺少材料 {missing} 项，错误 {errors} 个，警告 {warnings} 个",
                          "{n} applicants, {ok} passed; {missing} items missing, {errors} errors, {warnings} warnings"),
    "summary.missing": Text("缺少：{items}", "missing: {items}"),
    "summary.same_id": Text("身份证号与 {others} 相同", "same ID number as {others}"),
    "summary.tally": Text("{label}{n}处", "{n} {label}"),
    # ---------------------------------------------------------------- sort
    "sort.column.file": Text("文件", "file"),
    "sort.column.item": Text("材料", "item"),
    "sort.column.year": Text("年份", "year"),
    "sort.column.part": Text("部分", "part"),
    "sort.column.confidence": Text("把握", "confidence"),
    "sort.column.why": Text("依据", "why"),
    "sort.title": Text("整理方案（{source} → {out}）", "Sorting plan ({source} → {out})"),
    "sort.unsorted": Text("未分类 → {folder}/", "unsorted → {folder}/"),
    "sort.duplicate": Text("重复，与 {other} 相同，不复制", "duplicate of {other}, not copied"),
    "sort.counts": Text("共 {n} 个文件：归入材料 {placed} 个，未分类 {unsorted} 个，重复 {duplicate} 个。",
                        "{n} files: {placed} placed, {unsorted} unsorted, {duplicate} duplicates."),
    "sort.unsorted_list": Text("以下文件无法确定是哪项材料，已放入 {folder}/，请自行查看并移到对应文件夹：",
                               "These files could not be placed with confidence and went to {folder}/; move them "
                               "yourself:"),
    "sort.written": Text("已写入整理后的副本：{out}（申报人信息：{profile}）。原文件未改动。下一步：dossiercheck check {out}",
                         "Wrote the sorted copy to {out} (profile {profile}). The originals are unchanged. "
                         "Next: dossiercheck check {out}"),
    "sort.dry_run": Text("--dry-run：只列出方案，未写入任何文件。", "--dry-run: plan only, nothing written."),
    "sort.profile.copied": Text("已复制", "copied"),
    "sort.profile.created": Text("按模板新建，请填写", "created from the template; fill it in"),
    "sort.why.same_bytes": Text("内容完全相同", "the same bytes"),
    "sort.why.same_page": Text("内容相同（同一页拍了两次）", "the same page photographed twice"),
    "sort.why.little": Text("看不出是哪项材料（文字太少）", "too little on the page to tell which item it is"),
    "sort.why.close": Text("像“{a}”又像“{b}”，无法确定", "could be {a} or {b}; not sure"),
    "sort.why.unreadable": Text("无法读取（{code}）", "cannot be read ({code})"),
    "sort.why.not_a_page": Text("不是图片或 PDF", "not an image or a PDF"),
    "sort.why.zip_entry": Text("未能从压缩包中取出，未复制（dossiercheck explain {code} 说明原因）",
                               "not taken out of the zip, not copied (dossiercheck explain {code} says why)"),
    # ---------------------------------------------------------------- init
    "init.created": Text("已建立{what}。请填写 applicant.yaml，把扫描件放进对应文件夹，再运行 dossiercheck check {dir}",
                         "Created {what}. Fill in applicant.yaml, put the scans into their folders, then run "
                         "dossiercheck check {dir}"),
    "init.folders": Text(" {n} 个材料文件夹", "{n} item folders"),
    "init.profile": Text(" applicant.yaml", "applicant.yaml"),
    "init.and": Text("和", " and "),
    "init.nothing": Text("没有新建任何文件夹或文件：需要的都已存在。填好 applicant.yaml、放好扫描件后运行 dossiercheck check {dir}",
                         "Nothing created: everything needed is already there. Once applicant.yaml is filled in and "
                         "the scans are in place, run dossiercheck check {dir}"),
    "init.conditional": Text("以下材料视个人情况需要，需要时请自建文件夹：{names}",
                             "These items depend on your situation; create their folders when needed: {names}"),
    "init.names_sep": Text("、", "; "),
    # ---------------------------------------------------------------- the command line
    "cli.written": Text("已写入 {path}", "Wrote {path}"),
    "cli.annotated": Text("已写入 {n} 张标注预览：{path}", "Wrote {n} annotated previews to {path}"),
    "cli.batch_progress": Text("已完成 {done}/{n} 位申报人", "{done}/{n} dossiers done"),
    "cli.inspecting": Text("正在检查文件", "Inspecting files"),
    "cli.cache_info": Text("缓存位置：{path}\n已缓存 {n} 个文件的检查结果，共 {mb} MB。",
                           "Cache: {path}\n{n} files' facts cached, {mb} MB."),
    "cli.cache_cleared": Text("已清除 {n} 条缓存：{path}", "Cleared {n} cache entries: {path}"),
    "cli.valid": Text("{path}：格式正确，共 {n} 项材料。", "{path}: valid, {n} items."),
    "cli.severity.error": Text("错误", "error"),
    "cli.severity.warning": Text("警告", "warning"),
    "cli.severity.info": Text("提示", "note"),
    "cli.bad_format": Text("--format {value}（{known}）", "--format {value} ({known})"),
    "cli.bad_lang": Text("--lang {value}（zh/en）", "--lang {value} (zh/en)"),
    "cli.explain_head": Text("{code} {title}  [{family}，{severity}]", "{code} {title}  [{family}, {severity}]"),
    "checklist.column.number": Text("序号", "No."),
    "checklist.column.item": Text("材料", "Item"),
    "checklist.column.folder": Text("文件夹", "Folder"),
    "checklist.column.condition": Text("条件", "Condition"),
    # ---------------------------------------------------------------- lists
    "list.sep": Text("、", ", "),
    "list.comma": Text("，", ", "),
    "list.clauses": Text("；", "; "),
    "list.or": Text("或", " or "),
}


def phrase(key: str) -> Text:
    """The one lookup: a catalogue entry by its key (a KeyError names a key that is not in the catalogue)."""
    return CATALOGUE[key]


class Message:
    """A catalogue key and its parameters, rendered only when a reporter knows the language. A parameter may itself
    be a Message, a :class:`Text` or a list of them (a list reads as 甲、乙 / a, b)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: Any) -> None:
        phrase(key)  # an unknown key fails where the message is made, not when it is shown
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        return phrase(self.key).get(lang, **{k: render(v, lang) for k, v in self.params.items()})

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"


def render(value: Any, lang: str) -> Any:
    """A Message or Text in ``lang`` (recursively); a list joined as the language lists things; anything else as is."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, list | tuple):
        return phrase("list.sep").get(lang).join(str(render(v, lang)) for v in value)
    return value


def joined(parts: Iterable[Any], sep: Text) -> Text:
    """Deferred parts joined by a separator that differs by language (或 / or), still in both languages."""
    parts = list(parts)
    return Text(*(getattr(sep, lang).join(str(render(p, lang)) for p in parts) for lang in ("zh", "en")))
