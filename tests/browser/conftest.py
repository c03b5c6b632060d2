"""Browser tests of LiftWatch: a real server binary, a real Chromium, real clicks.

Run from the repository root:

    pip install -r tests/browser/requirements.txt
    python3 -m pytest tests/browser -q

Environment:
    LIFTWATCH_BIN                    server binary (default .build/debug/liftwatch in the repository)
    LIFTWATCH_BROWSER_DATABASE_URL   database for the server (default: a fresh temporary SQLite file);
                                     it must be EMPTY, e.g. a newly created PostgreSQL database
    CHROMIUM_BIN / CHROMEDRIVER_BIN  browser and driver (default /usr/bin/chromium, /usr/bin/chromedriver)

The README pictures are written to tests/browser/screenshots/; a failing test leaves a picture of
the page it failed on in tests/browser/screenshots-tmp/ (ignored by git).
"""

import http.cookiejar
import os
import re
import signal
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SCREENSHOTS = HERE / "screenshots"
FAILURE_SHOTS = HERE / "screenshots-tmp"

ADMIN_PASSWORD = "Admin#2026x"
WAIT_SECONDS = 10
STARTUP_SECONDS = 60
DESKTOP = (1280, 900)

# The manual's example company (§1.1), shared by the tests that need it registered.
EXAMPLE_COMPANY = {
    "username": "kxwbgs",
    "password": "Kxwb#2026ok",
    "name": "凯旋电梯维保有限公司",
    "certificate_no": "TS3344A12-2011",
    "legal_person": "张东力",
    "manager": "姚俊杰",
    "manager_phone": "13733877795",
    "address": "郑州市高新区雪峰路26号",
    "region": ("河南省", "郑州市", "巩义市"),
    "region_code": "410181",
    "region_name": "河南省郑州市巩义市",
}
# The regulator of 郑州市 (410100), which covers the example company's 巩义市; created by the administrator.
EXAMPLE_REGULATOR = {"username": "zzjg01", "name": "王建华", "password": "Zhengzhou#2026", "region": ("河南省", "郑州市")}


# ---------------------------------------------------------------- the server


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"


# The files share one server and run in the manual's order, whatever their names: the company registers
# (in the browser) before it files its information. Files not listed run after these; the tests of a file
# keep their order.
MODULE_ORDER = ["test_registration_login.py", "test_company_filing.py", "test_staff_register.py",
                "test_elevator_register.py", "test_archive.py", "test_maintenance.py"]


