"""The manual's §2.3 电梯信息上报 and its review, in a real browser.

The example company adds the manual's elevator (客梯 31149912345611789, an old 17-digit code whose variety
and region parts only earn a warning), sees its wrong values refused beside their fields, edits and views it,
adds a second elevator in another region and deletes it again, fills the downloaded template with openpyxl
(codes of the manual's §3.1 table) and imports it (预检 first), sees a sheet whose registration code Excel
turned into a number refused row by row with nothing imported, queries by the last digits of a code and by
the 救援电梯编号, and submits two elevators (审核上报). A regulator of 郑州市 (which covers the company's
巩义市, the elevators' default 行政区划) approves one on its review page and rejects the other; the company
sees 通过 and 未通过 in its list. The tests run in file order against one server, after the staff register;
each also works on its own.
"""

import datetime
import io
import re

import openpyxl
from selenium.webdriver.common.by import By

from conftest import (
    DESKTOP, EXAMPLE_COMPANY, EXAMPLE_REGULATOR, answer_dialog, attachment_name, clickable, ensure_example_company,
    fetch_as, field_error, fill, flash_text, grid_rows, history, log_in, log_in_regulator, log_out, new_page,
    open_menu, pick_region, screenshot, set_date, set_viewport, statuses, submit_button, urlpath, visible, wait,
    wait_for_path,
)

COMPANY = EXAMPLE_COMPANY["name"]
LIST = "/filing/elevators"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UUID = r"[0-9A-Fa-f-]{36}"

# The manual's elevator (§2.3.1). Its 17-digit code is one of the old systems' (accepted), but its variety 3114
# is not in the 2014 catalogue and 991234 is no region: both are accepted with a warning to check them.
MANUAL = {"equipment_name": "客梯", "registration_code": "31149912345611789", "inspection_date": "2014-09-02",
          "next_inspection_date": "2015-09-01", "user_unit": "郎莫物业有限公司", "manufacturer": "上海三菱电梯有限公司"}
MANUAL_SUBJECT = "客梯 31149912345611789"
MANUAL_WARNINGS = ("提示：注册代码前4位的设备品种代码3114不在2014年特种设备目录中，请核对；"
                   "注册代码第5–10位的行政区划代码991234不在区划代码表中，请核对。")
MANAGER = {"safety_manager": "李", "safety_manager_phone": "13212345678"}
# A second elevator of the manual's §3.1 table, filed in 新乡市红旗区 by mistake and deleted again.
SECOND = {"equipment_name": "曳引式客梯", "registration_code": "31104114002015040", "inspection_date": "2015-02-03",
          "next_inspection_date": "2016-02-02", "user_unit": "夏邑县水岸华庭小区", "manufacturer": "河南宇通电梯有限公司"}
SECOND_REGION = ("河南省", "新乡市", "红旗区")
# Three more of the §3.1 table, for the import: how a clerk's sheet holds them (codes and phones as text,
# a real date cell, dates typed in other forms), with a 救援电梯编号 and a 安全管理员 here and there.
TEMPLATE_COLUMNS = ["设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期", "责任单位", "制造单位",
                    "安全管理员", "安全管理员电话", "救援电梯编号", "安装地址"]
IMPORTED = [
    ["曳引式客梯", "31104114002014010", "1号梯", "2014-12-02", "2015-12-02", "虞城县佳润置业有限公司(清华南苑)",
     "河南宇通电梯有限公司", "", "", "", ""],
    ["曳引式客梯", "31104114002012090", "", datetime.date(2014, 4, 20), "2015/4/20", "虞城阳光世纪城",
     "上海三菱电梯有限公司", "王红", "13703701234", "50317", "虞城县阳光世纪城3号楼"],
    ["无机房客梯", "31304114002014110", "", "2012年10月26日", "2013-10-26", "商丘市星宇置业有限公司(虞城翰林华府)",
     "上海三菱电梯有限公司", "", "0370-4121234", "", ""],
]
IMPORTED_CODES = [row[1] for row in IMPORTED]
IMPORTED_DATES = {"31104114002014010": ("2014-12-02", "2015-12-02"), "31104114002012090": ("2014-04-20", "2015-04-20"),
                  "31304114002014110": ("2012-10-26", "2013-10-26")}
REJECTION = "注册代码与检验报告不一致，请核对后重新上报"

