#!/usr/bin/env python3
"""Loopback server for `sixbox fetch --api kolada`: answers the Kolada v3 paths in the
shapes Kolada's API v3 answers in (docs/formats.md, "Kolada") (envelope {count, next_url, previous_url, values};
data items {kpi, municipality, period, values: [{count, gender, isdeleted, status,
value}]}; groups {id, title, members: [{member_id, member_title}]}), two items per page
so paging must be followed, and injects faults. Values come from the Kolada
fixture (real values in a reconstructed envelope) when it is there, else from a few
of the same values written here. No recorded Kolada traffic exists (SOURCES.txt).
Binds 127.0.0.1, writes its port to PORTFILE, logs request paths to LOGFILE."""
import json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

PORTFILE, LOGFILE, FIXTURES = sys.argv[1], sys.argv[2], sys.argv[3]
LIFETIME = 120
FIX = os.path.join(FIXTURES, "kolada", "reconstructed",
                   "v3-data-U00200-0180_1480_1280-2020-2022.RECONSTRUCTED.json")
lock = threading.Lock()
seen = {}


def load_items():
    if os.path.exists(FIX):
        with open(FIX) as f:
            return json.load(f)["values"]
    mk = lambda m, p, t, k, mm: {"kpi": "U00200", "municipality": m, "period": p, "values": [
        {"count": 1, "gender": "K", "isdeleted": False, "status": "", "value": k},
        {"count": 1, "gender": "M", "isdeleted": False, "status": "", "value": mm},
        {"count": 1, "gender": "T", "isdeleted": False, "status": "", "value": t}]}
    return [mk("0180", 2020, 79.22222222, 79.33333333, 78.80555556),
            mk("1480", 2020, 78.58333333, 80.27777778, 78.88888889),
            mk("0180", 2021, 80.22222222, 80.41666667, 79.61111111)]


ITEMS = load_items()


def extra_items(kpis, muns, years):
    """Items for ids the fixture lacks: a school KPI with a string period and a null
    value, and the country (0000) with no value, as Kolada answers for U00200."""
    out = []
    for k in kpis:
        for m in muns:
            for y in years:
                if k == "N15419" and m in ("0180", "0000"):
                    out.append({"kpi": k, "municipality": m, "period": str(y), "values": [
                        {"count": 1, "gender": "T", "status": "", "value": 74.5 if m == "0180" else 71.4}]})
                if k == "U00200" and m == "0000":
                    out.append({"kpi": k, "municipality": m, "period": y, "values": [
                        {"count": 0, "gender": "T", "status": "Missing", "value": None}]})
    return out


def once(key):
    with lock:
        seen[key] = seen.get(key, 0) + 1
        return seen[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/json", headers=()):
        body = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def page(self, items, path, query):
        n = int(query.get("page", ["1"])[0])
        chunk = items[(n - 1) * 2:n * 2]
        more = n * 2 < len(items)
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        nxt = "%s%s?per_page=5000&page=%d" % (base, path, n + 1) if more else None
        if more and "0666" in path:
            nxt = "https://elsewhere.invalid%s?page=2" % path
        env = {"count": len(chunk), "next_url": nxt, "previous_url": None, "values": chunk}
        if not more and n > 1:
            env.pop("next_url")  # the last page may also leave it out
        self.send(200, json.dumps(env))

    def do_GET(self):
        with lock, open(LOGFILE, "a") as f:
            f.write(self.path + "\n")
        u = urlsplit(self.path)
        q = parse_qs(u.query)
        parts = u.path.split("/")
        if u.path.startswith("/v3/municipality_groups"):
            return self.groups(q)
        if len(parts) != 9 or parts[1:3] != ["v3", "data"] or parts[3] != "kpi":
            return self.send(404, '{"error": "not found"}')
        kpis, muns, years = parts[4].split(","), parts[6].split(","), parts[8].split(",")
        if max(len(kpis), len(muns), len(years)) > 25:
            return self.send(400, '{"error": "at most 25 ids per segment"}')
        if q.get("per_page") != ["5000"]:
            return self.send(400, '{"error": "per_page missing"}')
        if "0429" in muns and once(u.path) == 1:
            return self.send(429, '{"error": "slow down"}', headers=[("Retry-After", "1")])
        if "0503" in muns and once(u.path) <= 2:
            return self.send(503, "busy", "text/plain")
        if "0999" in muns:
            return self.send(200, '{"values": [{"kpi": "U00200", "municipality": ')
        if "0998" in muns:
            return self.send(200, json.dumps({"count": 1, "next_url": None, "values": [
                {"kpi": "U00200", "municipality": "0998", "values": []}]}))
        years_i = [int(y) for y in years]
        items = [i for i in ITEMS if i["kpi"] in kpis and i["municipality"] in muns
                 and int(i["period"]) in years_i]
        items += extra_items(kpis, muns, years_i)
        self.page(items, u.path, q)

    def groups(self, q):
        title = q.get("title", [""])[0]
        groups = [{"id": "G37523", "title": "Liknande kommuner, övergripande, Stockholm, 2025",
                   "members": [{"member_id": m, "member_title": t} for m, t in
                               [("0180", "Stockholm"), ("1480", "Göteborg"), ("1280", "Malmö")]]},
                  {"id": "G2328", "title": "Alla kommuner (ovägt medel)",
                   "members": [{"id": "0114", "title": "Upplands Väsby"}]}]
        hit = [g for g in groups if title.lower() in g["title"].lower()]
        self.send(200, json.dumps({"count": len(hit), "next_url": None, "values": hit}))


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    time.sleep(LIFETIME)
    srv.shutdown()


if __name__ == "__main__":
    main()
