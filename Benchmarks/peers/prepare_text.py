#!/usr/bin/env python3
"""Write the benchmark input text: one article per blank-line-separated block, UTF-8.

Source: the ANT v2.1 news corpus in ../shared (read at run time, never copied
into the repo). Without it (or with --fallback) a synthetic Arabic news-like
text is generated deterministically so the benchmark still runs anywhere.
"""
import argparse
import gzip
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "news" / "ant_v2.1_multisource.jsonl.gz"
CORPUS_CAP = 30_000_000
FALLBACK_CAP = 20_000_000


def corpus_blocks(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = (json.loads(line).get("text") or "").strip()
            if text:
                # A blank line inside an article would split it into two blocks.
                yield re.sub(r"\n\s*\n+", "\n", text)


# --- synthetic fallback ------------------------------------------------------
# Written for this script: plain frequent news words, so that clitic stripping,
# hamza/alef folding, teh marbuta and alef maksura all have work to do.
NOUNS = """حكومة وزير رئيس مجلس دولة اقتصاد سوق شركة مدينة عاصمة قرار اجتماع
مفاوضات انتخابات برلمان جيش أمن حرب سلام اتفاق تقرير مصدر وكالة صحيفة مباراة
فريق لاعب بطولة هدف مدرب نادي ملعب جمهور منتخب هاتف تطبيق شبكة إنترنت بيانات
أسعار نفط بنك استثمار نمو تضخم ميزانية مشروع طاقة مياه زراعة تعليم جامعة طالب
مستشفى صحة مرض لقاح ثقافة فيلم مهرجان كتاب معرض فنان موسيقى أزمة قمة علاقات
منطقة حدود لاجئ مساعدات سفير خارجية قضية محكمة قانون دستور حزب معارضة إصلاح
عملية هجوم ضحية مسؤول شعب مواطن عامل أسبوع يوم شهر عام ساعة مرحلة نتيجة خطة
برنامج مؤتمر إعلان بيان موقف دعم تعاون مستقبل تاريخ مستوى رؤية فتوى مبنى""".split()
ADJS = """جديد كبير دولي عربي محلي سياسي اقتصادي أمني رسمي أخير أول عالمي وطني
إقليمي عسكري مالي رياضي ثقافي صحي مشترك كبرى أولى""".split()
VERBS = """قال أعلن أكد أشار أضاف ذكر أوضح كشف دعا التقى وصل بحث ناقش وقع شارك
فاز خسر سجل ارتفع انخفض يقول يؤكد تعلن يبحث تشارك يفوز تسعى يمكن استمر اعتبر
سيطر استأنف يرى بدأ قرأ سأل""".split()
FUNCS = """في من إلى على عن مع بين بعد قبل خلال حول أن إن لكن التي الذي الذين
هذا هذه ذلك كما حيث منذ أيضا وفق ضد عند لدى حتى قد لم لا ما كل أي غير نحو""".split()
NAMES = """القاهرة بيروت الرياض دمشق بغداد تونس الرباط عمان الدوحة دبي واشنطن
باريس لندن موسكو بكين محمد أحمد علي سارة فاطمة يوسف مصطفى""".split()
LATIN = "Reuters AFP FIFA NASA iPhone Google COVID-19 OPEC UN Twitter BBC Ltd".split()
PROCLITICS = ["و", "ف", "ب", "ل", "وب", "ول", "فب", "وك"]
ENCLITICS = ["ه", "ها", "هم", "نا", "كم", "هما"]
HARAKAT = "\u064e\u064f\u0650\u0652\u0651\u064b\u064d"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Letters that never join to the following letter (decides which shape to use).
RIGHT_ONLY = set("اآأإٱدذرزوؤة")


def presentation_forms():
    """Map letter -> {isolated, final, initial, medial} from U+FE8D..U+FEF4."""
    forms = {}
    for cp in range(0xFE8D, 0xFEF5):
        tag, base = unicodedata.decomposition(chr(cp)).split()
        forms.setdefault(chr(int(base, 16)), {})[tag.strip("<>")] = chr(cp)
    return forms


PRES = presentation_forms()


def shape(word):
    """Rewrite a word in contextual presentation forms, as old PDFs/sites emit."""
    if not all(ch in PRES for ch in word):
        return word
    out = []
    for i, ch in enumerate(word):
        joins_prev = i > 0 and word[i - 1] not in RIGHT_ONLY
        joins_next = i + 1 < len(word) and ch not in RIGHT_ONLY
        tag = {(False, False): "isolated", (True, False): "final",
               (False, True): "initial", (True, True): "medial"}[(joins_prev, joins_next)]
        out.append(PRES[ch].get(tag) or PRES[ch].get("isolated", ch))
    return "".join(out)


def make_word(rnd):
    r = rnd.random()
    if r < 0.03:
        n = str(rnd.choice([rnd.randint(1, 99), rnd.randint(1950, 2030), rnd.randint(100, 99999)]))
        return n.translate(INDIC) if rnd.random() < 0.6 else n + rnd.choice(["", "", "%"])
    if r < 0.05:
        return rnd.choice(LATIN)
    if r < 0.30:
        return rnd.choice(FUNCS)
    if r < 0.36:
        w = rnd.choice(NAMES)
    elif r < 0.52:
        w = rnd.choice(VERBS)
        if rnd.random() < 0.15:
            w += rnd.choice(ENCLITICS)
    else:
        w = rnd.choice(NOUNS + ADJS)
        if rnd.random() < 0.45:
            w = "ال" + w
        elif rnd.random() < 0.15:
            w = (w[:-1] + "ت" if w.endswith("ة") else w) + rnd.choice(ENCLITICS)
    if rnd.random() < 0.2:
        p = rnd.choice(PROCLITICS)
        w = p + (w[1:] if p.endswith("ل") and w.startswith("ال") else w)
    x = rnd.random()
    if x < 0.04:  # partial vocalization
        w = "".join(c + (rnd.choice(HARAKAT) if rnd.random() < 0.6 else "") for c in w)
    elif x < 0.05 and len(w) > 2:
        k = rnd.randint(1, len(w) - 2)
        w = w[:k] + "ـ" * rnd.randint(1, 4) + w[k:]
    elif x < 0.056:
        w = shape(w)
    return w


def make_sentence(rnd):
    words = [make_word(rnd) for _ in range(rnd.randint(6, 24))]
    if rnd.random() < 0.15 and len(words) > 4:
        i = rnd.randrange(len(words) - 3)
        words[i] = "«" + words[i]
        words[i + 2] += "»"
    for i in range(len(words) - 1):
        if rnd.random() < 0.07:
            words[i] += rnd.choice("،،،؛:")
    return " ".join(words) + rnd.choice("....؟!")


def fallback_blocks(seed=20180218):
    rnd = random.Random(seed)
    while True:
        lines = [" ".join(make_sentence(rnd) for _ in range(rnd.randint(1, 4)))
                 for _ in range(rnd.randint(2, 10))]
        yield "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--max-bytes", type=int, help=f"cap (default {CORPUS_CAP} corpus, {FALLBACK_CAP} fallback)")
    ap.add_argument("--fallback", action="store_true", help="ignore the corpus, generate text")
    args = ap.parse_args()

    use_corpus = CORPUS.is_file() and not args.fallback
    blocks = corpus_blocks(CORPUS) if use_corpus else fallback_blocks()
    cap = args.max_bytes or (CORPUS_CAP if use_corpus else FALLBACK_CAP)

    total = articles = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as out:
        for block in blocks:
            data = (block + "\n\n").encode("utf-8")
            if total + len(data) > cap:
                break
            out.write(data)
            total += len(data)
            articles += 1
    source = str(CORPUS) if use_corpus else "synthetic fallback"
    print(f"prepare_text: {total} bytes ({total / 1e6:.1f} MB), {articles} articles "
          f"from {source} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