TOOLBAR = ["审核上报", "添加", "编辑", "查看", "删除", "导入", "导出", "模板下载", "撤回"]
COLUMNS = ["", "审核状态", "信息状态", "审核意见", "设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期",
           "责任单位", "制造商"]
FORM_LABELS = ["*设备名称", "*注册代码", "内部编号", "救援电梯编号", "*检验日期", "*下次检验日期", "*责任单位",
               "*制造单位", "安全管理员", "安全管理员电话", "*行政区划", "安装地址"]
RECORD_LABELS = ["设备名称", "注册代码", "内部编号", "救援电梯编号", "检验日期", "下次检验日期", "责任单位", "制造单位",
                 "安全管理员", "安全管理员电话", "行政区划", "安装地址"]
FIELD_OF_LABEL = dict(zip(RECORD_LABELS, ["equipment_name", "registration_code", "internal_no", "rescue_code",
                                          "inspection_date", "next_inspection_date", "user_unit", "manufacturer",
                                          "safety_manager", "safety_manager_phone", "region", "address"]))


# ---------------------------------------------------------------- the list


def open_elevator_list(driver, server):
    """Logs the example company in and opens 电梯信息上报 from the menu."""
    log_in(driver, server, EXAMPLE_COMPANY["username"], EXAMPLE_COMPANY["password"])
    wait_for_path(driver, "/")
    open_menu(driver, "电梯信息上报", LIST)


def reopen_list(driver):
    """The list with no query, opened directly (not a click that could race a page load)."""
    driver.get(driver.execute_script("return location.origin") + LIST)
    wait_for_path(driver, LIST)


def elevator_rows(driver):
    """The list's elevators (column title → text); the "nothing found" row is not one."""
    return [row for row in grid_rows(driver, "#register-grid") if "注册代码" in row]


def codes(driver):
    return [row["注册代码"] for row in elevator_rows(driver)]


def elevator_row(driver, code):
    rows = [row for row in elevator_rows(driver) if row["注册代码"] == code]
    assert len(rows) == 1, (code, elevator_rows(driver))
    return rows[0]


def tool(driver, label):
    return clickable(driver, (By.XPATH, f"//div[@data-grid='register-grid']/button[normalize-space()='{label}']"))


def select(driver, *wanted):
    """Checks exactly the rows of the `wanted` registration codes, as clicking their boxes does."""
    for tr in driver.find_elements(By.CSS_SELECTOR, "#register-grid tbody tr"):
        boxes = tr.find_elements(By.CSS_SELECTOR, ".row-check")
        if not boxes:
            continue
        code = tr.find_elements(By.TAG_NAME, "td")[COLUMNS.index("注册代码")].text
        if boxes[0].is_selected() != (code in wanted):
            boxes[0].click()
        wait(driver).until(lambda d: ("selected" in (tr.get_attribute("class") or "").split()) == (code in wanted))


def act(driver, label, path_pattern):
    """Clicks a toolbar button that opens a page for the selected row (编辑, 查看) and waits for it."""
    tool(driver, label).click()
    wait(driver).until(lambda d: re.fullmatch(path_pattern, urlpath(d))
                       and d.execute_script("return document.readyState") == "complete")


def open_tool(driver, label, path):
    """Clicks a toolbar button that needs no selection (添加, 导入) and waits for its page."""
    button = tool(driver, label)
    assert button.get_attribute("data-href") == path, label
    button.click()
    wait_for_path(driver, path)


def expect_alert_for(driver, label, text):
    tool(driver, label).click()
    assert answer_dialog(driver) == text, label
    assert urlpath(driver) == LIST


def run_on_selection(driver, label, confirmation):
    """A toolbar button that posts the selection after asking (审核上报, 删除, 撤回); back on the list."""
    with new_page(driver, LIST):
        tool(driver, label).click()
        assert answer_dialog(driver) == confirmation
    return flash_text(driver)


def query(driver, **values):
    """清空, types `values` into the query form and clicks 查找; returns the codes found."""
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()
    for name, value in values.items():
        driver.find_element(By.CSS_SELECTOR, f"#query-form input[name='{name}']").send_keys(value)
    with new_page(driver, LIST):
        submit_button(driver, "查找").click()
    return codes(driver)


# ---------------------------------------------------------------- the form


def fill_elevator(driver, elevator):
    for key, value in elevator.items():
        if key in ("inspection_date", "next_inspection_date"):
            set_date(driver, f"f-{key}", value)
        else:
            fill(driver, f"f-{key}", value)


