"""The search peer for the server benchmark: tantivy (PyPI, Snowball Arabic) behind Python's
ThreadingHTTPServer, answering GET /search?q=…&section=…&from=…&to=… with JSON (total and the top ten
URLs). It uses the same query translation as Benchmarks/archive/search_peers.py.

    python3 Benchmarks/server/tantivy_http.py --index DIR --port 18081
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "archive"))
from search_peers import TantivySearcher  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    local = threading.local()

    def searcher():
        # One searcher per thread: tantivy's Python objects are not shared across threads here.
        if not hasattr(local, "searcher"):
            local.searcher = TantivySearcher(args.index)
        return local.searcher

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path != "/search":
                self.send_error(404)
                return
            fields = {name: values[-1] for name, values in parse_qs(url.query).items()}
            line = {"query": fields.get("q", ""), "section": fields.get("section"), "from": fields.get("from"), "to": fields.get("to")}
            total, urls, error = searcher().search(line, 10)
            body = json.dumps({"total": total, "hits": urls, "error": error}, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