def pytest_collection_modifyitems(session, config, items):
    def rank(item):
        name = item.path.name
        return MODULE_ORDER.index(name) if name in MODULE_ORDER else len(MODULE_ORDER)
    items.sort(key=rank)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remembers failures (for the server log at the end) and photographs the page a test failed on."""
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        item.session.liftwatch_failed = True
        driver = item.funcargs.get("driver") if hasattr(item, "funcargs") else None
        if driver is not None and report.when == "call":
            try:
                FAILURE_SHOTS.mkdir(exist_ok=True)
                driver.save_screenshot(str(FAILURE_SHOTS / f"{item.name}.png"))
            except Exception:  # the browser may be what failed
                pass


# The server's binary and environment, for `liftwatch` commands on its database (`run_liftwatch`).
COMMAND = {}


def run_liftwatch(*args):
    """Runs `liftwatch ARGS` on the browser tests' database, as an operator would from the server's shell."""
    subprocess.run([str(COMMAND["binary"]), *args], cwd=REPO_ROOT, env=COMMAND["env"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="session")
def server(request, tmp_path_factory):
    """Starts the server on a free port with an empty database and yields its base URL."""
    binary = Path(os.environ.get("LIFTWATCH_BIN", REPO_ROOT / ".build" / "debug" / "liftwatch"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    if not binary.is_file():
        pytest.fail(f"server binary {binary} not found: build it first (swift build) or set LIFTWATCH_BIN")

    workdir = tmp_path_factory.mktemp("liftwatch")
    database_url = os.environ.get("LIFTWATCH_BROWSER_DATABASE_URL") or f"sqlite://{workdir / 'browser.sqlite'}"
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workdir / "server.log"
    env = dict(os.environ,
               DATABASE_URL=database_url,
               LIFTWATCH_CAPTCHA="off",
               # The suite registers dozens of companies from one address.
               LIFTWATCH_REGISTRATIONS_PER_HOUR="10000",
               LIFTWATCH_ADMIN_PASSWORD=ADMIN_PASSWORD,
               LIFTWATCH_BCRYPT_COST="4",
               LIFTWATCH_REQUIRE_TOTP="none",  # test_second_factor.py enrols by choice
               # A visit in a browser test lasts seconds, not the half hour a real one does.
               LIFTWATCH_SITE_MINUTES="0,0,0,0",
               # Uploaded attachments go to the temporary folder, not into the repository's data/.
               LIFTWATCH_UPLOAD_DIR=str(workdir / "uploads"))
    COMMAND.update(binary=binary, env=env)
    with open(log_path, "wb") as log:
        # cwd = repository root: the server reads Resources/ and Public/ from there.
        process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop():
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server exited with status {process.returncode} before answering:\n{_read(log_path)}")
        try:
            with urllib.request.urlopen(base_url + "/login", timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        if time.monotonic() > deadline:
            stop()
            pytest.fail(f"the server did not answer {base_url}/login within {STARTUP_SECONDS} s:\n{_read(log_path)}")
        time.sleep(0.25)

    yield base_url

    stop()
    if getattr(request.session, "liftwatch_failed", False):
        print(f"\n===== server log ({log_path}) =====\n{_read(log_path)}")


# ---------------------------------------------------------------- the browser


def _chrome(width, height):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--lang=zh-CN",
                     "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    # No "save password?" bubbles or autofill in the pictures.
    options.add_experimental_option("prefs", {
        "credentials_enable_service": False, "profile.password_manager_enabled": False,
        "autofill.profile_enabled": False,
    })
    # The console, to catch anything the Content-Security-Policy blocked (see the driver fixture).
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Chromium takes its interface language (date pickers, the file button) from the environment.
    env = dict(os.environ, LANGUAGE="zh_CN:zh")
    return webdriver.Chrome(options=options,
                            service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"), env=env))


@pytest.fixture
def driver(server):
    """A fresh browser (no cookies) with a 1280×900 page, closed after the test."""
    browser = _chrome(*DESKTOP)
    browser.set_page_load_timeout(30)
    set_viewport(browser, *DESKTOP)
    yield browser
    # A script or style the Content-Security-Policy blocked is a page that silently does less.
    blocked = [entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]
    browser.quit()
    assert not blocked, "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)


def set_viewport(driver, width, height, mobile=False):
    """Makes the page exactly width × height CSS pixels (the screenshot size), as a phone if `mobile`."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
    })


def wait(driver, seconds=WAIT_SECONDS):
    return WebDriverWait(driver, seconds)


def visible(driver, locator):
    return wait(driver).until(EC.visibility_of_element_located(locator))


def clickable(driver, locator):
    return wait(driver).until(EC.element_to_be_clickable(locator))


def urlpath(driver):
    return driver.execute_script("return location.pathname")


def wait_for_path(driver, path):
    """Waits until the page at `path` has loaded (after a redirect)."""
    try:
        wait(driver).until(lambda d: urllib.parse.urlparse(d.current_url).path == path
                           and d.execute_script("return document.readyState") == "complete")
    except TimeoutException:
        raise AssertionError(f"expected {path}, still at {driver.current_url}") from None


def submit_button(driver, text):
    return clickable(driver, (By.XPATH, f"//button[@type='submit' and normalize-space()='{text}']"))


