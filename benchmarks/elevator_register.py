#!/usr/bin/env python3
"""How fast is the elevator register (电梯信息上报) with 500,000 elevators?

Starts `liftwatch serve` (release build recommended: `swift build -c release`; LIFTWATCH_BIN picks another
binary) on a fresh SQLite database, registers a company through the site (and nine more companies), creates
a city regulator (新乡市, 410700) and a province regulator (河南省, 410000) with `liftwatch user create`, loads
N elevators — each with its filing and the filing's 'create' event, as FilingService.openMany writes them —
straight into the database, then times list requests for the company and for each regulator:

  工作台 (its counts), the first page, 注册代码 queries (last 6 digits, last 4 digits, a 3-digit fragment),
  救援电梯编号, sorted by 检验日期, page 1,000, the last page, (regulators) a 维保单位 query,
  and 导出 of a query and of the whole register (time, size and the server's peak RSS for that request).

Most elevators (90%) are the benchmark company's, so its list is the worst case; 85% of those stand in
the company's city (新乡市, spread over its districts), the rest in 郑州市 and 焦作市. Like a database the
app has filled itself, the loaded one has no ANALYZE statistics unless --analyze is given.

--plans then restarts the server with LOG_LEVEL=debug, repeats each request once, and prints every distinct
SQL statement the server issued on the elevators, its EXPLAIN QUERY PLAN and its own run time. The plans
come from the server's SQLite version: the script builds a libsqlite3.so.0 from sqlite-nio's amalgamation in
.build/checkouts (once, into .build/bench-sqlite; needs cc) and runs Python's sqlite3 on it; without it,
Python's own SQLite is used and the version is named.

    python3 benchmarks/elevator_register.py [--elevators 500000] [--runs 20] [--analyze] [--plans]
                                            [--full-export company|all|none] [--keep]
"""
import argparse, json, math, os, random, re, shutil, socket, sqlite3, statistics, subprocess, sys, tempfile, time, uuid
import urllib.error, urllib.parse, urllib.request, http.cookiejar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = "/filing/elevators"
ARCHIVE = "/archive/elevators"  # 电梯档案管理: the approved versions
CITY, PROVINCE = "410700", "410000"
OTHER_CITIES = ["410100", "410800"]  # 郑州市, 焦作市
EQUIPMENT = [("3110", "曳引式客梯"), ("3120", "曳引式货梯"), ("3130", "无机房客梯"), ("3210", "液压电梯"),
             ("3310", "自动扶梯"), ("3320", "自动人行道"), ("3400", "杂物电梯")]
MAKERS = ["上海三菱电梯有限公司", "奥的斯电梯（中国）有限公司", "通力电梯有限公司", "迅达（中国）电梯有限公司",
          "日立电梯（中国）有限公司", "蒂森克虏伯电梯（中国）有限公司", "广州广日电梯工业有限公司", "康力电梯股份有限公司"]
# 待上报/新增 … by i % 20: mostly approved, some never submitted, waiting, rejected, changed after approval.
STATES = [("通过", "正常使用", 2, 1)] * 12 + [("待上报", "新增", 0, 0)] * 4 + [("审核中", "新增", 1, 0)] * 2 \
    + [("未通过", "新增", 2, 0), ("待上报", "更改", 3, 1)]


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


class Server:
    """One `liftwatch serve` process; `log` receives its output (with LOG_LEVEL=debug: every SQL statement)."""

    def __init__(self, binary, env, port, log=None):
        self.base = "http://127.0.0.1:%d" % port
        self.log = log
        out = open(log, "wb") if log else subprocess.DEVNULL
        self.proc = subprocess.Popen([binary, "serve", "--env", "production", "--port", str(port)], cwd=ROOT, env=env,
                                     stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(self.base + "/login"); return
            except Exception:
                if self.proc.poll() is not None:
                    sys.exit("liftwatch serve exited with %s" % self.proc.returncode)
                time.sleep(0.2)
        sys.exit("liftwatch serve did not answer")

    def status(self, key):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) // 1024  # MB
        return None

    def reset_peak(self):
        """Resets VmHWM (peak RSS) so that the next reading is the peak of what happens after this."""
        try:
            with open("/proc/%d/clear_refs" % self.proc.pid, "w") as f:
                f.write("5")
            return True
        except OSError:
            return False

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill(); self.proc.wait()


