"""维保签到 on workers' phones (issue 15).

The company of test_maintenance.py turns on its two approved workers' logins from 维保人员上报 and prints its
elevator's QR sticker from 电梯档案管理; the sticker is read back with zxing-cpp, an independent decoder. Each worker
sets a password with the code the SMS gateway (the administrator's 短信发件箱) received, logs in on a phone-sized
browser whose position Chromium pins beside the elevator, opens the sticker's URL and checks in; the second checks
out; the first files the visit's maintenance record on the phone, its checked-in workers chosen. Between check-in and
the record they photograph 机房, 轿顶 and 底坑 with the phone's file input (pictures Pillow drew and encoded), and the
user unit's confirmer types the SMS code sent to their mobile and signs on the phone's screen. The
regulator of 郑州市 finds the visit under 现场作业 with both workers, their places, times, photos and the signature,
and no flag.
Then one worker comes back alone, 5 km away, sends the machine-room photo again (smaller, recompressed) and files
the record naming only himself: 监管看板 counts it under 单人作业, 异地签到 and 照片重复.
"""

import http.cookiejar
import io
import re
import urllib.parse
import urllib.request

import random

import zxingcpp
from PIL import Image, ImageDraw
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (
    ADMIN_PASSWORD, _chrome, answer_dialog, clickable, fill, flash_text, log_in, log_in_regulator, log_out, new_page,
    open_menu, screenshot, set_viewport, submit_button, urlpath, wait, wait_for_path,
)
from test_archive import rows_of, select, tool
from test_maintenance import CODE, COMPANY, WORKERS, ensure_approved, log_in_company
from test_registration_login import PHONE, assert_fits_phone

PASSWORD = "Wkr#2026phone"
# Beside the elevator, in 巩义市.
SITE = {"latitude": 34.7521, "longitude": 113.0221, "accuracy": 15}
# 5 km north of it.
AWAY = {"latitude": 34.7971, "longitude": 113.0221, "accuracy": 20}


def scene(path, seed, size=(1024, 768), quality=88):
    """A photo-like JPEG drawn by Pillow: a gradient and a few shapes of the seed's own."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(2)]
    for y in range(size[1]):
        t = y / size[1]
        draw.line([(0, y), (size[0], y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(8):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(40, 260)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape([x - r, y - r * 0.7, x + r, y + r * 0.7], fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=quality)
    return str(path)


def take_photo(driver, slot, path):
    """拍照上传 under the slot: the file input the camera fills on a phone; the page sends it at once."""
    box = driver.find_element(By.XPATH, f"//form[contains(@class,'js-photo')][input[@name='slot' and @value='{slot}']]//input[@type='file']")
    with new_page(driver):
        box.send_keys(path)
    return flash_text(driver)


def sms_code(server, phone):
    """The newest verification code sent to `phone`, as the administrator's 短信发件箱 shows it."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(server + "/login", timeout=10).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]*)"', page).group(1)
    form = {"_csrf": csrf, "username": "admin", "password": ADMIN_PASSWORD, "captcha": "0000"}
    opener.open(server + "/login", data=urllib.parse.urlencode(form).encode(), timeout=10).read()
    outbox = opener.open(server + "/admin/outbox", timeout=10).read().decode()
    for row in re.findall(r"<tr>(.*?)</tr>", outbox, re.S):  # newest first
        if phone in row and (match := re.search(r"验证码(\d{6})", row)):
            return match.group(1)
    raise AssertionError(f"no code sent to {phone}")


def phone_browser(server):
    """A phone-sized browser that may use its position, pinned beside the elevator."""
    driver = _chrome(*PHONE)
    driver.set_page_load_timeout(30)
    set_viewport(driver, *PHONE, mobile=True)
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride", SITE)
    return driver


