"""The manual's chapter 三 维保公司数据查询 in a real browser: only what a regulator approved.

The example company files its information (the manual's §3.2 row), two people and the elevators of the manual's
§3.1 table, and submits them; a regulator of 郑州市 (which covers the company's 巩义市) approves them one by one.
One more elevator is submitted but not yet reviewed, and a second company, in 新乡市, is approved by a regulator
of 新乡市. Then: 电梯档案管理, 维保公司信息 and 维保人员信息 show the approved rows in the manual's columns with the
manual's query fields, to the company and to the regulator (who also queries by 维保单位 / 单位名称) and to the
administrator (who sees 身份证号 masked); queries by part of a registration code, by 级别 and by 维保人姓名; 查看
shows the approved version; an edit of an approved elevator stays out of the archive until it is approved, then
历史 shows its old and new values; 导出 is the query as .xlsx. The tests run in file order against one server,
after the registers' tests (which leave their own records beside these); each also works on its own.
"""

import io
import re

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (
    ADMIN_PASSWORD, EXAMPLE_COMPANY, EXAMPLE_REGULATOR, answer_dialog, attachment_name, clickable,
    ensure_example_company, fetch_as, fill, flash_text, grid_rows, log_in, log_in_regulator, log_out, new_page,
    open_menu, resident_id, screenshot, set_date, submit_button, urlpath, visible, wait, wait_for_path, write_pdf,
    write_png,
)

