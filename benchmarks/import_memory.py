#!/usr/bin/env python3
"""How much memory and time does the staff import (维保人员上报 → 导入) take, for hostile and for large valid files?

Starts `liftwatch serve` (LIFTWATCH_BIN, default .build/release/liftwatch) on a fresh SQLite database with the
largest upload size the configuration allows (LIFTWATCH_UPLOAD_MAX_MB=200), registers a company through the
site, and uploads to the staff import's 预检 (dry run):

  CSVs whose header has 0.5, 2 and 6 MB of empty columns (the outside security test's attack), a valid
  10,000-row sheet (预检, then the real import), a CSV of 200,000 valid rows (19 MB), a CSV just over the
  readers' 16 MB bound, an .xlsx of 150,000 valid rows written by openpyxl (if installed), and last the
  largest valid sheet accepted (70,000 rows, CSV: the row bound) and 50,000 rows of 11 cells (over the
  500,000-cell bound). For each: the HTTP status, the page's verdict, the time,
and the server's peak RSS during that request (VmHWM, reset before each request through
/proc/PID/clear_refs; where that is not allowed, VmRSS polled every 10 ms). Usage:

    python3 benchmarks/import_memory.py [--skip-large]
"""
import argparse, html, os, re, shutil, sys, tempfile, threading, time, uuid
import urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elevator_register as er  # noqa: E402  (the server and the logged-in browser are shared)
from staff_register import id_number  # noqa: E402

IMPORT = "/filing/staff/import"
HEADER = "姓名,工种,身份证号,证书号,发证日期,有效日期,联系方式"


def staff_rows(count, start=0):
    for i in range(start, start + count):
        yield ["人员%06d" % i, "电梯维护人员", id_number(i), "TF%06d" % i, "2014-09-01", "2018-09-01", "139%08d" % i]


def csv_bytes(count):
    return ("\r\n".join([HEADER] + [",".join(r) for r in staff_rows(count)]) + "\r\n").encode()


def wide_rows(count):
    """Staff rows with four more columns of their own (备注…): 11 cells a row, like an elevator sheet."""
    lines = [HEADER + ",备注1,备注2,备注3,备注4"] + [",".join(r + ["a", "b", "c", "d"]) for r in staff_rows(count)]
    return ("\r\n".join(lines) + "\r\n").encode()


def wide_csv(megabytes):
    return (HEADER + "," * int(megabytes * 1_000_000) + "\r\n" + ",".join(next(staff_rows(1))) + "\r\n").encode()


def openpyxl_sheet(count, path):
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("人员")
    sheet.append(HEADER.split(","))
    for row in staff_rows(count):
        sheet.append(row)
    book.save(path)
    with open(path, "rb") as f:
        return f.read()


class Peak:
    """The server's peak RSS (MB) over one request."""

    def __init__(self, server):
        self.server, self.polled, self.running = server, 0, False

    def __enter__(self):
        self.cleared = self.server.reset_peak()
        self.polled, self.running = self.server.status("VmRSS") or 0, True
        if not self.cleared:
            self.thread = threading.Thread(target=self.poll, daemon=True)
            self.thread.start()
        return self

    def poll(self):
        while self.running:
            self.polled = max(self.polled, self.server.status("VmRSS") or 0)
            time.sleep(0.01)

    def __exit__(self, *_):
        self.running = False
        self.mb = self.server.status("VmHWM") if self.cleared else self.polled