def set_password_and_log_in(driver, server, worker):
    """找回密码 with the worker's own mobile, the code from the SMS, then the login."""
    username = "w" + worker["phone"]
    driver.get(server + "/password/forgot")
    fill(driver, "f-username", username)
    fill(driver, "f-phone", worker["phone"])
    fill(driver, "captcha", "0000")
    submit_button(driver, "获取验证码").click()
    wait_for_path(driver, "/password/reset")
    fill(driver, "f-code", sms_code(server, worker["phone"]))
    fill(driver, "f-new_password", PASSWORD)
    fill(driver, "f-new_password_confirm", PASSWORD)
    submit_button(driver, "确定").click()
    wait_for_path(driver, "/login")
    log_in(driver, server, username, PASSWORD)
    wait_for_path(driver, "/work")


def confirm_by_user_unit(driver, server, visit_path, name="杜经理", mobile="13800138000"):
    """使用单位确认 on the phone: the code to the confirmer's mobile, typed back, and a signature drawn on the pad."""
    driver.get(server + visit_path)
    fill(driver, "f-confirmer_name", name)
    fill(driver, "f-confirmer_phone", mobile)
    with new_page(driver):
        submit_button(driver, "发送验证码").click()
    assert flash_text(driver) == f"验证码已发送至{mobile[:3]}****{mobile[-4:]}，请确认人告知后填入"
    fill(driver, "f-code", sms_code(server, mobile))
    pad = driver.find_element(By.CSS_SELECTOR, "canvas.signature-pad")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", pad)
    strokes = ActionChains(driver).move_to_element_with_offset(pad, -100, 0).click_and_hold()
    for dx, dy in [(30, -25), (30, 40), (30, -30), (30, 25), (40, -10)]:
        strokes = strokes.move_by_offset(dx, dy)
    strokes.release().perform()
    assert_fits_phone(driver)
    screenshot(driver, "confirm-phone")
    with new_page(driver, visit_path):
        submit_button(driver, "确认").click()
    assert flash_text(driver) == "使用单位已确认（短信验证码已验证）。"
    image = driver.find_element(By.CSS_SELECTOR, "img.signature-image")
    assert driver.execute_script("return arguments[0].naturalWidth", image) == 600


def check_in(driver, sticker_url):
    """Opens the sticker's URL (as the phone's camera does) and presses 签到."""
    driver.get(sticker_url)
    wait(driver).until(lambda d: "/check-in" in urlpath(d))
    assert_fits_phone(driver)
    with new_page(driver):
        submit_button(driver, "签到").click()
    assert re.fullmatch(r"/visits/[0-9A-F-]{36}", urlpath(driver)), urlpath(driver)
    assert flash_text(driver) == "已签到，位置已记录。"


def file_record(driver, server, visit_path):
    """On the phone: 填写维保记录 from the visit — its elevator and day set, both checked-in workers chosen."""
    driver.get(server + visit_path)
    with new_page(driver, visit_path + "/record"):
        clickable(driver, (By.LINK_TEXT, "填写维保记录")).click()
    assert driver.find_element(By.ID, "f-registration_code").get_attribute("value") == CODE
    Select(driver.find_element(By.ID, "f-level")).select_by_visible_text("半月")
    with new_page(driver):
        driver.find_element(By.XPATH, "//button[normalize-space()='载入维保项目']").click()
    clickable(driver, (By.CSS_SELECTOR, ".js-all-normal")).click()
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=workers]")
    assert len(boxes) == len(WORKERS) and all(b.is_selected() for b in boxes)
    fill(driver, "f-confirmer_name", "杜经理")
    fill(driver, "f-confirmer_phone", "0371-64325678")
    assert_fits_phone(driver)
    with new_page(driver, visit_path):
        submit_button(driver, "提交维保记录").click()
    assert flash_text(driver) == "维保记录已提交"


