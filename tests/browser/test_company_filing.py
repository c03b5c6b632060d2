"""The manual's §2.1 维保信息上报 and its review, in a real browser.

The manual's company edits its information, uploads its certificates, submits them (审核上报); a regulator
of 郑州市 rejects, the company corrects and submits again, the regulator approves; both see the history.
The tests run in file order against one server; the later ones need only the example company and work on
their own too.
"""

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (
    ADMIN_PASSWORD, DESKTOP, EXAMPLE_COMPANY, EXAMPLE_REGULATOR, answer_dialog, clickable, create_regulator,
    ensure_example_company, field_error, fill, flash_text, grid_rows, history, log_in, log_in_regulator, log_out,
    menu_link, new_page, open_menu, screenshot, set_date, statuses, submit_button, urlpath, visible, wait,
    wait_for_path, write_pdf, write_png,
)

COMPANY = EXAMPLE_COMPANY["name"]
# The manual's §3.2 row of the company, with the 联系电话 the issue gives.
INFO = {
    "certificate_issued": "2013-05-06",
    "certificate_expires": "2016-09-08",
    "level": "A",
    "office_address": "巩义市人民路34号",
    "phone": "0371-64321234",
}
CORRECTED_PHONE = "0371-64325678"
REJECTION = "资格证书扫描件不清晰，请重新上传"
# 郑州市 covers the company's 巩义市.
REGULATOR = EXAMPLE_REGULATOR
REGISTRATION_FIELDS = ["name", "certificate_no", "legal_person", "manager", "manager_phone", "address", "region_code"]


# ---------------------------------------------------------------- the company's pages


def filing_row(driver):
    """The one row of 维保信息上报, column title → text."""
    rows = grid_rows(driver, "#company-grid")
    assert len(rows) == 1, rows
    return rows[0]


def toolbar_button(driver, text):
    return clickable(driver, (By.XPATH, f"//div[@data-grid='company-grid']/button[normalize-space()='{text}']"))


def select_company_row(driver):
    box = driver.find_element(By.CSS_SELECTOR, "#company-grid .row-check")
    if not box.is_selected():
        box.click()
    wait(driver).until(lambda d: "selected" in box.find_element(By.XPATH, "./ancestor::tr").get_attribute("class"))


def act(driver, button, path):
    """Selects the company and clicks a toolbar button that opens a page (编辑, 查看)."""
    select_company_row(driver)
    toolbar_button(driver, button).click()
    wait_for_path(driver, path)


def fill_info(driver, values):
    for key, value in values.items():
        if key in ("certificate_issued", "certificate_expires"):
            set_date(driver, f"f-{key}", value)
        elif key == "level":
            Select(driver.find_element(By.ID, "f-level")).select_by_value(value)
        else:
            fill(driver, f"f-{key}", value)


def save_info(driver):
    submit_button(driver, "保存").click()
    wait_for_path(driver, "/filing/company")
    assert flash_text(driver) == "已保存。信息修改后需要选中本单位并单击“审核上报”，经监管部门审核通过后生效。"


