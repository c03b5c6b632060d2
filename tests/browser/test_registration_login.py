"""The manual's §1: 企业注册, 用户登录, 退出, and the administrator's 监管人员账号, in a real browser.

The tests run in file order against one server: the first registers the manual's example company,
which the later ones log in with (they register it over HTTP if run on their own).
"""

import pytest
from selenium.webdriver.common.by import By

from conftest import (
    ADMIN_PASSWORD, EXAMPLE_COMPANY, choose_region, clickable, create_regulator, ensure_example_company, field_error,
    fill, flash_text, log_in, pick_region, screenshot, set_viewport, submit_button, visible, wait, wait_for_path,
)

COMPANY_MENU = ["工作台", "维保信息上报", "维保人员上报", "电梯信息上报", "维保记录", "新增维保记录", "现场作业", "电梯档案管理",
                "维保公司信息", "维保人员信息"]
TEXT_FIELDS = ["username", "password", "password_confirm", "name", "certificate_no", "legal_person",
               "manager", "manager_phone", "address"]


def example_form(**changes):
    values = {key: EXAMPLE_COMPANY[key] for key in TEXT_FIELDS if key in EXAMPLE_COMPANY}
    values["password_confirm"] = EXAMPLE_COMPANY["password"]
    values.update(changes)
    return values


def fill_registration(driver, values):
    for key in TEXT_FIELDS:
        fill(driver, f"f-{key}", values[key])
    fill(driver, "f-captcha", "0000")  # LIFTWATCH_CAPTCHA=off: any text passes


def region_trigger(driver):
    return driver.find_element(By.CSS_SELECTOR, "button.js-region-pick[data-target='f-region_code']")


def page_width(driver):
    return driver.execute_script("return document.documentElement.scrollWidth")


# ---------------------------------------------------------------- 1. register, log in, log out


def test_register_the_manuals_company_then_log_in_and_out(server, driver):
    driver.get(server + "/login")
    visible(driver, (By.ID, "username"))
    for text in ("登录", "重置"):
        assert driver.find_element(By.XPATH, f"//form[contains(@class,'auth-form')]//button[normalize-space()='{text}']")
    driver.find_element(By.LINK_TEXT, "找回密码")
    screenshot(driver, "login")

    clickable(driver, (By.LINK_TEXT, "企业注册")).click()
    wait_for_path(driver, "/register")
    assert driver.find_element(By.CSS_SELECTOR, "h1.panel-title").text == "企业注册"
    fill_registration(driver, example_form())

    pick_region(driver, region_trigger(driver), EXAMPLE_COMPANY["region"], choose=False)
    county = driver.find_element(By.XPATH, "//div[@id='region-picker']//div[@data-level='3']//button[normalize-space()='巩义市']")
    assert "selected" in county.get_attribute("class")
    assert driver.find_element(By.CSS_SELECTOR, "#region-picker .picker-path").text == EXAMPLE_COMPANY["region_name"]
    screenshot(driver, "region-picker")
    choose_region(driver)

    assert driver.find_element(By.ID, "f-region_code-display").get_attribute("value") == EXAMPLE_COMPANY["region_name"]
    assert driver.find_element(By.ID, "f-region_code").get_attribute("value") == EXAMPLE_COMPANY["region_code"]
    screenshot(driver, "register")

    submit_button(driver, "注册提交").click()
    wait_for_path(driver, "/login")
    assert "注册成功" in flash_text(driver)

    fill(driver, "username", EXAMPLE_COMPANY["username"])
    fill(driver, "password", EXAMPLE_COMPANY["password"])
    fill(driver, "captcha", "0000")
    submit_button(driver, "登录").click()
    wait_for_path(driver, "/")
    assert visible(driver, (By.CSS_SELECTOR, "h1.page-title")).text == "工作台"
    panel = driver.find_element(By.CSS_SELECTOR, "section.panel")
    assert panel.find_element(By.CSS_SELECTOR, ".panel-title").text == EXAMPLE_COMPANY["name"]
    assert panel.find_element(By.CSS_SELECTOR, ".status").text == "待上报"
    assert EXAMPLE_COMPANY["region_name"] in panel.text
    assert EXAMPLE_COMPANY["certificate_no"] in panel.text
    menu = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#sidebar a")]
    assert menu == COMPANY_MENU
    assert driver.find_element(By.CSS_SELECTOR, "#sidebar a.active").text == "工作台"
    assert EXAMPLE_COMPANY["name"] in driver.find_element(By.CSS_SELECTOR, ".topbar .who").text
    screenshot(driver, "home-company")

    submit_button(driver, "退出").click()
    wait_for_path(driver, "/login")
    visible(driver, (By.ID, "username"))
    driver.get(server + "/")  # the session is really gone
    wait_for_path(driver, "/login")


# ---------------------------------------------------------------- 2. field checks