def test_two_workers_check_in_by_the_sticker_on_their_phones_and_the_regulator_sees_the_visit(server, driver, tmp_path):
    ensure_approved(driver, server)
    log_in_company(driver, server)
    open_menu(driver, "维保人员上报", "/filing/staff")
    select(driver, "姓名", *[w["name"] for w in WORKERS])
    with new_page(driver, "/filing/staff"):
        tool(driver, "开通作业账号").click()
        assert "开通手机作业账号" in answer_dialog(driver)
    assert flash_text(driver).startswith("已开通作业账号")
    accounts = {r["姓名"]: r["作业账号"] for r in rows_of(driver)}
    assert all(accounts[w["name"]] == "w" + w["phone"] for w in WORKERS), accounts

    # The sticker of the elevator, printed from 电梯档案管理, read back by an independent decoder.
    open_menu(driver, "电梯档案管理", "/archive/elevators")
    select(driver, "注册代码", CODE)
    with new_page(driver, "/safety-codes"):
        tool(driver, "打印安全码").click()
    sticker = driver.find_element(By.CSS_SELECTOR, ".sticker")
    assert CODE in sticker.text and "96333" in sticker.text
    screenshot(driver, "safety-codes")
    qr = Image.open(io.BytesIO(driver.find_element(By.CSS_SELECTOR, ".sticker-qr svg").screenshot_as_png))
    found = zxingcpp.read_barcodes(qr.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "the sticker's QR code was not readable"
    sticker_url = found[0].text
    assert re.fullmatch(re.escape(server) + r"/q/[0-9A-F-]{36}/[a-z2-7]{26}", sticker_url), sticker_url
    log_out(driver)

    phones = [phone_browser(server) for _ in WORKERS]
    try:
        for phone, worker in zip(phones, WORKERS):
            set_password_and_log_in(phone, server, worker)
        assert_fits_phone(phones[0])
        screenshot(phones[0], "work-phone")
        for phone in phones:
            check_in(phone, sticker_url)
        visit_path = urlpath(phones[1])
        shots = {slot: scene(tmp_path / f"IMG_{n}.jpg", n) for n, slot in enumerate(["机房", "轿顶", "底坑"])}
        # A phone camera's size: several megabytes (the form's URL carries its token past the 2 MB CSRF read).
        grain = random.Random(5)
        Image.frombytes("RGB", (2000, 1500), bytes(grain.getrandbits(8) for _ in range(2000 * 1500 * 3))).save(
            tmp_path / "IMG_big.jpg", "JPEG", quality=95)
        assert (tmp_path / "IMG_big.jpg").stat().st_size > 2 << 20
        shots["轿顶"] = str(tmp_path / "IMG_big.jpg")
        for phone, slot in [(phones[0], "机房"), (phones[0], "轿顶"), (phones[1], "底坑")]:
            phone.get(server + visit_path)
            assert take_photo(phone, slot, shots[slot]) == f"已上传{slot}照片。"
        thumbs = phones[1].find_elements(By.CSS_SELECTOR, ".photo-slot img")
        assert len(thumbs) == 3 and all(phones[1].execute_script("return arguments[0].naturalWidth", t) > 0 for t in thumbs)
        assert_fits_phone(phones[1])
        phones[1].execute_script("document.querySelector('.photo-slots').scrollIntoView(); window.scrollBy(0, -175)")
        screenshot(phones[1], "visit-phone")
        confirm_by_user_unit(phones[0], server, visit_path)
        file_record(phones[0], server, visit_path)
        check_out = submit_button(phones[1], "签退")
        phones[1].execute_script("arguments[0].scrollIntoView({block: 'center'})", check_out)
        with new_page(phones[1], visit_path):
            check_out.click()
            assert answer_dialog(phones[1]) == "确定作业已完成，现在签退吗？"
        assert flash_text(phones[1]) == "已签退，本次作业结束。"

        # 牛星 comes back alone, 5 km away, and sends the machine-room photo again, as a chat app re-sends it.
        lone = phones[0]
        lone.execute_cdp_cmd("Emulation.setGeolocationOverride", AWAY)
        check_in(lone, sticker_url)
        second_path = urlpath(lone)
        again = tmp_path / "again.jpg"
        Image.open(shots["机房"]).resize((640, 480)).save(again, "JPEG", quality=55)
        assert "将标记为照片重复" in take_photo(lone, "机房", str(again))
        with new_page(lone, second_path + "/record"):
            clickable(lone, (By.LINK_TEXT, "填写维保记录")).click()
        Select(lone.find_element(By.ID, "f-level")).select_by_visible_text("半月")
        with new_page(lone):
            lone.find_element(By.XPATH, "//button[normalize-space()='载入维保项目']").click()
        clickable(lone, (By.CSS_SELECTOR, ".js-all-normal")).click()
        assert [b.is_selected() for b in lone.find_elements(By.CSS_SELECTOR, "input[name=workers]")] == [True]
        fill(lone, "f-confirmer_name", "杜经理")
        fill(lone, "f-confirmer_phone", "0371-64325678")
        with new_page(lone, second_path):
            submit_button(lone, "提交维保记录").click()
        assert flash_text(lone) == "维保记录已提交"
        flags = lone.find_element(By.CSS_SELECTOR, ".flash-error").text
        assert all(f in flags for f in ["单人作业", "异地签到", "照片重复"]), flags
    finally:
        blocked = [e["message"] for phone in phones for e in phone.get_log("browser") if "Content Security Policy" in e["message"]]
        for phone in phones:
            phone.quit()
    assert not blocked, "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)

    log_in_regulator(driver, server)
    open_menu(driver, "现场作业", "/visits")
    # Newest first: the lone visit (its record filed, still 作业中), then the proper one.
    rows = [r for r in rows_of(driver) if r["注册代码"] == CODE]
    assert len(rows) == 2 and rows[0]["作业人员"] == WORKERS[0]["name"], rows
    assert all(f in rows[0]["签到异常"] for f in ["单人作业", "异地签到", "照片重复"]), rows[0]
    rows = rows[1:]
    assert rows[0]["作业人员"] == "、".join(w["name"] for w in WORKERS) and rows[0]["状态"] == "已签退", rows
    assert rows[0]["维保单位"] == COMPANY["name"]
    with new_page(driver):
        driver.get(server + visit_path)
    places = [td.text for td in driver.find_elements(By.XPATH, "//table//tr/td[6]")]
    assert len(places) == 3 and all(p.startswith("34.75210, 113.02210（精度±15米）") for p in places), places
    assert driver.find_element(By.LINK_TEXT, "维保记录").is_displayed()
    assert not driver.find_elements(By.CSS_SELECTOR, ".flash-error"), "the proper visit shows a flag"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".photo-slot img")) == 3
    assert "杜经理" in driver.find_element(By.CSS_SELECTOR, ".confirmation").text
    screenshot(driver, "visit")

    # 监管看板: the lone visit's record under three cards; the list behind 照片重复 says what it repeats.
    open_menu(driver, "监管看板", "/supervision")
    for title in ["单人作业（近30天）", "异地签到（近30天）", "照片重复（近30天）"]:
        card = driver.find_element(By.XPATH, f"//a[contains(@class,'card')][span[@class='card-title' and text()='{title}']]")
        assert int(card.find_element(By.CLASS_NAME, "card-value").text) >= 1, title
    # The same per county and per company.
    panel = driver.find_element(By.XPATH, "//section[h2[starts-with(normalize-space(), '签到异常')]]")
    assert "巩义市" in panel.text and COMPANY["name"] in panel.text
    driver.execute_script("arguments[0].scrollIntoView()", panel)
    screenshot(driver, "site-flags-breakdown")
    card = driver.find_element(By.XPATH, "//a[contains(@class,'card')][span[@class='card-title' and text()='照片重复（近30天）']]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    with new_page(driver, "/site-flags/photo-reused"):
        card.click()
    assert any("机房照片与" in r["异常说明"] and r["注册代码"] == CODE for r in rows_of(driver))