COMPANY = EXAMPLE_COMPANY["name"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UUID = r"[0-9A-Fa-f-]{36}"
ELEVATOR_REGISTER, STAFF_REGISTER, COMPANY_FILING = "/filing/elevators", "/filing/staff", "/filing/company"

# The three pages: menu item (also the page's title), path.
ELEVATORS_PAGE = ("电梯档案管理", "/archive/elevators")
COMPANIES_PAGE = ("维保公司信息", "/archive/companies")
STAFF_PAGE = ("维保人员信息", "/archive/staff")
TOOLBAR = ["查看", "导出", "历史"]
QUERY_BUTTONS = ["查找", "显示", "清空"]
# The manual's columns (§3.1, §3.2, §3.3).
ELEVATOR_COLUMNS = ["设备名称", "注册代码", "内部编号", "检验日期", "下次检验日期", "责任单位", "制造单位", "安全管理员",
                    "安全管理员电话"]
COMPANY_COLUMNS = ["单位名称", "证书编号", "发证日期", "有效日期", "行政区划", "级别", "固定办公场所地址"]
STAFF_COLUMNS = ["单位名称", "姓名", "工种", "身份证号", "证书号", "联系方式", "发证日期", "有效日期"]

# The manual's §3.2 row of the example company (级别 is blank in the manual; A级 here), with a 联系电话.
INFO = {"certificate_issued": "2013-05-06", "certificate_expires": "2016-09-08", "level": "A",
        "office_address": "巩义市人民路34号", "phone": "0371-64321234"}
COMPANY_ROW = {"单位名称": COMPANY, "证书编号": EXAMPLE_COMPANY["certificate_no"], "发证日期": "2013-05-06",
               "有效日期": "2016-09-08", "行政区划": EXAMPLE_COMPANY["region_name"], "级别": "A级",
               "固定办公场所地址": "巩义市人民路34号"}

# A second company, in 新乡市 (outside the 郑州市 regulator's region), of 级别 B.
OTHER = {"username": "xxadwb", "password": "Xxad#2026ok", "name": "新乡市安达电梯维保有限公司",
         "certificate_no": "TS3341B07-2015", "legal_person": "刘安达", "manager": "赵志刚", "manager_phone": "13937312345",
         "address": "新乡市红旗区平原路88号", "region_code": "410702", "region_name": "河南省新乡市红旗区"}
OTHER_INFO = {"certificate_issued": "2015-03-10", "certificate_expires": "2019-03-09", "level": "B",
              "office_address": "新乡市红旗区平原路88号", "phone": "0373-2051234"}
OTHER_ROW = {"单位名称": OTHER["name"], "证书编号": OTHER["certificate_no"], "发证日期": "2015-03-10",
             "有效日期": "2019-03-09", "行政区划": OTHER["region_name"], "级别": "B级",
             "固定办公场所地址": "新乡市红旗区平原路88号"}
XINXIANG_REGULATOR = {"username": "xxjg01", "name": "王监管", "password": "Xinxiang#2026", "region": ("河南省", "新乡市")}

# Two of the manual's 凯旋 staff (the list), with valid ID numbers; no other test files them.
STAFF = [
    {"name": "马金生", "job_type": "维保人员", "id_number": resident_id("41018119860517031"),
     "certificate_no": "TF2014-05172", "certificate_issued": "2014-05-17", "certificate_expires": "2018-05-16",
     "phone": "13603710517"},
    {"name": "李明力", "job_type": "电梯维护人员", "id_number": resident_id("41010219790923101"),
     "certificate_no": "TF2013-09231", "certificate_issued": "2013-09-23", "certificate_expires": "2017-09-22",
     "phone": "13838209231"},
]
STAFF_KEYS = ["name", "job_type", "id_number", "certificate_no", "certificate_issued", "certificate_expires", "phone"]

# Rows of the manual's §3.1 table, approved; one with a 救援电梯编号.
ELEVATORS = [
    {"equipment_name": "乘客电梯", "registration_code": "31004114002009090", "rescue_code": "50321",
     "inspection_date": "2014-12-02", "next_inspection_date": "2015-12-02", "user_unit": "虞城县正德大酒店",
     "manufacturer": "上海三菱电梯有限公司"},
    {"equipment_name": "曳引式客梯", "registration_code": "31104114002014010", "inspection_date": "2014-12-02",
     "next_inspection_date": "2015-12-02", "user_unit": "虞城县佳润置业有限公司(清华南苑)",
     "manufacturer": "河南宇通电梯有限公司"},
    {"equipment_name": "曳引式客梯", "registration_code": "31104114002013030", "inspection_date": "2014-02-27",
     "next_inspection_date": "2015-02-27", "user_unit": "虞城县西湖春天", "manufacturer": "上海三菱电梯有限公司"},
]
# Another row of the table: submitted, never reviewed, so never in the archive.
PENDING = {"equipment_name": "曳引式客梯", "registration_code": "31104114002015070", "inspection_date": "2015-06-04",
           "next_inspection_date": "2016-06-03", "user_unit": "虞城县诚信小区", "manufacturer": "申龙电梯有限公司"}
ELEVATOR_KEYS = ["equipment_name", "registration_code", "internal_no", "rescue_code", "inspection_date",
                 "next_inspection_date", "user_unit", "manufacturer", "safety_manager", "safety_manager_phone"]
# The elevator changed after approval: its next inspection, and a safety manager named.
EDITED_CODE = "31104114002013030"
EDIT = {"inspection_date": "2015-02-26", "next_inspection_date": "2016-02-25", "safety_manager": "张伟",
        "safety_manager_phone": "13903702227"}
EDIT_LABELS = {"inspection_date": "检验日期", "next_inspection_date": "下次检验日期", "safety_manager": "安全管理员",
               "safety_manager_phone": "安全管理员电话"}
EDIT_OPINION = "同意，按2015年定期检验报告更新"


def subject(elevator):
    return f"{elevator['equipment_name']} {elevator['registration_code']}"


def manual_row(elevator):
    """The elevator as a row of the manual's §3.1 table."""
    keys = ["equipment_name", "registration_code", "internal_no", "inspection_date", "next_inspection_date",
            "user_unit", "manufacturer", "safety_manager", "safety_manager_phone"]
    return {title: elevator.get(key, "") for title, key in zip(ELEVATOR_COLUMNS, keys)}


def staff_row(person, company=COMPANY, id_number=None):
    return {"单位名称": company, "姓名": person["name"], "工种": person["job_type"],
            "身份证号": id_number or person["id_number"], "证书号": person["certificate_no"], "联系方式": person["phone"],
            "发证日期": person["certificate_issued"], "有效日期": person["certificate_expires"]}


def masked(id_number):
    return id_number[:6] + "********" + id_number[-4:]


# ---------------------------------------------------------------- lists with a selection column


def tool(driver, label):
    return clickable(driver, (By.XPATH, f"//div[@data-grid='register-grid']/button[normalize-space()='{label}']"))


def rows_of(driver):
    """The rows of the page's list (column title → text); the "nothing found" row is not one."""
    return [row for row in grid_rows(driver, "#register-grid") if len(row) > 1]


def column(driver, title):
    return [row[title] for row in rows_of(driver)]


def row_where(driver, title, value):
    rows = [row for row in rows_of(driver) if row[title] == value]
    assert len(rows) == 1, (title, value, rows_of(driver))
    return rows[0]


def select(driver, title, *wanted):
    """Checks exactly the rows whose column `title` is one of `wanted`, as clicking their boxes does."""
    table = driver.find_element(By.ID, "register-grid")
    titles = [th.text.strip().rstrip("↑↓↕") for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    index = titles.index(title)
    for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        boxes = tr.find_elements(By.CSS_SELECTOR, ".row-check")
        if not boxes:
            continue
        want = tr.find_elements(By.TAG_NAME, "td")[index].text in wanted
        if boxes[0].is_selected() != want:
            boxes[0].click()
        wait(driver).until(lambda d: ("selected" in (tr.get_attribute("class") or "").split()) == want)


def act(driver, label, path_pattern):
    """Clicks a toolbar button that opens a page for the selected row (编辑, 查看, 历史) and waits for it."""
    tool(driver, label).click()
    wait(driver).until(lambda d: re.fullmatch(path_pattern, urlpath(d))
                       and d.execute_script("return document.readyState") == "complete")


def run_on_selection(driver, label, confirmation, path):
    """A toolbar button that posts the selection after asking (审核上报); back on the list, returns the notice."""
    with new_page(driver, path):
        tool(driver, label).click()
        assert answer_dialog(driver) == confirmation
    return flash_text(driver)


def fill_form(driver, values):
    for key, value in values.items():
        if key == "job_type":
            Select(driver.find_element(By.ID, "f-job_type")).select_by_visible_text(value)
        elif key == "level":
            Select(driver.find_element(By.ID, "f-level")).select_by_value(value)
        elif key in ("inspection_date", "next_inspection_date", "certificate_issued", "certificate_expires"):
            set_date(driver, f"f-{key}", value)
        else:
            fill(driver, f"f-{key}", value)


def save(driver, path):
    submit_button(driver, "保存").click()
    wait_for_path(driver, path)
    return flash_text(driver)


# ---------------------------------------------------------------- filing what the archive needs


def log_in_company(driver, server, company):
    log_in(driver, server, company["username"], company["password"])
    wait_for_path(driver, "/")


def ensure_company_filing(driver, info, expected_row, tmp_path):
    """As the logged-in company: its information filed as `info` with an attachment and submitted, unless approved
    as that already. Returns whether it waits for review."""
    open_menu(driver, "维保信息上报", COMPANY_FILING)

    def row():
        rows = grid_rows(driver, "#company-grid")
        assert len(rows) == 1, rows
        return rows[0]

    def company_tool(label):
        box = driver.find_element(By.CSS_SELECTOR, "#company-grid .row-check")
        if not box.is_selected():
            box.click()
        return clickable(driver, (By.XPATH, f"//div[@data-grid='company-grid']/button[normalize-space()='{label}']"))

    matches = all(row()[title] == expected_row[title] for title in ("发证日期", "有效日期", "级别", "固定办公场所地址"))
    status = row()["审核状态"]
    if matches and status in ("通过", "审核中"):
        return status == "审核中"
    if status == "审核中":  # with other values: taken back to be corrected
        with new_page(driver, COMPANY_FILING):
            company_tool("撤回").click()
            assert answer_dialog(driver) == "确定要撤回审核中的信息吗？"
    company_tool("编辑").click()
    wait_for_path(driver, COMPANY_FILING + "/edit")
    if not driver.find_elements(By.CSS_SELECTOR, "#attachments li.file"):
        chooser = driver.find_element(By.CSS_SELECTOR, "#attachments input[type=file][name='files[]']")
        chooser.send_keys(f"{write_png(tmp_path / '资格证书.png')}\n{write_pdf(tmp_path / '维保合同.pdf')}")
        with new_page(driver, COMPANY_FILING + "/edit"):
            driver.find_element(
                By.XPATH, "//form[contains(@class,'upload-form')]//button[normalize-space()='上传']").click()
    fill_form(driver, info)
    save(driver, COMPANY_FILING)
    with new_page(driver, COMPANY_FILING):
        company_tool("审核上报").click()
        assert answer_dialog(driver) == "确定要将选中的信息审核上报吗？"
    assert flash_text(driver) == "已审核上报，请等待监管部门审核。"
    return True


def ensure_staff(driver):
    """As the example company: the people of STAFF added and submitted; returns those waiting for review."""
    open_menu(driver, "维保人员上报", STAFF_REGISTER)
    for person in STAFF:
        if person["name"] not in column(driver, "姓名"):
            tool(driver, "添加").click()
            wait_for_path(driver, STAFF_REGISTER + "/new")
            fill_form(driver, person)
            assert save(driver, STAFF_REGISTER) == f"已添加“{person['name']}”。请选中后单击“审核上报”进行备案。"
    return submit_waiting(driver, "姓名", [p["name"] for p in STAFF], "确定要将选中的人员信息审核上报吗？", STAFF_REGISTER)


def ensure_elevators(driver):
    """As the example company: ELEVATORS and PENDING filed with the manual's values (corrected where an earlier
    test left other values on one never approved) and submitted; returns the subjects of ELEVATORS waiting."""
    open_menu(driver, "电梯信息上报", ELEVATOR_REGISTER)
    for elevator in ELEVATORS + [PENDING]:
        code = elevator["registration_code"]
        rows = [r for r in rows_of(driver) if r["注册代码"] == code]
        if not rows:
            tool(driver, "添加").click()
            wait_for_path(driver, ELEVATOR_REGISTER + "/new")
            fill_form(driver, elevator)
            assert save(driver, ELEVATOR_REGISTER).startswith(f"已添加“{subject(elevator)}”。")
        elif rows[0]["审核状态"] in ("待上报", "未通过") and rows[0]["信息状态"] == "新增":
            select(driver, "注册代码", code)
            act(driver, "编辑", rf"{ELEVATOR_REGISTER}/{UUID}/edit")
            fill_form(driver, {key: elevator.get(key, "") for key in ELEVATOR_KEYS})
            save(driver, ELEVATOR_REGISTER)
    waiting = submit_waiting(driver, "注册代码", [e["registration_code"] for e in ELEVATORS + [PENDING]],
                             "确定要将选中的电梯信息审核上报吗？", ELEVATOR_REGISTER)
    return [subject(e) for e in ELEVATORS if e["registration_code"] in waiting]


def submit_waiting(driver, title, keys, confirmation, path):
    """审核上报 of those of `keys` (column `title`) not submitted yet; returns those of `keys` under review."""
    unsent = [r[title] for r in rows_of(driver) if r[title] in keys and r["审核状态"] in ("待上报", "未通过")]
    if unsent:
        select(driver, title, *unsent)
        assert run_on_selection(driver, "审核上报", confirmation, path).startswith("已审核上报")
    return [r[title] for r in rows_of(driver) if r[title] in keys and r["审核状态"] == "审核中"]


def approve(driver, server, kind, subjects, opinion=""):
    """As the logged-in regulator: 审核管理 → the tab of `kind` → 审核 → 通过, for each of `subjects`."""
    for name in subjects:
        driver.get(f"{server}/review?kind={kind}")
        wait_for_path(driver, "/review")
        row = driver.find_element(By.XPATH, f"//table[contains(@class,'grid')]//tr[td[normalize-space()='{name}']]")
        row.find_element(By.LINK_TEXT, "审核").click()
        wait(driver).until(lambda d: re.fullmatch(rf"/review/{UUID}", urlpath(d)))
        visible(driver, (By.CSS_SELECTOR, "table.compare"))
        fill(driver, "opinion", opinion)
        driver.find_element(By.XPATH, "//form[@id='decision-form']//button[normalize-space()='通过']").click()
        wait_for_path(driver, "/review")
        assert flash_text(driver) == f"已审核通过：{name}"


_ready = set()


def ensure_archive(driver, server, tmp_path):
    """Brings both companies' records to what the tests need (see the module's notes); ends logged out."""
    if server in _ready:
        return
    ensure_example_company(server)
    ensure_example_company(server, OTHER)

    log_in_company(driver, server, EXAMPLE_COMPANY)
    waiting = {"company": [COMPANY] if ensure_company_filing(driver, INFO, COMPANY_ROW, tmp_path) else [],
               "staff": ensure_staff(driver), "elevator": ensure_elevators(driver)}
    log_out(driver)
    if any(waiting.values()):
        # The 郑州市 regulator reviews the company of 巩义市.
        assert EXAMPLE_REGULATOR["region"] == ("河南省", "郑州市") and EXAMPLE_COMPANY["region_code"].startswith("4101")
        log_in_regulator(driver, server, create=True)
        for kind, subjects in waiting.items():
            approve(driver, server, kind, subjects)
        log_out(driver)

    log_in_company(driver, server, OTHER)
    other_waits = ensure_company_filing(driver, OTHER_INFO, OTHER_ROW, tmp_path)
    log_out(driver)
    if other_waits:
        log_in_regulator(driver, server, create=True, regulator=XINXIANG_REGULATOR)
        approve(driver, server, "company", [OTHER["name"]])
        log_out(driver)
    _ready.add(server)


# ---------------------------------------------------------------- the archive's pages


def open_archive(driver, page):
    title, path = page
    open_menu(driver, title, path)
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == title


def reopen(driver, page):
    """The list with no query, opened directly."""
    driver.get(driver.execute_script("return location.origin") + page[1])
    wait_for_path(driver, page[1])


def query_fields(driver):
    """The query form as shown: (label, input name) for a text box, (label, [choices]) for checkboxes."""
    fields = []
    path = "//form[@id='query-form']/*[self::label or self::span[contains(@class,'query-choices')]]"
    for element in driver.find_elements(By.XPATH, path):
        if element.tag_name == "label":
            fields.append((element.text, element.find_element(By.TAG_NAME, "input").get_attribute("name")))
        else:
            label = driver.execute_script("return arguments[0].firstChild.textContent.trim()", element)
            fields.append((label, [choice.text for choice in element.find_elements(By.TAG_NAME, "label")]))
    return fields


def page_shape(driver):
    """The query buttons, the toolbar and the column titles of the page."""
    return ([b.text for b in driver.find_elements(By.CSS_SELECTOR, "#query-form .btn")],
            [b.text for b in driver.find_elements(By.CSS_SELECTOR, "div[data-grid='register-grid'] > button")],
            [th.text.rstrip("↑↓↕") for th in driver.find_elements(By.CSS_SELECTOR, "#register-grid thead th")])


def clear_query(driver):
    clickable(driver, (By.XPATH, "//form[@id='query-form']//button[normalize-space()='清空']")).click()


def query(driver, page, **values):
    """清空, fills the query form (a list checks those checkboxes) and clicks 查找; returns the rows found."""
    clear_query(driver)
    for name, value in values.items():
        if isinstance(value, list):
            for choice in value:
                driver.find_element(By.CSS_SELECTOR, f"#query-form input[name='{name}'][value='{choice}']").click()
        else:
            driver.find_element(By.CSS_SELECTOR, f"#query-form input[name='{name}']").send_keys(value)
    with new_page(driver, page[1]):
        submit_button(driver, "查找").click()
    return rows_of(driver)


def empty_text(driver):
    return driver.find_element(By.CSS_SELECTOR, "#register-grid td.empty").text


def record(driver):
    """The fields of a 查看 page."""
    return {tr.find_element(By.TAG_NAME, "th").text: tr.find_element(By.TAG_NAME, "td").text
            for tr in driver.find_elements(By.CSS_SELECTOR, "table.record tr")}


def versions(driver):
    """The 历史 page: each approved version, newest first, with the fields that changed (label → (old, new);
    the first version: label → value)."""
    result = []
    for li in driver.find_elements(By.CSS_SELECTOR, "#archive-history > li.version"):
        head = li.find_element(By.CSS_SELECTOR, ".version-head")
        changes = {}
        for tr in li.find_elements(By.CSS_SELECTOR, "table.changes tbody tr"):
            cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            changes[cells[0]] = tuple(cells[1:]) if len(cells) == 3 else cells[1]
        result.append({"version": head.find_element(By.TAG_NAME, "strong").text,
                       "tag": head.find_element(By.CSS_SELECTOR, ".tag").text,
                       "meta": head.find_element(By.CSS_SELECTOR, ".muted").text,
                       "opinion": li.find_element(By.CSS_SELECTOR, ".version-opinion").text,
                       "changes": changes})
    return result


def export(driver, server, expected_name):
    """导出 of the page's query: the data-href keeps the query; returns the sheet's rows (header first)."""
    href = tool(driver, "导出").get_attribute("data-href")
    headers, body = fetch_as(driver, server + href)
    assert headers.get_content_type() == XLSX
    assert re.fullmatch(rf"{expected_name}-\d{{8}}\.xlsx", attachment_name(headers)), attachment_name(headers)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    return href, [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def as_table(driver):
    """The page's rows as lists of cell texts, in the columns' order (the selection column left out)."""
    titles = page_shape(driver)[2][1:]
    return titles, [[row[t] for t in titles] for row in rows_of(driver)]


# ---------------------------------------------------------------- 1. the three lists


def test_the_three_lists_show_the_approved_records_in_the_manuals_columns(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)

    # The company: its own approved records, under 维保公司数据查询 in the menu.
    log_in_company(driver, server, EXAMPLE_COMPANY)
    section = driver.find_element(By.XPATH, "//aside[@id='sidebar']//*[normalize-space(text())='维保公司数据查询']")
    assert section.is_displayed()
    open_archive(driver, ELEVATORS_PAGE)
    # No 维保单位 to query by for a company: it sees only its own elevators.
    assert query_fields(driver) == [("设备注册代码：", "registration_code"), ("救援电梯编号：", "rescue_code")]
    buttons, toolbar, titles = page_shape(driver)
    # The company also prints its elevators' QR stickers from here (维保签到, issue 15).
    assert (buttons, toolbar) == (QUERY_BUTTONS, TOOLBAR + ["打印安全码"])
    assert titles[0] == "" and titles[1:10] == ELEVATOR_COLUMNS, titles
    for elevator in ELEVATORS:
        row = row_where(driver, "注册代码", elevator["registration_code"])
        assert {t: row[t] for t in ELEVATOR_COLUMNS} == manual_row(elevator)
    # Submitted but not reviewed, or never submitted: not in the archive.
    shown = set(column(driver, "注册代码"))
    assert PENDING["registration_code"] not in shown
    open_menu(driver, "电梯信息上报", ELEVATOR_REGISTER)
    approved = {r["注册代码"] for r in rows_of(driver) if r["审核状态"] == "通过" or r["信息状态"] == "更改"}
    assert row_where(driver, "注册代码", PENDING["registration_code"])["审核状态"] == "审核中"
    assert shown <= approved, (shown, approved)

    open_archive(driver, COMPANIES_PAGE)
    assert query_fields(driver) == [("单位名称：", "name"), ("资格证书编号：", "certificate_no"),
                                    ("级别：", ["A级", "B级", "C级"])]
    buttons, toolbar, titles = page_shape(driver)
    assert (buttons, toolbar, titles) == (QUERY_BUTTONS, TOOLBAR, [""] + COMPANY_COLUMNS)
    assert rows_of(driver) == [{"": "", **COMPANY_ROW}]

    open_archive(driver, STAFF_PAGE)
    assert query_fields(driver) == [("维保人姓名：", "name"), ("维保人手机：", "phone")]
    buttons, toolbar, titles = page_shape(driver)
    assert (buttons, toolbar, titles) == (QUERY_BUTTONS, TOOLBAR, [""] + STAFF_COLUMNS)
    for person in STAFF:  # the company sees its people's ID numbers in full
        assert row_where(driver, "姓名", person["name"]) == {"": "", **staff_row(person)}
    assert set(column(driver, "单位名称")) == {COMPANY}
    log_out(driver)

    # The regulator of 郑州市: the company's records, 维保单位 / 单位名称 to query by; not 新乡市's company.
    log_in_regulator(driver, server, create=True)
    open_archive(driver, ELEVATORS_PAGE)
    assert query_fields(driver) == [("维保单位：", "company"), ("设备注册代码：", "registration_code"),
                                    ("救援电梯编号：", "rescue_code")]
    buttons, toolbar, titles = page_shape(driver)
    assert (buttons, toolbar) == (QUERY_BUTTONS, TOOLBAR)
    assert titles[1:10] == ELEVATOR_COLUMNS and titles[10:] == ["维保单位"], titles
    for elevator in ELEVATORS:
        row = row_where(driver, "注册代码", elevator["registration_code"])
        assert {t: row[t] for t in ELEVATOR_COLUMNS} == manual_row(elevator)
        assert row["维保单位"] == COMPANY
    assert PENDING["registration_code"] not in column(driver, "注册代码")
    assert driver.execute_script(
        "var w = document.querySelector('#register-grid').closest('.table-wrap');"
        "return w.scrollWidth <= w.clientWidth;"), "the archive list is wider than the screen"
    screenshot(driver, "archive-elevators")

    open_archive(driver, COMPANIES_PAGE)
    assert query_fields(driver)[0] == ("单位名称：", "name")
    assert rows_of(driver) == [{"": "", **COMPANY_ROW}]

    open_archive(driver, STAFF_PAGE)
    assert query_fields(driver) == [("单位名称：", "company"), ("维保人姓名：", "name"), ("维保人手机：", "phone")]
    for person in STAFF:  # a regulator sees ID numbers in full
        assert row_where(driver, "姓名", person["name"]) == {"": "", **staff_row(person)}
    log_out(driver)


# ---------------------------------------------------------------- 2. queries


def test_query_by_part_of_a_code_by_company_by_level_and_by_name(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)
    codes = [e["registration_code"] for e in ELEVATORS]

    log_in_regulator(driver, server, create=True)
    open_archive(driver, ELEVATORS_PAGE)
    everything = sorted(column(driver, "注册代码"))
    assert set(codes) <= set(everything)

    # Part of a registration code: the last digits on the car's plate, or its beginning.
    assert [r["注册代码"] for r in query(driver, ELEVATORS_PAGE, registration_code="14010")] == [codes[1]]
    box = driver.find_element(By.CSS_SELECTOR, "#query-form input[name='registration_code']")
    assert box.get_attribute("value") == "14010"  # the query stays in the form
    assert "registration_code=14010" in tool(driver, "导出").get_attribute("data-href")
    # 31104114002015070 matches too, but is still under review.
    found = query(driver, ELEVATORS_PAGE, registration_code="3110411400201")
    assert sorted(r["注册代码"] for r in found) == sorted(codes[1:])
    assert query(driver, ELEVATORS_PAGE, registration_code="2015070") == []
    assert empty_text(driver) == "没有符合条件的电梯档案"
    # The 救援电梯编号, and the 维保单位 by part of its name.
    assert [r["注册代码"] for r in query(driver, ELEVATORS_PAGE, rescue_code="50321")] == [codes[0]]
    assert [r["注册代码"] for r in query(driver, ELEVATORS_PAGE, company="凯旋", registration_code="14010")] == [codes[1]]
    assert query(driver, ELEVATORS_PAGE, company="安达") == []
    # 清空 empties the form without searching; 显示 shows everything again.
    clear_query(driver)
    assert all(i.get_attribute("value") == "" for i in driver.find_elements(By.CSS_SELECTOR, "#query-form input"))
    with new_page(driver, ELEVATORS_PAGE[1]):
        clickable(driver, (By.XPATH, "//form[@id='query-form']//a[normalize-space()='显示']")).click()
    assert sorted(column(driver, "注册代码")) == everything

    # 维保人员信息: by part of the name, by part of the telephone number, by 单位名称.
    open_archive(driver, STAFF_PAGE)
    assert [r["姓名"] for r in query(driver, STAFF_PAGE, name="金生")] == ["马金生"]
    assert [r["姓名"] for r in query(driver, STAFF_PAGE, name="李明", company="凯旋")] == ["李明力"]
    assert [r["姓名"] for r in query(driver, STAFF_PAGE, phone="09231")] == ["李明力"]
    assert query(driver, STAFF_PAGE, name="金生", company="安达") == []
    assert empty_text(driver) == "没有符合条件的维保人员"

    # 维保公司信息: 级别 B is the 新乡市 company's, outside this regulator's region.
    open_archive(driver, COMPANIES_PAGE)
    assert query(driver, COMPANIES_PAGE, level=["B级"]) == []
    assert [r["单位名称"] for r in query(driver, COMPANIES_PAGE, level=["A级", "B级"])] == [COMPANY]
    log_out(driver)

    # The administrator sees both companies: 级别 checkboxes, 单位名称, 资格证书编号.
    log_in(driver, server, "admin", ADMIN_PASSWORD)
    wait_for_path(driver, "/")
    open_archive(driver, COMPANIES_PAGE)
    assert {r["单位名称"] for r in rows_of(driver)} >= {COMPANY, OTHER["name"]}
    assert [r["单位名称"] for r in query(driver, COMPANIES_PAGE, level=["A级"])] == [COMPANY]
    checked = [b.get_attribute("value")
               for b in driver.find_elements(By.CSS_SELECTOR, "#query-form input[name='level']:checked")]
    assert checked == ["A级"]  # the query stays in the form
    assert query(driver, COMPANIES_PAGE, level=["B级"]) == [{"": "", **OTHER_ROW}]
    found = query(driver, COMPANIES_PAGE, level=["A级", "B级"])
    assert sorted(r["单位名称"] for r in found) == sorted([COMPANY, OTHER["name"]])
    assert query(driver, COMPANIES_PAGE, level=["C级"]) == []
    assert empty_text(driver) == "没有符合条件的维保单位"
    assert [r["单位名称"] for r in query(driver, COMPANIES_PAGE, name="安达")] == [OTHER["name"]]
    assert [r["单位名称"] for r in query(driver, COMPANIES_PAGE, certificate_no="ts3344")] == [COMPANY]
    assert query(driver, COMPANIES_PAGE, name="凯旋", level=["B级"]) == []


# ---------------------------------------------------------------- 3. 查看


def test_view_shows_the_approved_version(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)
    log_in_company(driver, server, EXAMPLE_COMPANY)

    # Buttons that act on one row say so.
    open_archive(driver, ELEVATORS_PAGE)
    for label in ("查看", "历史"):
        tool(driver, label).click()
        assert answer_dialog(driver) == "请先选择一条记录"
    select(driver, "注册代码", *[e["registration_code"] for e in ELEVATORS[:2]])
    for label in ("查看", "历史"):
        tool(driver, label).click()
        assert answer_dialog(driver) == "请只选择一条记录"
    assert urlpath(driver) == ELEVATORS_PAGE[1]

    # An elevator: every field of the approved version.
    elevator = ELEVATORS[0]
    select(driver, "注册代码", elevator["registration_code"])
    act(driver, "查看", rf"{ELEVATORS_PAGE[1]}/{UUID}")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"{subject(elevator)} 电梯档案"
    assert re.fullmatch(r"经监管部门审核通过的第 \d+ 版，审核通过时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}。",
                        driver.find_element(By.CSS_SELECTOR, ".panel-intro").text)
    shown = record(driver)
    assert shown == {"设备名称": "乘客电梯", "注册代码": "31004114002009090", "内部编号": "", "救援电梯编号": "50321",
                     "检验日期": "2014-12-02", "下次检验日期": "2015-12-02", "责任单位": "虞城县正德大酒店",
                     "制造单位": "上海三菱电梯有限公司", "安全管理员": "", "安全管理员电话": "",
                     "行政区划": EXAMPLE_COMPANY["region_name"], "安装地址": ""}, shown
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, ELEVATORS_PAGE[1])

    # The company: its information and the attachments of the approved version.
    open_archive(driver, COMPANIES_PAGE)
    select(driver, "单位名称", COMPANY)
    act(driver, "查看", rf"{COMPANIES_PAGE[1]}/{UUID}")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"{COMPANY} 维保单位档案"
    shown = record(driver)
    assert {k: shown[k] for k in ("单位名称", "资格证书编号", "行政区划", "发证日期", "有效日期", "级别", "固定办公场所地址", "联系电话")} \
        == {"单位名称": COMPANY, "资格证书编号": EXAMPLE_COMPANY["certificate_no"], "行政区划": EXAMPLE_COMPANY["region_name"],
            "发证日期": "2013-05-06", "有效日期": "2016-09-08", "级别": "A级", "固定办公场所地址": "巩义市人民路34号",
            "联系电话": shown["联系电话"]}
    files = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.files li.file .file-name")]
    assert {"资格证书.png"} <= set(files), files
    assert driver.find_elements(By.CSS_SELECTOR, "ul.files form") == []  # read-only: nothing to delete here
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, COMPANIES_PAGE[1])

    # A person.
    open_archive(driver, STAFF_PAGE)
    person = STAFF[0]
    select(driver, "姓名", person["name"])
    act(driver, "查看", rf"{STAFF_PAGE[1]}/{UUID}")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"{person['name']} 维保人员档案"
    assert record(driver) == {"姓名": person["name"], "工种": person["job_type"], "身份证号": person["id_number"],
                              "证书号": person["certificate_no"], "发证日期": person["certificate_issued"],
                              "有效日期": person["certificate_expires"], "联系方式": person["phone"]}


# ---------------------------------------------------------------- 4. an edit after approval, and 历史


def test_an_edit_reaches_the_archive_only_when_approved_and_history_shows_it(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)
    original = next(e for e in ELEVATORS if e["registration_code"] == EDITED_CODE)

    def archived_row():
        reopen(driver, ELEVATORS_PAGE)
        return row_where(driver, "注册代码", EDITED_CODE)

    def archived_record():
        reopen(driver, ELEVATORS_PAGE)
        select(driver, "注册代码", EDITED_CODE)
        act(driver, "查看", rf"{ELEVATORS_PAGE[1]}/{UUID}")
        return record(driver)

    # The company changes the approved elevator: 待上报/更改 in its register, the archive unchanged.
    log_in_company(driver, server, EXAMPLE_COMPANY)
    before = archived_row()
    assert {t: before[t] for t in ELEVATOR_COLUMNS} == manual_row(original)
    open_menu(driver, "电梯信息上报", ELEVATOR_REGISTER)
    select(driver, "注册代码", EDITED_CODE)
    act(driver, "编辑", rf"{ELEVATOR_REGISTER}/{UUID}/edit")
    fill_form(driver, EDIT)
    save(driver, ELEVATOR_REGISTER)
    row = row_where(driver, "注册代码", EDITED_CODE)
    assert (row["审核状态"], row["信息状态"], row["检验日期"]) == ("待上报", "更改", EDIT["inspection_date"])
    assert archived_row() == before
    assert archived_record()["检验日期"] == original["inspection_date"]

    # Submitted: still the approved values while under review.
    open_menu(driver, "电梯信息上报", ELEVATOR_REGISTER)
    select(driver, "注册代码", EDITED_CODE)
    assert run_on_selection(driver, "审核上报", "确定要将选中的电梯信息审核上报吗？", ELEVATOR_REGISTER) == "已审核上报1台。"
    assert archived_row() == before
    log_out(driver)

    log_in_regulator(driver, server, create=True)
    assert archived_row() == before  # the regulator's archive too
    approve(driver, server, "elevator", [subject(original)], opinion=EDIT_OPINION)

    # Approved: the new values in the list and under 查看; 历史 shows the change.
    after = archived_row()
    assert {t: after[t] for t in ELEVATOR_COLUMNS} == manual_row({**original, **EDIT})
    shown = archived_record()
    assert {label: shown[label] for label in EDIT_LABELS.values()} == {EDIT_LABELS[k]: v for k, v in EDIT.items()}
    reopen(driver, ELEVATORS_PAGE)
    select(driver, "注册代码", EDITED_CODE)
    act(driver, "历史", rf"{ELEVATORS_PAGE[1]}/{UUID}/history")
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == f"{subject(original)} 电梯档案历史"
    history = versions(driver)
    assert [v["version"] for v in history] == ["第 2 版", "第 1 版"], history
    newest, first = history
    assert newest["changes"] == {EDIT_LABELS[k]: (original.get(k, ""), v) for k, v in EDIT.items()}, newest
    assert newest["opinion"] == f"审核意见：{EDIT_OPINION}"
    reviewer = f"{EXAMPLE_REGULATOR['name']}（{EXAMPLE_REGULATOR['username']}）"
    for version in history:  # when, by whom, and the elevator's maintenance company at the time
        assert re.fullmatch(rf"\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}} · 审核人 {reviewer} · 维保单位 {COMPANY}",
                            version["meta"]), version["meta"]
    assert first["tag"] == "首次备案"
    assert first["changes"]["注册代码"] == EDITED_CODE and first["changes"]["检验日期"] == original["inspection_date"]
    screenshot(driver, "archive-history")

    # The company sees the same history.
    log_out(driver)
    log_in_company(driver, server, EXAMPLE_COMPANY)
    reopen(driver, ELEVATORS_PAGE)
    select(driver, "注册代码", EDITED_CODE)
    act(driver, "历史", rf"{ELEVATORS_PAGE[1]}/{UUID}/history")
    assert versions(driver) == history


# ---------------------------------------------------------------- 5. 导出


def test_export_is_the_query_as_a_spreadsheet(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)
    log_in_regulator(driver, server, create=True)

    # 电梯档案管理, queried by part of a code: the sheet holds exactly the rows shown, in the page's columns.
    open_archive(driver, ELEVATORS_PAGE)
    query(driver, ELEVATORS_PAGE, registration_code="3110411400201")
    titles, shown = as_table(driver)
    href, sheet = export(driver, server, "电梯档案管理")
    assert href.startswith(ELEVATORS_PAGE[1] + "/export?") and "registration_code=3110411400201" in href, href
    assert sheet[0] == titles
    assert sorted(sheet[1:]) == sorted(shown) and len(shown) == 2
    reopen(driver, ELEVATORS_PAGE)
    titles, shown = as_table(driver)
    _, sheet = export(driver, server, "电梯档案管理")
    assert sorted(sheet[1:]) == sorted(shown)
    assert PENDING["registration_code"] not in [r[titles.index("注册代码")] for r in sheet[1:]]

    # 维保人员信息: ID numbers in full for the regulator.
    open_archive(driver, STAFF_PAGE)
    query(driver, STAFF_PAGE, company="凯旋")
    titles, shown = as_table(driver)
    _, sheet = export(driver, server, "维保人员信息")
    assert sheet[0] == titles == STAFF_COLUMNS
    assert sorted(sheet[1:]) == sorted(shown)
    for person in STAFF:
        assert [*staff_row(person).values()] in sheet[1:]
    log_out(driver)

    # 维保公司信息 as the administrator, two 级别 checked: both kept in the export's query.
    log_in(driver, server, "admin", ADMIN_PASSWORD)
    wait_for_path(driver, "/")
    open_archive(driver, COMPANIES_PAGE)
    query(driver, COMPANIES_PAGE, level=["A级", "B级"])
    titles, shown = as_table(driver)
    href, sheet = export(driver, server, "维保公司信息")
    assert sheet[0] == titles == COMPANY_COLUMNS
    assert sorted(sheet[1:]) == sorted(shown) == sorted([list(COMPANY_ROW.values()), list(OTHER_ROW.values())]), href


# ---------------------------------------------------------------- 6. who sees what


def test_each_sees_their_own_and_an_administrator_sees_id_numbers_masked(server, driver, tmp_path):
    ensure_archive(driver, server, tmp_path)

    # The regulator of 新乡市: its company only, none of 巩义市's records.
    log_in_regulator(driver, server, create=True, regulator=XINXIANG_REGULATOR)
    open_archive(driver, COMPANIES_PAGE)
    assert rows_of(driver) == [{"": "", **OTHER_ROW}]
    open_archive(driver, ELEVATORS_PAGE)
    assert not set(column(driver, "注册代码")) & {e["registration_code"] for e in ELEVATORS}
    open_archive(driver, STAFF_PAGE)
    assert COMPANY not in column(driver, "单位名称")
    log_out(driver)

    # The other company sees only its own information.
    log_in_company(driver, server, OTHER)
    open_archive(driver, COMPANIES_PAGE)
    assert rows_of(driver) == [{"": "", **OTHER_ROW}]
    open_archive(driver, ELEVATORS_PAGE)
    assert rows_of(driver) == []
    assert empty_text(driver) == "没有符合条件的电梯档案"
    log_out(driver)

    # The administrator: everybody, ID numbers masked in the list, under 查看 and in the export.
    log_in(driver, server, "admin", ADMIN_PASSWORD)
    wait_for_path(driver, "/")
    open_archive(driver, STAFF_PAGE)
    person = STAFF[0]
    hidden = staff_row(person, id_number=masked(person["id_number"]))
    assert row_where(driver, "姓名", person["name"]) == {"": "", **hidden}
    assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", n) for n in column(driver, "身份证号")), column(driver, "身份证号")
    _, sheet = export(driver, server, "维保人员信息")
    assert [*hidden.values()] in sheet[1:]
    assert person["id_number"] not in {cell for row in sheet for cell in row}
    select(driver, "姓名", person["name"])
    act(driver, "查看", rf"{STAFF_PAGE[1]}/{UUID}")
    assert record(driver)["身份证号"] == masked(person["id_number"])
    clickable(driver, (By.LINK_TEXT, "历史")).click()
    wait(driver).until(lambda d: urlpath(d).endswith("/history"))
    first = versions(driver)[-1]
    assert first["changes"]["身份证号"] == masked(person["id_number"])
    open_archive(driver, ELEVATORS_PAGE)
    assert {e["registration_code"] for e in ELEVATORS} <= set(column(driver, "注册代码"))
