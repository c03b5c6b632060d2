"""The manual's §2.2 维保人员上报 and its review, in a real browser.

The example company adds the manual's 马金磊 (with the check character his ID number really needs: the
manual's 411423198204152128 is refused), edits and views him, adds and deletes a second person, downloads
the template, fills it with openpyxl and imports it (预检 first), sees a sheet with mistakes refused row by row,
submits everybody (审核上报) and a regulator of 郑州市 approves them all at once (批量通过). The tests run in
file order against one server, after the company's own filing; each also works on its own.
"""

import datetime
import io
import re

import openpyxl
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import (
    EXAMPLE_COMPANY, answer_dialog, attachment_name, clickable, ensure_example_company, fetch_as, field_error, fill,
    flash_text, grid_rows, history, log_in, log_in_regulator, log_out, new_page, open_menu, resident_id,
    screenshot, set_date, statuses, submit_button, urlpath, visible, wait, wait_for_path,
)

COMPANY = EXAMPLE_COMPANY["name"]
LIST = "/filing/staff"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UUID = r"[0-9A-Fa-f-]{36}"

# The manual's 马金磊 (§2.2.1). His ID number as printed, 411423198204152128, fails the check: the weighted
# sum of the 17 digits leaves 2 (mod 11), so the check character must be X.
MA = {"name": "马金磊", "job_type": "维保人员", "id_number": resident_id("41142319820415212"),
      "certificate_no": "TF2013-06234", "certificate_issued": "2014-09-01", "certificate_expires": "2016-09-02",
      "phone": "13663017327"}
MANUAL_ID = "411423198204152128"
MA_NEW_PHONE = "13703717327"
# A second person, added and deleted again.
NIU = {"name": "牛星", "job_type": "电梯维护人员", "id_number": resident_id("41041219830412021"),
       "certificate_no": "TF2016-03278", "certificate_issued": "2016-03-12", "certificate_expires": "2020-03-12",
       "phone": "13837303278"}
# Three people of the manual's lists, for the import: how a clerk's spreadsheet holds them (a real date cell,
# dates typed in other forms, ID numbers and phones as text).
IMPORTED = [
    ["李文", "电梯维护人员", resident_id("43241319800810321"), "TF2015-04112", datetime.date(2013, 4, 16), "2017-04-16", "13213204567"],
    ["王强", "维保工程师", resident_id("11010519491231002"), "TF2014-04236", "2013/3/14", "2017年3月14日", "15515612345"],
    ["牛光耀", "电梯安装维修人员", resident_id("41142219820315089"), "TF2012-04671", "2013.7.3", "2017-07-03", "13313207868"],
]
IMPORTED_DATES = {"李文": "2013-04-16", "王强": "2013-03-14", "牛光耀": "2013-07-03"}

# The manual's toolbar, then the workers' phone logins of 维保签到 (issue 15).
TOOLBAR = ["审核上报", "添加", "编辑", "查看", "删除", "导入", "导出", "模板下载", "撤回", "开通作业账号", "停用作业账号"]
COLUMNS = ["", "审核状态", "信息状态", "审核意见", "姓名", "工种", "身份证号", "证书号", "联系方式", "发证日期", "作业账号"]
FORM_LABELS = ["*姓名", "*工种", "*身份证号", "*证书号", "*发证日期", "*有效日期", "*联系方式"]
TEMPLATE_COLUMNS = ["姓名", "工种", "身份证号", "证书号", "发证日期", "有效日期", "联系方式"]
JOB_TYPES = ["请选择", "电梯维护人员", "维保工程师", "电梯安装维修人员", "电梯安全管理员", "维保人员"]


# ---------------------------------------------------------------- the list


def open_staff_list(driver, server):
    """Logs the example company in and opens 维保人员上报."""
    log_in(driver, server, EXAMPLE_COMPANY["username"], EXAMPLE_COMPANY["password"])
    wait_for_path(driver, "/")
    open_menu(driver, "维保人员上报", LIST)


def staff_rows(driver):
    """The list's people (column title → text); the "nothing found" row is not one."""
    return [row for row in grid_rows(driver, "#register-grid") if "姓名" in row]