def test_registration_errors_are_shown_beside_their_fields(server, driver):
    driver.get(server + "/register")
    fill_registration(driver, example_form(
        username="ydwb2026", password="abc12345", password_confirm="abc12345", name="",
        certificate_no="TS3344A12-2099", manager_phone="137338777951"))
    pick_region(driver, region_trigger(driver), ("河南省", "新乡市", "卫辉市"))
    submit_button(driver, "注册提交").click()
    visible(driver, (By.CSS_SELECTOR, ".has-error .error-text"))

    assert field_error(driver, "manager_phone") == "手机号码应为11位数字，以1开头，第二位为3–9"
    assert field_error(driver, "password") == "密码至少8位，且包含大写字母、小写字母、数字、符号中的至少三类"
    assert field_error(driver, "name") == "请填写单位名称"
    wrong = {e.find_element(By.CSS_SELECTOR, "label").get_attribute("for")
             for e in driver.find_elements(By.CSS_SELECTOR, ".field.has-error")}
    assert wrong == {"f-manager_phone", "f-password", "f-name"}
    assert driver.find_element(By.ID, "f-manager_phone").get_attribute("aria-invalid") == "true"

    def value(name):
        return driver.find_element(By.ID, f"f-{name}").get_attribute("value")
    assert value("address") == EXAMPLE_COMPANY["address"]
    assert value("username") == "ydwb2026"
    assert value("legal_person") == EXAMPLE_COMPANY["legal_person"]
    assert value("manager_phone") == "137338777951"  # kept so that it can be corrected
    assert value("password") == ""  # passwords are never sent back
    assert value("region_code-display") == "河南省新乡市卫辉市"
    screenshot(driver, "register-errors")


# ---------------------------------------------------------------- 3. no company twice


def test_a_company_cannot_register_twice(server, driver):
    ensure_example_company(server)
    driver.get(server + "/register")
    fill_registration(driver, example_form(username="kxwbgs2", certificate_no="TS3344A12-2012"))
    pick_region(driver, region_trigger(driver), EXAMPLE_COMPANY["region"])
    submit_button(driver, "注册提交").click()
    visible(driver, (By.CSS_SELECTOR, ".has-error .error-text"))
    assert driver.current_url.endswith("/register")
    assert "该单位已注册" in field_error(driver, "name")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".field.has-error")) == 1


# ---------------------------------------------------------------- 4. wrong password


def test_a_wrong_password_gets_the_generic_message(server, driver):
    log_in(driver, server, "admin", "Wrong#2026x")
    message = visible(driver, (By.ID, "login-error")).text
    assert message == "用户名、密码或验证码错误"
    assert driver.current_url.endswith("/login")
    assert driver.find_element(By.ID, "username").get_attribute("value") == "admin"
    assert driver.find_element(By.ID, "password").get_attribute("value") == ""


# ---------------------------------------------------------------- 5. the admin creates a regulator


def test_admin_creates_a_regulator_for_xinxiang(server, driver):
    log_in(driver, server, "admin", ADMIN_PASSWORD)
    wait_for_path(driver, "/")
    # The admin may choose a city: 确定 is enabled although 新乡市 has counties (checked in the helper).
    create_regulator(driver, "xxjg01", "李卫国", ("河南省", "新乡市"), "Xinxiang#2026")

    assert "已创建账号 xxjg01" in flash_text(driver)
    row = driver.find_element(By.XPATH, "//table[contains(@class,'grid')]//tr[td[normalize-space()='xxjg01']]")
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1:4] == ["李卫国", "监管人员", "河南省新乡市"]
    screenshot(driver, "admin-users")


# ---------------------------------------------------------------- 6. on a phone

PHONE = (390, 844)


def overflowing(driver):
    """The elements that stick out to the right of the phone screen, as 'tag.class'."""
    return driver.execute_script("""
        var limit = document.documentElement.clientWidth, out = [];
        document.querySelectorAll('body *').forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > limit + 0.5) out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
        });
        return out;""")


def assert_fits_phone(driver):
    width = page_width(driver)
    assert width <= PHONE[0], f"page is {width}px wide; sticking out: {overflowing(driver)}"


def test_login_page_fits_a_phone_screen(server, driver):
    set_viewport(driver, *PHONE, mobile=True)
    driver.get(server + "/login")
    visible(driver, (By.ID, "username"))
    assert driver.execute_script("return document.documentElement.clientWidth") == PHONE[0]
    assert_fits_phone(driver)
    for text in ("企业注册", "找回密码"):
        assert driver.find_element(By.LINK_TEXT, text).is_displayed()


def test_home_page_fits_a_phone_screen(server, driver):
    ensure_example_company(server)
    set_viewport(driver, *PHONE, mobile=True)
    log_in(driver, server, EXAMPLE_COMPANY["username"], EXAMPLE_COMPANY["password"])
    wait_for_path(driver, "/")
    assert driver.execute_script("return document.documentElement.clientWidth") == PHONE[0]
    assert visible(driver, (By.CSS_SELECTOR, ".panel-title")).text == EXAMPLE_COMPANY["name"]
    # The menu is folded away (moved off screen to the left) behind ☰ and slides in on demand.
    def sidebar_left():
        return driver.execute_script("return document.getElementById('sidebar').getBoundingClientRect().left")
    assert sidebar_left() < 0
    screenshot(driver, "home-mobile")
    clickable(driver, (By.CSS_SELECTOR, ".js-menu-toggle")).click()
    wait(driver).until(lambda d: sidebar_left() == 0)
    driver.find_element(By.LINK_TEXT, "维保信息上报").click()
    wait_for_path(driver, "/filing/company")
    driver.back()
    wait_for_path(driver, "/")

    assert_fits_phone(driver)
    logout = driver.find_element(By.CSS_SELECTOR, ".toplinks button.linklike")
    assert driver.execute_script("return arguments[0].getBoundingClientRect().right", logout) <= PHONE[0]
