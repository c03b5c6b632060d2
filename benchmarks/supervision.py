#!/usr/bin/env python3
"""How fast are 监管看板, its lists and 统计分析 with hundreds of thousands of approved elevators?

Runs on a database kept by the register benchmark (`elevator_register.py --keep`, 500,000 elevators of which
325,000 are approved): its new migrations run first (the supervision summary of every approved elevator).
Then, straight into the database and like the app would have written them, it gives every approved elevator
a last visit 0–24 days ago (so about 40% are overdue), older quarterly/half-yearly/yearly visits, one elevator
in 100 its own 30-day interval (按需维保), one maintenance record per elevator at its last visit filed 0–5
days late (about a third count as 补录), and six months of on-time sums. It restarts the server and times,
for the company (90% of the elevators), the city regulator, the province regulator and the admin:

  监管看板 (every rule's count, per county and per company), the company's home page (its 待办事项),
  the first and the last page of 超期未维保, 即将超期 and 维保记录补录, 统计分析, and 导出 of 超期未维保.

    python3 benchmarks/supervision.py --reuse DB [--runs 10] [--export company|none] [--plans]

--plans then restarts the server with LOG_LEVEL=debug, repeats each request once, and prints every SQL
statement it issued with its own time and its plan (as elevator_register.py --plans does).

The data is filled once; a second run on the same database times the same state again.
"""
import argparse, math, os, sqlite3, statistics, sys, tempfile, time, uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elevator_register as er  # noqa: E402  (the server, browser and export timing are shared)

RULES = [("超期未维保", "/supervision/overdue"), ("即将超期", "/supervision/due-soon"), ("补录", "/supervision/late-filing")]


def fill(db, today):
    """The visits, records and sums described above; nothing when done before."""
    con = sqlite3.connect(db)
    con.execute("pragma synchronous=off")
    if con.execute("select count(*) from maintenance_records").fetchone()[0] > 0:
        con.close()
        return False
    day = lambda back: time.strftime("%Y-%m-%d", time.gmtime(today - back * 86400))
    rows = con.execute("select u.rowid, u.filing_id, u.company_id, u.region_code, a.registration_code, a.equipment_name,"
                       " a.user_unit from elevator_upkeep u join archived_elevators a on a.filing_id = u.filing_id").fetchall()
    upkeep, records, months, sequence = [], [], [], {}
    month_names = sorted({day(30 * m)[:7] for m in range(6)})
    for rowid, filing, company, region, code, name, unit in rows:
        back = rowid * 7919 % 25
        last = day(back)
        custom = rowid % 100 == 0
        upkeep.append((last, day(back + rowid * 31 % 100), day(back + rowid * 37 % 190), day(back + rowid * 41 % 380),
                       30 if custom else None, day(back - 30) if custom else None, filing))
        delay = rowid * 13 % 6
        sequence[company] = sequence.get(company, 0) + 1
        records.append((str(uuid.uuid4()).upper(), company, filing, code, name, unit, region, "traction", last, "半月",
                        "[]", "[]", "", "张确认", "13900000000", None, "", today - back * 86400 + delay * 86400 + 3600,
                        company, "基准测试", sequence[company], "", "bench", delay))
        for month in month_names:
            months.append((str(uuid.uuid4()).upper(), filing, company, region, month, 2, 2 if rowid % 10 else 1))
    con.executemany("update elevator_upkeep set visited = 1, last_visit = ?, last_quarterly = ?, last_half_yearly = ?,"
                    " last_yearly = ?, interval_days = ?, visit_due = ? where filing_id = ?", upkeep)
    con.executemany("insert into maintenance_records (id, company_id, elevator_filing_id, registration_code, equipment_name,"
                    " user_unit, region_code, elevator_kind, work_date, level, items, workers, findings, confirmer_name,"
                    " confirmer_phone, amends_id, amendment_reason, filed_at, filed_by_id, filed_by_name, sequence,"
                    " previous_hash, hash, filing_delay_days) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", records)
    con.executemany("insert into visit_months (id, elevator_filing_id, company_id, region_code, month, visits, on_time)"
                    " values (?,?,?,?,?,?,?)", months)
    sums = con.execute("select company_id, region_code, month, sum(visits), sum(on_time) from visit_months"
                       " group by company_id, region_code, month").fetchall()
    con.executemany("insert into company_visit_months (id, company_id, region_code, month, visits, on_time)"
                    " values (?,?,?,?,?,?)", [(str(uuid.uuid4()).upper(),) + s for s in sums])
    con.commit()
    con.close()
    print("filled: %d elevators' visits, %d records, %d elevator-months, %d company-months"
          % (len(upkeep), len(records), len(months), len(sums)), flush=True)
    return True


