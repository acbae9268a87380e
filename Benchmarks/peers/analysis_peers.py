"""Analysis peers on the same articles as `marsad bench analyze`, one core.

Reads the first N articles with text from a JSONL(.gz) export (title + text, the same articles the
Swift side takes), and times what can run offline:
  - CAMeL Tools' rule-based parts (simple_word_tokenize, normalize_alef/alef_maksura/teh_marbuta, dediac):
    its NER and morphology need models downloaded from the network, which this machine cannot reach;
  - Stanza's Arabic NER, when `stanza` and its Arabic model are installed (skipped with a reason
    otherwise: the model is fetched from huggingface.co).
Prints one JSON line per peer: {"peer", "articles", "bytes", "seconds", "mb_per_s", "tokens_per_s"|null, "note"}.
"""
import argparse
import gzip
import json
import time


def load(path, limit):
    opener = gzip.open if path.endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            body = record.get("text") or record.get("content") or ""
            if body.strip():
                texts.append((record.get("title") or "") + "\n" + body)
    return texts


def timed(work, texts, seconds):
    passes, start, found = 0, time.perf_counter(), 0
    while True:
        for text in texts:
            found += work(text)
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return passes, elapsed, found // passes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    texts = load(args.data, args.limit)
    size = sum(len(t.encode("utf-8")) for t in texts)

    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                                 normalize_teh_marbuta_ar)

        def camel(text):
            text = dediac_ar(normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text))))
            return len(simple_word_tokenize(text))

        tokens = sum(camel(t) for t in texts)
        passes, elapsed, _ = timed(camel, texts, args.seconds)
        print(json.dumps({"peer": "camel-tools rule-based (normalize, dediac, tokenize)", "articles": len(texts),
                          "bytes": size, "seconds": elapsed, "mb_per_s": size * passes / elapsed / 1e6,
                          "tokens_per_s": tokens * passes / elapsed,
                          "note": "no NER or quotes: CAMeL's NER and morphology need downloaded models"}), flush=True)
    except ImportError as error:
        print(json.dumps({"peer": "camel-tools", "note": f"not installed: {error}"}), flush=True)

    try:
        import stanza  # noqa: F401
        nlp = stanza.Pipeline("ar", processors="tokenize,ner", download_method=None, use_gpu=False)

        def run(text):
            return len(nlp(text).ents)

        passes, elapsed, found = timed(run, texts[:200], args.seconds)
        part = sum(len(t.encode("utf-8")) for t in texts[:200])
        print(json.dumps({"peer": "stanza ar NER (CPU)", "articles": 200, "bytes": part, "seconds": elapsed,
                          "mb_per_s": part * passes / elapsed / 1e6, "tokens_per_s": None, "entities": found}), flush=True)
    except Exception as error:  # ImportError, or the model missing (it is fetched from huggingface.co)
        print(json.dumps({"peer": "stanza ar NER (CPU)", "note": f"cannot run offline here: {type(error).__name__}: {str(error)[:160]}"}), flush=True)


if __name__ == "__main__":
    main()