def form_values(driver, keys):
    return {key: driver.find_element(By.ID, f"f-{key}").get_attribute("value") for key in keys}


def add_elevator(driver, elevator, region=None):
    """添加 → the form (a 行政区划 picked if given) → 保存; back on the list, returns the notice."""
    open_tool(driver, "添加", LIST + "/new")
    fill_elevator(driver, elevator)
    if region:
        pick_region(driver, driver.find_element(By.CSS_SELECTOR, "button.js-region-pick[data-target='f-region_code']"),
                    region)
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    notice = flash_text(driver)
    assert notice.startswith(f"已添加“{elevator['equipment_name']} {elevator['registration_code']}”。"
                             "请选中后单击“审核上报”进行备案。"), notice
    return notice


def ensure_elevators(driver, *elevators):
    """Adds those of `elevators` the list lacks (a test run on its own)."""
    for elevator in elevators:
        if elevator["registration_code"] not in codes(driver):
            add_elevator(driver, elevator)


def record(driver):
    """The fields of a 查看 page."""
    return {tr.find_element(By.TAG_NAME, "th").text: tr.find_element(By.TAG_NAME, "td").text
            for tr in driver.find_elements(By.CSS_SELECTOR, "table.record tr")}


def expected_record(elevator, region=EXAMPLE_COMPANY["region_name"]):
    values = {**elevator, "region": region}
    return {label: values.get(key, "") for label, key in FIELD_OF_LABEL.items()}


def whole_page_screenshot(driver, name):
    """A picture of the whole page, however long, at the desktop width; the viewport is restored after."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    set_viewport(driver, DESKTOP[0], max(DESKTOP[1], height))
    try:
        return screenshot(driver, name)
    finally:
        set_viewport(driver, *DESKTOP)


# ---------------------------------------------------------------- spreadsheets


def template(driver, server):
    """模板下载 as the logged-in company: the workbook, checked to be the register's template."""
    href = tool(driver, "模板下载").get_attribute("data-href")
    assert href == LIST + "/template"
    headers, body = fetch_as(driver, server + href)
    assert headers.get_content_type() == XLSX
    assert attachment_name(headers) == "电梯信息导入模板.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book.active
    assert sheet.title == "电梯信息"
    # The manual's columns A–I (§2.3.2), then the optional 救援电梯编号 and 安装地址.
    assert [c.value for c in sheet[1]] == TEMPLATE_COLUMNS
    return book


def fill_sheet(book, rows, path):
    """Writes `rows` under the header: texts in text cells (as the template's columns are), dates as date cells."""
    sheet = book.active
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value == "":
                continue
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.number_format = "@"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def upload(driver, path, dry_run):
    """Chooses the file on the import page and clicks 导入, with 仅预检 as asked."""
    driver.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(path))
    check = driver.find_element(By.XPATH, "//label[contains(normalize-space(),'仅预检')]/input[@type='checkbox']")
    if check.is_selected() != dry_run:
        check.click()
    submit_button(driver, "导入").click()


def import_result(driver):
    """The heading and summary of the import's result panel."""
    panel = visible(driver, (By.ID, "import-result"))
    return panel.find_element(By.CSS_SELECTOR, ".panel-title").text, panel.find_element(By.CSS_SELECTOR, ".flash").text


def ensure_imported(driver, server, tmp_path):
    """Imports the three elevators of the sheet where the list lacks them (a test run on its own)."""
    missing = [row for row in IMPORTED if row[1] not in codes(driver)]
    if not missing:
        return
    path = fill_sheet(template(driver, server), missing, tmp_path / "补录.xlsx")
    open_tool(driver, "导入", LIST + "/import")
    upload(driver, path, dry_run=False)
    wait_for_path(driver, LIST)
    assert flash_text(driver).startswith("导入成功")


# ---------------------------------------------------------------- 1. the page, 添加, 编辑, 查看, 删除