class Browser:
    """A logged-in user: a cookie jar and the pages it asks for."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        t = time.perf_counter()
        with self.opener.open(self.server.base + path, timeout=3600) as r:
            body = r.read()
        return body, (time.perf_counter() - t) * 1000

    def post(self, path, fields, form_page):
        token = re.search(r'name="_csrf" value="([^"]+)"', form_page).group(1)
        data = urllib.parse.urlencode(dict(fields, _csrf=token)).encode()
        return self.opener.open(self.server.base + path, data).read().decode()

    def login(self, username, password):
        self.credentials = (username, password)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login")[0].decode()
        body = self.post("/login", dict(username=username, password=password, captcha="0000"), page)
        assert "退出" in body or "工作台" in body, "login failed for " + username


def register_company(server, n, region):
    b = Browser(server)
    username = "bench" if n == 0 else "bench%d" % n
    page = b.get("/register")[0].decode()
    b.post("/register", dict(username=username, password="Bench#2026x", password_confirm="Bench#2026x",
                             name="基准测试电梯公司" if n == 0 else "基准测试电梯公司%d号" % n,
                             certificate_no="TS%04dA00-2020" % n, legal_person="甲", manager="乙",
                             manager_phone="138%08d" % n, address="新乡市", region_code=region), page)
    b.login(username, "Bench#2026x")
    return b


def registration_code(i, variety, region):
    """Unique: 20 digits (variety, region, year and month, serial) for 9 in 10, 17 digits for the rest."""
    if i % 10:
        return "%s%s%04d%02d%04d" % (variety, region, 2010 + i // 120000, i // 10000 % 12 + 1, i % 10000)
    j = i // 10  # the 17-digit codes: variety, region, year, 3-digit serial; unique by (variety, year, serial)
    return "%s%s%04d%03d" % (EQUIPMENT[j // 10000][0], region, 2000 + j // 1000 % 10, j % 1000)


def load(db, count, companies, regions, analyze):
    """Elevators, their filings and 'create' events, inserted as the app inserts them (the FTS table by its trigger)."""
    rnd = random.Random(2026)
    city = [r for r in regions if r.startswith(CITY[:4])]
    others = [r for r in regions if not r.startswith(CITY[:4])]
    con = sqlite3.connect(db)
    con.execute("pragma synchronous=off")
    # A 1 GB page cache: with SQLite's default 2 MB, inserting into the random-UUID and trigram indexes
    # re-reads their pages for every row and the load slows to minutes per 50,000 rows past 200,000.
    con.execute("pragma cache_size=-1000000")
    now = time.time()
    base = now - count
    bench, rest = companies[0], companies[1:]
    for start in range(0, count, 50_000):
        elevators, filings, events = [], [], []
        for i in range(start, min(start + 50_000, count)):
            company = bench if i % 10 else rest[i // 10 % len(rest)]
            if company == bench:
                region = rnd.choice(city) if rnd.random() < 0.85 else rnd.choice(others)
            else:
                region = rnd.choice(city) if rnd.random() < 0.5 else rnd.choice(others)
            variety, equipment = EQUIPMENT[i % len(EQUIPMENT)] if i % 10 else EQUIPMENT[i // 100000 % len(EQUIPMENT)]
            code = registration_code(i, variety, region)
            day = i * 7 % 1096
            inspection = time.strftime("%Y-%m-%d", time.gmtime(1672531200 + day * 86400))  # 2023-01-01 + day
            next_inspection = time.strftime("%Y-%m-%d", time.gmtime(1672531200 + (day + 365) * 86400))
            rescue = str(100000 + i) if i % 10 < 7 else None
            eid, fid = str(uuid.uuid4()).upper(), str(uuid.uuid4()).upper()
            created = base + i
            row = dict(equipment_name=equipment, registration_code=code, internal_no="NB%06d" % (i % 1000000),
                       rescue_code=rescue or "", inspection_date=inspection, next_inspection_date=next_inspection,
                       user_unit="郎莫物业有限公司%03d" % (i % 700), manufacturer=MAKERS[i % len(MAKERS)],
                       safety_manager="张安全", safety_manager_phone="139%08d" % i, region=regions[region],
                       address="%s建设路%d号" % (regions[region], i % 900 + 1))
            elevators.append((eid, company, equipment, code, row["internal_no"], rescue, inspection, next_inspection,
                              row["user_unit"], row["manufacturer"], row["safety_manager"], row["safety_manager_phone"],
                              region, regions[region], row["address"], created))
            review, info, revision, archived = STATES[i % 20]
            filings.append((fid, "elevator", eid, company, region, "%s %s" % (equipment, code), review, info,
                            "资料不全，请补充" if review == "未通过" else None, revision, archived,
                            created if review == "审核中" else None, created, created))
            snapshot = {"fields": [{"key": k, "label": k, "value": v} for k, v in row.items()], "attachments": []}
            events.append((str(uuid.uuid4()).upper(), fid, 0, created, "create", None, "基准测试（bench）",
                           "待上报", "待上报", "新增", "新增", "", json.dumps(snapshot, ensure_ascii=False)))
        con.executemany("insert into elevators (id, company_id, equipment_name, registration_code, internal_no, rescue_code,"
                        " inspection_date, next_inspection_date, user_unit, manufacturer, safety_manager,"
                        " safety_manager_phone, region_code, region_name, address, created_at)"
                        " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", elevators)
        con.executemany("insert into filings (id, kind, record_id, company_id, region_code, subject, review_status,"
                        " info_status, opinion, revision, archived_version, submitted_at, created_at, updated_at)"
                        " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", filings)
        con.executemany("insert into filing_events (id, filing_id, revision, at, action, actor_id, actor_name, from_review,"
                        " to_review, from_info, to_info, opinion, detail) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        con.commit()
        print("  loaded %d" % min(start + 50_000, count), flush=True)
    if analyze:
        con.execute("analyze")
    con.commit()
    con.close()


def fill_archive(db):
    """The approved versions of the approved elevators (60%), as an approval writes them to 电梯档案管理 and to
    filing_versions."""
    con = sqlite3.connect(db)
    con.execute("pragma synchronous=off")
    if con.execute("select count(*) from archived_elevators").fetchone()[0] == 0:
        con.execute("insert into archived_elevators (filing_id, company_id, region_code, version, approved_at, equipment_name,"
                    " registration_code, internal_no, rescue_code, inspection_date, next_inspection_date, user_unit,"
                    " manufacturer, safety_manager, safety_manager_phone, region_name, address)"
                    " select f.id, e.company_id, e.region_code, f.archived_version, f.updated_at, e.equipment_name,"
                    " e.registration_code, e.internal_no, coalesce(e.rescue_code, ''), e.inspection_date,"
                    " e.next_inspection_date, e.user_unit, e.manufacturer, e.safety_manager, e.safety_manager_phone,"
                    " e.region_name, e.address from filings f join elevators e on e.id = f.record_id"
                    " where f.kind = 'elevator' and f.archived_version > 0")
        con.commit()
    if con.execute("select count(*) from filing_versions").fetchone()[0] == 0:
        # Each archived row's approved version, as the approval wrote it (the create event's snapshot).
        con.execute("insert into filing_versions (id, filing_id, version, snapshot, info_status, approved_at, reviewer_id,"
                    " reviewer_name, opinion)"
                    " select upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a'"
                    " || substr(h, 18, 3) || '-' || substr(h, 21, 12)), filing_id, version, detail, '正常使用', approved_at,"
                    " '00000000-0000-4000-8000-000000000001', '基准测试', ''"
                    " from (select hex(randomblob(16)) as h, a.filing_id, a.version, e.detail, a.approved_at"
                    " from archived_elevators a join filing_events e on e.filing_id = a.filing_id and e.action = 'create')")
        con.commit()
    n, = con.execute("select count(*) from archived_elevators").fetchone()
    con.close()
    return n


def pages(body):
    m = re.search(r"共 ([\d,]+)\+? 条，第 (\d+)(?:/(\d+))? 页".encode(), body)
    if not m:
        return (None, None)
    return (int(m.group(1).replace(b",", b"")), int(m.group(3)) if m.group(3) else None)


def cases_for(db, role, company_id, scope_prefix, list_path=LIST, table="elevators"):
    """The requests timed for one user, with parameters taken from the rows that user sees."""
    LIST = list_path
    con = sqlite3.connect(db)
    where, arg = ("company_id = ?", company_id) if role == "company" else ("region_code like ?", scope_prefix + "%")
    code20, = con.execute("select registration_code from %s where %s and length(registration_code) = 20"
                          " order by rowid desc limit 1 offset 777" % (table, where), (arg,)).fetchone()
    rescue, = con.execute("select rescue_code from %s where %s and rescue_code is not null and rescue_code != ''"
                          " order by rowid limit 1 offset 1234" % (table, where), (arg,)).fetchone()
    con.close()
    q = lambda **kw: LIST + "?" + urllib.parse.urlencode(kw)
    cases = ([("工作台 (counts)", "/")] if table == "elevators" else []) + [("first page", LIST),
             ("code: last 6 digits", q(registration_code=code20[-6:])),
             ("code: last 4 digits", q(registration_code=code20[-4:])),
             ("code: 3 digits '123'", q(registration_code="123")),
             ("rescue code", q(rescue_code=rescue)),
             ("sort 检验日期 desc", q(sort="inspection_date", dir="desc")),
             ("page 1000", q(page=1000)), ("last page", LIST + "?page=last")]
    if role != "company":
        cases.append(("维保单位 query", q(company="基准测试电梯公司")))
    exports = [("export code '123'", LIST + "/export?" + urllib.parse.urlencode(dict(registration_code="123"))),
               ("export whole register", LIST + "/export")]
    return cases, exports


def time_cases(server, user, label, cases, runs, results):
    print("\n%s (load average %.1f)" % (label, os.getloadavg()[0]))
    print("%-24s %8s %10s %10s" % ("request", "rows", "median", "p95"))
    for name, path in cases:
        if path.endswith("?page=last"):  # the last page: as many pages as the first page says
            body, _ = user.get(path[:-len("?page=last")])
            path = path[:-len("last")] + str(pages(body)[1])
        body, _ = user.get(path)  # warm-up, and the row count
        total, _ = pages(body)
        if path != "/":
            assert b"register-grid" in body, path
        times = sorted(user.get(path)[1] for _ in range(runs))
        med, p95 = statistics.median(times), times[math.ceil(len(times) * 0.95) - 1]  # nearest rank
        results.append((label, name, total, med, p95))
        print("%-24s %8s %8.1f ms %7.1f ms" % (name, "" if total is None else total, med, p95), flush=True)


def time_export(server, user, label, name, path, timeout):
    """One export: its time and size, and the server's peak RSS while it ran."""
    before = server.status("VmRSS")
    peak_ok = server.reset_peak()
    t = time.perf_counter()
    try:
        with user.opener.open(server.base + path, timeout=timeout) as r:
            body = r.read()
    except (socket.timeout, TimeoutError, urllib.error.URLError) as e:
        print("%-24s gave up after %.0f s (%s)" % (name, time.perf_counter() - t, e), flush=True)
        return False
    ms = (time.perf_counter() - t) * 1000
    assert body[:2] == b"PK", path + " did not return an xlsx file"
    peak = server.status("VmHWM") if peak_ok else None
    print("%-24s %8.1f MB %8.0f ms   server RSS %s MB before, peak %s MB" % (
        name, len(body) / 1e6, ms, before, peak if peak is not None else "?"), flush=True)
    return True