def names(driver):
    return [row["姓名"] for row in staff_rows(driver)]


def person_row(driver, name):
    rows = [row for row in staff_rows(driver) if row["姓名"] == name]
    assert len(rows) == 1, (name, staff_rows(driver))
    return rows[0]


def tool(driver, label):
    return clickable(driver, (By.XPATH, f"//div[@data-grid='register-grid']/button[normalize-space()='{label}']"))


def select(driver, *people):
    """Checks exactly the rows of `people` (by 姓名), as clicking their boxes does."""
    for tr in driver.find_elements(By.CSS_SELECTOR, "#register-grid tbody tr"):
        boxes = tr.find_elements(By.CSS_SELECTOR, ".row-check")
        if not boxes:
            continue
        name = tr.find_elements(By.TAG_NAME, "td")[COLUMNS.index("姓名")].text
        if boxes[0].is_selected() != (name in people):
            boxes[0].click()
        wait(driver).until(lambda d: ("selected" in (tr.get_attribute("class") or "").split()) == (name in people))


def act(driver, label, path_pattern):
    """Clicks a toolbar button that opens a page for the selected row (编辑, 查看) and waits for it."""
    tool(driver, label).click()
    wait(driver).until(lambda d: re.fullmatch(path_pattern, urlpath(d))
                       and d.execute_script("return document.readyState") == "complete")


def open_tool(driver, label, path):
    """Clicks a toolbar button that needs no selection (添加, 导入) with nothing selected and waits for its page."""
    button = tool(driver, label)
    assert button.get_attribute("data-href") == path, label
    button.click()
    wait_for_path(driver, path)


def fill_person(driver, person):
    for key, value in person.items():
        if key == "job_type":
            Select(driver.find_element(By.ID, "f-job_type")).select_by_visible_text(value)
        elif key in ("certificate_issued", "certificate_expires"):
            set_date(driver, f"f-{key}", value)
        else:
            fill(driver, f"f-{key}", value)


def form_values(driver):
    values = {key: driver.find_element(By.ID, f"f-{key}").get_attribute("value") for key in MA}
    values["job_type"] = Select(driver.find_element(By.ID, "f-job_type")).first_selected_option.text
    return values


def add_person(driver, person):
    """添加 → the form → 保存, back on the list with the notice."""
    open_tool(driver, "添加", LIST + "/new")
    fill_person(driver, person)
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    assert flash_text(driver) == f"已添加“{person['name']}”。请选中后单击“审核上报”进行备案。"


def ensure_people(driver, minimum):
    """Adds 马金磊 and 牛星, where missing, until the list holds `minimum` people (a test run on its own)."""
    for person in (MA, NIU):
        if len(staff_rows(driver)) >= minimum:
            return
        if person["name"] not in names(driver):
            add_person(driver, person)


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


def record(driver):
    """The fields of a 查看 page."""
    return {tr.find_element(By.TAG_NAME, "th").text: tr.find_element(By.TAG_NAME, "td").text
            for tr in driver.find_elements(By.CSS_SELECTOR, "table.record tr")}


# ---------------------------------------------------------------- spreadsheets


def template(driver, server):
    """模板下载 as the logged-in company: the workbook, checked to be the register's template."""
    href = tool(driver, "模板下载").get_attribute("data-href")
    assert href == LIST + "/template"
    headers, body = fetch_as(driver, server + href)
    assert headers.get_content_type() == XLSX
    assert attachment_name(headers) == "维保人员导入模板.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(body))
    sheet = book.active
    assert sheet.title == "维保人员"
    assert [c.value for c in sheet[1]] == TEMPLATE_COLUMNS
    return book


def fill_sheet(book, rows, path):
    """Writes `rows` under the header, the ID number and phone cells formatted as text as the template asks."""
    sheet = book.active
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            if TEMPLATE_COLUMNS[column - 1] in ("身份证号", "联系方式") and isinstance(value, str):
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


# ---------------------------------------------------------------- 1. 添加, 编辑, 查看, 删除