def test_company_adds_edits_views_and_deletes_elevators(server, driver):
    ensure_example_company(server)
    open_elevator_list(driver, server)
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "电梯信息上报"

    # The page as the manual draws it: 查询条件 (no 维保单位 for a company: it sees only its own), the toolbar
    # (and 撤回), the columns; 注册代码 and the two dates sort.
    query_form = driver.find_element(By.ID, "query-form")
    assert [(label.text, label.find_element(By.TAG_NAME, "input").get_attribute("name"))
            for label in query_form.find_elements(By.CSS_SELECTOR, "label:not(.check-label)")] == [
        ("设备注册代码：", "registration_code"), ("救援电梯编号：", "rescue_code")]
    # and 审核状态, ticked to narrow the register by status
    assert [c.text for c in query_form.find_elements(By.CSS_SELECTOR, ".query-choices .check-label")] == ["待上报", "审核中", "通过", "未通过"]
    assert [b.text for b in query_form.find_elements(By.CSS_SELECTOR, ".btn")] == ["查找", "显示", "清空"]
    assert [b.text for b in driver.find_elements(By.CSS_SELECTOR, "div[data-grid='register-grid'] > button")] == TOOLBAR
    assert [th.text.rstrip("↑↓↕") for th in driver.find_elements(By.CSS_SELECTOR, "#register-grid thead th")] == COLUMNS
    assert [a.text.rstrip("↑↓↕") for a in driver.find_elements(By.CSS_SELECTOR, "#register-grid thead a.sort")] == [
        "注册代码", "检验日期", "下次检验日期"]
    if not elevator_rows(driver):
        assert driver.find_element(By.CSS_SELECTOR, "#register-grid td.empty").text == "没有符合条件的电梯"

    # Buttons that act on rows say so when none is checked.
    for label in ("审核上报", "编辑", "查看", "删除", "撤回"):
        expect_alert_for(driver, label, "请先选择一条记录")

    # 添加: the form, 行政区划 already the company's (the manual: 默认为电梯所在管辖质检局的行政区划).
    open_tool(driver, "添加", LIST + "/new")
    assert driver.find_element(By.CSS_SELECTOR, "h1.panel-title").text == "添加电梯信息"
    assert [label.text for label in driver.find_elements(By.CSS_SELECTOR, "form.form .field > label")] == FORM_LABELS
    for key in ("inspection_date", "next_inspection_date"):
        assert driver.find_element(By.ID, f"f-{key}").get_attribute("type") == "date"
    assert form_values(driver, ["region_code", "region_code-display"]) == {
        "region_code": EXAMPLE_COMPANY["region_code"], "region_code-display": EXAMPLE_COMPANY["region_name"]}
    # 设备名称 offers the dictionary's names and takes what the manual writes.
    suggestions = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#f-equipment_name-list option")]
    assert {"客梯", "曳引式客梯", "无机房客梯"} <= set(suggestions), suggestions

    fill_elevator(driver, MANUAL)
    assert form_values(driver, MANUAL) == MANUAL
    whole_page_screenshot(driver, "elevator-form")

    # Wrong values: a 16-digit code, 下次检验日期 before 检验日期, a 10-digit phone. Each is named beside its
    # field in Chinese, and what was typed stays to be corrected.
    fill_elevator(driver, {"registration_code": MANUAL["registration_code"][:16],
                           "next_inspection_date": "2014-09-01", "safety_manager_phone": "1321234567"})
    with new_page(driver, LIST + "/new"):
        submit_button(driver, "保存").click()
    assert driver.find_element(By.CSS_SELECTOR, "form.form").find_element(
        By.XPATH, "preceding-sibling::div[contains(@class,'flash-error')]").text == "请按提示修改标红的内容"
    assert [e.find_element(By.CSS_SELECTOR, "label").get_attribute("for")
            for e in driver.find_elements(By.CSS_SELECTOR, ".field.has-error")] == [
        "f-registration_code", "f-next_inspection_date", "f-safety_manager_phone"]
    assert field_error(driver, "registration_code") == "注册代码应为20位数字（旧系统的17位代码也可），现为16位"
    assert field_error(driver, "next_inspection_date") == "下次检验日期应晚于检验日期"
    assert field_error(driver, "safety_manager_phone").startswith("电话号码应为11位手机号码")
    assert form_values(driver, ["registration_code", "inspection_date", "next_inspection_date", "user_unit",
                                "safety_manager_phone", "region_code-display"]) == {
        "registration_code": MANUAL["registration_code"][:16], "inspection_date": MANUAL["inspection_date"],
        "next_inspection_date": "2014-09-01", "user_unit": MANUAL["user_unit"], "safety_manager_phone": "1321234567",
        "region_code-display": EXAMPLE_COMPANY["region_name"]}

    # Corrected: the manual's elevator. Saved, with the warnings about its old code to check.
    fill_elevator(driver, {"registration_code": MANUAL["registration_code"],
                           "next_inspection_date": MANUAL["next_inspection_date"], "safety_manager_phone": ""})
    assert form_values(driver, MANUAL) == MANUAL
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    assert flash_text(driver) == f"已添加“{MANUAL_SUBJECT}”。请选中后单击“审核上报”进行备案。" + MANUAL_WARNINGS
    assert elevator_row(driver, MANUAL["registration_code"]) == {
        "": "", "审核状态": "待上报", "信息状态": "新增", "审核意见": "", "设备名称": "客梯",
        "注册代码": MANUAL["registration_code"], "内部编号": "", "检验日期": "2014-09-02", "下次检验日期": "2015-09-01",
        "责任单位": "郎莫物业有限公司", "制造商": "上海三菱电梯有限公司"}

    # The same code again is refused: the company has it already.
    open_tool(driver, "添加", LIST + "/new")
    fill_elevator(driver, MANUAL)
    with new_page(driver, LIST + "/new"):
        submit_button(driver, "保存").click()
    assert field_error(driver, "registration_code") == "本单位已登记该注册代码的电梯"
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)

    # 编辑: the saved values, a safety manager added.
    select(driver, MANUAL["registration_code"])
    act(driver, "编辑", rf"{LIST}/{UUID}/edit")
    assert driver.find_element(By.CSS_SELECTOR, "h1.panel-title").text == "编辑电梯信息"
    assert "当前状态：待上报/新增" in driver.find_element(By.CSS_SELECTOR, "section.panel").text
    assert form_values(driver, list(MANUAL) + ["region_code-display"]) == {
        **MANUAL, "region_code-display": EXAMPLE_COMPANY["region_name"]}
    fill_elevator(driver, MANAGER)
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    assert flash_text(driver) == (f"已保存“{MANUAL_SUBJECT}”。信息修改以后，需要重新单击“审核上报”进行备案。"
                                  + MANUAL_WARNINGS)
    row = elevator_row(driver, MANUAL["registration_code"])
    assert (row["审核状态"], row["信息状态"]) == ("待上报", "新增")

    # 查看: every field, the statuses and the history with the change.
    select(driver, MANUAL["registration_code"])
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"{MANUAL_SUBJECT} 电梯信息"
    assert statuses(driver) == {"审核状态": "待上报", "信息状态": "新增", "审核意见": "—"}
    shown = record(driver)
    assert list(shown) == RECORD_LABELS
    assert shown == expected_record({**MANUAL, **MANAGER})
    entries = history(driver)
    assert [e["action"] for e in entries] == ["修改", "新增"], entries
    assert entries[0]["changes"] == {"安全管理员": ("", "李"), "安全管理员电话": ("", "13212345678")}
    assert entries[0]["statuses"] == "待上报/新增"
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)

    # A second elevator, put in 新乡市红旗区 with the region picker; 编辑 and 查看 take one elevator only.
    assert add_elevator(driver, SECOND, region=SECOND_REGION) == \
        f"已添加“曳引式客梯 {SECOND['registration_code']}”。请选中后单击“审核上报”进行备案。"
    select(driver, SECOND["registration_code"])
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert record(driver)["行政区划"] == "".join(SECOND_REGION)
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    select(driver, MANUAL["registration_code"], SECOND["registration_code"])
    for label in ("编辑", "查看"):
        expect_alert_for(driver, label, "请只选择一条记录")

    # 删除 asks first: 取消 keeps it, 确定 deletes it (never submitted, so really deleted).
    select(driver, SECOND["registration_code"])
    tool(driver, "删除").click()
    assert answer_dialog(driver, accept=False) == "您确定要删除选择的信息吗？"
    assert urlpath(driver) == LIST and SECOND["registration_code"] in codes(driver)
    assert run_on_selection(driver, "删除", "您确定要删除选择的信息吗？") == "已删除1台。"
    assert SECOND["registration_code"] not in codes(driver)
    assert MANUAL["registration_code"] in codes(driver)


