#!/usr/bin/env python3
"""Copies a database kept by the benchmarks (SQLite) into PostgreSQL, so that the same requests can be timed
on PostgreSQL with the same rows.

`liftwatch serve` is started once on the PostgreSQL database (an empty one) to create the schema with the app's
own migrations; then the tables the benchmarks read are copied row by row (COPY), converting SQLite's stored
forms (REAL seconds for dates, 0/1 for booleans) to PostgreSQL's types, and ANALYZE runs. The FTS tables are
not copied: PostgreSQL serves the same searches from its pg_trgm indexes on the base tables. Needs psycopg
(`pip install "psycopg[binary]"`).

    python3 benchmarks/to_postgres.py --sqlite DB --url postgres://user@host:port/db
    python3 benchmarks/elevator_register.py --reuse DB --server-url postgres://…    (the same rows, on PostgreSQL)
    python3 benchmarks/supervision.py --reuse DB --server-url postgres://…
"""
import argparse, datetime, os, sqlite3, sys, tempfile, time

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elevator_register as er  # noqa: E402

# What the list, archive and supervision benchmarks read (users: to log in; the admin the first start made
# is replaced by the copied one).
# The kept counts and the statuses copied onto the register rows are copied as SQLite's triggers kept them: the
# COPY runs with triggers off (PostgreSQL's would run once per filing at the end of the statement, an UPDATE of
# an elevator each: over 25 minutes for 500,000 filings).
TABLES = ["companies", "users", "elevators", "filings", "filing_counts", "archived_elevators", "archived_companies",
          "archived_staff", "elevator_upkeep", "maintenance_records", "visit_months", "company_visit_months"]


def convert(kind):
    if kind == "timestamp with time zone" or kind == "timestamp without time zone":
        return lambda v: None if v is None else datetime.datetime.fromtimestamp(float(v), datetime.timezone.utc)
    if kind == "boolean":
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", required=True)
    ap.add_argument("--url", required=True, help="an empty PostgreSQL database")
    args = ap.parse_args()
    binary = os.environ.get("LIFTWATCH_BIN", os.path.join(er.ROOT, ".build/release/liftwatch"))
    env = dict(os.environ, DATABASE_URL=args.url, LIFTWATCH_CAPTCHA="off", LIFTWATCH_ADMIN_PASSWORD="Admin#2026x",
               LIFTWATCH_BCRYPT_COST="4", LIFTWATCH_REQUIRE_TOTP="none")
    env.pop("LOG_LEVEL", None)
    t = time.perf_counter()
    er.Server(binary, env, er.free_port(), os.path.join(tempfile.gettempdir(), "to_postgres.log")).stop()
    print("schema made by the app's migrations in %.0f s" % (time.perf_counter() - t), flush=True)

    lite = sqlite3.connect(args.sqlite)
    with psycopg.connect(args.url.split("?")[0], autocommit=False) as pg:
        with pg.cursor() as cur:
            cur.execute("TRUNCATE " + ", ".join(TABLES) + " CASCADE")
            cur.execute("SET session_replication_role = replica")  # no triggers, no foreign-key checks
            for table in TABLES:
                t = time.perf_counter()
                cur.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s"
                            " ORDER BY ordinal_position", (table,))
                columns = cur.fetchall()
                names = [c for c, _ in columns]
                converters = [convert(k) for _, k in columns]
                rows = lite.execute("SELECT %s FROM %s" % (", ".join('"%s"' % n for n in names), table))
                n = 0
                with cur.copy("COPY %s (%s) FROM STDIN" % (table, ", ".join('"%s"' % n for n in names))) as copy:
                    for row in rows:
                        copy.write_row([f(v) for f, v in zip(converters, row)])
                        n += 1
                print("  %-22s %9d rows in %5.0f s" % (table, n, time.perf_counter() - t), flush=True)
        pg.commit()
        pg.autocommit = True
        t = time.perf_counter()
        pg.execute("ANALYZE")
        print("ANALYZE in %.0f s" % (time.perf_counter() - t))
    lite.close()


if __name__ == "__main__":
    main()