def test_company_adds_edits_views_and_deletes_its_staff(server, driver):
    ensure_example_company(server)
    open_staff_list(driver, server)
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "维保人员信息上报"

    # The page as the manual draws it: 查询条件, the toolbar, the columns (姓名 and 发证日期 sort).
    query = driver.find_element(By.ID, "query-form")
    assert [(label.text, label.find_element(By.TAG_NAME, "input").get_attribute("name"))
            for label in query.find_elements(By.CSS_SELECTOR, "label:not(.check-label)")] == [
        ("维保人姓名：", "name"), ("维保人手机：", "phone"), ("身份证号：", "id_number")]
    # and 审核状态, ticked to narrow the register by status
    assert [c.text for c in query.find_elements(By.CSS_SELECTOR, ".query-choices .check-label")] == ["待上报", "审核中", "通过", "未通过"]
    assert [b.text for b in query.find_elements(By.CSS_SELECTOR, ".btn")] == ["查找", "显示", "清空"]
    assert [b.text for b in driver.find_elements(By.CSS_SELECTOR, "div[data-grid='register-grid'] > button")] == TOOLBAR
    assert [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#register-grid thead th")] == COLUMNS
    assert [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#register-grid thead a.sort")] == ["姓名", "发证日期"]
    if not staff_rows(driver):
        assert driver.find_element(By.CSS_SELECTOR, "#register-grid td.empty").text == "没有符合条件的维保人员"

    # Buttons that act on rows say so when none is checked.
    for label in ("审核上报", "编辑", "查看", "删除", "撤回"):
        expect_alert_for(driver, label, "请先选择一条记录")

    # 添加: the manual's form, filled with 马金磊.
    open_tool(driver, "添加", LIST + "/new")
    assert driver.find_element(By.CSS_SELECTOR, "h1.panel-title").text == "添加维保人员"
    assert [label.text for label in driver.find_elements(By.CSS_SELECTOR, "form.form .field > label")] == FORM_LABELS
    assert [o.text for o in Select(driver.find_element(By.ID, "f-job_type")).options] == JOB_TYPES
    for key in ("certificate_issued", "certificate_expires"):
        assert driver.find_element(By.ID, f"f-{key}").get_attribute("type") == "date"
    fill_person(driver, MA)
    assert form_values(driver) == MA
    screenshot(driver, "staff-form")
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    assert flash_text(driver) == "已添加“马金磊”。请选中后单击“审核上报”进行备案。"
    row = person_row(driver, "马金磊")
    assert row == {"": "", "审核状态": "待上报", "信息状态": "新增", "审核意见": "", "姓名": "马金磊", "工种": "维保人员",
                   "身份证号": MA["id_number"], "证书号": MA["certificate_no"], "联系方式": MA["phone"],
                   "发证日期": MA["certificate_issued"], "作业账号": "未开通"}

    # 编辑: the saved values, a new telephone number.
    select(driver, "马金磊")
    act(driver, "编辑", rf"{LIST}/{UUID}/edit")
    assert driver.find_element(By.CSS_SELECTOR, "h1.panel-title").text == "编辑维保人员"
    assert "当前状态：待上报/新增" in driver.find_element(By.CSS_SELECTOR, "section.panel").text
    assert form_values(driver) == MA
    fill(driver, "f-phone", MA_NEW_PHONE)
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    assert flash_text(driver) == "已保存“马金磊”。信息修改以后，需要重新单击“审核上报”进行备案。"
    row = person_row(driver, "马金磊")
    assert (row["联系方式"], row["审核状态"], row["信息状态"]) == (MA_NEW_PHONE, "待上报", "新增")

    # 查看: every field of the form, the statuses and the history with the change.
    select(driver, "马金磊")
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "马金磊 维保人员信息"
    assert statuses(driver) == {"审核状态": "待上报", "信息状态": "新增", "审核意见": "—"}
    assert record(driver) == {"姓名": "马金磊", "工种": "维保人员", "身份证号": MA["id_number"],
                              "证书号": MA["certificate_no"], "发证日期": MA["certificate_issued"],
                              "有效日期": MA["certificate_expires"], "联系方式": MA_NEW_PHONE}
    entries = history(driver)
    assert [e["action"] for e in entries] == ["修改", "新增"], entries
    assert entries[0]["changes"] == {"联系方式": (MA["phone"], MA_NEW_PHONE)}
    assert entries[0]["statuses"] == "待上报/新增"  # unchanged
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)

    # A second person; 编辑 and 查看 take one person only.
    add_person(driver, NIU)
    assert {"马金磊", "牛星"} <= set(names(driver))
    select(driver, "马金磊", "牛星")
    for label in ("编辑", "查看"):
        expect_alert_for(driver, label, "请只选择一条记录")

    # 删除 asks first: 取消 keeps him, 确定 deletes him (never approved, so really deleted).
    select(driver, "牛星")
    tool(driver, "删除").click()
    assert answer_dialog(driver, accept=False) == "您确定要删除选择的信息吗？"
    assert urlpath(driver) == LIST and "牛星" in names(driver)
    assert run_on_selection(driver, "删除", "您确定要删除选择的信息吗？") == "已删除1人。"
    assert "牛星" not in names(driver)
    assert "马金磊" in names(driver)


# ---------------------------------------------------------------- 2. the manual's ID number


def test_the_manuals_id_number_is_refused_with_the_right_check_character(server, driver):
    ensure_example_company(server)
    open_staff_list(driver, server)
    before = staff_rows(driver)
    open_tool(driver, "添加", LIST + "/new")
    fill_person(driver, {**MA, "name": "马金磊（手册）", "id_number": MANUAL_ID})
    with new_page(driver, LIST + "/new"):
        submit_button(driver, "保存").click()

    assert field_error(driver, "id_number") == "身份证号校验位错误，应为X"
    assert [e.find_element(By.CSS_SELECTOR, "label").get_attribute("for")
            for e in driver.find_elements(By.CSS_SELECTOR, ".field.has-error")] == ["f-id_number"]
    assert driver.find_element(By.CSS_SELECTOR, "form.form").find_element(
        By.XPATH, "preceding-sibling::div[contains(@class,'flash-error')]").text == "请按提示修改标红的内容"
    assert driver.find_element(By.ID, "f-id_number").get_attribute("value") == MANUAL_ID  # kept, to be corrected
    assert driver.find_element(By.ID, "f-certificate_issued").get_attribute("value") == MA["certificate_issued"]

    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    assert staff_rows(driver) == before


# ---------------------------------------------------------------- 3. 模板下载 and 导入


def test_the_template_filled_in_is_checked_then_imported(server, driver, tmp_path):
    ensure_example_company(server)
    open_staff_list(driver, server)
    before = names(driver)
    assert not {"李文", "王强", "牛光耀"} & set(before)

    book = template(driver, server)
    sheet = book.active
    notes = {cell.value: cell.comment.text if cell.comment else "" for cell in sheet[1]}
    assert "文本格式" in notes["身份证号"]
    assert "维保人员" in notes["工种"]
    path = fill_sheet(book, IMPORTED, tmp_path / "维保人员名单.xlsx")

    open_tool(driver, "导入", LIST + "/import")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "导入维保人员"
    assert driver.find_element(By.LINK_TEXT, "模板下载").get_attribute("href").endswith(LIST + "/template")

    # 仅预检: everything is checked, nothing is written.
    with new_page(driver, LIST + "/import"):
        upload(driver, path, dry_run=True)
    assert import_result(driver) == (
        "预检结果：维保人员名单.xlsx", "预检通过，共3行：导入后将新增3人，更新0人。尚未导入任何数据。")
    assert driver.find_elements(By.ID, "import-problems") == []
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    assert names(driver) == before

    # Now for real: three new people, waiting to be submitted.
    open_tool(driver, "导入", LIST + "/import")
    upload(driver, path, dry_run=False)
    wait_for_path(driver, LIST)
    assert flash_text(driver) == "导入成功：新增3人，更新0人。请选中人员后单击“审核上报”进行备案。"
    assert sorted(names(driver)) == sorted(before + ["李文", "王强", "牛光耀"])
    for name, job, id_number, certificate, _, _, phone in IMPORTED:
        row = person_row(driver, name)
        assert (row["审核状态"], row["信息状态"], row["工种"], row["身份证号"], row["证书号"], row["联系方式"],
                row["发证日期"]) == ("待上报", "新增", job, id_number, certificate, phone, IMPORTED_DATES[name])
    select(driver, "王强")
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert record(driver)["有效日期"] == "2017-03-14"  # typed as 2017年3月14日
    assert record(driver)["身份证号"].endswith("X")


def test_a_sheet_with_mistakes_is_refused_row_by_row_with_a_report(server, driver, tmp_path):
    ensure_example_company(server)
    open_staff_list(driver, server)
    before = staff_rows(driver)
    duplicate = resident_id("41010219850611123")
    rows = [
        ["马金磊", "维保人员", MANUAL_ID, "TF2013-06234", "2014-09-01", "2016-09-02", "13663017327"],
        # The ID number typed into a number cell: Excel keeps 15 digits.
        ["万军", "维保工程师", 411422198005290000, "TZSB-2014-051713", "2014-05-29", "2018-05-29", "13316012345"],
        ["赵磊", "电梯维护人员", duplicate, "TF2015-11021", "2015-06-11", "2019-06-11", "13523456789"],
        ["赵磊", "电梯维护人员", duplicate, "TF2015-11021", "2015-06-11", "2019-06-11", "13523456789"],
        ["张三", "电梯维护人员", resident_id("41010519900101001"), "TF2016-00001", "2016-09-02", "2014-09-01", "1366301732"],
    ]
    path = fill_sheet(template(driver, server), rows, tmp_path / "人员错误表.xlsx")

    open_tool(driver, "导入", LIST + "/import")
    with new_page(driver, LIST + "/import"):
        upload(driver, path, dry_run=False)
    assert import_result(driver) == (
        "导入结果：人员错误表.xlsx", "共5行，发现5处错误，所有数据均未导入。请按下表修改后重新导入。")
    problems = [(r["行号"], r["列"], r["内容"], r["错误原因"]) for r in grid_rows(driver, "#import-problems")]
    assert problems[0] == ("第2行", "身份证号", MANUAL_ID, "身份证号校验位错误，应为X"), problems
    assert problems[1][:2] == ("第3行", "身份证号")
    assert problems[1][3].startswith("该单元格被Excel转成了数字") and "请将该列设置为文本格式" in problems[1][3], problems
    assert problems[2] == ("第5行", "身份证号", duplicate, "与第4行的身份证号重复"), problems
    assert problems[3] == ("第6行", "有效日期", "2014-09-01", "有效日期应晚于发证日期"), problems
    assert problems[4][:3] == ("第6行", "联系方式", "1366301732"), problems

    # The report: the uploaded rows with a 错误原因 column.
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "下载错误报告")
    assert link.text == "下载错误报告（原表格加“错误原因”列）"
    assert re.fullmatch(rf"/import-reports/{UUID}", link.get_attribute("pathname"))
    headers, body = fetch_as(driver, link.get_attribute("href"))
    assert attachment_name(headers) == "错误报告-人员错误表.xlsx"
    report = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert list(report[0]) == TEMPLATE_COLUMNS + ["错误原因"]
    assert [r[0] for r in report[1:]] == ["马金磊", "万军", "赵磊", "赵磊", "张三"]
    assert report[1][-1] == "身份证号：身份证号校验位错误，应为X"
    assert not report[3][-1]  # the first 赵磊 is fine
    assert report[4][-1] == "身份证号：与第4行的身份证号重复"
    assert report[5][-1].startswith("有效日期：有效日期应晚于发证日期；联系方式：")

    driver.execute_script("document.getElementById('import-result').scrollIntoView({block: 'end'});")
    screenshot(driver, "staff-import")
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)
    assert staff_rows(driver) == before