# ---------------------------------------------------------------- 2. 模板下载 and 导入


def test_the_template_filled_in_is_checked_then_imported(server, driver, tmp_path):
    ensure_example_company(server)
    open_elevator_list(driver, server)
    before = codes(driver)
    assert not set(IMPORTED_CODES) & set(before)

    book = template(driver, server)
    notes = {cell.value: cell.comment.text if cell.comment else "" for cell in book.active[1]}
    assert "文本格式" in notes["注册代码"]
    path = fill_sheet(book, IMPORTED, tmp_path / "电梯台账.xlsx")

    open_tool(driver, "导入", LIST + "/import")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "导入电梯信息"
    assert driver.find_element(By.LINK_TEXT, "模板下载").get_attribute("href").endswith(LIST + "/template")

    # 仅预检: everything is checked, nothing is written.
    with new_page(driver, LIST + "/import"):
        upload(driver, path, dry_run=True)
    assert import_result(driver) == (
        "预检结果：电梯台账.xlsx", "预检通过，共3行：导入后将新增3台，更新0台。尚未导入任何数据。")
    assert driver.find_elements(By.ID, "import-problems") == []
    assert driver.find_elements(By.ID, "import-warnings") == []
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    assert codes(driver) == before

    # Now for real: three new elevators in the company's 行政区划, waiting to be submitted.
    open_tool(driver, "导入", LIST + "/import")
    upload(driver, path, dry_run=False)
    wait_for_path(driver, LIST)
    assert flash_text(driver) == "导入成功：新增3台，更新0台。请选中电梯后单击“审核上报”进行备案。"
    assert sorted(codes(driver)) == sorted(before + IMPORTED_CODES)
    for name, code, internal_no, _, _, user_unit, manufacturer, *_ in IMPORTED:
        row = elevator_row(driver, code)
        assert (row["审核状态"], row["信息状态"], row["设备名称"], row["内部编号"], row["检验日期"], row["下次检验日期"],
                row["责任单位"], row["制造商"]) == (
            "待上报", "新增", name, internal_no, *IMPORTED_DATES[code], user_unit, manufacturer)

    select(driver, "31104114002012090")
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert record(driver) == expected_record({
        "equipment_name": "曳引式客梯", "registration_code": "31104114002012090", "inspection_date": "2014-04-20",
        "next_inspection_date": "2015-04-20", "user_unit": "虞城阳光世纪城", "manufacturer": "上海三菱电梯有限公司",
        "safety_manager": "王红", "safety_manager_phone": "13703701234", "rescue_code": "50317",
        "address": "虞城县阳光世纪城3号楼"})
    assert [e["action"] for e in history(driver)] == ["新增"]


