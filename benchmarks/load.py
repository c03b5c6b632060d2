#!/usr/bin/env python3
"""How many requests a second do the lists serve under concurrent load, side by side with a Django admin?

Issue 13's harness. It builds the register benchmark's 500,000-elevator database with elevator_register.py's
own functions (or reuses one kept by it: --reuse DB), prepares the Django admin peer
(../shared/peers/django_admin: the same steps as its run.sh — migrate, generate the 500,000 elevators into
$DJPEER_DIR (/tmp/djpeer) once, the superuser), starts gunicorn (2 sync workers, as run.sh does) and
`liftwatch serve` (LIFTWATCH_BIN, default .build/release/liftwatch) side by side, and logs in: the peer's
admin (its login.py), and on LiftWatch the company (90% of the elevators), the 新乡市 regulator and the
河南省 regulator.

Then, for each URL, a 2 s warm-up and `wrk -t2 -c32 -d10s --latency --timeout 30s` with the session cookie,
alternating the two servers in the same minutes: each peer URL is loaded before and after the LiftWatch
URLs compared with it (the ratio is to the mean of the two), so both see the same machine.

  peer (a) the changelist, (b) q=31104107, (c) review_status=approved & p=100;
  LiftWatch, per login: 电梯信息上报 page 1 (vs a), sorted by 检验日期 (vs a), 注册代码 contains 31104107
  (vs b) and the last 6 digits of one code (vs b), 审核状态 通过 and page 100 (vs c), 电梯档案管理 page 1 (vs a) and page 100 (vs c, the approved elevators as the peer's);
  监管看板 (regulators) and the company's 工作台 (no peer counterpart).

Before the runs, each URL is fetched once without following redirects and must answer 200 (wrk counts a
3xx to the login page as a success). Between runs the script waits until both servers are idle (a request
whose client gave up still runs to its end on both). Last, an overload run: 128 connections on the company's
31104107 search, counting the responses by status (a wrk Lua script), then the time until the server serves
page 1 again.

It prints one Markdown table: URL, who, rows, req/s, p99, errors (non-2xx responses; socket timeouts),
the peer's req/s and the ratio, the load average before and after each run; and LiftWatch's RSS
(/proc/PID/status) idle, after the runs and after the overload.

    python3 benchmarks/load.py [--reuse DB | --keep] [--connections 32] [--duration 10s]
                               [--server-url postgres://…  (LiftWatch on PostgreSQL: the --reuse database
                                                            copied by to_postgres.py)]
                               [--only list,sort,code,code6,page100,archive,archive100,dashboard,home,overload]

Needs wrk and the peer's requirements (django, gunicorn, requests: `bash ../shared/peers/django_admin/run.sh`
installs them). Building the LiftWatch database takes ~7.5 min; the peer's data ~1 min (in parallel).
"""
import argparse, http.client, os, re, shutil, sqlite3, subprocess, sys, tempfile, threading, time
import urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elevator_register as er  # noqa: E402  (database, server, browser and logins are shared)

PEER_DIR = os.path.normpath(os.path.join(er.ROOT, "..", "shared", "peers", "django_admin"))
PEER_LIST = "/admin/registry/elevator/"
PEER_URLS = {"a": PEER_LIST, "b": PEER_LIST + "?q=31104107", "c": PEER_LIST + "?review_status__exact=approved&p=100"}
PEER_USER, PEER_PASSWORD = "admin", "peerpass"
FRAGMENT = "31104107"  # 曳引式客梯 in 新乡市: thousands of codes contain it (the peer's (b) searches it too)
KEYS = ["list", "sort", "code", "code6", "page100", "archive", "archive100", "dashboard", "home", "overload"]
USERS = [("company", "bench", "Bench#2026x"), ("regulator 新乡市", "xxjg", "Xx#2026pass"),
         ("regulator 河南省", "hnjg", "Xx#2026pass")]