# ---- --plans: the statements the server issued, their plans and their own time ----

def server_sqlite_lib():
    """Directory holding a libsqlite3.so.0 of the server's SQLite version, built once; None if it cannot be built."""
    src = os.path.join(ROOT, ".build/checkouts/sqlite-nio/Sources/VaporCSQLite")
    amalgamation = os.path.join(src, "sqlite_nio_sqlite3.c")
    if not os.path.exists(amalgamation) or not shutil.which("cc"):
        return None
    out = os.path.join(ROOT, ".build/bench-sqlite")
    lib = os.path.join(out, "libsqlite3.so.0")
    if os.path.exists(lib) and os.path.getmtime(lib) > os.path.getmtime(amalgamation):
        return out
    os.makedirs(out, exist_ok=True)
    with open(amalgamation) as f:
        text = f.read().replace("sqlite_nio_sqlite3", "sqlite3")
    with open(os.path.join(out, "sqlite3.c"), "w") as f:
        f.write(text)
    with open(os.path.join(src, "include/sqlite_nio_sqlite3.h")) as f:
        header = f.read().replace("sqlite_nio_sqlite3", "sqlite3")
    with open(os.path.join(out, "sqlite3.h"), "w") as f:
        f.write(header)
    print("building the server's SQLite for EXPLAIN (about a minute)…", flush=True)
    flags = ["-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_FTS4", "-DSQLITE_ENABLE_FTS3", "-DSQLITE_ENABLE_COLUMN_METADATA",
             "-DSQLITE_ENABLE_DBSTAT_VTAB", "-DSQLITE_ENABLE_RTREE", "-DSQLITE_THREADSAFE=1", "-DSQLITE_LIKE_DOESNT_MATCH_BLOBS",
             "-DSQLITE_MAX_VARIABLE_NUMBER=250000", "-DSQLITE_ENABLE_NULL_TRIM", "-DSQLITE_USE_URI"]
    r = subprocess.run(["cc", "-O2", "-fPIC", "-shared", *flags, "-Wl,-soname,libsqlite3.so.0", "-o", lib,
                        os.path.join(out, "sqlite3.c"), "-lpthread", "-lm", "-ldl"], capture_output=True)
    return out if r.returncode == 0 else None


