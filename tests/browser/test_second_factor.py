"""两步验证 (等保 level 3) in a real browser: a regulator the administrator created replaces the temporary
password at its first login, enrols an authenticator app by the QR code's secret, keeps the recovery codes,
and from then on logs in with its password and a code from the app.
"""

import base64
import hashlib
import hmac
import struct
import time

from selenium.webdriver.common.by import By

from conftest import (
    answer_dialog, change_temporary_password, clickable, fill, flash_text, grid_rows, log_in, log_in_regulator, log_out,
    open_menu, run_liftwatch, screenshot, submit_button, visible, wait, wait_for_path,
)

REGULATOR = {"username": "lyjg01", "name": "赵明", "password": "Luoyang#2026", "region": ("河南省", "洛阳市")}


def totp(secret_base32, at):
    """RFC 6238 as an authenticator app computes it (SHA-1, 6 digits, 30 s), written here independently."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def test_a_regulator_enrols_an_authenticator_and_logs_in_with_it(server, driver):
    log_in_regulator(driver, server, create=True, regulator=REGULATOR)

    clickable(driver, (By.LINK_TEXT, "两步验证")).click()
    wait_for_path(driver, "/account/two-factor")
    qr = visible(driver, (By.CSS_SELECTOR, "figure.qr img"))
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.get_attribute("naturalWidth") not in (None, "0"), "the QR code image does not render"
    secret = driver.find_element(By.ID, "totp-secret").text.replace(" ", "")
    assert len(secret) == 32
    screenshot(driver, "second-factor-enrol")

    # A wrong code: the reason beside the field, nothing enrolled.
    fill(driver, "f-code", "000000" if totp(secret, time.time()) != "000000" else "111111")
    submit_button(driver, "完成绑定").click()
    assert "动态验证码不正确" in visible(driver, (By.ID, "f-code-error")).text

    fill(driver, "f-code", totp(secret, time.time()))
    submit_button(driver, "完成绑定").click()
    codes = [c.text for c in visible(driver, (By.ID, "recovery-codes")).find_elements(By.TAG_NAME, "code")]
    assert len(codes) == 10 and all(len(c) == 11 and c[5] == "-" for c in codes)
    screenshot(driver, "second-factor-codes")
    clickable(driver, (By.LINK_TEXT, "我已保存恢复码，进入系统")).click()
    wait_for_path(driver, "/")
    log_out(driver)

    # The password alone leads to the second step; the next code of the app logs in.
    log_in(driver, server, REGULATOR["username"], REGULATOR["password"])
    wait_for_path(driver, "/login/verify")
    screenshot(driver, "second-factor-login")
    fill(driver, "f-code", totp(secret, time.time() + 30))
    submit_button(driver, "验证并登录").click()
    wait_for_path(driver, "/")
    assert driver.find_element(By.CSS_SELECTOR, ".who").text.startswith(REGULATOR["name"])
    log_out(driver)

    # A recovery code, once.
    log_in(driver, server, REGULATOR["username"], REGULATOR["password"])
    wait_for_path(driver, "/login/verify")
    fill(driver, "f-code", codes[0])
    submit_button(driver, "验证并登录").click()
    wait_for_path(driver, "/")
    assert "还剩9个" in flash_text(driver)
    log_out(driver)


def test_the_security_administrator_resets_a_lost_phone(server, driver):
    """三员分立: the operator creates the 安全管理员 from the shell; it replaces the temporary password, finds the
    regulator of the test above on 账号安全 and resets its 两步验证; the regulator then logs in with its password."""
    run_liftwatch("user", "create", "--role", "security", "--username", "aqgly", "--password", "Aq#2026temp",
                  "--name", "安全管理员")
    log_in(driver, server, "aqgly", "Aq#2026temp")
    change_temporary_password(driver, "Aq#2026temp", "Aq#2026final")
    open_menu(driver, "账号安全", "/security/accounts")
    driver.find_element(By.CSS_SELECTOR, "form.query-bar input[name=username]").send_keys(REGULATOR["username"])
    submit_button(driver, "查找").click()
    wait(driver).until(lambda d: "username=" in d.current_url)
    rows = grid_rows(driver, "table.grid")
    assert [(r["用户名"], r["角色"], r["两步验证"]) for r in rows] == [(REGULATOR["username"], "监管人员", "已启用")]
    screenshot(driver, "security-accounts")
    submit_button(driver, "重置两步验证").click()
    answer_dialog(driver, accept=True)
    assert "已重置账号 %s 的两步验证" % REGULATOR["username"] in flash_text(driver)
    log_out(driver)

    log_in(driver, server, REGULATOR["username"], REGULATOR["password"])
    wait_for_path(driver, "/")


def test_the_audit_administrator_reads_the_log(server, driver):
    """The 审计管理员 finds the enrolment and the reset of the tests above in 审计日志, filtered by user name,
    and can export exactly those rows; it has no other menu."""
    run_liftwatch("user", "create", "--role", "auditor", "--username", "sjgly", "--password", "Sj#2026temp",
                  "--name", "审计管理员")
    log_in(driver, server, "sjgly", "Sj#2026temp")
    change_temporary_password(driver, "Sj#2026temp", "Sj#2026final")
    assert [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".sidebar a")] == ["工作台", "审计日志"]
    open_menu(driver, "审计日志", "/admin/audit")
    driver.find_element(By.CSS_SELECTOR, "form.query-bar input[name=username]").send_keys(REGULATOR["username"])
    submit_button(driver, "查找").click()
    wait(driver).until(lambda d: "username=" in d.current_url)
    events = [r["事件"] for r in grid_rows(driver, "table.grid")]
    assert "绑定两步验证" in events and "重置两步验证" in events and "登录成功" in events
    export = driver.find_element(By.LINK_TEXT, "导出").get_attribute("href")
    assert "username=" + REGULATOR["username"] in export
    screenshot(driver, "audit-log")
    log_out(driver)