def fill(driver, field_id, value):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)
    return element


def field_error(driver, name):
    """The message shown beside a field, which must be marked as wrong."""
    return driver.find_element(
        By.XPATH, f"//div[contains(@class,'has-error')][.//*[@id='f-{name}']]//p[contains(@class,'error-text')]").text


def set_date(driver, field_id, iso_date):
    """Sets an <input type=date> to YYYY-MM-DD, as picking the day in the calendar does.

    Typing into a date input depends on the browser's locale; the value property does not.
    """
    element = driver.find_element(By.ID, field_id)
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, iso_date)
    assert element.get_attribute("value") == iso_date
    return element


@contextmanager
def new_page(driver, path=None):
    """Waits, after the block (a click that loads a page), until the old page is gone and the new one loaded.

    Needed where a form posts back to the page it is on: the path alone does not change.
    """
    # A mark on the old page's window: gone once a new document has replaced it. (Selenium's staleness_of
    # is not used: this chromedriver sometimes answers a detached node with an "unknown error", which
    # staleness_of does not catch.)
    driver.execute_script("window.__liftwatchOldPage = true;")
    yield

    def new_document_loaded(d):
        try:
            return d.execute_script(
                "return window.__liftwatchOldPage === undefined && document.readyState === 'complete';")
        except WebDriverException:
            return False  # mid-navigation

    wait(driver).until(new_document_loaded)
    if path is not None:
        wait_for_path(driver, path)


def answer_dialog(driver, accept=True):
    """Waits for the page's alert() or confirm(), answers it and returns its text."""
    dialog = wait(driver).until(EC.alert_is_present())
    text = dialog.text
    if accept:
        dialog.accept()
    else:
        dialog.dismiss()
    return text


def flash_text(driver):
    """The one-time notice at the top of the page (after a redirect)."""
    return visible(driver, (By.CSS_SELECTOR, ".flash[role='status']")).text


def menu_link(driver, title):
    """The left-hand menu's item `title` (its count badge, if any, is not part of the title)."""
    return clickable(driver, (By.XPATH, f"//aside[@id='sidebar']//a[normalize-space(text()[1])='{title}']"))


def open_menu(driver, title, path):
    menu_link(driver, title).click()
    wait_for_path(driver, path)


