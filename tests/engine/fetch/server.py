#!/usr/bin/env python3
"""Loopback HTTP server for the fetch tests: replays recorded API traffic
(Qualtrics export flow, KoboToolbox data pages, SurveyMonkey bulk + details,
LimeSurvey RemoteControl, ODK Central CSV) and injects faults. Binds 127.0.0.1
only, writes its port to PORTFILE, logs the auth headers it saw to LOGFILE, and
stops by itself after a bounded time."""
import base64, io, json, os, sys, threading, time, urllib.parse, zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTFILE, LOGFILE, FIXTURES = sys.argv[1], sys.argv[2], sys.argv[3]
LIFETIME = 240  # seconds; the server never outlives a test run
FIX = os.path.join(FIXTURES, "exports")
TOKEN = "s3cret-token"
counters = {}
lock = threading.Lock()


def shared(path, default):
    p = os.path.join(FIX, path)
    if os.path.exists(p):
        with open(p, "rb") as f:
            return f.read()
    return default


OWN_CSV = ("Tidstämpel,Enhet,Jag vet vad som förväntas av mig\r\n"
           "2026-03-01 10:00:00,Skola Norr,6\r\n"
           "2026-03-01 10:05:00,Skola Norr,Vet ej\r\n").encode()
QUALTRICS_CSV = shared("qualtrics/qualtRics_sample.csv", OWN_CSV)
LIME_B64 = shared("limesurvey/pulsemanager_rc2_export_responses_base64.txt",
                  b"77u/aWQ7c3VibWl0ZGF0ZTtRMQ0KIjEiOyIyMDI2LTAzLTAxIjsiQTEiDQo=").decode().strip()


def kobo_records():
    raw = shared("kobotoolbox/robotoolbox_kobo_data_group_names_1.json", None)
    if raw:
        return json.loads(raw)["results"]
    return [{"_id": i, "_uuid": "u%d" % i, "grp/q1": str(i % 5 + 1)} for i in range(5)]


def sm_details():
    raw = shared("surveymonkey/smR_api_v3_survey_details.json", None)
    return json.loads(raw) if raw else {"id": "123", "pages": []}


def sm_responses():
    raw = shared("surveymonkey/smR_api_v3_responses_bulk.json", None)
    return json.loads(raw)["data"] if raw else [{"id": "1", "pages": []}, {"id": "2", "pages": []}]


def qualtrics_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("Sixbox test.csv", QUALTRICS_CSV)
    return buf.getvalue()


