"""维保记录 and the 监管看板 in a real browser (issue 7).

A company of 巩义市 files two certified workers and one elevator; the regulator of 郑州市 approves them. The company
then enters a visit from three weeks ago (entered late, as a clerk catching up): the regulator finds the elevator
on the dashboard's 超期未维保 list. The company records today's half-monthly visit with its two workers, on the
form the manual's clerks would use (载入维保项目, 全部设为正常, the workers, the user unit's confirmer), and the
elevator leaves the regulator's overdue list. The pictures of the form and the dashboard go to the README.
"""

import datetime
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (
    EXAMPLE_REGULATOR, clickable, set_viewport, ensure_example_company, fill, flash_text, log_in, log_in_regulator, log_out,
    new_page, open_menu, resident_id, screenshot, set_date, submit_button, urlpath, wait, wait_for_path,
)
from test_archive import UUID, act, approve, fill_form, rows_of, save, select, submit_waiting, tool
from test_registration_login import PHONE, assert_fits_phone

COMPANY = {"username": "gyhtwb", "password": "Gyht#2026ok", "name": "巩义市恒通电梯维保有限公司",
           "certificate_no": "TS3341A21-2020", "legal_person": "韩恒通", "manager": "韩晓东", "manager_phone": "13903711234",
           "address": "巩义市杜甫路8号", "region_code": "410181", "region_name": "河南省郑州市巩义市"}
TODAY = datetime.date.today()
ISSUED = (TODAY - datetime.timedelta(days=400)).isoformat()
EXPIRES = (TODAY + datetime.timedelta(days=1000)).isoformat()
WORKERS = [
    {"name": "韩磊", "job_type": "电梯维护人员", "id_number": resident_id("41018119900101123"), "certificate_no": "TF2024-10101",
     "certificate_issued": ISSUED, "certificate_expires": EXPIRES, "phone": "13903711001"},
    {"name": "杜鹏", "job_type": "电梯维护人员", "id_number": resident_id("41018119920202123"), "certificate_no": "TF2024-10102",
     "certificate_issued": ISSUED, "certificate_expires": EXPIRES, "phone": "13903711002"},
]
ELEVATOR = {"equipment_name": "曳引式客梯", "registration_code": "31104101812020051234", "internal_no": "1号梯",
            "inspection_date": (TODAY - datetime.timedelta(days=100)).isoformat(),
            "next_inspection_date": (TODAY + datetime.timedelta(days=265)).isoformat(),
            "user_unit": "巩义市杜甫花园物业服务有限公司", "manufacturer": "日立电梯（中国）有限公司"}
CODE = ELEVATOR["registration_code"]


def log_in_company(driver, server):
    log_in(driver, server, COMPANY["username"], COMPANY["password"])
    wait_for_path(driver, "/")


def ensure_approved(driver, server):
    """The company's two workers and its elevator, filed and approved (once per server)."""
    ensure_example_company(server, COMPANY)
    log_in_company(driver, server)
    open_menu(driver, "维保人员上报", "/filing/staff")
    for person in WORKERS:
        if person["name"] not in [r["姓名"] for r in rows_of(driver)]:
            tool(driver, "添加").click()
            wait_for_path(driver, "/filing/staff/new")
            fill_form(driver, person)
            save(driver, "/filing/staff")
    staff = submit_waiting(driver, "姓名", [p["name"] for p in WORKERS], "确定要将选中的人员信息审核上报吗？", "/filing/staff")
    open_menu(driver, "电梯信息上报", "/filing/elevators")
    if CODE not in [r["注册代码"] for r in rows_of(driver)]:
        tool(driver, "添加").click()
        wait_for_path(driver, "/filing/elevators/new")
        fill_form(driver, ELEVATOR)
        save(driver, "/filing/elevators")
    elevators = submit_waiting(driver, "注册代码", [CODE], "确定要将选中的电梯信息审核上报吗？", "/filing/elevators")
    log_out(driver)
    log_in_regulator(driver, server, create=True)
    # The review queue names a person by name, an elevator by its name and code.
    approve(driver, server, "staff", staff)
    approve(driver, server, "elevator", [f"{ELEVATOR['equipment_name']} {CODE}"] if elevators else [])
    log_out(driver)


def file_visit(driver, server, date, level="半月", picture=None):
    """As the logged-in company: 新增维保记录 of CODE on `date` with both workers, every item 正常."""
    open_menu(driver, "新增维保记录", "/maintenance/new")
    fill(driver, "f-registration_code", CODE)
    set_date(driver, "f-work_date", date)
    Select(driver.find_element(By.ID, "f-level")).select_by_visible_text(level)
    with new_page(driver):
        driver.find_element(By.XPATH, "//button[normalize-space()='载入维保项目']").click()
    heading = driver.find_element(By.XPATH, "//h2[starts-with(normalize-space(), '维保项目')]").text
    assert heading == "维保项目（31项）", heading
    # Submitting with nothing chosen names what is missing, and keeps what was typed.
    fill(driver, "f-confirmer_name", "杜经理")
    submit_button(driver, "提交维保记录").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "f-items-error"))
    assert "请为每个维保项目选择结果" in driver.find_element(By.ID, "f-items-error").text
    assert "至少选择2名维保人员" in driver.find_element(By.ID, "f-workers-error").text
    assert driver.find_element(By.ID, "f-confirmer_name").get_attribute("value") == "杜经理"
    clickable(driver, (By.CSS_SELECTOR, ".js-all-normal")).click()
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=workers]"):
        if not box.is_selected():
            box.click()
    fill(driver, "f-confirmer_phone", "0371-64325678")
    if picture:
        screenshot(driver, picture)
    with new_page(driver):
        submit_button(driver, "提交维保记录").click()
    assert re.fullmatch(r"/maintenance/[0-9A-F-]{36}", urlpath(driver)), urlpath(driver)
    assert flash_text(driver) == "维保记录已提交"