def test_a_code_excel_turned_into_a_number_is_refused_and_nothing_is_imported(server, driver, tmp_path):
    ensure_example_company(server)
    open_elevator_list(driver, server)
    before = elevator_rows(driver)
    rows = [
        # Typed into a General cell: Excel keeps 15 digits and shows 3.11041140020140E+16 (a number cell).
        ["曳引式客梯", 31104114002014000.0, "", "2013-12-31", "2014-12-30", "虞城县艾尚快捷", "河南宇通电梯有限公司"],
        # The same, pasted back as the text Excel showed.
        ["曳引式客梯", "3.11041140020140E+16", "", "2014-09-29", "2015-09-29", "虞城县农村信用合作联社", "申龙电梯有限公司"],
        # A good row: not imported either, since the sheet has mistakes.
        ["曳引式客梯", "31104114002015070", "", "2015-06-04", "2016-06-03", "虞城县诚信小区", "申龙电梯有限公司"],
        # 下次检验日期 before 检验日期.
        ["曳引式客梯", "31104114002014120", "", "2015-11-02", "2014-11-03", "商丘市金玉置业有限公司(虞城盛世观澜)",
         "申龙电梯有限公司"],
    ]
    path = fill_sheet(template(driver, server), rows, tmp_path / "电梯错误表.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["B2"].data_type == "n" and sheet["B3"].data_type == "s"

    open_tool(driver, "导入", LIST + "/import")
    with new_page(driver, LIST + "/import"):
        upload(driver, path, dry_run=False)
    assert import_result(driver) == (
        "导入结果：电梯错误表.xlsx", "共4行，发现3处错误，所有数据均未导入。请按下表修改后重新导入。")
    problems = [(r["行号"], r["列"], r["内容"], r["错误原因"]) for r in grid_rows(driver, "#import-problems")]
    assert len(problems) == 3, problems
    assert problems[0][:3] == ("第2行", "注册代码", "31104114002014000"), problems
    assert problems[0][3].startswith("该单元格被Excel转成了数字") and "请将该列设置为文本格式" in problems[0][3], problems
    assert problems[1] == ("第3行", "注册代码", "3.11041140020140E+16",
                           "注册代码被Excel转成了科学计数法，请将该列设置为文本格式后重新填写"), problems
    assert problems[2] == ("第5行", "下次检验日期", "2014-11-03", "下次检验日期应晚于检验日期"), problems

    # The report: the uploaded rows with a 错误原因 column.
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "下载错误报告")
    headers, body = fetch_as(driver, link.get_attribute("href"))
    assert attachment_name(headers) == "错误报告-电梯错误表.xlsx"
    report = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert list(report[0]) == TEMPLATE_COLUMNS + ["错误原因"]
    assert [r[5] for r in report[1:]] == [r[5] for r in rows]
    assert report[1][-1].startswith("注册代码：该单元格被Excel转成了数字")
    assert not report[3][-1]
    assert report[4][-1] == "下次检验日期：下次检验日期应晚于检验日期"

    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    assert elevator_rows(driver) == before
    assert "31104114002015070" not in codes(driver)