def count(key):
    with lock:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def log_auth(self):
        with lock, open(LOGFILE, "a") as f:
            f.write("%s %s host=%s auth=%s xapi=%s\n" % (
                self.command, self.path, self.headers.get("Host"),
                self.headers.get("Authorization"), self.headers.get("X-API-TOKEN")))

    def send(self, status, body=b"", ctype="text/plain", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, obj, status=200):
        self.send(status, json.dumps(obj), "application/json")

    def authed(self, scheme):
        want = {"bearer": "Bearer " + TOKEN, "token": "Token " + TOKEN}.get(scheme)
        if scheme == "x-api":
            return self.headers.get("X-API-TOKEN") == TOKEN
        return self.headers.get("Authorization") == want

    def base(self, host="127.0.0.1"):
        return "http://%s:%d" % (host, self.server.server_address[1])

    def do_GET(self):
        self.log_auth()
        p = self.path
        if p == "/sheet.csv":
            return self.send(200, OWN_CSV, "text/csv; charset=utf-8")
        if p == "/signin":
            return self.send(200, "<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
        if p == "/redirect-sheet":
            return self.send(302, headers=[("Location", "/sheet.csv")])
        if p == "/redirect-other-host":
            return self.send(302, headers=[("Location", self.base("localhost") + "/sheet.csv")])
        if p.startswith("/redirect-to?u="):  # a redirect to any URL the test names
            return self.send(302, headers=[("Location", urllib.parse.unquote(p[15:]))])
        if p == "/redirect-file":
            return self.send(302, headers=[("Location", "file:///etc/passwd")])
        if p == "/redirect-http-far":
            return self.send(302, headers=[("Location", "http://sixbox-test.invalid/x.csv")])
        if p == "/429":
            if count(p) == 1:
                return self.send(429, "slow down", headers=[("Retry-After", "1")])
            return self.send(200, OWN_CSV, "text/csv")
        if p == "/429-forever":
            return self.send(429, "slow down", headers=[("Retry-After", "86400")])
        if p == "/503":
            if count(p) <= 2:
                return self.send(503, "busy")
            return self.send(200, OWN_CSV, "text/csv")
        if p == "/401":
            return self.send(401, "no")
        if p == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"a,b\r\n")
            self.wfile.flush()
            time.sleep(8)
            return
        if p == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"a,b\r\n1,2\r\n")
            self.wfile.flush()
            self.close_connection = True
            return
        if p == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(80):  # 5 MiB
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        # ---- ODK Central ----
        if p == "/v1/projects/2/forms/F/submissions.csv":
            if not self.authed("bearer"):
                return self.send(401, "no")
            return self.send(200, shared("odk/ruODK_central_csv_build_Flora-Quadrat-0-4_1564384341.csv", OWN_CSV), "text/csv")
        # ---- Qualtrics ----
        q = "/API/v3/surveys/SV_test/export-responses/"
        if p.startswith(q):
            if not self.authed("x-api"):
                return self.send(401, "no")
            rest = p[len(q):]
            if rest == "ES_1":
                if count(p) < 3:
                    return self.send_json({"result": {"percentComplete": 40.0, "status": "inProgress"}})
                return self.send_json({"result": {"fileId": "F-1", "percentComplete": 100.0, "status": "complete"}})
            if rest == "F-1/file":
                return self.send(200, qualtrics_zip(), "application/zip")
            return self.send(404, "no")
        # ---- KoboToolbox ----
        if p.startswith("/api/v2/assets/aTEST/data.json"):
            if not self.authed("token"):
                return self.send(401, "no")
            recs = kobo_records()
            half = (len(recs) + 1) // 2
            if "start=" not in p:
                nxt = self.base() + "/api/v2/assets/aTEST/data.json?limit=1000&start=%d" % half
                return self.send_json({"count": len(recs), "next": nxt, "previous": None, "results": recs[:half]})
            return self.send_json({"count": len(recs), "next": None, "previous": None, "results": recs[half:]})
        if p.startswith("/api/v2/assets/aEVIL/data.json"):
            return self.send_json({"count": 1, "next": self.base("localhost") + "/steal", "results": [{"_id": 1}]})
        # ---- SurveyMonkey ----
        if p == "/v3/surveys/123/details":
            if not self.authed("bearer"):
                return self.send(401, "no")
            return self.send_json(sm_details())
        if p.startswith("/v3/surveys/123/responses/bulk"):
            if not self.authed("bearer"):
                return self.send(401, "no")
            data = sm_responses()
            if p.endswith("&page=1") or "?page=1" in p:
                return self.send_json({"data": data[:1], "page": 1, "per_page": 1, "total": len(data),
                                       "links": {"next": self.base() + "/v3/surveys/123/responses/bulk?per_page=1&page=2"}})
            return self.send_json({"data": data[1:], "page": 2, "per_page": 1, "total": len(data), "links": {}})
        return self.send(404, "not found")

    def do_POST(self):
        self.log_auth()
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        if self.path == "/API/v3/surveys/SV_test/export-responses":
            if not self.authed("x-api"):
                return self.send(401, "no")
            req = json.loads(body)
            if req.get("format") != "csv":
                return self.send(400, "format")
            return self.send_json({"result": {"progressId": "ES_1", "percentComplete": 0.0, "status": "inProgress"}})
        if self.path == "/index.php/admin/remotecontrol":
            req = json.loads(body)
            m, params = req.get("method"), req.get("params")
            if m == "get_session_key":
                if params != ["hr", TOKEN]:
                    return self.send_json({"id": 1, "result": {"status": "Invalid user name or password"}, "error": None})
                return self.send_json({"id": 1, "result": "k" * 32, "error": None})
            if m == "export_responses":
                if params[0] != "k" * 32:
                    return self.send_json({"id": 1, "result": {"status": "Invalid session key"}, "error": None})
                if params[1] == "77":  # survey 77: the file SBX_LIME_EXPORT, for codes only
                    if params[2:] != ["csv", None, "complete", "code", "short"]:
                        return self.send_json({"id": 1, "result": {"status": "unexpected export options %r"
                                                                   % (params[2:],)}, "error": None})
                    with open(os.environ["SBX_LIME_EXPORT"], "rb") as f:
                        return self.send_json({"id": 1, "result": base64.b64encode(f.read()).decode(),
                                               "error": None})
                return self.send_json({"id": 1, "result": LIME_B64, "error": None})
            if m == "release_session_key":
                with lock, open(LOGFILE, "a") as f:
                    f.write("released %s\n" % params[0])
                return self.send_json({"id": 1, "result": "OK", "error": None})
        return self.send(404, "not found")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    threading.Timer(LIFETIME, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