def grid_rows(driver, table):
    """The rows of a list (a table with a header row) as dicts: column title (without a sort mark ↑↓↕) → cell text."""
    if isinstance(table, str):
        table = driver.find_element(By.CSS_SELECTOR, table)
    titles = [th.text.strip().rstrip("↑↓↕") for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    return [dict(zip(titles, (td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td"))))
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def statuses(driver):
    """审核状态, 信息状态 and 审核意见 at the top of a 查看 page."""
    facts = driver.find_elements(By.CSS_SELECTOR, "dl.facts > div")
    return {f.find_element(By.TAG_NAME, "dt").text: f.find_element(By.TAG_NAME, "dd").text for f in facts}


def history(driver):
    """The 操作记录 entries, newest first: action, status change, opinion and changed fields (label → (old, new))."""
    entries = []
    for li in driver.find_elements(By.CSS_SELECTOR, "ol.timeline > li"):
        opinion = li.find_elements(By.CSS_SELECTOR, ".timeline-opinion")
        entries.append({
            "action": li.find_element(By.CSS_SELECTOR, ".timeline-head strong").text,
            "statuses": li.find_element(By.CSS_SELECTOR, ".status-change").text,
            "opinion": opinion[0].text if opinion else "",
            "changes": {tr.find_element(By.TAG_NAME, "th").text: (tr.find_element(By.CSS_SELECTOR, "td.old").text,
                                                                  tr.find_element(By.CSS_SELECTOR, "td.new").text)
                        for tr in li.find_elements(By.CSS_SELECTOR, "table.changes tr")},
        })
    return entries


def screenshot(driver, name):
    """Saves a tidy picture of the current page to tests/browser/screenshots/NAME.png.

    Drops the keyboard focus (no caret or focus ring), then waits for the web fonts and for the transitions
    that start (a focus ring fading out over .15 s) to end.
    """
    driver.execute_script("if (document.activeElement) document.activeElement.blur();")
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "var finite = document.getAnimations().filter(function (a) {"
        "  return a.effect && a.effect.getComputedTiming().endTime !== Infinity; });"
        "var settled = Promise.all(finite.map(function (a) { return a.finished.catch(function () {}); }));"
        "var limit = new Promise(function (resolve) { setTimeout(resolve, 2000); });"
        "Promise.all([document.fonts.ready, Promise.race([settled, limit])]).then(function () {"
        "  requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); }); });")
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    return path


# ---------------------------------------------------------------- shared steps


def log_in(driver, base_url, username, password):
    driver.get(base_url + "/login")
    fill(driver, "username", username)
    fill(driver, "password", password)
    fill(driver, "captcha", "0000")  # LIFTWATCH_CAPTCHA=off: any text passes
    submit_button(driver, "登录").click()


def pick_region(driver, trigger, names, choose=True):
    """Opens the region picker with `trigger` and clicks `names` column by column (province → city → county)."""
    trigger.click()
    visible(driver, (By.ID, "region-picker"))
    for level, name in enumerate(names, start=1):
        button = clickable(driver, (By.XPATH, f"//div[@id='region-picker']//div[@data-level='{level}']"
                                              f"//button[normalize-space()='{name}']"))
        # Scrolled to the middle of its column as a person would, not to the edge as WebDriver does.
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        wait(driver).until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "#region-picker .picker-path"), name))
    if choose:
        choose_region(driver)


def choose_region(driver):
    clickable(driver, (By.CSS_SELECTOR, "#region-picker .js-picker-choose")).click()
    wait(driver).until(EC.invisibility_of_element_located((By.ID, "region-picker")))


def log_out(driver):
    submit_button(driver, "退出").click()
    wait_for_path(driver, "/login")


def temporary_password(password):
    """The password the administrator hands out for an account whose own password will be `password`."""
    return password + "Tmp"


def change_temporary_password(driver, temporary, password):
    """On the 修改密码 page a temporary password leads to: replaces it, and ends on the home page."""
    wait_for_path(driver, "/password/change")
    assert "临时密码" in flash_text(driver)
    fill(driver, "f-old_password", temporary)
    fill(driver, "f-new_password", password)
    fill(driver, "f-new_password_confirm", password)
    submit_button(driver, "保存").click()
    wait_for_path(driver, "/")


def create_regulator(driver, username, display_name, region, password):
    """As the logged-in administrator: 监管人员账号 → 新建账号 → a 监管人员 of `region` (province, city[, county]),
    with `temporary_password(password)`: the regulator sets `password` at its first login (`log_in_regulator`).

    Ends on the account list with the notice; the caller checks it.
    """
    open_menu(driver, "监管人员账号", "/admin/users")
    clickable(driver, (By.LINK_TEXT, "新建账号")).click()
    wait_for_path(driver, "/admin/users/new")
    fill(driver, "f-username", username)
    fill(driver, "f-display_name", display_name)
    Select(driver.find_element(By.ID, "f-role")).select_by_visible_text("监管人员")
    trigger = driver.find_element(By.CSS_SELECTOR, "button.js-region-pick[data-target='f-region_code']")
    # A regulator may be given a province or city: 确定 is enabled before the last column is chosen.
    pick_region(driver, trigger, region, choose=False)
    choose_region(driver)
    assert driver.find_element(By.ID, "f-region_code-display").get_attribute("value") == "".join(region)
    fill(driver, "f-password", temporary_password(password))
    submit_button(driver, "保存").click()
    wait_for_path(driver, "/admin/users")


def log_in_regulator(driver, base_url, create=False, regulator=EXAMPLE_REGULATOR):
    """Logs the regulator in; with `create`, the administrator first creates it if it does not exist. At its first
    login the regulator replaces the administrator's temporary password with its own."""
    def attempt(password):
        log_in(driver, base_url, regulator["username"], password)
        wait(driver).until(lambda d: urlpath(d) in ("/", "/password/change") or d.find_elements(By.ID, "login-error"))
        return not driver.find_elements(By.ID, "login-error")

    temporary = temporary_password(regulator["password"])
    if not attempt(regulator["password"]) and not attempt(temporary):
        assert create, "the regulator does not exist"
        log_in(driver, base_url, "admin", ADMIN_PASSWORD)
        wait_for_path(driver, "/")
        create_regulator(driver, regulator["username"], regulator["name"], regulator["region"], regulator["password"])
        log_out(driver)
        assert attempt(temporary)
    if urlpath(driver) == "/password/change":
        change_temporary_password(driver, temporary, regulator["password"])
    wait_for_path(driver, "/")


def ensure_example_company(base_url, company=EXAMPLE_COMPANY):
    """Registers the manual's example company (or `company`, a dict of the same keys) over plain HTTP unless it
    is registered already.

    For tests that only need the account; the registration itself is tested in the browser.
    """
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base_url + "/register", timeout=10).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]*)"', page).group(1)
    c = company
    form = {"_csrf": csrf, "username": c["username"], "password": c["password"], "password_confirm": c["password"],
            "name": c["name"], "certificate_no": c["certificate_no"], "legal_person": c["legal_person"],
            "manager": c["manager"], "manager_phone": c["manager_phone"], "address": c["address"],
            "region_code": c["region_code"]}
    try:
        opener.open(base_url + "/register", data=urllib.parse.urlencode(form).encode(), timeout=10).read()
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        if error.code != 422 or "该单位已注册" not in body:
            raise AssertionError(f"could not register {c['name']}: HTTP {error.code}\n{body}") from None