# Counts the responses by status in each thread and prints the sums (and the 503s that carried Retry-After).
STATUS_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  local key = tostring(status)
  if status == 503 and (headers["Retry-After"] or headers["retry-after"]) then key = "503+Retry-After" end
  statuses[key] = (statuses[key] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %s %d\\n", k, v)) end
end
"""


# ---- the servers ----

class Peer:
    """The Django admin peer: its data prepared as run.sh does, gunicorn with 2 sync workers."""

    def __init__(self, peer_dir, data_dir):
        self.dir, self.data = peer_dir, data_dir
        self.env = dict(os.environ, DJPEER_DIR=data_dir)
        self.db = os.path.join(data_dir, "db.sqlite3")
        self.proc = None
        self.prepared = False

    def prepare_safely(self):
        """prepare() in a thread: `prepared` tells whether it worked."""
        try:
            self.prepare()
            self.prepared = True
        except (OSError, subprocess.CalledProcessError) as e:
            print("preparing the peer: %s" % e, flush=True)

    def manage(self, *args, log):
        subprocess.run([sys.executable, "manage.py", *args], cwd=self.dir, env=self.env, check=True, stdout=log,
                       stderr=subprocess.STDOUT)

    def prepare(self):
        """Migrate, generate the 500,000 elevators if the DB is missing, the superuser (run.sh's steps)."""
        os.makedirs(self.data, exist_ok=True)
        fresh = not os.path.exists(self.db)
        with open(os.path.join(self.data, "prepare.log"), "ab") as log:
            self.manage("migrate", "-v0", log=log)
            if fresh:
                self.manage("generate", log=log)
            self.manage("shell", "-v0", "-c", "from django.contrib.auth.models import User\n"
                        "User.objects.filter(username=%r).exists() or User.objects.create_superuser(%r, 'admin@example.com', %r)"
                        % (PEER_USER, PEER_USER, PEER_PASSWORD), log=log)

    def start(self):
        port = er.free_port()
        self.base = "http://127.0.0.1:%d" % port
        gunicorn = [sys.executable, "-m", "gunicorn"]
        help_text = subprocess.run(gunicorn + ["--help"], capture_output=True, text=True).stdout
        no_ctl = ["--no-control-socket"] if "--no-control-socket" in help_text else []  # else ~/.gunicorn/gunicorn.ctl
        self.proc = subprocess.Popen(gunicorn + ["peer.wsgi", "--workers", "2", "--bind", "127.0.0.1:%d" % port] + no_ctl,
                                     cwd=self.dir, env=self.env, stdout=open(os.path.join(self.data, "gunicorn.log"), "ab"),
                                     stderr=subprocess.STDOUT)
        for _ in range(100):
            if self.proc.poll() is not None:
                sys.exit("gunicorn exited with %s (see %s/gunicorn.log)" % (self.proc.returncode, self.data))
            try:
                fetch(self.base, "/admin/login/", "", timeout=5); break
            except OSError:
                time.sleep(0.2)
        out = subprocess.run([sys.executable, "login.py", self.base, PEER_USER, PEER_PASSWORD], cwd=self.dir,
                             capture_output=True, text=True, check=True).stdout.strip()
        self.cookie = "sessionid=" + out

    def pids(self):
        try:
            with open("/proc/%d/task/%d/children" % (self.proc.pid, self.proc.pid)) as f:
                return [self.proc.pid] + [int(p) for p in f.read().split()]
        except OSError:
            return [self.proc.pid]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill(); self.proc.wait()


def cookie_of(browser):
    """The Cookie header of a logged-in er.Browser."""
    jar = next(h.cookiejar for h in browser.opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    return "; ".join("%s=%s" % (c.name, c.value) for c in jar)


def fetch(base, path, cookie, timeout=300):
    """One GET without following redirects: (status, body)."""
    u = urllib.parse.urlsplit(base)
    con = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        con.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        r = con.getresponse()
        return r.status, r.read()
    finally:
        con.close()


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def wait_idle(pids_of, limit=600):
    """Seconds until the processes use under 10% of a core over one second (requests whose clients gave up
    still run to their end)."""
    t = time.perf_counter()
    before = cpu_seconds(pids_of())
    while time.perf_counter() - t < limit:
        time.sleep(1)
        now = cpu_seconds(pids_of())
        if now - before < 0.1:
            break
        before = now
    return time.perf_counter() - t


# ---- wrk ----

def seconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}[unit]


def wrk(base, path, cookie, connections, duration, script=None):
    """A 2 s warm-up, then the measured run: its figures, parsed from wrk's output."""
    common = ["-t2", "-c%d" % connections, "--timeout", "30s", "-H", "Cookie: " + cookie]
    subprocess.run(["wrk", "-d2s"] + common + [base + path], capture_output=True)
    load_before = os.getloadavg()[0]
    out = subprocess.run(["wrk", "-d" + duration, "--latency"] + common + (["-s", script] if script else [])
                         + [base + path], capture_output=True, text=True).stdout
    load_after = os.getloadavg()[0]
    return dict(parse(out), load=(load_before, load_after), raw=out)


def parse(out):
    """req/s, completed requests, p99 (s), non-2xx/3xx responses, socket errors and, with STATUS_LUA, the statuses."""
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return dict(rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), requests=requests,
                p99=seconds(p99.group(1)) if p99 and requests else None,
                non2xx=int(non2xx.group(1)) if non2xx else 0,
                timeouts=int(sock.group(4)) if sock else 0,
                socket=sum(map(int, sock.groups()[:3])) if sock else 0,
                statuses=dict((k, int(v)) for k, v in re.findall(r"^status (\S+) (\d+)$", out, re.M)))


# ---- the cases ----

def lw_cases(db, companies):
    """(key, who, label, path, peer group) of every LiftWatch request, with each login's own 6-digit code."""
    cases = []
    scopes = [("company", companies[0], None), ("regulator", None, er.CITY[:4]), ("regulator", None, er.PROVINCE[:2])]
    for n, ((who, _, _), scope) in enumerate(zip(USERS, scopes)):
        register = dict(er.cases_for(db, *scope)[0])
        code6 = urllib.parse.parse_qs(urllib.parse.urlsplit(register["code: last 6 digits"]).query)["registration_code"][0]
        q = lambda base, **kw: base + "?" + urllib.parse.urlencode(kw)
        cases += [("list", who, "电梯信息上报 page 1", er.LIST, "a"),
                  ("sort", who, "sorted by 检验日期 (desc)", register["sort 检验日期 desc"], "a"),
                  ("code", who, "注册代码 contains %s" % FRAGMENT, q(er.LIST, registration_code=FRAGMENT), "b"),
                  ("code6", who, "注册代码 contains %s (last 6 digits)" % code6, q(er.LIST, registration_code=code6), "b"),
                  ("page100", who, "审核状态 通过, page 100", q(er.LIST, review_status="通过", page=100), "c"),
                  ("archive", who, "电梯档案管理 page 1", er.ARCHIVE, "a"),
                  ("archive100", who, "电梯档案管理 page 100", q(er.ARCHIVE, page=100), "c")]
        cases.append(("home", who, "工作台", "/", None) if n == 0 else ("dashboard", who, "监管看板", "/supervision", None))
    return cases


def check(base, path, cookie, lw):
    """The URL answers 200 with a rendered page; its row count."""
    status, body = fetch(base, path, cookie)
    if status != 200:
        sys.exit("%s%s: HTTP %d (not logged in, or broken)" % (base, path, status))
    if lw:
        total, _ = er.pages(body)
        return total
    m = re.search(rb"(\d+) (?:results|elevators)", body)
    assert b'id="changelist"' in body, path
    return int(m.group(1)) if m else None


# ---- the run ----

def build(binary, env, args):
    """The register benchmark's database, as elevator_register.py builds it; (db, work dir)."""
    work = tempfile.mkdtemp(prefix="lw-load-")
    db = os.path.join(work, "bench.sqlite")
    env["DATABASE_URL"] = "sqlite://" + db
    server = er.Server(binary, env, er.free_port(), os.path.join(work, "build.log"))
    try:
        er.setup(server, binary, env, db, argparse.Namespace(elevators=args.elevators, analyze=False))
    finally:
        server.stop()
    return db, work


def fmt_rps(r):
    return "%.1f" % r["rps"] if r["requests"] else "**0** (0 completed)"


def fmt_errors(r):
    parts = []
    if r["non2xx"]:
        parts.append("%d non-2xx" % r["non2xx"])
    if r["timeouts"]:
        parts.append("%d timeouts" % r["timeouts"])
    if r["socket"]:
        parts.append("%d socket errors" % r["socket"])
    return ", ".join(parts) or "0"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reuse", metavar="DB", help="a database kept by elevator_register.py --keep (or by this script)")
    ap.add_argument("--keep", action="store_true", help="keep the database built (its path is printed)")
    ap.add_argument("--elevators", type=int, default=500_000, help="elevators to build (500,000: the peer's size)")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--duration", default="10s", help="of each measured run (wrk's -d)")
    ap.add_argument("--overload", type=int, default=128, help="connections of the overload run")
    ap.add_argument("--only", help="a comma-separated subset of: " + ",".join(KEYS))
    ap.add_argument("--server-url", help="run LiftWatch on this PostgreSQL database instead (a copy of --reuse DB "
                    "made by to_postgres.py; the SQLite file still names the companies and codes to ask for)")
    ap.add_argument("--peer", default=PEER_DIR, help="the Django admin peer's directory")
    ap.add_argument("--peer-data", default=os.environ.get("DJPEER_DIR", "/tmp/djpeer"))
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else set(KEYS)
    if only - set(KEYS):
        ap.error("unknown --only keys: %s" % ", ".join(sorted(only - set(KEYS))))
    for tool in ["wrk"]:
        if subprocess.run(["which", tool], capture_output=True).returncode:
            sys.exit("needs %s (apt-get install %s)" % (tool, tool))
    try:
        import django, gunicorn, requests  # noqa: F401
    except ImportError:
        sys.exit("needs the peer's requirements: pip install django gunicorn requests")

    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(er.ROOT, ".build/release/liftwatch"))
    env = dict(os.environ, LIFTWATCH_CAPTCHA="off", LIFTWATCH_ADMIN_PASSWORD="Admin#2026x", LIFTWATCH_BCRYPT_COST="4",
               LIFTWATCH_REQUIRE_TOTP="none", LIFTWATCH_SESSION_IDLE_MINUTES="1440",
               LIFTWATCH_REGISTRATIONS_PER_HOUR="100")  # the build registers ten companies from one address
    env.pop("LOG_LEVEL", None)
    peer = Peer(args.peer, args.peer_data)
    lw = None
    work = None
    try:
        # The peer's data (one core, ~1 min) is made while the LiftWatch database is built (the other).
        prepare = threading.Thread(target=peer.prepare_safely)
        prepare.start()
        t = time.perf_counter()
        if args.reuse:
            db = os.path.abspath(args.reuse)
            work = tempfile.mkdtemp(prefix="lw-load-", dir=os.path.dirname(db))
        else:
            db, work = build(binary, env, args)
            print("built in %.0f s" % (time.perf_counter() - t), flush=True)
        if not args.server_url:  # on PostgreSQL the archive was copied with the rest
            print("%d approved versions in 电梯档案管理" % er.fill_archive(db), flush=True)
        prepare.join()
        if not peer.prepared:
            sys.exit("preparing the peer failed (see %s/prepare.log)" % args.peer_data)
        if args.server_url and not args.reuse:
            sys.exit("--server-url needs --reuse DB (the SQLite database it was copied from)")
        env["DATABASE_URL"] = args.server_url or "sqlite://" + db

        peer.start()
        t = time.perf_counter()
        lw = er.Server(binary, env, er.free_port(), os.path.join(work, "server.log"))  # migrations, PRAGMA optimize
        ready = time.perf_counter() - t
        cookies = {}
        for who, username, password in USERS:
            b = er.Browser(lw)
            b.login(username, password)
            cookies[who] = cookie_of(b)
        rss_idle = lw.status("VmRSS")
        cases = [c for c in lw_cases(db, company_ids(db)) if c[0] in only]

        print("\nLiftWatch %s on %s (ready in %.1f s, idle RSS %d MB); peer %s on %s"
              % (binary, db, ready, rss_idle, peer.base, peer.db))
        rows = {}
        for key, who, label, path, group in cases:
            rows[(who, path)] = check(lw.base, path, cookies[who], True)
        peer_rows = {g: check(peer.base, u, peer.cookie, False) for g, u in PEER_URLS.items()}

        busy = lambda: [lw.proc.pid] + peer.pids()
        results, peer_results = [], {}

        def run(base, path, cookie, label):
            drained = wait_idle(busy)
            r = wrk(base, path, cookie, args.connections, args.duration)
            r["drained"] = drained
            print("%-60s %8s req/s  p99 %8s  errors %s  (load %.1f → %.1f; waited %.0f s for idle)" % (
                label, "%.1f" % r["rps"], "—" if r["p99"] is None else "%.0f ms" % (r["p99"] * 1000), fmt_errors(r),
                r["load"][0], r["load"][1], drained), flush=True)
            return r

        print("\nwrk -t2 -c%d -d%s --latency --timeout 30s (after a 2 s warm-up), alternating:" % (args.connections, args.duration))
        for group in ["a", "b", "c", None]:
            mine = [c for c in cases if c[4] == group]
            if not mine:
                continue
            if group:
                peer_results[group] = [run(peer.base, PEER_URLS[group], peer.cookie, "peer (%s) %s" % (group, PEER_URLS[group]))]
            for key, who, label, path, _ in mine:
                results.append((key, who, label, path, group, run(lw.base, path, cookies[who], "%s: %s" % (who, label))))
            if group:
                peer_results[group].append(run(peer.base, PEER_URLS[group], peer.cookie, "peer (%s) again" % group))
        wait_idle(busy)
        rss_after, peak_after = lw.status("VmRSS"), lw.status("VmHWM")

        overload = None
        if "overload" in only:
            path = er.LIST + "?" + urllib.parse.urlencode(dict(registration_code=FRAGMENT))
            with open(os.path.join(work, "lua-statuses.lua"), "w") as f:
                f.write(STATUS_LUA)
            log_before = pool_timeouts(lw)
            wait_idle(busy)
            print("\noverload: %d connections on the company's %s search" % (args.overload, FRAGMENT), flush=True)
            r = wrk(lw.base, path, cookies["company"], args.overload, args.duration, os.path.join(work, "lua-statuses.lua"))
            t = time.perf_counter()
            status, _ = fetch(lw.base, er.LIST, cookies["company"])
            first = time.perf_counter() - t
            drained = wait_idle(lambda: [lw.proc.pid])
            overload = dict(r, first_page=(status, first), drained=drained, pool_timeouts=pool_timeouts(lw) - log_before,
                            rss=lw.status("VmRSS"), peak=lw.status("VmHWM"))
            print(r["raw"])

        report(args, binary, db, ready, rss_idle, rss_after, peak_after, results, peer_results, rows, peer_rows, overload)
    finally:
        if lw:
            lw.stop()
        peer.stop()
        if work and (args.reuse or args.keep):
            print("database kept: %s" % db)
        elif work:
            shutil.rmtree(work, ignore_errors=True)


def company_ids(db):
    con = sqlite3.connect(db)
    ids = [con.execute("select id from companies where name = ?", ("基准测试电梯公司" if n == 0 else "基准测试电梯公司%d号" % n,))
           .fetchone()[0] for n in range(10)]
    con.close()
    return ids


def pool_timeouts(server):
    """Lines of the server's log naming the connection pool's timeout (each is a request answered 500)."""
    try:
        with open(server.log, encoding="utf-8", errors="replace") as f:
            return sum("connectionRequestTimeout" in line or "ConnectionPoolTimeoutError" in line for line in f)
    except OSError:
        return 0


def report(args, binary, db, ready, rss_idle, rss_after, peak_after, results, peer_results, rows, peer_rows, overload):
    commit = subprocess.run(["git", "-C", er.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    engine = ("PostgreSQL %s (rows of %s)" % (args.server_url.split("?")[0], db)) if args.server_url else "SQLite %s" % db
    print("\n%s, commit %s, %d cores, release binary %s, %s" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), commit, os.cpu_count(), binary, engine))
    print("wrk -t2 -c%d -d%s --latency --timeout 30s, 2 s warm-up; peer: Django admin, gunicorn 2 sync workers\n"
          % (args.connections, args.duration))
    print("| URL | who | rows | req/s | p99 | errors | peer req/s (before · after) | ratio LW / peer | load before → after |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    p99 = lambda r: "—" if r["p99"] is None else ("%.0f ms" % (r["p99"] * 1000) if r["p99"] < 1 else "%.2f s" % r["p99"])
    loads = lambda r: "%.1f → %.1f" % r["load"]
    for group, (before, after) in sorted((g, rs) for g, rs in peer_results.items()):
        print("| (%s) `%s` | Django admin | %s | %.1f · %.1f | %s · %s | %s · %s | | | %s · %s |" % (
            group, PEER_URLS[group], "{:,}".format(peer_rows[group]) if peer_rows.get(group) else "", before["rps"], after["rps"],
            p99(before), p99(after), fmt_errors(before), fmt_errors(after), loads(before), loads(after)))
    for key, who, label, path, group, r in results:
        peer = peer_results.get(group)
        mean = sum(p["rps"] for p in peer) / len(peer) if peer else None
        ratio = "%.2f× (%s)" % (r["rps"] / mean, group) if mean else ""
        n = rows.get((who, path))
        print("| %s `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label, path, who, "" if n is None else "{:,}".format(n), fmt_rps(r), p99(r), fmt_errors(r),
            "%.1f" % mean if mean else "", ratio, loads(r)))
    print("\nLiftWatch: ready %.1f s after start; RSS idle %d MB, after the runs %d MB (peak %d MB)"
          % (ready, rss_idle, rss_after, peak_after))
    drains = ["%s %s (%.0f s)" % (who, label, r["drained"]) for _, who, label, _, _, r in results if r["drained"] > 3]
    if drains:
        print("Waited for an idle machine before a run (the previous run's abandoned requests still running): "
              + "; ".join(drains))
    if overload:
        o = overload
        print("\nOverload, %d connections on the company's 注册代码 contains %s: %d completed (%.1f req/s), p99 %s, "
              "statuses %s, %d timeouts; %d ConnectionPoolTimeoutError in the log; afterwards page 1 answered %d in %.2f s, "
              "idle again after %.0f s; RSS %d MB (peak %d MB)" % (
                  args.overload, FRAGMENT, o["requests"], o["rps"], p99(o),
                  ", ".join("%s: %d" % kv for kv in sorted(o["statuses"].items())) or "none", o["timeouts"],
                  o["pool_timeouts"], o["first_page"][0], o["first_page"][1], o["drained"], o["rss"], o["peak"]))


if __name__ == "__main__":
    main()