STATEMENT = re.compile(r"Executing query \[binds: \[(.*?)\], database-id: sqlite, (?:request-id: [^,]+, )?sql: (.*?)\] \(SQLiteKit",
                       re.S)


def statements(log_text):
    """(sql, binds) of the statements in a slice of the server's debug log, but for sessions and accounts.
    The binds of these statements are all text (UUIDs, codes, region prefixes, patterns, statuses)."""
    out = []
    for binds, sql in STATEMENT.findall(log_text):
        if re.search(r'(FROM|INTO|UPDATE) "?(sessions|users|audit_entries)"?', sql):
            continue
        out.append((sql, [b for b in binds.split(", ")] if binds else []))
    return out


def compact(sql):
    """A statement as people read it: `t.*` for Fluent's list of every column, no identifier quotes, one ? form."""
    sql = re.sub(r'SELECT (?:"\w+"\."\w+" AS "\w+", )*"\w+"\."\w+" AS "\w+" FROM "(\w+)"', r'SELECT \1.* FROM "\1"', sql)
    sql = re.sub(r"\?\d+", "?", sql.replace("\n", " "))
    return re.sub(r"IN \((\?, ?)*\?\)", "IN (…)", sql).replace('"', "")


def explain_main(db, cases_json):
    """Runs in a child process (possibly on the server's SQLite): the time of each statement each request
    issued, then each distinct statement with its plan."""
    cases = json.load(open(cases_json))
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    print("\nStatements the server issued (timed here, on SQLite %s; the server's is %s)" % (
        sqlite3.sqlite_version, server_sqlite_version()))
    shapes, examples = {}, {}
    for label, name, stmts in cases:
        print("\n%s — %s" % (label, name))
        for sql, binds in stmts:
            shape = compact(sql)
            number = shapes.setdefault(shape, len(shapes) + 1)
            args = [None if b == "nil" else re.sub(r'^Optional\((.*)\)$', r"\1", b).strip('"') for b in binds]
            examples.setdefault(number, (sql, args))
            t = time.perf_counter()
            rows = con.execute(sql, args).fetchall()
            ms = (time.perf_counter() - t) * 1000
            result = "= %s" % rows[0][0] if re.match(r"SELECT COUNT", shape) else "%d rows" % len(rows)
            print("  S%-3d %8.1f ms  %-10s %s" % (number, ms, result, shape[:150] + (" …" if len(shape) > 150 else "")))
    print("\nPlans")
    for shape, number in shapes.items():
        sql, args = examples[number]
        print("\nS%d: %s" % (number, shape))
        for row in con.execute("explain query plan " + sql, args):
            print("      " + row[3])
    con.close()