# ---------------------------------------------------------------- 3. 查找, 显示, 清空


def test_query_by_the_last_digits_of_a_code_and_by_the_rescue_code(server, driver, tmp_path):
    ensure_example_company(server)
    open_elevator_list(driver, server)
    ensure_elevators(driver, MANUAL)
    ensure_imported(driver, server, tmp_path)
    everything = sorted(codes(driver))

    # The last digits of a code, as read off the plate in the car.
    assert query(driver, registration_code="14010") == ["31104114002014010"]
    box = driver.find_element(By.CSS_SELECTOR, "#query-form input[name='registration_code']")
    assert box.get_attribute("value") == "14010"  # the query stays in the form
    assert "registration_code=14010" in tool(driver, "导出").get_attribute("data-href")  # 导出 exports what is shown
    assert query(driver, registration_code="11789") == [MANUAL["registration_code"]]
    assert sorted(query(driver, registration_code="3110411400201")) == ["31104114002012090", "31104114002014010"]
    assert query(driver, registration_code="99999") == []
    assert driver.find_element(By.CSS_SELECTOR, "#register-grid td.empty").text == "没有符合条件的电梯"

    # The 救援电梯编号, whole.
    assert query(driver, rescue_code="50317") == ["31104114002012090"]

    # 清空 empties the form without searching; 显示 shows everything again.
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()
    assert all(i.get_attribute("value") == "" for i in driver.find_elements(By.CSS_SELECTOR, "#query-form input:not([type=checkbox])"))
    assert not any(i.is_selected() for i in driver.find_elements(By.CSS_SELECTOR, "#query-form input[type=checkbox]"))
    assert codes(driver) == ["31104114002012090"]
    query(driver, registration_code="14010")
    with new_page(driver, LIST):
        clickable(driver, (By.XPATH, "//form[@id='query-form']//a[normalize-space()='显示']")).click()
    assert sorted(codes(driver)) == everything


# ---------------------------------------------------------------- 4. 审核上报, 通过 and 驳回