def fetch_as(driver, url):
    """GETs `url` over plain HTTP as the browser's logged-in user (its `liftwatch_session` cookie), as a download
    link does; returns (headers, body). For files Chromium would save to disk (模板下载, 错误报告, 导出)."""
    cookie = driver.get_cookie("liftwatch_session")
    assert cookie, "the browser is not logged in"
    request = urllib.request.Request(url, headers={"Cookie": f"liftwatch_session={cookie['value']}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, f"GET {url}: HTTP {response.status}"
        return response.headers, response.read()


def attachment_name(headers):
    """The file name of a download (Content-Disposition: attachment; filename*=UTF-8''...)."""
    disposition = headers.get("Content-Disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)", disposition)
    assert disposition.startswith("attachment") and match, disposition
    return urllib.parse.unquote(match.group(1))


def resident_id(first17):
    """An 18-character 居民身份证号码 (GB 11643): the 17 digits and their ISO 7064 MOD 11-2 check character."""
    assert re.fullmatch(r"\d{17}", first17), first17
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


# ---------------------------------------------------------------- files to upload


def write_png(path, width=240, height=160):
    """A real PNG (a pale card with a red seal and grey text lines, like a scanned certificate)."""
    def pixel(x, y):
        if (x - width * 0.78) ** 2 + (y - height * 0.7) ** 2 < (height * 0.16) ** 2:
            return (200, 30, 30)
        if 20 <= x < width * 0.6 and y % 24 in range(16, 20) and 20 <= y < height - 30:
            return (150, 150, 150)
        if x < 6 or y < 6 or x >= width - 6 or y >= height - 6:
            return (30, 90, 160)
        return (250, 246, 232)
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    Path(path).write_bytes(png)
    return Path(path)


def write_pdf(path, text="Maintenance contract"):
    """A real one-page PDF (ASCII text: the built-in fonts have no Chinese)."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))
    return Path(path)