def overdue_codes(driver, server):
    driver.get(f"{server}/supervision/overdue")
    wait_for_path(driver, "/supervision/overdue")
    return [r["注册代码"] for r in rows_of(driver)]


def test_a_company_records_a_visit_with_two_workers_and_the_elevator_leaves_the_overdue_list(server, driver):
    ensure_approved(driver, server)
    log_in_company(driver, server)
    # A visit three weeks ago, entered only now.
    file_visit(driver, server, (TODAY - datetime.timedelta(days=21)).isoformat())
    record = driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "韩磊" in driver.page_source and "杜鹏" in driver.page_source and "补录" in record
    log_out(driver)

    log_in_regulator(driver, server)
    open_menu(driver, "监管看板", "/supervision")
    card = driver.find_element(By.XPATH, "//a[contains(@class,'card')][span[@class='card-title' and text()='超期未维保']]")
    assert int(card.find_element(By.CLASS_NAME, "card-value").text) >= 1
    screenshot(driver, "supervision")
    with new_page(driver, "/supervision/overdue"):
        card.click()
    assert CODE in [r["注册代码"] for r in rows_of(driver)]
    log_out(driver)

    log_in_company(driver, server)
    home = driver.find_element(By.XPATH, "//h2[starts-with(normalize-space(), '待办事项')]")
    assert home.is_displayed()
    file_visit(driver, server, TODAY.isoformat(), picture="maintenance-form")
    open_menu(driver, "维保记录", "/maintenance")
    rows = [r for r in rows_of(driver) if r["注册代码"] == CODE]
    assert [r["维保日期"] for r in rows][:2] == [TODAY.isoformat(), (TODAY - datetime.timedelta(days=21)).isoformat()]
    assert all(set(r["维保人员"].split("、")) == {"韩磊", "杜鹏"} for r in rows), rows
    log_out(driver)

    log_in_regulator(driver, server)
    assert CODE not in overdue_codes(driver, server)


def test_the_form_fits_a_phone_and_files_from_it(server, driver):
    """A worker on site fills in the record on a phone: no sideways scrolling, every item's four choices at hand."""
    ensure_approved(driver, server)
    set_viewport(driver, *PHONE, mobile=True)
    log_in_company(driver, server)
    driver.get(f"{server}/maintenance/new?registration_code={CODE}&level=半月&work_date={TODAY.isoformat()}")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".check-item"))
    assert_fits_phone(driver)
    first = driver.find_element(By.CSS_SELECTOR, ".check-item .check-choices")
    labels = first.find_elements(By.CSS_SELECTOR, "label.choice")
    assert [l.text.strip() for l in labels] == ["正常", "已调整", "已更换", "不适用"]
    assert all(l.size["height"] >= 30 for l in labels), [l.size for l in labels]  # a finger's target
    # One row of four choices.
    assert len({l.location["y"] for l in labels}) == 1
    labels[1].click()
    assert labels[1].find_element(By.TAG_NAME, "input").is_selected()
    screenshot(driver, "maintenance-phone")


def test_a_regulator_sets_an_elevators_own_interval_and_the_company_sees_it(server, driver):
    """按需维保: the regulator opens the elevator in 电梯档案管理, 设置维保周期 refuses 5 days beside the field
    (keeping what was typed), takes 30 days with its basis; the elevator's pages show the interval and its
    record to the regulator and to the company, and only the regulator has the button."""
    ensure_approved(driver, server)
    log_in_regulator(driver, server)
    driver.get(f"{server}/archive/elevators?registration_code={CODE}")
    wait_for_path(driver, "/archive/elevators")
    select(driver, "注册代码", CODE)
    act(driver, "查看", rf"/archive/elevators/{UUID}")
    view = urlpath(driver)
    with new_page(driver, view + "/interval"):
        driver.find_element(By.XPATH, "//a[normalize-space()='设置维保周期']").click()
    fill(driver, "f-interval_days", "5")
    fill(driver, "f-basis", "巩义市按需维保试点（巩市监〔2026〕3号）")
    submit_button(driver, "保存维保周期").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, "f-interval_days-error"))
    assert "维保周期应为7至90之间的整数天数" in driver.find_element(By.ID, "f-interval_days-error").text
    assert driver.find_element(By.ID, "f-basis").get_attribute("value") == "巩义市按需维保试点（巩市监〔2026〕3号）"
    fill(driver, "f-interval_days", "30")
    with new_page(driver, view):
        submit_button(driver, "保存维保周期").click()
    assert flash_text(driver) == "维保周期已设为30天"
    note = driver.find_element(By.CSS_SELECTOR, ".panel-note").text
    assert note.startswith("维保周期：30天（按需设置）；下次维保应不晚于"), note
    assert "巩市监〔2026〕3号" in driver.page_source
    driver.execute_script("document.querySelector('.panel-note').scrollIntoView({block: 'center'})")
    screenshot(driver, "maintenance-interval")
    log_out(driver)

    log_in_company(driver, server)
    driver.get(server + view)
    wait_for_path(driver, view)
    assert driver.find_element(By.CSS_SELECTOR, ".panel-note").text.startswith("维保周期：30天（按需设置）")
    assert not driver.find_elements(By.XPATH, "//a[normalize-space()='设置维保周期']")
    driver.get(server + view + "/interval")
    assert "403" in driver.find_element(By.CSS_SELECTOR, ".error-status").text