def server_sqlite_version():
    try:
        with open(os.path.join(ROOT, ".build/checkouts/sqlite-nio/Sources/VaporCSQLite/include/sqlite_nio_sqlite3.h")) as f:
            return re.search(r'#define SQLITE_VERSION\s+"([^"]+)"', f.read()).group(1)
    except Exception:
        return "unknown"


def plans(binary, env, db, work, users, timed_cases):
    log = os.path.join(work, "sql.log")
    server = Server(binary, dict(env, LOG_LEVEL="debug"), free_port(), log)
    collected = []
    try:
        for (label, user), (_, cases, exports) in zip(users, timed_cases):
            user.server = server
            user.login(*user.credentials)
            for name, path in cases + [e for e in exports if e[0] != "export whole register"]:
                if path is None:
                    body, _ = user.get(LIST)
                    path = LIST + "?page=%d" % pages(body)[1]
                size = os.path.getsize(log)
                user.get(path)
                time.sleep(0.3)
                with open(log, encoding="utf-8", errors="replace") as f:
                    f.seek(size)
                    collected.append((label, name, statements(f.read())))
    finally:
        server.stop()
    cases_json = os.path.join(work, "statements.json")
    json.dump(collected, open(cases_json, "w"), ensure_ascii=False)
    lib = server_sqlite_lib()
    child_env = dict(os.environ)
    if lib:
        child_env["LD_LIBRARY_PATH"] = lib + (":" + child_env["LD_LIBRARY_PATH"] if child_env.get("LD_LIBRARY_PATH") else "")
    subprocess.run([sys.executable, os.path.abspath(__file__), "--explain", db, cases_json], env=child_env, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elevators", type=int, default=500_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--analyze", action="store_true", help="run ANALYZE after loading (the app never does)")
    ap.add_argument("--plans", action="store_true", help="print the plan and time of every statement the server issued")
    ap.add_argument("--full-export", choices=["company", "all", "none"], default="company",
                    help="whose whole register to export, last of all (default: the company's)")
    ap.add_argument("--export-timeout", type=int, default=1800, help="seconds to wait for a whole-register export")
    ap.add_argument("--keep", action="store_true", help="keep the database (its path is printed)")
    ap.add_argument("--reuse", metavar="DB", help="a database kept by an earlier run: no setup, no loading, kept "
                    "(a newer binary runs its new migrations on it first); --runs 0 times no list requests")
    ap.add_argument("--server-url", help="with --reuse: run the server on this database instead (a PostgreSQL copy "
                    "made by to_postgres.py); DB still gives the requests' parameters")
    ap.add_argument("--explain", nargs=2, metavar=("DB", "STATEMENTS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.explain:
        return explain_main(*args.explain)

    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(ROOT, ".build/release/liftwatch"))
    if args.reuse:
        db = os.path.abspath(args.reuse)
        work = tempfile.mkdtemp(prefix="lw-bench-", dir=os.path.dirname(db))
        args.keep = True
    else:
        work = tempfile.mkdtemp(prefix="lw-bench-")
        db = os.path.join(work, "bench.sqlite")
    env = dict(os.environ, DATABASE_URL=args.server_url or ("sqlite://" + db), LIFTWATCH_CAPTCHA="off",
               LIFTWATCH_ADMIN_PASSWORD="Admin#2026x", LIFTWATCH_BCRYPT_COST="4", LIFTWATCH_REQUIRE_TOTP="none",
               LIFTWATCH_SESSION_IDLE_MINUTES="1440",  # a whole-register export can outlast the default 30
               LIFTWATCH_REGISTRATIONS_PER_HOUR="10000")  # the setup registers ten companies from one address
    env.pop("LOG_LEVEL", None)
    print("binary %s, database %s" % (binary, db))
    port, log = free_port(), os.path.join(work, "server.log")
    server = Server(binary, env, port, log)
    try:
        if args.reuse:
            company_user, companies = reuse(server, db)
        else:
            company_user, companies = setup(server, binary, env, db, args)
        if not args.server_url:
            print("%d approved versions in 电梯档案管理" % fill_archive(db))
        # Restarted so that its start-up statistics (PRAGMA optimize) see the rows loaded behind its back;
        # sessions live in the database, so the logins survive.
        server.stop()
        server = Server(binary, env, port, log)
        users = [("company 基准测试电梯公司", company_user)]
        for username in ["xxjg", "hnjg"]:
            b = Browser(server); b.login(username, "Xx#2026pass")
            users.append(("regulator %s (%s)" % (username, CITY if username == "xxjg" else PROVINCE), b))
        timed = [("company",) + cases_for(db, "company", companies[0], None),
                 ("regulator",) + cases_for(db, "regulator", None, CITY[:4]),
                 ("regulator",) + cases_for(db, "regulator", None, PROVINCE[:2])]
        archive = [cases_for(db, "company", companies[0], None, ARCHIVE, "archived_elevators"),
                   cases_for(db, "regulator", None, CITY[:4], ARCHIVE, "archived_elevators"),
                   cases_for(db, "regulator", None, PROVINCE[:2], ARCHIVE, "archived_elevators")]
        results = []
        if args.runs > 0:
            print("\n%d runs of each request after one warm-up; p95 = the %d-th fastest" % (args.runs, math.ceil(args.runs * 0.95)))
            for (label, user), (_, cases, exports) in zip(users, timed):
                time_cases(server, user, label, cases, args.runs, results)
                for name, path in exports[:-1]:
                    time_export(server, user, label, name, path, 3600)
            print("\n电梯档案管理 (%s)" % ARCHIVE)
            for (label, user), (cases, exports) in zip(users, archive):
                time_cases(server, user, label, cases, args.runs, results)
                for name, path in exports[:-1]:
                    time_export(server, user, label, name, path, 3600)
        # Whole registers last: one that is given up on keeps the server busy until it is stopped.
        for n, ((label, user), (_, _, exports)) in enumerate(zip(users, timed)):
            if args.full_export == "all" or (args.full_export == "company" and n == 0):
                print("\n%s (load average %.1f)" % (label, os.getloadavg()[0]))
                if not time_export(server, user, label, *exports[-1], args.export_timeout):
                    break
        server.stop()
        server = None
        if args.plans:
            plans(binary, env, db, work, users, timed)
    finally:
        if server:
            server.stop()
        if args.keep:
            print("database kept: %s" % db)
        else:
            shutil.rmtree(work, ignore_errors=True)


def reuse(server, db):
    con = sqlite3.connect(db)
    companies = [con.execute("select id from companies where name = ?",
                             ("基准测试电梯公司" if n == 0 else "基准测试电梯公司%d号" % n,)).fetchone()[0] for n in range(10)]
    count, = con.execute("select count(*) from elevators").fetchone()
    con.close()
    print("reusing %d elevators" % count)
    b = Browser(server); b.login("bench", "Bench#2026x")
    return b, companies


def setup(server, binary, env, db, args):
    """The companies (registered through the site), the regulators and the elevators; the company's browser."""
    regions_con = sqlite3.connect(db)
    city = [r for r, in regions_con.execute("select code from regions where parent_code = ? order by code", (CITY,))]
    others = [r for c in OTHER_CITIES for r, in
              regions_con.execute("select code from regions where parent_code = ? order by code limit 3", (c,))]
    names = dict(regions_con.execute("select code, full_name from regions where code in (%s)"
                                     % ",".join("?" * len(city + others)), city + others))
    regions_con.close()
    company_regions = [city[0]] + [city[n % len(city)] if n <= 3 else others[n % len(others)] for n in range(1, 10)]
    company_user = None
    for n, region in enumerate(company_regions):
        b = register_company(server, n, region)
        company_user = company_user or b
    for region, username, name in [(CITY, "xxjg", "王监管"), (PROVINCE, "hnjg", "李监管")]:
        subprocess.run([binary, "user", "create", "--role", "regulator", "--region", region, "--username", username,
                        "--password", "Xx#2026pass", "--name", name, "--keep-password"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    companies = [con.execute("select id from companies where name = ?",
                             ("基准测试电梯公司" if n == 0 else "基准测试电梯公司%d号" % n,)).fetchone()[0] for n in range(10)]
    con.close()

    t = time.perf_counter()
    print("loading %d elevators (90%% the benchmark company's) with their filings…" % args.elevators, flush=True)
    load(db, args.elevators, companies, names, args.analyze)
    print("loaded in %.0f s; database %.0f MB%s" % (time.perf_counter() - t, os.path.getsize(db) / 1e6,
                                                  ", ANALYZE run" if args.analyze else ", no ANALYZE statistics"))
    return company_user, companies


if __name__ == "__main__":
    main()