def attachment_names(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#attachments li.file .file-name")]


def upload(driver, *paths):
    """Chooses several files at once in the attachments panel (as with Ctrl held down) and uploads them."""
    chooser = driver.find_element(By.CSS_SELECTOR, "#attachments input[type=file][name='files[]']")
    assert chooser.get_attribute("multiple") is not None
    chooser.send_keys("\n".join(str(p) for p in paths))
    with new_page(driver, "/filing/company/edit"):
        driver.find_element(By.XPATH, "//form[contains(@class,'upload-form')]//button[normalize-space()='上传']").click()


def submit_for_review(driver):
    select_company_row(driver)
    with new_page(driver, "/filing/company"):
        toolbar_button(driver, "审核上报").click()
        assert answer_dialog(driver) == "确定要将选中的信息审核上报吗？"
    assert flash_text(driver) == "已审核上报，请等待监管部门审核。"
    assert filing_row(driver)["审核状态"] == "审核中"


def withdraw_if_under_review(driver):
    """撤回, when an earlier test stopped while the information was 审核中 (locked)."""
    if filing_row(driver)["审核状态"] != "审核中":
        return
    select_company_row(driver)
    with new_page(driver, "/filing/company"):
        toolbar_button(driver, "撤回").click()
        assert answer_dialog(driver) == "确定要撤回审核中的信息吗？"
    assert flash_text(driver) == "已撤回，可以修改后重新审核上报。"
    assert filing_row(driver)["审核状态"] == "待上报"


def versions(driver):
    """The 审核通过的版本 table of the history panel."""
    tables = driver.find_elements(By.XPATH, "//h3[normalize-space()='审核通过的版本']/following-sibling::div[1]//table")
    return grid_rows(driver, tables[0]) if tables else []


def assert_history_of_the_filing(driver):
    """What company and regulator both see: two submissions, the rejection with its reason, the corrected
    telephone number and the approval by the regulator."""
    entries = history(driver)
    assert [e["action"] for e in entries] == [
        "审核通过", "审核上报", "修改", "驳回", "审核上报", "修改", "修改", "新增"], entries
    approval, _, correction, rejection, _, uploading, editing, _ = entries
    assert approval["statuses"] == "审核中/新增 → 通过/正常使用"
    assert rejection["opinion"] == "审核意见：" + REJECTION
    assert rejection["statuses"] == "审核中/新增 → 未通过/新增"
    assert correction["changes"] == {"联系电话": (INFO["phone"], CORRECTED_PHONE)}
    assert editing["changes"]["联系电话"] == ("", INFO["phone"])
    assert editing["changes"]["级别"] == ("", "A级")
    assert set(uploading["changes"]) == {"附件"}
    (version,) = versions(driver)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", version.pop("通过时间"))
    reviewer = f"{REGULATOR['name']}（{REGULATOR['username']}）"
    assert version == {"版本": "第1版", "审核人": reviewer, "审核意见": "已通过", "信息状态": "正常使用"}


# ---------------------------------------------------------------- the regulator's pages


def open_review_of_the_company(driver):
    open_menu(driver, "审核管理", "/review")
    row = driver.find_element(By.XPATH, f"//table[contains(@class,'grid')]//tr[td[normalize-space()='{COMPANY}']]")
    row.find_element(By.LINK_TEXT, "审核").click()
    wait(driver).until(lambda d: re.fullmatch(r"/review/[0-9A-Fa-f-]{36}", urlpath(d)))
    visible(driver, (By.CSS_SELECTOR, "table.compare"))


def comparison(driver):
    """The review page's table: label → (approved, submitted, highlighted)."""
    rows = {}
    for tr in driver.find_elements(By.CSS_SELECTOR, "table.compare tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        changed = "changed" in (tr.get_attribute("class") or "").split()
        rows[tr.find_element(By.TAG_NAME, "th").text] = (cells[0].text, cells[1].text, changed)
    return rows


def decide(driver, button, opinion=""):
    fill(driver, "opinion", opinion)
    driver.find_element(By.XPATH, f"//form[@id='decision-form']//button[normalize-space()='{button}']").click()


def queue_badge(driver):
    """The count beside 审核管理 in the menu; None when nothing waits."""
    badges = menu_link(driver, "审核管理").find_elements(By.CSS_SELECTOR, ".badge")
    return badges[0].text if badges else None


def log_in_company(driver, server):
    log_in(driver, server, EXAMPLE_COMPANY["username"], EXAMPLE_COMPANY["password"])
    wait_for_path(driver, "/")
    open_menu(driver, "维保信息上报", "/filing/company")


def ensure_approved_company(driver, server, tmp_path):
    """Brings the example company to 通过 if it is not (a test run on its own), and ends logged out."""
    ensure_example_company(server)
    log_in_company(driver, server)
    if filing_row(driver)["审核状态"] != "通过":
        withdraw_if_under_review(driver)
        act(driver, "编辑", "/filing/company/edit")
        fill_info(driver, INFO)
        save_info(driver)
        act(driver, "编辑", "/filing/company/edit")
        upload(driver, write_png(tmp_path / "资格证书.png"), write_pdf(tmp_path / "维保合同.pdf"))
        clickable(driver, (By.LINK_TEXT, "返回")).click()
        wait_for_path(driver, "/filing/company")
        submit_for_review(driver)
        log_out(driver)
        log_in_regulator(driver, server, create=True)
        open_review_of_the_company(driver)
        decide(driver, "通过")
        wait_for_path(driver, "/review")
    log_out(driver)


# ---------------------------------------------------------------- 1. the whole flow


def test_company_files_its_information_and_a_regulator_rejects_then_approves(server, driver, tmp_path):
    ensure_example_company(server)
    certificate = write_png(tmp_path / "资格证书.png")
    contract = write_pdf(tmp_path / "维保合同.pdf")

    # The company: 维保信息上报 shows its one row, registered but not filed yet.
    log_in_company(driver, server)
    assert driver.find_element(By.CSS_SELECTOR, "h1.page-title").text == "维保信息上报"
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("待上报", "新增", "")
    assert (row["单位名称"], row["资格证书编号"], row["行政区划"]) == (
        COMPANY, EXAMPLE_COMPANY["certificate_no"], EXAMPLE_COMPANY["region_name"])

    # The toolbar acts on the selected row and says so when none is selected.
    for button in ("编辑", "审核上报"):
        toolbar_button(driver, button).click()
        assert answer_dialog(driver) == "请先选择一条记录"
    assert urlpath(driver) == "/filing/company"

    # 编辑: the registration fields (marked, as the manual marks them in red) and the qualification details.
    act(driver, "编辑", "/filing/company/edit")
    registered = {e.find_element(By.CSS_SELECTOR, "label").get_attribute("for")
                  for e in driver.find_elements(By.CSS_SELECTOR, ".field.registered")}
    assert registered == {f"f-{name}" for name in REGISTRATION_FIELDS}
    assert driver.find_element(By.ID, "f-name").get_attribute("value") == COMPANY
    assert driver.find_element(By.ID, "f-region_code-display").get_attribute("value") == EXAMPLE_COMPANY["region_name"]
    for key in ("certificate_issued", "certificate_expires"):
        assert driver.find_element(By.ID, f"f-{key}").get_attribute("type") == "date"
    assert [o.text for o in Select(driver.find_element(By.ID, "f-level")).options] == ["请选择", "A级", "B级", "C级"]
    fill_info(driver, INFO)
    save_info(driver)
    row = filing_row(driver)
    assert (row["发证日期"], row["有效日期"], row["级别"], row["固定办公场所地址"]) == (
        "2013-05-06", "2016-09-08", "A级", "巩义市人民路34号")
    assert row["审核状态"] == "待上报"

    # Two attachments chosen at once.
    act(driver, "编辑", "/filing/company/edit")
    assert attachment_names(driver) == []
    upload(driver, certificate, contract)
    assert flash_text(driver) == "已上传2个附件。附件变更后需要重新审核上报。"
    assert sorted(attachment_names(driver)) == sorted(["资格证书.png", "维保合同.pdf"])
    assert len(driver.find_elements(By.CSS_SELECTOR, "#attachments li.file img")) == 1  # the PNG's thumbnail
    assert len(driver.find_elements(By.CSS_SELECTOR, "#attachments li.file .thumb.pdf")) == 1
    assert driver.find_element(By.ID, "f-phone").get_attribute("value") == INFO["phone"]  # the saved values
    driver.execute_script("document.getElementById('attachments').scrollIntoView({block: 'end'});")
    screenshot(driver, "company-edit")

    # 审核上报 asks first, then the row is 审核中 and the information is locked.
    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, "/filing/company")
    submit_for_review(driver)
    act(driver, "编辑", "/filing/company/edit")
    assert "信息正在审核中，不能修改" in driver.find_element(By.CSS_SELECTOR, ".flash.flash-info").text
    assert driver.find_element(By.CSS_SELECTOR, "form.form fieldset").get_attribute("disabled") is not None
    assert not driver.find_element(By.ID, "f-phone").is_enabled()
    assert not driver.find_element(By.XPATH, "//button[@type='submit' and normalize-space()='保存']").is_enabled()
    assert driver.find_elements(By.CSS_SELECTOR, "#attachments input[type=file]") == []
    assert driver.find_elements(By.XPATH, "//button[normalize-space()='删除']") == []
    log_out(driver)

    # The administrator creates a regulator for 郑州市.
    log_in(driver, server, "admin", ADMIN_PASSWORD)
    wait_for_path(driver, "/")
    create_regulator(driver, REGULATOR["username"], REGULATOR["name"], REGULATOR["region"], REGULATOR["password"])
    assert f"已创建账号 {REGULATOR['username']}" in flash_text(driver)
    log_out(driver)

    # The regulator: one record waits; the review page shows what was submitted and the attachments.
    log_in_regulator(driver, server)
    assert queue_badge(driver) == "1"
    open_menu(driver, "审核管理", "/review")
    tab = driver.find_element(By.CSS_SELECTOR, "nav.tabs a.active")
    assert tab.text == "维保单位1" and tab.find_element(By.CSS_SELECTOR, ".badge").text == "1"
    rows = grid_rows(driver, "table.grid")
    assert len(rows) == 1
    assert (rows[0]["类型"], rows[0]["维保单位"], rows[0]["名称"], rows[0]["信息状态"]) == ("维保单位", COMPANY, COMPANY, "新增")
    screenshot(driver, "review-queue")

    open_review_of_the_company(driver)
    compared = comparison(driver)
    assert compared["联系电话"] == ("（新增，无档案）", INFO["phone"], True)
    assert compared["发证日期"][1] == "2013-05-06" and compared["级别"][1] == "A级"
    previews = driver.find_elements(By.CSS_SELECTOR, ".previews figure.preview")
    assert sorted(p.find_element(By.CSS_SELECTOR, "figcaption a").text for p in previews) == ["维保合同.pdf", "资格证书.png"]
    assert len(driver.find_elements(By.CSS_SELECTOR, ".previews img")) == 1
    assert len(driver.find_elements(By.CSS_SELECTOR, ".previews iframe")) == 1

    # 驳回 needs a reason.
    review_path = urlpath(driver)
    with new_page(driver, review_path):
        decide(driver, "驳回")
    assert flash_text(driver) == "驳回时必须填写审核意见"
    decide(driver, "驳回", REJECTION)
    wait_for_path(driver, "/review")
    assert flash_text(driver) == f"已驳回：{COMPANY}"
    assert driver.find_element(By.CSS_SELECTOR, "table.grid td.empty").text == "暂无待审核的维保单位信息"
    assert queue_badge(driver) is None
    log_out(driver)

    # The company sees why, corrects the telephone number and submits again.
    log_in_company(driver, server)
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("未通过", "新增", REJECTION)
    act(driver, "编辑", "/filing/company/edit")
    fill_info(driver, {"phone": CORRECTED_PHONE})
    save_info(driver)
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"]) == ("待上报", "新增")
    submit_for_review(driver)
    log_out(driver)

    # The regulator reviews the new submission and approves it.
    log_in_regulator(driver, server)
    assert queue_badge(driver) == "1"
    open_review_of_the_company(driver)
    compared = comparison(driver)
    # Never approved, so it is compared with the rejected submission: only what changed since is highlighted.
    assert compared["联系电话"] == (INFO["phone"], CORRECTED_PHONE, True)
    assert compared["单位名称"] == (COMPANY, COMPANY, False)
    assert "上次上报（未通过）" in driver.find_element(By.CSS_SELECTOR, "table.compare thead").text
    # The heading, statuses and the whole comparison fit on the first screen.
    phone_row = driver.find_element(By.XPATH, "//table[contains(@class,'compare')]//tr[th[normalize-space()='联系电话']]")
    assert phone_row.rect["y"] + phone_row.rect["height"] <= DESKTOP[1]
    screenshot(driver, "review-detail")
    decide(driver, "通过")
    wait_for_path(driver, "/review")
    assert flash_text(driver) == f"已审核通过：{COMPANY}"
    assert queue_badge(driver) is None

    # ... and finds the history on the company's page, from 维保单位账号.
    open_menu(driver, "维保单位账号", "/companies")
    account = next(r for r in grid_rows(driver, "table.grid") if r["单位名称"] == COMPANY)
    assert (account["审核状态"], account["信息状态"]) == ("通过", "正常使用")
    clickable(driver, (By.LINK_TEXT, COMPANY)).click()
    wait(driver).until(lambda d: re.fullmatch(r"/companies/[0-9A-Fa-f-]{36}", urlpath(d)))
    assert statuses(driver) == {"审核状态": "通过", "信息状态": "正常使用", "审核意见": "已通过"}
    assert_history_of_the_filing(driver)
    assert driver.find_elements(By.LINK_TEXT, "审核") == []  # nothing left to decide
    log_out(driver)

    # The company: approved, and the same history under 查看.
    log_in_company(driver, server)
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("通过", "正常使用", "已通过")
    screenshot(driver, "company-filing")
    act(driver, "查看", "/filing/company/view")
    assert statuses(driver) == {"审核状态": "通过", "信息状态": "正常使用", "审核意见": "已通过"}
    record = {tr.find_element(By.TAG_NAME, "th").text: tr.find_element(By.TAG_NAME, "td").text
              for tr in driver.find_elements(By.CSS_SELECTOR, "table.record tr")}
    assert record["联系电话"] == CORRECTED_PHONE and record["固定办公场所地址"] == INFO["office_address"]
    assert_history_of_the_filing(driver)
    history_panel = driver.find_element(By.XPATH, "//h2[normalize-space()='历史记录']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", history_panel)
    screenshot(driver, "filing-history")


# ---------------------------------------------------------------- 2. a change after approval


def test_a_change_after_approval_is_compared_with_the_archive(server, driver, tmp_path):
    ensure_approved_company(driver, server, tmp_path)
    new_address = "巩义市人民路36号"

    log_in_company(driver, server)
    old_address = filing_row(driver)["固定办公场所地址"]
    act(driver, "编辑", "/filing/company/edit")
    fill_info(driver, {"office_address": new_address})
    save_info(driver)
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"], row["审核意见"], row["固定办公场所地址"]) == ("待上报", "更改", "", new_address)
    submit_for_review(driver)
    assert filing_row(driver)["信息状态"] == "更改"
    log_out(driver)

    # Only the changed field is highlighted, beside the approved value; the attachments are the approved ones.
    log_in_regulator(driver, server, create=True)
    open_review_of_the_company(driver)
    compared = comparison(driver)
    assert compared["固定办公场所地址"] == (old_address, new_address, True)
    assert [label for label, (_, _, changed) in compared.items() if changed] == ["固定办公场所地址"]
    assert compared["单位名称"] == (COMPANY, COMPANY, False)
    assert driver.find_elements(By.CSS_SELECTOR, ".previews figure.preview")
    assert driver.find_elements(By.CSS_SELECTOR, ".previews figure.preview.changed, .previews .tag") == []
    decide(driver, "通过", "同意变更")
    wait_for_path(driver, "/review")
    assert flash_text(driver) == f"已审核通过：{COMPANY}"
    log_out(driver)

    log_in_company(driver, server)
    row = filing_row(driver)
    assert (row["审核状态"], row["信息状态"], row["审核意见"]) == ("通过", "正常使用", "同意变更")
    act(driver, "查看", "/filing/company/view")
    assert [v["版本"] for v in versions(driver)] == [f"第{n}版" for n in range(len(versions(driver)), 0, -1)]
    newest = versions(driver)[0]
    assert (newest["审核意见"], newest["信息状态"]) == ("同意变更", "正常使用")
    change = next(e for e in history(driver) if e["action"] == "修改")
    assert change["changes"] == {"固定办公场所地址": (old_address, new_address)}
    assert change["statuses"] == "通过/正常使用 → 待上报/更改"


# ---------------------------------------------------------------- 3. mistakes in the form


def test_edit_errors_are_shown_beside_their_fields_and_nothing_is_saved(server, driver):
    ensure_example_company(server)
    log_in_company(driver, server)
    before = filing_row(driver)
    act(driver, "编辑", "/filing/company/edit")
    fill_info(driver, {**INFO, "certificate_issued": "2016-09-08", "certificate_expires": "2013-05-06",
                       "phone": "64321234", "credit_code": "91410181"})
    with new_page(driver, "/filing/company/edit"):
        submit_button(driver, "保存").click()

    assert field_error(driver, "certificate_expires") == "有效日期应晚于发证日期"
    assert field_error(driver, "phone") == "电话号码应为11位手机号码，或带区号的固定电话（如0373-1234567）"
    assert field_error(driver, "credit_code") == "统一社会信用代码应为18位，现为8位"
    wrong = {e.find_element(By.CSS_SELECTOR, "label").get_attribute("for")
             for e in driver.find_elements(By.CSS_SELECTOR, ".field.has-error")}
    assert wrong == {"f-certificate_expires", "f-phone", "f-credit_code"}
    # What was typed stays, to be corrected.
    assert driver.find_element(By.ID, "f-certificate_issued").get_attribute("value") == "2016-09-08"
    assert driver.find_element(By.ID, "f-phone").get_attribute("value") == "64321234"

    clickable(driver, (By.LINK_TEXT, "返回")).click()
    wait_for_path(driver, "/filing/company")
    assert filing_row(driver) == before


# ---------------------------------------------------------------- 4. files that are not what they claim


def test_an_upload_with_a_file_that_is_not_pdf_or_image_is_refused_whole(server, driver, tmp_path):
    ensure_example_company(server)
    good = write_png(tmp_path / "营业执照.png", width=120, height=80)
    fake = tmp_path / "假证书.pdf"
    fake.write_text("这不是PDF文件，只是改了扩展名的文本。", encoding="utf-8")

    log_in_company(driver, server)
    withdraw_if_under_review(driver)  # a failed run of the flow above may leave it so
    act(driver, "编辑", "/filing/company/edit")
    before = attachment_names(driver)
    upload(driver, good, fake)
    assert flash_text(driver) == ("上传失败，所有文件均未保存：“假证书.pdf”不是PDF、JPG或PNG文件（按文件内容判断），不能上传")
    assert attachment_names(driver) == before
    assert "营业执照.png" not in attachment_names(driver)

