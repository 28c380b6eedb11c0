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

from dossiercheck.i18n import Text, mask_ids, safe_param

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
    "error.profile_misnamed": Text("缺少申报人信息文件 {path}，但有 {found}：请把它改名为 applicant.yaml（名字须完全一致）。",
                                   "Applicant profile {path} is missing, but there is {found}: rename it to "
                                   "applicant.yaml (exactly)."),
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
    "error.batch_one_dossier": Text("{path} 本身是一位申报人的材料（里面有 applicant.yaml）。检查一份材料请用 "
                                    "`dossiercheck check {path}`；batch 检查装着多位申报人材料的文件夹。",
                                    "{path} is itself one applicant's dossier (it has an applicant.yaml). Check it with "
                                    "`dossiercheck check {path}`; batch takes a folder holding several applicants' "
                                    "dossiers."),
    "error.fix_inside": Text("修正后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                             "The corrected copy may not go inside the dossier or contain it ({path}); use --out."),
    "error.fix_exists": Text("{path} 已存在且不是空文件夹，未写入。请换一个 --out，或加 --force 覆盖。",
                             "{path} exists and is not empty; nothing written. Choose another --out, or add --force."),
    "error.fix_not_folder": Text("{path} 是一个文件，不是文件夹，副本写不进去。请用 --out 指定一个文件夹。",
                                 "{path} is a file, not a folder: the copy cannot go there. Choose a folder with --out."),
    "error.sort_empty": Text("文件夹 {path} 是空的。请把手机拍的照片或扫描件放进去，再运行 `dossiercheck sort {path}`。",
                             "Folder {path} is empty. Put the phone photos or scans in it, then run "
                             "`dossiercheck sort {path}`."),
    "error.sort_inside": Text("整理后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                              "The sorted copy may not go inside the source folder or contain it ({path}); use "
                              "--out."),
    "error.sort_exists": Text("{path} 已存在且不是空文件夹，未写入。请用 --out 指定一个新文件夹。",
                              "{path} exists and is not empty; nothing written. Choose a new folder with --out."),
    "error.sort_exists_ours": Text("{path} 是上次整理出的副本（其中的 applicant.yaml 可能已经填好）。加 --update 更新它"
                                   "（保留 applicant.yaml 和你放进去的文件），或用 --out 指定一个新文件夹。",
                                   "{path} is the sorted copy of an earlier run (its applicant.yaml may be filled in). "
                                   "Add --update to update it (applicant.yaml and files you added stay), or choose a "
                                   "new folder with --out."),
    "error.html_to_terminal": Text("HTML 报告不能直接显示在终端里，未检查。请加 -o 写入文件后用浏览器打开，如 "
                                   "dossiercheck check {path} -o 报告.html",
                                   "An HTML report cannot be shown in a terminal; nothing checked. Write it to a file "
                                   "with -o and open that in a browser, e.g. dossiercheck check {path} -o report.html"),
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
    "yaml.problem.uniqueItems": Text("有重复的项：{value}", "has an entry twice: {value}"),
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
    "profile.date.form": Text("应写年月，如 2012-07（也可写 2012.07、2012年7月；带日的写 2018-07-01），现在是 {value}",
                              "expected a year and month such as 2012-07 (2012.07 and 2012年7月 work too; with a "
                              "day: 2018-07-01), got {value}"),
    "profile.id.shape": Text("应为 17 位数字加 1 位数字或 X", "17 digits and then a digit or X"),
    "profile.id.birth": Text("出生日期部分无效", "the date of birth in it does not exist"),
    "profile.id.check_digit": Text("校验码不符", "the check digit does not match"),
    # ---------------------------------------------------------------- the checklist's own rules (beyond the schema)
    "checklist.problem.finite": Text("应为有限的数字", "must be a finite number"),
    "checklist.problem.folder": Text("应为一个文件夹名称（不含 / \\ 或 ..）", "must be one folder name (no / \\ or ..)"),
    "checklist.problem.window": Text("开始日期 {start} 在结束日期 {end} 之后", "starts {start}, after its end {end}"),
    "checklist.problem.pattern": Text("文件名规则“{value}”永远匹配不上：规则只写文件名（不含文件夹和 /），“[”要有对应的“]”",
                                      "the file-name pattern '{value}' can never match: a pattern is a file's name "
                                      "(no folder, no /), and each [ needs its ]"),
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
    "terminal.level_name.初级": Text("初级", "junior (初级)"),
    "terminal.level_name.中级": Text("中级", "intermediate (中级)"),
    "terminal.level_name.副高级": Text("副高级", "associate senior (副高级)"),
    "terminal.level_name.正高级": Text("正高级", "senior (正高级)"),
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
    # the schedule's windows (the checklist schema allows exactly these keys): checklist.window_name
    "window.online": Text("网上申报", "Online submission"),
    "window.paper": Text("纸质材料报送", "Paper materials"),
    "window.fee": Text("缴费", "Fee payment"),
    "window.defence": Text("答辩", "Defence"),
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
    "fixlog.done.mask": Text("遮盖 {n} 处姓名/单位", "covered the name or unit ({n} boxes)"),
    "fixlog.done.rotate": Text("顺时针旋转 {degrees}°", "turned {degrees}° clockwise"),
    "fixlog.done.exif": Text("清除 EXIF 方向标记", "cleared the EXIF orientation tag"),
    "fixlog.done.convert": Text("转为普通 JPG 图片（原为 {src}）", "converted to a plain JPEG (was {src})"),
    "fixlog.done.downscale": Text("缩小到 {size}", "scaled down to {size}"),
    "fixlog.done.rotate_pages": Text("第 {pages} 页顺时针旋转 {degrees}°", "turned page {pages} {degrees}° clockwise"),
    "fixlog.done.flatten": Text("每页转为 {dpi} dpi 图片重建 PDF，去掉了文字层和文档属性（{why}）",
                                "rebuilt from its pages as {dpi}-dpi images: text layer and document properties "
                                "removed ({why})"),
    "fixlog.done.kept": Text("上次修正后你改过或放进了这个文件：保留原样，没有替换",
                             "kept as it is: you changed or added it after the last fix, so it was not replaced"),
    "fixlog.done.not_copied": Text("读不出这个文件（{problem}），没有复制到副本：换成能打开的文件",
                                   "could not read this file ({problem}); not copied: replace it with one that opens"),
    "fixlog.done.link_left_out": Text("这是指向材料文件夹以外（或已不存在）的快捷方式/链接，没有复制到副本：换成真正的文件",
                                      "a link to outside the dossier, or to nothing; not copied: put the real file here"),
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
    # a photographed page, straightened as a scanner app does (fix.py straighten_plan)
    "fixlog.done.straighten": Text("拍照页已拉平：裁去桌面背景、校正透视和 {skew}° 倾斜",
                                   "photographed page flattened: desk cropped away, perspective and {skew}° skew "
                                   "corrected"),
    "fixlog.done.deskew": Text("校正 {skew}° 倾斜", "corrected a {skew}° skew"),
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
    "sort.kept": Text("副本中你改动或放入的 {n} 个文件保留原样：{files}；同名的新页面另起名（加 -2）。",
                      "{n} files you changed or added in the copy are kept as they are: {files}; a new page of the "
                      "same name is named -2."),
    "sort.written": Text("已写入整理后的副本：{out}（申报人信息：{profile}）。原文件未改动。下一步：dossiercheck check {out}",
                         "Wrote the sorted copy to {out} (profile {profile}). The originals are unchanged. "
                         "Next: dossiercheck check {out}"),
    "sort.words_read": Text("{words}", "by: {words}"),
    "sort.dry_run": Text("--dry-run：只列出方案，未写入任何文件。", "--dry-run: plan only, nothing written."),
    "sort.profile.copied": Text("已复制", "copied"),
    "sort.profile.kept": Text("保留了副本中你填写的", "kept the one you filled in there"),
    "sort.profile.created": Text("按模板新建，请填写", "created from the template; fill it in"),
    "sort.why.same_bytes": Text("内容完全相同", "the same bytes"),
    "sort.why.same_page": Text("内容相同（同一页拍了两次）", "the same page photographed twice"),
    "sort.why.little": Text("看不出是哪项材料（文字太少）", "too little on the page to tell which item it is"),
    "sort.why.close": Text("像“{a}”又像“{b}”，无法确定", "could be {a} or {b}; not sure"),
    "sort.why.unreadable": Text("打不开或读不出（{code}，dossiercheck explain {code} 说明原因）",
                                "cannot be opened or read ({code}; dossiercheck explain {code} says why)"),
    "sort.why.not_a_page": Text("不是图片或 PDF", "not an image or a PDF"),
    "sort.why.zip_entry": Text("未能从压缩包中取出，未复制（dossiercheck explain {code} 说明原因）",
                               "not taken out of the zip, not copied (dossiercheck explain {code} says why)"),
    # sort: a page whose text fits no item of the checklist (a boarding pass, a bank slip) is left unsorted
    "sort.why.unlike": Text("读到了文字，但不像本清单的任何一项材料", "its text fits none of the checklist's items"),
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
    "cli.personal_copies": Text("注意：本次写出了 {n} 份身份证等个人证件的副本：{files}。上传后不再需要时，请删除这些副本。",
                                "Note: this run wrote {n} copies of personal documents such as the ID card: {files}. "
                                "Delete them once they are no longer needed."),
    "cli.annotated": Text("已写入 {n} 张标注预览：{path}", "Wrote {n} annotated previews to {path}"),
    "cli.batch_progress": Text("已完成 {done}/{n} 位申报人", "{done}/{n} dossiers done"),
    "cli.inspecting": Text("正在检查文件", "Inspecting files"),
    "cli.cache_info": Text("缓存位置：{path}\n已缓存 {n} 个文件的检查结果，共 {mb} MB。",
                           "Cache: {path}\n{n} files' facts cached, {mb} MB."),
    "cli.cache_engine": Text("另有为本机编译的识别模型 {mb} MB（不含材料内容，cache clear 一并删除）。",
                             "Also {mb} MB of OCR models compiled for this computer (no document's data; cache clear "
                             "deletes them too)."),
    "cli.interrupted": Text("已中断，本次没有做完。已识别的页面存在缓存里（用了 --no-cache 时除外），再次运行会接着做。",
                            "Interrupted: this run did not finish. The pages already read are in the cache (unless "
                            "--no-cache), and the next run goes on from there."),
    "cli.cache_busy": Text("有 {n} 个检查页面还开着，它们的工作文件夹没有删除：页面关闭时会自己删除。",
                           "{n} checking pages are still open: their working folders are left, and go when they close."),
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
    # ---------------------------------------------------------------- the clerk's desk: batch outputs, summary, roster
    "error.output_in_batch": Text("{path} 在批量检查的文件夹 {root} 之内，未写入任何内容：下次检查会把它当成一位申报人，"
                                  "花名册上的身份证号也会混进申报材料。请写到这个文件夹以外，例如 {example}。",
                                  "{path} is inside the batch folder {root}; nothing written: the next run would take "
                                  "it for an applicant, and the roster's ID numbers would travel with the material. "
                                  "Write it outside that folder, e.g. {example}."),
    "error.output_twice": Text("{path} 被指定为两个输出（-o、--roster、--reports 各写一处），未写入任何内容。",
                               "{path} is given for two outputs (-o, --roster, --reports each need their own); "
                               "nothing written."),
    "error.batch_no_profile": Text("{path} 里没有 applicant.yaml：请申报人运行 dossiercheck init 生成并填写。"
                                   "若这是部门文件夹，请移走其中的零散文件（部门文件夹里只放申报人的文件夹或 zip）。",
                                   "{path} has no applicant.yaml: the applicant runs dossiercheck init and fills it "
                                   "in. If this is a department's folder, move its loose files out (a department "
                                   "holds only applicants' folders or zips)."),
    "error.roster_empty": Text("没有可列入花名册的申报人，未写入 {path}。", "No applicant to list; {path} not written."),
    "error.summary_format": Text("不知道把汇总写成什么格式：{path}。请用扩展名 .html、.xlsx、.json 或 .txt，或加 --format。",
                                 "Cannot tell the summary's format from {path}: use .html, .xlsx, .json or .txt, or "
                                 "add --format."),
    "error.format_conflict": Text("--format {format} 与 {path} 的扩展名不符，未写入任何内容。",
                                  "--format {format} does not match the extension of {path}; nothing written."),
    "error.needs_output": Text("--format {format} 要写进文件：请加 -o，例如 -o 汇总.{format}。",
                               "--format {format} goes to a file: add -o, e.g. -o summary.{format}."),
    "clerk.title": Text("申报材料批量检查汇总", "Batch check summary"),
    "clerk.subtitle": Text("{checklist}；检查日期 {date}；{root}", "{checklist}; checked on {date}; {root}"),
    "clerk.head.verdict": Text("结论", "Verdict"),
    "clerk.head.report": Text("报告", "Report"),
    "clerk.verdict.passed": Text("通过", "passed"),
    "clerk.verdict.failed": Text("未通过", "failed"),
    "clerk.verdict.partial": Text("部分检查", "partial"),
    "clerk.verdict.closed": Text("已截止", "closed"),
    "clerk.verdict.unreadable": Text("无法检查", "not checked"),
    "clerk.closed": Text("另有 {n} 人材料无误，但网上申报已截止，不计为通过：{names}",
                         "{n} more have no error, but the upload window has closed; not counted as passed: {names}"),
    "clerk.unreadable": Text("无法检查 {n} 个（不计人数，不列入花名册）：{names}",
                             "{n} could not be checked (not counted, not on the roster): {names}"),
    "clerk.same_id_group": Text("身份证号相同的 {n} 份材料：{names}", "{n} dossiers with one ID number: {names}"),
    "clerk.same_id_many": Text("身份证号与另外 {n} 份材料相同（名单见表后）",
                               "same ID number as {n} other dossiers (listed below the table)"),
    "clerk.withheld": Text("花名册“是否通过”留空（applicant.yaml 写了 unit_passed: 是，但检查未通过或网上申报已截止）：{names}",
                           "Roster's 是否通过 left blank (applicant.yaml says unit_passed: yes, but the check failed "
                           "or the upload window has closed): {names}"),
    "clerk.roster_listed": Text("花名册列入 {n} 人：{path}", "Roster lists {n} applicants: {path}"),
    # what stands in the folder column for an item with nothing to upload (its kind:)
    "checklist.kind.profile": Text("（不用上传：填在 applicant.yaml 中）", "(nothing to upload: from applicant.yaml)"),
    "checklist.kind.rule": Text("（不用上传：检查全部材料）", "(nothing to upload: a rule over all files)"),
    # ---------------------------------------------------------------- the command line's help and its errors
    # (clitext.py): cli.help.<command>[.<parameter>], cli.help.opt.<parameter> for an option several commands share
    "cli.help.root": Text("职称申报材料检查工具：上传前检查申报材料是否齐全、清晰、已遮盖姓名单位。",
                          "Check a professional-title dossier before upload: complete, legible, name and unit covered."),
    "cli.help.check": Text("检查一个申报材料文件夹。", "Check one dossier folder."),
    "cli.help.check.folder": Text("材料文件夹或 zip 压缩包", "the dossier folder or zip"),
    "cli.help.check.format": Text("报告格式：rich（屏幕）/ json / html；默认按 -o 的扩展名",
                                  "report format: rich (screen) / json / html; by default from the -o extension"),
    "cli.help.check.output": Text("把报告写入这个文件", "write the report to this file"),
    "cli.help.check.select": Text("只报告这些代码（前缀），如 --select K", "only these codes (prefixes), e.g. --select K"),
    "cli.help.check.ignore": Text("不报告这些代码（前缀），如 --ignore L101", "skip these codes (prefixes), e.g. "
                                                                        "--ignore L101"),
    "cli.help.check.annotate": Text("把标出问题的页面副本写到这个文件夹", "write annotated copies of flagged pages to "
                                                                   "this folder"),
    "cli.help.batch": Text("单位经办人批量检查：每个子文件夹或 zip 是一位申报人。",
                           "For unit clerks: check every dossier (sub-folder or zip) under a folder."),
    "cli.help.batch.root": Text("放着各申报人文件夹或 zip 的文件夹", "the folder holding the applicants' folders or zips"),
    "cli.help.batch.roster": Text("写出申报人员花名册（附件5），.xlsx 或 .csv", "write the applicants' roster (annex 5), "
                                                                        ".xlsx or .csv"),
    "cli.help.batch.output": Text("把汇总写入文件，格式按扩展名：.html（可打印）、.xlsx、.json、.txt",
                                  "write the summary to a file, its format from the extension: .html (printable), "
                                  ".xlsx, .json, .txt"),
    "cli.help.batch.roster_passed_only": Text("花名册只列出检查通过的申报人", "list on the roster only the dossiers "
                                                                      "that passed the check"),
    "cli.help.batch.format": Text("汇总格式：rich（屏幕）/ json / html / txt / xlsx；默认按 -o 的扩展名",
                                  "summary format: rich (screen) / json / html / txt / xlsx; by default from the -o "
                                  "extension"),
    "cli.help.batch.cluster": Text("在 Dask 集群上读取页面，如 tcp://host:8786（也可设环境变量 DASK_SCHEDULER_ADDRESS）",
                                   "read the pages on this Dask scheduler, e.g. tcp://host:8786 (or set "
                                   "DASK_SCHEDULER_ADDRESS)"),
    "cli.help.batch.reports": Text("为每位申报人写 JSON 和 HTML 报告到这个文件夹",
                                   "write each applicant's JSON and HTML report to this folder"),
    "cli.help.fix": Text("生成修正后的副本：转正、转为真正的 JPG、遮盖姓名单位；原文件不动。",
                         "Write a corrected copy: pages turned upright, real JPEGs, name and unit covered; the "
                         "originals stay as they are."),
    "cli.help.fix.folder": Text("材料文件夹或 zip", "the dossier folder or zip"),
    "cli.help.fix.out": Text("副本写到这里（默认：<文件夹>-fixed）", "where the copy goes (default: <folder>-fixed)"),
    "cli.help.fix.no_mask": Text("不遮盖姓名和单位", "do not cover the name and unit"),
    "cli.help.fix.no_rotate": Text("不旋转页面", "do not turn pages"),
    "cli.help.fix.no_convert": Text("不转换格式、不缩小", "do not convert or scale down"),
    "cli.help.fix.dry_run": Text("只列出将做的修改，不写任何文件", "only list the changes; write nothing"),
    "cli.help.fix.force": Text("允许写入别处已有内容的文件夹（本工具上次写的副本不需要）",
                               "allow writing into a folder that already has content (not needed for this tool's "
                               "own previous copy)"),
    "cli.help.sort": Text("按内容把照片整理成材料文件夹（副本），先列出方案。",
                          "Sort photos and scans into the item folders, as a copy; the plan is shown first."),
    "cli.help.sort.source": Text("照片或扫描件所在的文件夹或 zip", "the folder or zip of photos and scans"),
    "cli.help.sort.out": Text("整理后的副本写到这里（默认：<文件夹>-sorted）",
                              "where the sorted copy goes (default: <folder>-sorted)"),
    "cli.help.sort.dry_run": Text("只列出整理方案，不写任何文件", "only show the plan; write nothing"),
    "cli.help.sort.level": Text("初级 / 中级（没有 applicant.yaml 时，默认中级）",
                                "初级 (junior) / 中级 (intermediate); 中级 when there is no applicant.yaml"),
    "cli.help.sort.update": Text("更新上次整理的副本：保留其中你填写的 applicant.yaml",
                                 "update the previous sorted copy, keeping the applicant.yaml you filled in there"),
    "cli.help.app": Text("在浏览器中检查：拖入材料、填写信息、看报告、下载修正副本（只在本机，不联网）。",
                         "Check in the browser: drop the files, fill in the form, read the report, download the "
                         "corrected copy (on this computer only, offline)."),
    "cli.help.app.no_browser": Text("只打印页面地址，不打开浏览器", "only print the page's address; open no browser"),
    "cli.help.app.port": Text("端口，默认自动选一个空闲的", "the port (default: a free one)"),
    "cli.help.init": Text("建立 applicant.yaml 模板和各项材料文件夹，不覆盖已有文件。",
                          "Create the applicant.yaml template and the item folders; nothing existing is overwritten."),
    "cli.help.init.folder": Text("要建立的材料文件夹", "the dossier folder to create"),
    "cli.help.init.level": Text("申报级别，如 中级（默认：清单的最后一级）",
                                "the level applied for, e.g. 中级 (default: the checklist's last level)"),
    "cli.help.explain": Text("解释一个检查代码；不写代码则列出全部。", "Explain a finding code; without one, list them all."),
    "cli.help.explain.code": Text("代码，如 P101", "a code, e.g. P101"),
    "cli.help.checklist": Text("检查清单：list 列出 / show 显示 / validate 校验 / schema 格式说明",
                               "Checklists: list / show / validate / schema"),
    "cli.help.checklist.list": Text("列出内置的检查清单。", "List the shipped checklists."),
    "cli.help.checklist.show": Text("显示清单的各项材料和条件。", "Show a checklist's items and conditions."),
    "cli.help.checklist.show.ident": Text("清单 ID 或 YAML 文件", "a checklist id or YAML file"),
    "cli.help.checklist.validate": Text("校验一个清单文件。", "Validate a checklist file."),
    "cli.help.checklist.validate.file": Text("清单 YAML 文件", "the checklist YAML file"),
    "cli.help.checklist.schema": Text("打印完整的清单 JSON Schema（含各检查模块的设置），供编辑器校验。",
                                      "Print the whole checklist JSON Schema (with every check's settings) for "
                                      "editors."),
    "cli.help.cache": Text("检查结果缓存：info 查看 / clear 清除", "The cache of inspection results: info / clear"),
    "cli.help.cache.info": Text("显示缓存位置和大小。", "Show where the cache is and how big it is."),
    "cli.help.cache.clear": Text("清除缓存（其中有 OCR 识别出的文字）。", "Delete the cache (it holds OCR text)."),
    "cli.help.opt.lang": Text("语言：zh 中文（默认）/ en 英文；也可设环境变量 DOSSIERCHECK_LANG",
                              "language: zh Chinese (default) / en English; or set DOSSIERCHECK_LANG"),
    "cli.help.opt.checklist": Text("清单 ID 或 YAML 文件", "a checklist id or YAML file"),
    "cli.help.opt.profile": Text("applicant.yaml 的位置（默认在材料文件夹中）",
                                 "where applicant.yaml is (default: in the dossier folder)"),
    "cli.help.opt.strict": Text("有警告也算未通过", "warnings fail too"),
    "cli.help.opt.format": Text("输出格式：rich（屏幕）/ json", "output format: rich (screen) / json"),
    "cli.help.opt.jobs": Text("并行进程数，默认为 CPU 核数", "worker processes (default: the number of CPU cores)"),
    "cli.help.opt.no_cache": Text("不读写缓存", "do not use the cache"),
    "cli.help.opt.today": Text("以这一天计算截止天数，写成 YYYY-MM-DD", "count days to the deadlines from this date, "
                                                                 "YYYY-MM-DD"),
    "cli.help.opt.version": Text("显示版本", "show the version"),
    "cli.help.opt.help": Text("显示本帮助并退出", "show this help and exit"),
    "cli.metavar.folder": Text("文件夹", "FOLDER"),
    "cli.metavar.root": Text("文件夹", "FOLDER"),
    "cli.metavar.source": Text("文件夹或zip", "FOLDER_OR_ZIP"),
    "cli.metavar.code": Text("代码", "CODE"),
    "cli.metavar.ident": Text("清单", "CHECKLIST"),
    "cli.metavar.file": Text("文件", "FILE"),
    "cli.metavar.checklist": Text("清单", "CHECKLIST"),
    "cli.metavar.profile": Text("路径", "PATH"),
    "cli.metavar.format": Text("格式", "FORMAT"),
    "cli.metavar.output": Text("文件", "FILE"),
    "cli.metavar.out": Text("文件夹", "FOLDER"),
    "cli.metavar.annotate": Text("文件夹", "FOLDER"),
    "cli.metavar.roster": Text("文件", "FILE"),
    "cli.metavar.reports": Text("文件夹", "FOLDER"),
    "cli.metavar.select": Text("代码", "CODE"),
    "cli.metavar.ignore": Text("代码", "CODE"),
    "cli.metavar.jobs": Text("整数", "NUMBER"),
    "cli.metavar.port": Text("端口号", "PORT"),
    "cli.metavar.cluster": Text("地址", "ADDRESS"),
    "cli.metavar.today": Text("日期", "DATE"),
    "cli.metavar.level": Text("级别", "LEVEL"),
    "cli.metavar.lang": Text("zh|en", "zh|en"),
    "cli.metavar.text": Text("文字", "TEXT"),
    "cli.usage": Text("用法：{prog} {args}", "Usage: {prog} {args}"),
    "cli.usage_options": Text("[选项]", "[OPTIONS]"),
    "cli.usage_command": Text("命令 [参数]...", "COMMAND [ARGS]..."),
    "cli.heading.arguments": Text("参数", "Arguments"),
    "cli.heading.options": Text("选项", "Options"),
    "cli.heading.commands": Text("命令", "Commands"),
    "cli.required": Text("（必填）", " (required)"),
    "cli.repeatable": Text("（可重复写多次）", " (may be given more than once)"),
    "cli.default": Text("（默认：{value}）", " (default: {value})"),
    "cli.click.no_command": Text("没有“{name}”这个命令。", "There is no command '{name}'."),
    "cli.click.did_you_mean": Text("是不是 {near}？", " Did you mean {near}?"),
    "cli.click.missing": Text("缺少参数 {name}（{what}）。", "Missing {name} ({what})."),
    "cli.click.no_option": Text("没有 {name} 这个选项。", "There is no option {name}."),
    "cli.click.needs_value": Text("选项 {name} 后面要写一个值。", "Option {name} needs a value after it."),
    "cli.click.bad_value": Text("{name} 的值不对：应为{kind}。", "{name}: the value should be a {kind}."),
    "cli.click.extra": Text("多出了参数：{args}（路径中有空格时请加引号）。",
                            "Unexpected extra argument(s): {args} (quote a path that has spaces)."),
    "cli.click.other": Text("命令行有误（{detail}）。", "Invalid command line ({detail})."),
    "cli.click.see_help": Text("运行 {command} --help 查看用法。", " Run {command} --help for the usage."),
    "cli.click.aborted": Text("已中止。", "Aborted."),
    # ---------------------------------------------------------------- `explain`: what a code's placeholders stand for
    "explain.param.allowed": Text("〈允许的格式〉", "<allowed formats>"),
    "explain.param.chars": Text("〈文字〉", "<the text>"),
    "explain.param.contrast": Text("〈对比度〉", "<contrast>"),
    "explain.param.days": Text("〈天数〉", "<days>"),
    "explain.param.deadline": Text("〈截止日期〉", "<deadline>"),
    "explain.param.delay": Text("〈顺延年数〉", "<years postponed>"),
    "explain.param.detail": Text("〈详细原因〉", "<details>"),
    "explain.param.dpi": Text("〈分辨率〉", "<resolution>"),
    "explain.param.end": Text("〈结束日期〉", "<end date>"),
    "explain.param.expected": Text("〈应有的内容〉", "<what was expected>"),
    "explain.param.ext": Text("〈扩展名〉", "<extension>"),
    "explain.param.field": Text("〈applicant.yaml 中的项〉", "<the applicant.yaml field>"),
    "explain.param.fields": Text("〈属性名〉", "<property names>"),
    "explain.param.file": Text("〈文件名〉", "<file name>"),
    "explain.param.files": Text("〈文件〉", "<files>"),
    "explain.param.first": Text("〈简历起始年月〉", "<first month of the history>"),
    "explain.param.folder": Text("〈文件夹〉", "<folder>"),
    "explain.param.gender": Text("〈所填性别〉", "<gender given>"),
    "explain.param.height": Text("〈高度〉", "<height>"),
    "explain.param.hours": Text("〈学时〉", "<hours>"),
    "explain.param.how": Text("〈原因〉", "<how>"),
    "explain.param.id_gender": Text("〈身份证号显示的性别〉", "<gender from the ID number>"),
    "explain.param.k": Text("〈需要的份数〉", "<how many are needed>"),
    "explain.param.keywords": Text("〈关键词〉", "<keywords>"),
    "explain.param.kind": Text("〈文件类型〉", "<file type>"),
    "explain.param.label": Text("〈说明〉", "<label>"),
    "explain.param.max": Text("〈上限〉", "<maximum>"),
    "explain.param.max_mb": Text("〈大小上限（MB）〉", "<size limit (MB)>"),
    "explain.param.max_mp": Text("〈像素上限（百万）〉", "<pixel limit (megapixels)>"),
    "explain.param.mb": Text("〈文件大小（MB）〉", "<file size (MB)>"),
    "explain.param.median": Text("〈中位数〉", "<median>"),
    "explain.param.min": Text("〈下限〉", "<minimum>"),
    "explain.param.min_dpi": Text("〈最低分辨率〉", "<minimum resolution>"),
    "explain.param.missing": Text("〈缺少的部分〉", "<what is missing>"),
    "explain.param.mp": Text("〈像素（百万）〉", "<megapixels>"),
    "explain.param.n": Text("〈数量〉", "<number>"),
    "explain.param.name": Text("〈名称〉", "<name>"),
    "explain.param.named": Text("〈文件名中的年份〉", "<the year in the file name>"),
    "explain.param.other": Text("〈另一个文件〉", "<the other file>"),
    "explain.param.page": Text("〈页码〉", "<page>"),
    "explain.param.part": Text("〈缺少的部分（如 反面）〉", "<the missing part (e.g. back)>"),
    "explain.param.placeholder": Text("〈占位文字〉", "<placeholder text>"),
    "explain.param.profile": Text("〈applicant.yaml 中所填〉", "<what applicant.yaml says>"),
    "explain.param.ratio": Text("〈比例〉", "<ratio>"),
    "explain.param.read": Text("〈页面上识别出的内容〉", "<what the page reads>"),
    "explain.param.reasons": Text("〈原因〉", "<reasons>"),
    "explain.param.result": Text("〈考核结果〉", "<appraisal result>"),
    "explain.param.rotation": Text("〈旋转角度〉", "<rotation>"),
    "explain.param.sharpness": Text("〈清晰度〉", "<sharpness>"),
    "explain.param.signed": Text("〈签字日期〉", "<date signed>"),
    "explain.param.size": Text("〈大小〉", "<size>"),
    "explain.param.start": Text("〈开始日期〉", "<start date>"),
    "explain.param.started": Text("〈参加工作时间〉", "<when work began>"),
    "explain.param.stated": Text("〈材料上写的〉", "<what the document states>"),
    "explain.param.subject": Text("〈科目〉", "<subject>"),
    "explain.param.tag": Text("〈方向标记〉", "<orientation tag>"),
    "explain.param.target": Text("〈姓名或单位〉", "<name or unit>"),
    "explain.param.text": Text("〈识别到的文字（只显示首字）〉", "<the text read (first character only)>"),
    "explain.param.title": Text("〈材料名称〉", "<item title>"),
    "explain.param.until": Text("〈截止年份〉", "<until>"),
    "explain.param.value": Text("〈所填的值〉", "<the value given>"),
    "explain.param.where": Text("〈位置（如 第 2 页）〉", "<where (e.g. p.2)>"),
    "explain.param.width": Text("〈宽度〉", "<width>"),
    "explain.param.year": Text("〈年份〉", "<year>"),
    "explain.unknown_param": Text("〈…〉", "<…>"),
    "explain.codes": Text("同类的代码：", "Codes of this kind:"),
    # ---------------------------------------------------------------- lists
    "list.sep": Text("、", ", "),
    "list.comma": Text("，", ", "),
    "list.clauses": Text("；", "; "),
    "list.or": Text("或", " or "),
    # ---------------------------------------------------------------- page decides (fee the notice does not let us read)
    "terminal.fee_unreadable": Text(
        "评审费：通知原文此处为“{read}”，无法辨认金额；请向推荐单位或通知“九、咨询电话”所列联系人确认",
        "Evaluation fee: the notice reads '{read}' here, and the amount cannot be made out; ask your unit or the "
        "contacts under section 9 (咨询电话) of the notice"),
    # ---------------------------------------------------------------- hostile input, round 3 (issue 25)
    "cli.cache_not_ours": Text(
        "{path} 不是本工具建立的缓存文件夹（里面没有 CACHEDIR.TAG 标记），其中的文件一个也没有动。"
        "本工具不会往里写缓存；要用缓存，请把 DOSSIERCHECK_CACHE_DIR 设为另一个文件夹。",
        "{path} is not a cache folder this tool made (it holds no CACHEDIR.TAG marker): nothing in it was touched. "
        "The tool does not write its cache there; to have a cache, set DOSSIERCHECK_CACHE_DIR to another folder."),
    "error.not_regular_file": Text("{path} 不是普通文件（是设备、管道，或指向这类东西的链接），没有读取。请换成一个普通的文本文件。",
                                   "{path} is not a regular file (a device, a pipe, or a link to one); not read. Put "
                                   "an ordinary text file there."),
    "yaml.bound.recursive": Text("有锚点引用了它自己（如 notes: &r [*r]），展开不完", "an anchor refers to itself "
                                 "(as in notes: &r [*r]) and never ends"),
    "yaml.bound.expanded": Text("展开后超过 {n} 个字符（锚点/别名）", "expands to more than {n} characters (anchors/aliases)"),
    "yaml.syntax.no_space": Text("冒号后面少了一个空格，这一行就不成“键: 值”。请在英文冒号后加一个空格，例如 gender: 女",
                                 "no space after the colon, so the line is not \"key: value\". Put one space after "
                                 "the colon, e.g. gender: 女"),
    "yaml.syntax.quote": Text("这一行的引号只有开头没有结尾。请在文字两边都加上英文引号，例如 unit: \"巴音郭楞日报社\"",
                              "a quote on this line is opened but never closed. Put ASCII quotes on both sides, e.g. "
                              "unit: \"Bayingol Daily\""),
    "yaml.syntax.tab": Text("这一行用 Tab 键缩进了，YAML 只认空格。请把行首的 Tab 换成空格，例如“  - from: 2012-07”",
                            "this line is indented with a Tab; YAML only takes spaces. Replace it with spaces, e.g. "
                            "\"  - from: 2012-07\""),
    "yaml.syntax.colon": Text("一行里只能有一个“键: 值”；值里有冒号时，请把值用英文引号括起来，例如 post: \"编辑: 新闻部\"；"
                              "也可能是这一行比上一行多缩进了（同一层的键要左边对齐）（原文：{detail}）",
                              "one \"key: value\" per line; a value holding a colon goes in ASCII quotes, e.g. post: "
                              "\"editor: news\"; or this line is indented more than the one above (keys of one level "
                              "start in the same column) ({detail})"),
    "yaml.syntax.other": Text("这里的写法 YAML 读不懂。每一行应写成“键: 值”（英文冒号加一个空格），列表项以“- ”开头，"
                              "缩进只用空格，例如 gender: 女（原文：{detail}）",
                              "YAML cannot read this. Each line is \"key: value\" (an ASCII colon and a space), list "
                              "items start with \"- \", indent with spaces only, e.g. gender: 女 ({detail})"),
    "cli.cache_left": Text("缓存文件夹里另有 {n} 个不是本工具写的文件（例如 {path}），没有删除。",
                           "{n} files in the cache folder were not written by this tool (e.g. {path}); left in place."),
    # ---------------------------------------------------------------- the local page (dossiercheck app)
    "app.title": Text("职称申报材料检查", "Title dossier check"),
    "app.local": Text("本页面只在你的电脑上运行，材料不会上传到任何地方。",
                      "This page runs on your computer only; nothing is sent anywhere."),
    "app.started": Text("检查页面已打开：{url}\n如果浏览器没有自动打开，请把这个地址复制到浏览器中。用完后点页面下方的“关闭”，"
                        "或在这里按 Ctrl+C。",
                        "The checking page is at {url}\nIf no browser opened, copy this address into one. When done, "
                        "click “Close” at the bottom of the page, or press Ctrl+C here."),
    "app.started_here": Text("检查页面的地址：{url}\n请把这个地址复制到浏览器中打开。用完后点页面下方的“关闭”，或在这里按 Ctrl+C。",
                             "The checking page is at {url}\nCopy this address into a browser. When done, click “Close” "
                             "at the bottom of the page, or press Ctrl+C here."),
    "app.stopped": Text("页面已关闭，上传到页面的临时副本已删除。", "The page is closed; its temporary copies are deleted."),
    "app.port_busy": Text("无法使用端口 {port}（{problem}）。请换一个端口，或不写 --port 让程序自己选。",
                          "Cannot use port {port} ({problem}). Choose another, or leave out --port."),
    "app.step.files": Text("材料", "Files"),
    "app.step.profile": Text("申报人信息", "Applicant"),
    "app.step.check": Text("检查结果", "Report"),
    "app.step.fix": Text("修正", "Fix"),
    "app.next": Text("下一步", "Next"),
    "app.quit": Text("关闭", "Close"),
    "app.quit_note": Text("关闭后，上传到本页面的临时副本会被删除；你自己的文件不受影响。",
                          "Closing deletes the temporary copies made by this page; your own files are not touched."),
    "app.bye": Text("已关闭", "Closed"),
    "app.bye_note": Text("检查程序已停止，临时副本已删除。现在可以关闭这个浏览器标签页。",
                         "The checker has stopped and its temporary copies are deleted. You may close this tab."),
    "app.progress": Text("已读取 {done} / {total} 个文件", "{done} of {total} files read"),
    "app.progress_note": Text("第一次检查要逐页识别文字，每页约 1 秒；之后只重新读取改过的文件。",
                              "The first check reads every page (about a second each); later, only changed files."),
    "app.files.intro": Text("把材料文件夹、zip 压缩包，或手机拍的一堆照片拖到下面的框里，或点按钮选择。本页面复制一份来检查，"
                            "原文件不会被改动。",
                            "Drop the dossier folder, a zip, or a pile of phone photos into the box below, or pick them "
                            "with a button. The page checks a copy; your files are never changed."),
    "app.files.drop": Text("拖到这里", "Drop here"),
    "app.files.pick_folder": Text("选择文件夹", "Pick a folder"),
    "app.files.pick_zip": Text("选择 zip 压缩包", "Pick a zip"),
    "app.files.pick_photos": Text("选择照片（可多选）", "Pick photos (several)"),
    "app.files.level": Text("申报级别：", "Level: "),
    "app.files.level_note": Text("（只用于整理未分文件夹的照片；申报人信息中可再改）",
                                 "(only for sorting loose photos; the applicant form can change it)"),
    "app.files.have": Text("已收到 {n} 个文件。", "{n} files received."),
    "app.files.private": Text("副本放在你的用户缓存目录中，仅本人可读；关闭页面或运行 dossiercheck cache clear 时删除。",
                              "The copy lies in your user cache folder, readable by you only, and is deleted when the "
                              "page closes or by dossiercheck cache clear."),
    "app.upload.bad_kind": Text("不认识的上传方式。请用页面上的按钮选择文件。", "Unknown kind of upload. Use the page's buttons."),
    "app.upload.not_started": Text("请先选择要上传的文件夹、zip 或照片。", "Pick a folder, a zip or photos first."),
    "app.upload.bad_name": Text("文件名 {name} 不能使用（绝对路径、“..”或太长）。请改名后再选择。",
                                "The file name {name} cannot be used (absolute, '..' or too long). Rename it and pick again."),
    "app.upload.one_zip": Text("一次只能上传一个 zip 压缩包。", "Upload one zip at a time."),
    "app.upload.too_many": Text("文件太多：最多 {n} 个。请只选择申报材料。", "Too many files: at most {n}. Pick only the dossier."),
    "app.upload.duplicate": Text("{name} 选择了两次。请检查后重新选择。", "{name} was picked twice. Check and pick again."),
    "app.upload.cannot_write": Text("无法保存 {name}（{problem}）。", "Cannot store {name} ({problem})."),
    "app.upload.too_big": Text("{name} 太大：一个文件最多 {mb} MB。请缩小或换一个文件。",
                               "{name} is too big: at most {mb} MB a file. Make it smaller or pick another."),
    "app.upload.total": Text("材料总共超过 {mb} MB。请只选择申报材料，或先缩小扫描件。",
                             "The files exceed {mb} MB in all. Pick only the dossier, or make the scans smaller."),
    "app.upload.nothing": Text("没有收到任何文件。请重新选择。", "No file arrived. Pick again."),
    "app.upload.unnamed": Text("上传的材料", "the uploaded files"),
    "app.sort.title": Text("整理照片", "Sorting the photos"),
    "app.sort.intro": Text("按内容整理好了：{placed} 个放进了对应的材料，{unsorted} 个认不出，{duplicate} 个重复。"
                           "认不出的请在下面选择它是哪一项材料（不确定的可留在 00-未分类），然后确认。",
                           "Sorted by content: {placed} placed, {unsorted} not recognised, {duplicate} duplicates. "
                           "For each one not recognised, choose its item below (or leave it in 00-未分类), then confirm."),
    "app.sort.leave": Text("留在 00-未分类", "leave in 00-未分类"),
    "app.sort.confirm": Text("确认整理结果，下一步", "Confirm and go on"),
    "app.profile.intro": Text("这些信息代替 applicant.yaml：工具据此判断你要交哪些材料，并检查姓名和单位是否已遮盖。"
                              "只保存在你的电脑上；报告中姓名只显示第一个字，身份证号只显示前 3 位和后 4 位。",
                              "This form stands for applicant.yaml: it decides which items you need and lets the check "
                              "find your name and unit where they must be covered. It stays on your computer; reports "
                              "show only the first character of the name and 3+4 digits of the ID number."),
    "app.profile.load": Text("读取已有的 applicant.yaml", "Read an existing applicant.yaml"),
    "app.profile.earlier": Text("下面是上一份材料的申报人（{name}）的信息，这份材料没有带 applicant.yaml。如果这份材料是另一位申报人的，"
                                "请先清空再填写，否则会按上一位的姓名、单位检查。",
                                "The form below holds the last dossier's applicant ({name}); this upload brought no "
                                "applicant.yaml. If it is someone else's, empty the form first: otherwise it is checked "
                                "against the last applicant's name and unit."),
    "app.profile.clear": Text("清空，换一位申报人", "Empty it for another applicant"),
    "app.profile.download": Text("下载 applicant.yaml", "Download applicant.yaml"),
    "app.profile.notice": Text("读取 applicant.yaml 时发现问题：{problem} 能读出的内容已填入下面，请核对后保存。",
                               "A problem in the applicant.yaml: {problem} What could be read is filled in below; "
                               "check it and save."),
    "app.profile.who": Text("申报人", "Applicant"),
    "app.profile.title": Text("申报与现任职务", "Application and current title"),
    "app.profile.unit": Text("单位", "Unit"),
    "app.profile.flags": Text("以下情况，符合的请勾选", "Tick what applies"),
    "app.profile.year": Text("{year} 年度", "{year}"),
    "app.profile.save": Text("保存并检查", "Save and check"),
    "app.profile.save_only": Text("保存", "Save"),
    "app.profile.placeholder": Text("“{field}”还是模板中的示例（{value}），请填写你自己的。",
                                    "“{field}” still holds the template's example ({value}); fill in your own."),
    # a form choice: the value applicant.yaml holds, glossed in English
    "app.choice.男": Text("男", "男 (male)"),
    "app.choice.女": Text("女", "女 (female)"),
    "app.choice.评审": Text("评审", "评审 (review)"),
    "app.choice.初次确定": Text("初次确定", "初次确定 (first grant)"),
    "app.choice.授予": Text("授予", "授予 (conferral)"),
    "app.choice.新疆": Text("新疆", "新疆 (in Xinjiang)"),
    "app.choice.区外": Text("区外", "区外 (outside Xinjiang)"),
    "app.choice.自治区级": Text("自治区级", "自治区级 (autonomous region)"),
    "app.choice.州级": Text("州级", "州级 (prefecture)"),
    "app.choice.县级": Text("县级", "县级 (county)"),
    "app.choice.乡镇级": Text("乡镇级", "乡镇级 (township)"),
    "app.choice.优秀": Text("优秀", "优秀 (excellent)"),
    "app.choice.合格": Text("合格", "合格 (competent)"),
    "app.choice.基本合格": Text("基本合格", "基本合格 (basically competent)"),
    "app.choice.不合格": Text("不合格", "不合格 (incompetent)"),
    "app.choice.初级": Text("初级", "初级 (junior)"),
    "app.choice.中级": Text("中级", "中级 (intermediate)"),
    "app.choice.副高级": Text("副高级", "副高级 (associate senior)"),
    "app.choice.正高级": Text("正高级", "正高级 (senior)"),
    "app.profile.field_problem": Text("“{field}”：{problem}", "“{field}”: {problem}"),
    "app.profile.required": Text("请填写“{field}”：检查遮盖时要用。", "Fill in “{field}”: the masking check needs it."),
    "app.profile.id_kept": Text("已填写 {masked}；留空则保持不变", "{masked} on file; leave empty to keep it"),
    "app.profile.id_clear": Text("删除已填写的身份证号", "Remove the ID number on file"),
    "app.profile.too_big": Text("这个文件太大（超过 {mb} MB），不像 applicant.yaml。",
                                "This file is too big (over {mb} MB) to be an applicant.yaml."),
    "app.field.name": Text("姓名", "Name"),
    "app.field.name_variants": Text("姓名的其他写法", "Other forms of the name"),
    "app.field.unit": Text("工作单位全称", "Work unit (full name)"),
    "app.field.unit_variants": Text("单位简称、旧称", "Short or former unit names"),
    "app.field.gender": Text("性别", "Gender"),
    "app.field.ethnicity": Text("民族", "Ethnicity"),
    "app.field.political_status": Text("政治面貌", "Political status"),
    "app.field.id_number": Text("身份证号", "ID number"),
    "app.field.level": Text("拟申报级别", "Level applied for"),
    "app.field.application_type": Text("申报类型", "Type of application"),
    "app.field.current_title": Text("现任专业技术职务", "Current title"),
    "app.field.current_title_date": Text("取得现任职务时间", "Current title since"),
    "app.field.target_title": Text("拟晋升专业技术职务", "Title applied for"),
    "app.field.title_obtained_in": Text("现任职资格取得地", "Current title obtained in"),
    "app.field.unit_level": Text("单位层级", "Unit level"),
    "app.field.unit_county": Text("单位所在县市", "Unit's county or city"),
    "app.field.work_started": Text("参加工作时间", "Began work"),
    "app.field.aid_to_xinjiang": Text("援疆专业技术人员", "Aid-to-Xinjiang professional"),
    "app.field.transferred_from_organ": Text("由机关调动（含分流、转移）到企事业单位",
                                             "Moved from a government organ to an enterprise or institution"),
    "app.field.special_service": Text("参加“访惠聚”驻村等工作（可免答辩）",
                                      "Served in 访惠聚 village work or the like (no defence needed)"),
    "app.field.continuing_education_exempt": Text("符合继续教育免试（须上传附件4）",
                                                  "Exempt from continuing education (upload annex 4)"),
    "app.field.has_intellectual_property": Text("任现职以来有发明专利等知识产权",
                                                "Patents or other intellectual property since the current title"),
    "app.field.appraisals": Text("近三年年度考核结果", "Annual appraisal results"),
    "app.field.work_history": Text("工作简历", "Work history"),
    "app.help.name": Text("用于检查材料中的姓名是否已遮盖。", "Used to find your name where it must be covered."),
    "app.help.name_variants": Text("如少数民族姓名的简称，多个用顿号分隔：艾日夏提、艾日夏提·牙生",
                                   "e.g. a short form of the name; separate several with 、 or commas"),
    "app.help.unit": Text("如 巴音郭楞日报社", "e.g. 巴音郭楞日报社"),
    "app.help.unit_variants": Text("多个用顿号分隔，如 巴州日报社", "separate several with 、 or commas, e.g. 巴州日报社"),
    "app.help.gender": Text("男 / 女", "male (男) / female (女)"),
    "app.help.ethnicity": Text("如 汉族、维吾尔族", "e.g. 汉族"),
    "app.help.political_status": Text("如 中共党员、群众", "e.g. 中共党员, 群众"),
    "app.help.id_number": Text("18 位，填写后会核对校验码；附件5 花名册需要它。",
                               "18 characters; the check digit is verified. The annex 5 roster needs it."),
    "app.help.level": Text("决定需要交哪些材料。", "Decides which items you need."),
    "app.help.application_type": Text("评审 / 初次确定 / 授予", "评审 (review) / 初次确定 (first grading) / 授予 (award)"),
    "app.help.current_title": Text("没有的写“无”（初级申报人）。", "Write 无 if none (junior level)."),
    "app.help.current_title_date": Text("年度考核从这一年算起。", "Appraisals are counted from this year."),
    "app.help.target_title": Text("如 记者；附件5 花名册需要它。", "e.g. 记者; the annex 5 roster needs it."),
    "app.help.title_obtained_in": Text("新疆取得的，任职资格三项材料交任两项；区外取得的三项都交。",
                                       "Obtained in Xinjiang: two of the three title documents; elsewhere: all three."),
    "app.help.unit_level": Text("县级、乡镇级单位免于答辩，论文可改交调查报告。",
                                "County and township units need no defence and may give an investigation report."),
    "app.help.unit_county": Text("如 库尔勒市、且末县", "e.g. 库尔勒市, 且末县"),
    "app.help.work_started": Text("继续教育和年度考核从这一年算起；工作简历的第一段从这里开始。",
                                  "Continuing education and appraisals count from this year; the work history starts here."),
    "app.history.from": Text("起", "From"),
    "app.history.to": Text("止", "To"),
    "app.history.now": Text("至今", "Now"),
    "app.history.unit": Text("单位", "Unit"),
    "app.history.post": Text("职务/岗位", "Post"),
    "app.history.add": Text("再加一行", "Add a row"),
    "app.check.title": Text("检查结果", "Report"),
    "app.check.exit.0": Text("没有错误（与命令行 check 的退出码 0 相同）。下面是完整报告。",
                             "No error (as the command line's check, exit code 0). The full report is below."),
    "app.check.exit.1": Text("有需要改正的错误（与命令行 check 的退出码 1 相同）。下面每一项写着原因和改法。",
                             "There are errors to correct (as the command line's check, exit code 1). Each item below "
                             "says why and how."),
    "app.check.again": Text("重新检查", "Check again"),
    "app.check.save_report": Text("保存报告（HTML）", "Save the report (HTML)"),
    "app.check.report_name": Text("检查报告.html", "report.html"),
    "app.fix.title": Text("修正", "Fix"),
    "app.fix.run": Text("自动修正并生成副本", "Fix what can be fixed (a copy)"),
    "app.fix.what": Text("自动修正能做的：把页面转正、转为真正的 JPG、缩小过大的文件、遮盖识别出的姓名和单位。"
                         "缺少的材料、看不清的扫描、申报人信息的问题只能由你自己改。",
                         "Fix can turn pages upright, convert to real JPG, shrink oversize files and cover the name "
                         "and unit it found. Missing items, illegible scans and profile problems are yours to correct."),
    "app.fix.step": Text("第 {step} 步（共 2 步：检查原材料，再检查修正后的副本）",
                         "step {step} of 2 (the dossier, then the corrected copy)"),
    "app.fix.counts": Text("修正前 {before} 个错误，修正后 {after} 个。", "Errors before: {before}; after: {after}."),
    "app.fix.download": Text("下载修正后的材料（zip）", "Download the corrected dossier (zip)"),
    "app.fix.zip_note": Text("压缩包按材料顺序分文件夹（另有 fix-report.json 修正记录和 applicant.yaml，这两个不用上传）；"
                             "上传前请再看一遍。可以把它拖回第 1 步再检查一次。",
                             "The zip holds one folder per item (plus fix-report.json, the change log, and "
                             "applicant.yaml: neither is uploaded). Look it over before uploading; you may drop it "
                             "on step 1 to check it again."),
    "app.fix.download_log": Text("下载修正记录（文本）", "Download the change log (text)"),
    "app.fix.log": Text("修正记录", "Change log"),
    "app.fix.left": Text("自动修正做不到、需要你自己处理的", "What fix cannot do: left to you"),
    "app.fix.none_left": Text("没有剩下的错误。", "No error is left."),
    "app.fix.log_name": Text("修正记录.txt", "changes.txt"),
    "app.fix.zip_name": Text("修正后的材料.zip", "corrected-dossier.zip"),
    "app.job.busy": Text("正在检查，请等它完成。", "A check is running; wait for it to finish."),
    "app.job.internal": Text("程序内部错误（{kind}）。请把这一行告诉开发者；你的文件没有被改动。",
                             "Internal error ({kind}). Please report this line; your files were not changed."),
    "app.js.sending": Text("正在复制 {done} / {total}：{name}", "Copying {done} of {total}: {name}"),
    "app.js.sent": Text("已复制 {total} 个文件。", "{total} files copied."),
    "app.js.failed": Text("出错了（{status}）。请刷新页面再试。", "Something failed ({status}). Reload the page and try again."),
    "app.js.progress": Text("已读取 {done} / {total} 个文件", "{done} of {total} files read"),
    "app.js.fix_step": Text("第 {step} 步（共 2 步）", "step {step} of 2"),
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
        # an ID number is masked wherever it came from (a value typed into another field, a Text made of one)
        return mask_ids(phrase(self.key).get(lang, **{k: render(v, lang) for k, v in self.params.items()}))

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"


def render(value: Any, lang: str) -> Any:
    """A Message or Text in ``lang`` (recursively); a list joined as the language lists things; anything else as is."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Text):
        return mask_ids(value.get(lang))
    if isinstance(value, list | tuple):
        return phrase("list.sep").get(lang).join(str(render(v, lang)) for v in value)
    return safe_param(value)  # a name or value from outside: no control characters, no ID number


def joined(parts: Iterable[Any], sep: Text) -> Text:
    """Deferred parts joined by a separator that differs by language (或 / or), still in both languages."""
    parts = list(parts)
    return Text(*(getattr(sep, lang).join(str(render(p, lang)) for p in parts) for lang in ("zh", "en")))
