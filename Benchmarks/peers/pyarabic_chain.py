"""pyarabic's normalization chain, doing the job of marsad's search normalizer: one home for the
text benchmark (text_peers.py) and the end-to-end one (normalize_cli.py)."""
import pyarabic.araby as araby
import pyarabic.normalize as pnorm


def pyarabic_normalize(s):
    # Order matters: araby.normalize_alef also maps alef maksura to alef, so ى→ي
    # (normalize_spellerrors, with ة→ه) runs first.
    s = araby.strip_tashkeel(s)
    s = araby.strip_tatweel(s)
    s = pnorm.normalize_spellerrors(s)
    return araby.normalize_alef(s)
