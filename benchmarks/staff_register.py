#!/usr/bin/env python3
"""How fast is the staff register (维保人员上报) with 50,000 people on one company's register?

Starts `liftwatch serve` (release build recommended: `swift build -c release`, then
LIFTWATCH_BIN=.build/release/liftwatch) on a fresh SQLite database, registers a company through the
site, loads N staff with their filings straight into the database, then times list requests:
first page, a partial-name query, a partial-phone query, sorted by date, and the last page.
Prints median and 95th percentile per request kind. Usage:

    python3 benchmarks/staff_register.py [--staff 50000] [--runs 30]
"""
import argparse, os, re, shutil, socket, sqlite3, statistics, subprocess, sys, tempfile, time, uuid
import urllib.parse, urllib.request, http.cookiejar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def id_number(i):
    # Unique for up to 336,000 people: sequence, then day, then month of a 1980 birth date.
    first17 = "1101051980%02d%02d%03d" % (i // 28000 % 12 + 1, i // 1000 % 28 + 1, i % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]
    return first17 + check


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--staff", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(ROOT, ".build/release/liftwatch"))
    work = tempfile.mkdtemp(prefix="lw-bench-")
    db = os.path.join(work, "bench.sqlite")
    port = free_port()
    env = dict(os.environ, DATABASE_URL="sqlite://" + db, LIFTWATCH_CAPTCHA="off",
               LIFTWATCH_ADMIN_PASSWORD="Admin#2026x", LIFTWATCH_BCRYPT_COST="4", LIFTWATCH_REQUIRE_TOTP="none")
    server = subprocess.Popen([binary, "serve", "--env", "production", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login"); break
            except Exception:
                time.sleep(0.2)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def csrf(html):
            return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)

        def post(path, fields, page):
            data = urllib.parse.urlencode(dict(fields, _csrf=csrf(page))).encode()
            return opener.open(base + path, data).read().decode()

        page = opener.open(base + "/register").read().decode()
        post("/register", dict(username="bench", password="Bench#2026x", password_confirm="Bench#2026x",
                               name="基准测试电梯公司", certificate_no="TS0000A00-2020", legal_person="甲", manager="乙",
                               manager_phone="13800000000", address="新乡市", region_code="410702"), page)
        page = opener.open(base + "/login").read().decode()
        post("/login", dict(username="bench", password="Bench#2026x", captcha="0000"), page)

        con = sqlite3.connect(db)
        company = con.execute("select id from companies").fetchone()[0]
        now = time.time()
        staff_rows, filing_rows = [], []
        for i in range(args.staff):
            sid = str(uuid.uuid4()).upper()
            name = "人员%05d" % i
            staff_rows.append((sid, company, name, "电梯维护人员", id_number(i), "TF%06d" % i,
                               "20%02d-%02d-01" % (10 + i % 14, i % 12 + 1), "2030-01-01", "139%08d" % i, now + i))
            filing_rows.append((str(uuid.uuid4()).upper(), "staff", sid, company, "410702", name,
                                "待上报" if i % 3 else "通过", "新增" if i % 3 else "正常使用", 0, 0, now, now))
        con.executemany("insert into staff (id, company_id, name, job_type, id_number, certificate_no, certificate_issued,"
                        " certificate_expires, phone, created_at) values (?,?,?,?,?,?,?,?,?,?)", staff_rows)
        con.executemany("insert into filings (id, kind, record_id, company_id, region_code, subject, review_status,"
                        " info_status, revision, archived_version, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                        filing_rows)
        con.commit(); con.execute("analyze"); con.close()

        last = (args.staff + 19) // 20
        cases = [("first page", "/filing/staff"), ("name contains", "/filing/staff?name=" + urllib.parse.quote("123")),
                 ("phone contains", "/filing/staff?phone=0004567"), ("sorted by date", "/filing/staff?sort=certificate_issued&dir=desc"),
                 ("last page", "/filing/staff?page=%d" % last)]
        print("staff on the register: %d; %d runs each" % (args.staff, args.runs))
        for label, path in cases:
            times = []
            for _ in range(args.runs):
                t = time.perf_counter(); body = opener.open(base + path).read(); times.append((time.perf_counter() - t) * 1000)
                assert b"register-grid" in body, path
            times.sort()
            print("%-16s median %7.1f ms   p95 %7.1f ms" % (label, statistics.median(times), times[int(len(times) * 0.95) - 1]))
    finally:
        server.terminate(); server.wait(10); shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