def test_elevators_are_submitted_and_a_regulator_approves_one_and_rejects_another(server, driver, tmp_path):
    ensure_example_company(server)
    open_elevator_list(driver, server)
    ensure_elevators(driver, MANUAL)
    ensure_imported(driver, server, tmp_path)
    approved, rejected = MANUAL["registration_code"], "31104114002014010"
    for code in (approved, rejected):
        assert elevator_row(driver, code)["审核状态"] in ("待上报", "未通过")

    # 审核上报 of the two selected elevators.
    select(driver, approved, rejected)
    assert run_on_selection(driver, "审核上报", "确定要将选中的电梯信息审核上报吗？") == "已审核上报2台。"
    for code in (approved, rejected):
        row = elevator_row(driver, code)
        assert (row["审核状态"], row["信息状态"]) == ("审核中", "新增")
    # While 审核中 an elevator can be neither changed nor deleted.
    select(driver, approved)
    act(driver, "编辑", rf"{LIST}/{UUID}/edit")
    assert "信息正在审核中，不能修改" in driver.find_element(By.CSS_SELECTOR, ".flash.flash-info").text
    assert not driver.find_element(By.XPATH, "//button[@type='submit' and normalize-space()='保存']").is_enabled()
    reopen_list(driver)
    select(driver, approved)
    assert run_on_selection(driver, "删除", "您确定要删除选择的信息吗？") == \
        f"未处理：{MANUAL_SUBJECT}：该记录正在审核中，不能修改或删除；如需修改，请先撤回"
    log_out(driver)

    # The regulator of 郑州市 (the elevators stand in its 巩义市): both wait under 审核管理 → 电梯.
    assert EXAMPLE_REGULATOR["region"] == ("河南省", "郑州市")
    log_in_regulator(driver, server, create=True)
    open_menu(driver, "审核管理", "/review")
    tab = driver.find_element(By.XPATH, "//nav[contains(@class,'tabs')]/a[starts-with(normalize-space(),'电梯')]")
    with new_page(driver, "/review"):
        tab.click()
    assert driver.execute_script("return location.search") == "?kind=elevator"
    queue = {r["名称"]: r for r in grid_rows(driver, "table.grid") if "名称" in r}
    assert {MANUAL_SUBJECT, f"曳引式客梯 {rejected}"} <= set(queue), queue
    assert (queue[MANUAL_SUBJECT]["类型"], queue[MANUAL_SUBJECT]["维保单位"], queue[MANUAL_SUBJECT]["信息状态"]) == (
        "电梯", COMPANY, "新增")

    # The manual's elevator: every field as submitted (new: no approved version), approved.
    open_review(driver, MANUAL_SUBJECT)
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"审核：{MANUAL_SUBJECT} 电梯 · {COMPANY}"
    submitted = {tr.find_element(By.TAG_NAME, "th").text: tr.find_elements(By.TAG_NAME, "td")[1].text
                 for tr in driver.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")}
    assert submitted == expected_record({**MANUAL, **MANAGER})
    decide(driver, "通过")
    wait_for_path(driver, "/review")
    assert flash_text(driver) == f"已审核通过：{MANUAL_SUBJECT}"

    # The other is rejected with a reason.
    open_review(driver, f"曳引式客梯 {rejected}")
    decide(driver, "驳回", REJECTION)
    wait_for_path(driver, "/review")
    assert flash_text(driver) == f"已驳回：曳引式客梯 {rejected}"

    # The regulator's own view of the register (电梯信息上报): the company's elevators, with 维保单位.
    open_menu(driver, "电梯信息上报", LIST)
    shown = {r["注册代码"]: r for r in grid_rows(driver, "#register-grid") if "注册代码" in r}
    assert (shown[approved]["审核状态"], shown[approved]["维保单位"]) == ("通过", COMPANY)
    log_out(driver)

    # The company: 通过 / 正常使用 / 已通过 for one, 未通过 with the reason for the other.
    open_elevator_list(driver, server)
    row = elevator_row(driver, approved)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("通过", "正常使用", "已通过")
    row = elevator_row(driver, rejected)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("未通过", "新增", REJECTION)
    select(driver, approved)
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert statuses(driver) == {"审核状态": "通过", "信息状态": "正常使用", "审核意见": "已通过"}
    entries = history(driver)
    assert [e["action"] for e in entries[:2]] == ["审核通过", "审核上报"], entries
    assert entries[0]["statuses"] == "审核中/新增 → 通过/正常使用"
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    select(driver)
    # The manual's ten columns fit a 1280-pixel screen: long names wrap instead of hiding 制造商 off to the right.
    assert driver.execute_script(
        "var w = document.querySelector('#register-grid').closest('.table-wrap');"
        "return w.scrollWidth <= w.clientWidth;"), "the elevator list is wider than the screen"
    screenshot(driver, "elevator-list")


def open_review(driver, subject):
    """On the regulator's 电梯 queue: 审核 of the row `subject`; waits for the review page."""
    row = driver.find_element(By.XPATH, f"//table[contains(@class,'grid')]//tr[td[normalize-space()='{subject}']]")
    row.find_element(By.LINK_TEXT, "审核").click()
    wait(driver).until(lambda d: re.fullmatch(rf"/review/{UUID}", urlpath(d)))
    visible(driver, (By.CSS_SELECTOR, "table.compare"))


def decide(driver, button, opinion=""):
    fill(driver, "opinion", opinion)
    driver.find_element(By.XPATH, f"//form[@id='decision-form']//button[normalize-space()='{button}']").click()