def time_pages(user, label, cases, runs, results):
    print("\n%s (load average %.1f)" % (label, os.getloadavg()[0]))
    print("%-28s %8s %10s %10s" % ("request", "rows", "median", "p95"))
    resolved = []  # the cases with the last page's number, for --plans
    for name, path in cases:
        if path.endswith("?page=last"):
            body, _ = user.get(path[:-len("?page=last")])
            path = path[:-len("last")] + str(er.pages(body)[1] or 1)
        body, _ = user.get(path)  # warm-up, and the row count
        assert b"<main" in body or b"class=\"card" in body, path
        total, _ = er.pages(body)
        times = sorted(user.get(path)[1] for _ in range(runs))
        med, p95 = statistics.median(times), times[math.ceil(len(times) * 0.95) - 1]
        results.append((label, name, total, med, p95))
        resolved.append((name, path))
        print("%-28s %8s %8.1f ms %7.1f ms" % (name, "" if total is None else total, med, p95), flush=True)
    return resolved


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", metavar="DB", required=True, help="a database kept by elevator_register.py --keep")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--export", choices=["company", "none"], default="company", help="time the company's 超期未维保 export")
    ap.add_argument("--plans", action="store_true", help="print the time and plan of every statement the server issued")
    ap.add_argument("--server-url", help="run the server on this database instead (a PostgreSQL copy of DB made by "
                    "to_postgres.py); DB still gives the requests' parameters")
    args = ap.parse_args()
    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(er.ROOT, ".build/release/liftwatch"))
    db = os.path.abspath(args.reuse)
    work = tempfile.mkdtemp(prefix="lw-bench-", dir=os.path.dirname(db))
    env = dict(os.environ, DATABASE_URL=args.server_url or ("sqlite://" + db), LIFTWATCH_CAPTCHA="off", LIFTWATCH_ADMIN_PASSWORD="Admin#2026x",
               LIFTWATCH_BCRYPT_COST="4", LIFTWATCH_REQUIRE_TOTP="none", LIFTWATCH_SESSION_IDLE_MINUTES="1440")
    env.pop("LOG_LEVEL", None)
    port, log = er.free_port(), os.path.join(work, "server.log")
    if not args.server_url:
        er.fill_archive(db)  # a database kept before filing_versions were filled gets them now
        t = time.perf_counter()
        server = er.Server(binary, dict(env), port, log)  # runs the new migrations
        print("server up (migrations) in %.0f s" % (time.perf_counter() - t), flush=True)
        server.stop()
        t = time.perf_counter()
        if fill(db, time.time() + 8 * 3600):
            print("filled in %.0f s" % (time.perf_counter() - t), flush=True)
    print("server database: %s" % env["DATABASE_URL"])
    server = er.Server(binary, env, port, log)
    try:
        users = []
        for label, username, password in [("company 基准测试电梯公司", "bench", "Bench#2026x"),
                                          ("regulator xxjg (410700)", "xxjg", "Xx#2026pass"),
                                          ("regulator hnjg (410000)", "hnjg", "Xx#2026pass"),
                                          ("admin", "admin", "Admin#2026x")]:
            b = er.Browser(server); b.login(username, password)
            users.append((label, b))
        results, timed = [], []
        print("\n%d runs of each request after one warm-up; p95 = the %d-th fastest" % (args.runs, math.ceil(args.runs * 0.95)))
        for n, (label, user) in enumerate(users):
            cases = [("监管看板", "/supervision")] if n > 0 else [("home page (待办事项)", "/")]
            for title, path in RULES:
                cases += [(title + " first page", path), (title + " last page", path + "?page=last")]
            if n > 0:
                cases.append(("统计分析", "/statistics"))
            timed.append((label, time_pages(user, label, cases, args.runs, results), []))
        if args.export == "company":
            label, user = users[0]
            print("\n%s (load average %.1f)" % (label, os.getloadavg()[0]))
            er.time_export(server, user, label, "export 超期未维保", "/supervision/overdue/export", 3600)
        if args.plans:
            server.stop()
            server = None
            er.plans(binary, env, db, work, users, timed)
    finally:
        if server:
            server.stop()
        print("database kept: %s" % db)


if __name__ == "__main__":
    main()