def upload(browser, name, data, dry_run):
    page = browser.get(IMPORT)[0].decode()
    action = html.unescape(re.search(r'<form[^>]+action="([^"]*import[^"]*)"', page).group(1))
    boundary = "----bench" + uuid.uuid4().hex
    parts = []
    if dry_run:
        parts.append(b'--%s\r\nContent-Disposition: form-data; name="dry_run"\r\n\r\n1\r\n' % boundary.encode())
    parts.append(('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
                  'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name)).encode() + data + b"\r\n")
    body = b"".join(parts) + b"--%s--\r\n" % boundary.encode()
    request = urllib.request.Request(browser.server.base + action, body,
                                     {"Content-Type": "multipart/form-data; boundary=" + boundary})
    try:
        with browser.opener.open(request, timeout=3600) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def verdict(page):
    for pattern in (r"无法导入：[^<]*", r"预检通过[^<]*", r"导入成功[^<]*", r"共\d+行，发现[^<]*", r"(?<=error-message\">)[^<]*", r"<h1[^>]*>[^<]*"):
        m = re.search(pattern, page)
        if m:
            return html.unescape(m.group(0))[:60]
    return page[:60]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-large", action="store_true", help="leave out the 100,000-row accepted sheet")
    args = ap.parse_args()
    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(er.ROOT, ".build/release/liftwatch"))
    work = tempfile.mkdtemp(prefix="lw-bench-")
    env = dict(os.environ, DATABASE_URL="sqlite://" + os.path.join(work, "bench.sqlite"), LIFTWATCH_CAPTCHA="off",
               LIFTWATCH_ADMIN_PASSWORD="Admin#2026x", LIFTWATCH_BCRYPT_COST="4", LIFTWATCH_REQUIRE_TOTP="none", LIFTWATCH_UPLOAD_MAX_MB="200",
               LIFTWATCH_SESSION_IDLE_MINUTES="1440")
    env.pop("LOG_LEVEL", None)
    server = er.Server(binary, env, er.free_port(), os.path.join(work, "server.log"))
    try:
        browser = er.register_company(server, 0, "410702")
        # The valid 10,000-row sheet first: memory the allocator keeps after a large request would
        # otherwise show in every later peak (VmHWM can only be reset to the current RSS).
        cases = [("wide header 0.5 MB", "wide.csv", lambda: wide_csv(0.5), True),
                 ("wide header 2 MB", "wide.csv", lambda: wide_csv(2), True),
                 ("wide header 6 MB", "wide.csv", lambda: wide_csv(6), True),
                 ("CSV 10,000 rows 预检", "ten.csv", lambda: csv_bytes(10_000), True),
                 ("CSV 10,000 rows import", "ten.csv", lambda: csv_bytes(10_000), False),
                 ("CSV 200,000 rows", "rows.csv", lambda: csv_bytes(200_000), True),
                 ("CSV 16 MB + 1,000 bytes", "big.csv", lambda: csv_bytes(200_000)[:(16 << 20) + 1000], True),
                 ("xlsx 150,000 rows (openpyxl)", "rows.xlsx", lambda: openpyxl_sheet(150_000, os.path.join(work, "r.xlsx")), True)]
        if not args.skip_large:
            # The row bound, 70,000 rows with the header (7 cells a row: under the 500,000-cell bound).
            cases.append(("CSV 70,000 rows (largest accepted)", "max.csv", lambda: csv_bytes(69_999), True))
            # Elevator-wide rows (11 cells) past the cell bound before the row bound.
            cases.append(("CSV 50,000 rows of 11 cells", "cells.csv",
                          lambda: wide_rows(50_000), True))
        print("server idle RSS %d MB (load average %.1f)" % (server.status("VmRSS"), os.getloadavg()[0]), flush=True)
        print("| upload | size | status | answer | time | server peak RSS |")
        print("| --- | --- | --- | --- | --- | --- |")
        for label, name, make, dry_run in cases:
            data = make()
            if data is None:
                print("| %s | — | skipped: openpyxl not installed | | | |" % label)
                continue
            with Peak(server) as peak:
                t = time.perf_counter()
                status, page = upload(browser, name, data, dry_run)
                elapsed = time.perf_counter() - t
            print("| %s | %.1f MB | %d | %s | %.2f s | %d MB |"
                  % (label, len(data) / 1e6, status, verdict(page), elapsed, peak.mb), flush=True)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