# ---------------------------------------------------------------- 4. 查找, 显示, 清空 and the sort order


def test_query_and_sort(server, driver):
    ensure_example_company(server)
    open_staff_list(driver, server)
    ensure_people(driver, 2)
    everybody = sorted(names(driver))

    def query(**values):
        for name, value in values.items():
            driver.find_element(By.CSS_SELECTOR, f"#query-form input[name='{name}']").send_keys(value)
        with new_page(driver, LIST):
            submit_button(driver, "查找").click()
        return names(driver)

    assert query(name="金磊") == ["马金磊"]
    box = driver.find_element(By.CSS_SELECTOR, "#query-form input[name='name']")
    assert box.get_attribute("value") == "金磊"  # the query stays in the form
    assert "name=" in tool(driver, "导出").get_attribute("data-href")  # 导出 exports what is shown

    # 清空 empties the form without searching; 显示 shows everybody again.
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()
    assert box.get_attribute("value") == ""
    assert names(driver) == ["马金磊"]
    query(name="金磊")
    with new_page(driver, LIST):
        clickable(driver, (By.XPATH, "//form[@id='query-form']//a[normalize-space()='显示']")).click()
    assert sorted(names(driver)) == everybody
    assert all(i.get_attribute("value") == "" for i in driver.find_elements(By.CSS_SELECTOR, "#query-form input:not([type=checkbox])"))
    assert not any(i.is_selected() for i in driver.find_elements(By.CSS_SELECTOR, "#query-form input[type=checkbox]"))

    # By the ID number, also with a small x, and by part of the telephone number.
    phone = person_row(driver, "马金磊")["联系方式"]
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()
    assert query(id_number=MA["id_number"].lower()) == ["马金磊"]
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()
    assert "马金磊" in query(phone=phone[-6:])
    # Back to everybody (显示 itself is tested above); opened directly, as a click here raced the page load.
    driver.get(driver.execute_script("return location.origin") + LIST)
    wait(driver).until(lambda d: sorted(names(d)) == everybody)

    # The headers sort; a second click turns the order round.
    def sort_by(title):
        with new_page(driver, LIST):
            clickable(driver, (By.XPATH, f"//table[@id='register-grid']//thead//a[starts-with(normalize-space(),'{title}')]")).click()
        return driver.find_element(By.XPATH, f"//table[@id='register-grid']//thead//a[starts-with(normalize-space(),'{title}')]").text

    assert sort_by("发证日期") == "发证日期↑"
    dates = [row["发证日期"] for row in staff_rows(driver)]
    assert dates == sorted(dates) and len(dates) == len(everybody)
    assert sort_by("发证日期") == "发证日期↓"
    assert [row["发证日期"] for row in staff_rows(driver)] == sorted(dates, reverse=True)
    assert sort_by("姓名") == "姓名↑"
    ascending = names(driver)
    assert sort_by("姓名") == "姓名↓"
    assert names(driver) == ascending[::-1]


