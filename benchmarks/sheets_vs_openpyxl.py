#!/usr/bin/env python3
"""Imports and exports against openpyxl on the same rows (issue 13's last goals).

1. Import: a 10,000-row staff sheet written by openpyxl (write-only), imported for real (导入: parse, validate,
   insert, all or nothing) by a company on a fresh database; beside it openpyxl's read-only parse of the same
   file (every cell of every row read; the median of three).
2. Export: on the 500,000-elevator benchmark database (--db, as kept by elevator_register.py or load.py), the
   company's 导出 of a 注册代码 query (default `2011`: ~109,000 elevators); its wall time and the server's RSS
   before and at its peak; beside it openpyxl's write-only writing of the same rows (read back from the
   exported file) to a new file (the median of two).

    LIFTWATCH_BIN=… python3 benchmarks/sheets_vs_openpyxl.py --db /path/bench.sqlite [--fragment 2011]
"""
import argparse, os, statistics, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elevator_register as er  # noqa: E402
import import_memory as im  # noqa: E402
import openpyxl  # noqa: E402


def openpyxl_parse(path):
    t = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    cells = sum(len(row) for row in book.active.iter_rows(values_only=True))
    book.close()
    return time.perf_counter() - t, cells


def openpyxl_write(rows, path):
    t = time.perf_counter()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("电梯信息")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return time.perf_counter() - t


def env_for(db):
    env = dict(os.environ, DATABASE_URL="sqlite://" + db, LIFTWATCH_CAPTCHA="off", LIFTWATCH_BCRYPT_COST="4",
               LIFTWATCH_REQUIRE_TOTP="none", LIFTWATCH_PASSWORD_MAX_AGE_DAYS="0", LIFTWATCH_SESSION_IDLE_MINUTES="1440")
    env.pop("LOG_LEVEL", None)
    return env


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="the 500,000-elevator benchmark database")
    ap.add_argument("--fragment", default="2011")
    args = ap.parse_args()
    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(er.ROOT, ".build/release/liftwatch"))
    work = tempfile.mkdtemp(prefix="lw-sheets-")

    # 1. Import.
    sheet = os.path.join(work, "staff.xlsx")
    data = im.openpyxl_sheet(10_000, sheet)
    parses = [openpyxl_parse(sheet) for _ in range(3)]
    parse = statistics.median(p[0] for p in parses)
    server = er.Server(binary, env_for(os.path.join(work, "fresh.sqlite")), er.free_port(), os.path.join(work, "fresh.log"))
    try:
        browser = er.register_company(server, 0, "410702")
        before = server.status("VmRSS")
        with im.Peak(server) as peak:
            t = time.perf_counter()
            status, page = im.upload(browser, "staff.xlsx", data, dry_run=False)
            seconds = time.perf_counter() - t
        print("import 10,000 staff (.xlsx by openpyxl, %d KB): HTTP %d, %s, %.2f s; server RSS %s → peak %s MB"
              % (len(data) // 1024, status, im.verdict(page), seconds, before, peak.mb), flush=True)
        print("openpyxl read-only parse of the same file: %.2f s (median of %s; %d cells)"
              % (parse, ", ".join("%.2f" % p[0] for p in parses), parses[0][1]), flush=True)
        print("ratio LiftWatch import / openpyxl parse: %.2f" % (seconds / parse), flush=True)
    finally:
        server.proc.terminate(); server.proc.wait()

    # 2. Export.
    server = er.Server(binary, env_for(args.db), er.free_port(), os.path.join(work, "bench.log"))
    try:
        user = er.Browser(server)
        user.login("bench", "Bench#2026x")
        path = er.LIST + "/export?" + urllib.parse.urlencode(dict(registration_code=args.fragment))
        before = server.status("VmRSS")
        with im.Peak(server) as peak:
            t = time.perf_counter()
            with user.opener.open(server.base + path, timeout=3600) as r:
                body = r.read()
            seconds = time.perf_counter() - t
        exported = os.path.join(work, "export.xlsx")
        with open(exported, "wb") as f:
            f.write(body)
        book = openpyxl.load_workbook(exported, read_only=True)
        rows = [list(r) for r in book.active.iter_rows(values_only=True)]
        book.close()
        print("export 注册代码 contains %s: %d rows, %.1f MB, %.1f s; server RSS %s → peak %s MB (+%s)"
              % (args.fragment, len(rows) - 1, len(body) / 1e6, seconds, before, peak.mb, peak.mb - before), flush=True)
        writes = [openpyxl_write(rows, os.path.join(work, "openpyxl-%d.xlsx" % i)) for i in range(2)]
        write = statistics.median(writes)
        print("openpyxl write-only of the same rows: %.1f s (median of %s)" % (write, ", ".join("%.1f" % w for w in writes)))
        print("ratio LiftWatch export / openpyxl write: %.2f" % (seconds / write), flush=True)
    finally:
        server.proc.terminate(); server.proc.wait()


if __name__ == "__main__":
    main()
