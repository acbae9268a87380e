#!/usr/bin/env python3
"""The peer of `marsad normalize FILE > /dev/null`, end to end: read a UTF-8 file, normalize it with
pyarabic's chain (the one text_peers.py measures), write it to standard output.

Reads and writes in blocks of lines, as a streaming command would; one block at a time in memory.
"""
import sys

from pyarabic_chain import pyarabic_normalize

BLOCK_LINES = 4096


def main():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as source:
        out = sys.stdout
        block = []
        for line in source:
            block.append(line)
            if len(block) == BLOCK_LINES:
                out.write(pyarabic_normalize("".join(block)))
                block = []
        if block:
            out.write(pyarabic_normalize("".join(block)))


if __name__ == "__main__":
    main()