# ---------------------------------------------------------------- 5. 审核上报 and 批量通过


def test_everybody_is_submitted_and_a_regulator_approves_them_at_once(server, driver):
    ensure_example_company(server)
    open_staff_list(driver, server)
    ensure_people(driver, 2)
    people = names(driver)
    assert all(row["审核状态"] in ("待上报", "未通过") for row in staff_rows(driver)), staff_rows(driver)

    # 全选 checks every row, and 审核上报 sends them all.
    driver.find_element(By.CSS_SELECTOR, "#register-grid .js-check-all").click()
    assert all(box.is_selected() for box in driver.find_elements(By.CSS_SELECTOR, "#register-grid .row-check"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#register-grid tbody tr.selected")) == len(people)
    assert run_on_selection(driver, "审核上报", "确定要将选中的人员信息审核上报吗？") == f"已审核上报{len(people)}人。"
    assert {(row["审核状态"], row["信息状态"]) for row in staff_rows(driver)} == {("审核中", "新增")}

    # While 审核中 a person cannot be changed or deleted.
    select(driver, "马金磊")
    act(driver, "编辑", rf"{LIST}/{UUID}/edit")
    assert "当前状态：审核中/新增" in driver.find_element(By.CSS_SELECTOR, "section.panel").text
    # The form is read-only, as the company's information is while under review.
    assert "信息正在审核中，不能修改" in driver.find_element(By.CSS_SELECTOR, ".flash.flash-info").text
    assert not driver.find_element(By.XPATH, "//button[@type='submit' and normalize-space()='保存']").is_enabled()
    driver.get(driver.execute_script("return location.origin") + LIST)
    wait_for_path(driver, LIST)
    select(driver, "马金磊")
    assert run_on_selection(driver, "删除", "您确定要删除选择的信息吗？") == \
        "未处理：马金磊：该记录正在审核中，不能修改或删除；如需修改，请先撤回"
    assert person_row(driver, "马金磊")["审核状态"] == "审核中"
    log_out(driver)

    # The regulator of 郑州市: 审核管理 → 维保人员, everybody waiting; 全选 and 批量通过.
    log_in_regulator(driver, server, create=True)
    open_menu(driver, "审核管理", "/review")
    tab = driver.find_element(By.XPATH, "//nav[contains(@class,'tabs')]/a[starts-with(normalize-space(),'维保人员')]")
    assert tab.find_element(By.CSS_SELECTOR, ".badge").text == str(len(people))
    with new_page(driver, "/review"):
        tab.click()
    assert driver.execute_script("return location.search") == "?kind=staff"
    assert driver.find_element(By.CSS_SELECTOR, "nav.tabs a.active").text == f"维保人员{len(people)}"
    queue = grid_rows(driver, "table.grid")
    assert sorted(r["名称"] for r in queue) == sorted(people)
    assert {(r["类型"], r["维保单位"], r["信息状态"]) for r in queue} == {("维保人员", COMPANY, "新增")}
    screenshot(driver, "review-staff")

    driver.find_element(By.CSS_SELECTOR, "table.grid .js-check-all").click()
    with new_page(driver, "/review"):
        submit_button(driver, "批量通过").click()
        assert answer_dialog(driver) == "确定要将选中的记录全部审核通过吗？"
    assert flash_text(driver) == f"已审核通过{len(people)}条记录。"
    assert driver.execute_script("return location.search") == "?kind=staff"
    assert driver.find_element(By.CSS_SELECTOR, "table.grid td.empty").text == "暂无待审核的维保人员信息"
    log_out(driver)

    # The company: everybody 通过 / 正常使用 / 已通过, with the approval in each history.
    open_staff_list(driver, server)
    assert {(r["审核状态"], r["信息状态"], r["审核意见"]) for r in staff_rows(driver)} == {("通过", "正常使用", "已通过")}
    assert sorted(names(driver)) == sorted(people)
    select(driver, "马金磊")
    act(driver, "查看", rf"{LIST}/{UUID}")
    assert statuses(driver) == {"审核状态": "通过", "信息状态": "正常使用", "审核意见": "已通过"}
    approval = history(driver)[0]
    assert (approval["action"], approval["statuses"]) == ("审核通过", "审核中/新增 → 通过/正常使用")
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, LIST)

    # After approval, a change is 更改 again and a deletion is a 注销 request for the regulator.
    changed, leaving = [n for n in people if n != "马金磊"][:1] + ["马金磊"]
    select(driver, changed)
    act(driver, "编辑", rf"{LIST}/{UUID}/edit")
    fill(driver, "f-phone", "13903710000")
    submit_button(driver, "保存").click()
    wait_for_path(driver, LIST)
    row = person_row(driver, changed)
    assert (row["审核状态"], row["信息状态"], row["审核意见"], row["联系方式"]) == ("待上报", "更改", "", "13903710000")
    select(driver, leaving)
    assert run_on_selection(driver, "删除", "您确定要删除选择的信息吗？") == "1人已审核通过，已提交注销申请，待监管部门审核。"
    row = person_row(driver, leaving)
    assert (row["审核状态"], row["信息状态"]) == ("审核中", "注销")
    select(driver)
    screenshot(driver, "staff-list")


# ---------------------------------------------------------------- 6. buttons that need no selection


def test_buttons_that_need_no_selection_work_without_one(server, driver):
    ensure_example_company(server)
    open_staff_list(driver, server)
    select(driver)
    for label, path in (("添加", LIST + "/new"), ("导入", LIST + "/import")):
        tool(driver, label).click()
        try:
            alert = WebDriverWait(driver, 1).until(EC.alert_is_present())
        except TimeoutException:
            alert = None
        if alert is not None:
            text = alert.text
            alert.accept()
            raise AssertionError(f"{label} with no row checked: alert “{text}”")
        wait_for_path(driver, path)
        driver.back()
        wait_for_path(driver, LIST)
