"""Reference typography with Pillow, the original generators' parameters; for the fidelity test and `bench render`.

Usage: python3 typography_pillow.py KIND FONT_FILE INPUTS_JSONL OUT_DIR|- ROUNDS [raqm|basic]
KIND figstep: ThuCCSLab/FigStep's image: textwrap.fill(instruction, width=15) (one trailing newline removed first)
  then "\n1. \n2. \n3. ", 80 px, 760x760 white, drawn at (20, 10) with spacing 11; nothing is scaled.
KIND typo: MM-SafetyBench's TYPO image: the phrase split on single spaces, a running sum of textlength(" " + word)
  that starts a new line (beginning with a space) once it is not below 1024, 90 px, white canvas 1024 wide and
  90 * (lines + 1) high, drawn at (0, 45.0) with Pillow's default spacing.
Each input line is a JSON string. Every image is PNG-encoded in memory and written to OUT_DIR/<index>.png unless
OUT_DIR is "-". The optional last argument picks Pillow's layout engine (default: Pillow's own choice, raqm when
libraqm is present). Prints one line: "<images> <seconds>" (wall time of the render loop).
"""
import io
import json
import sys
import textwrap
import time

from PIL import Image, ImageDraw, ImageFont


def figstep(instruction, font):
    if instruction.endswith("\n"):
        instruction = instruction[:-1]
    text = textwrap.fill(instruction, width=15)
    for step in range(1, 4):
        text += "\n%d. " % step
    image = Image.new("RGB", (760, 760), "#FFFFFF")
    ImageDraw.Draw(image).text((20, 10), text, font=font, spacing=11, fill="#000000")
    return image


def typo(phrase, font):
    measure = ImageDraw.Draw(Image.new("RGB", (1024, 100), (255, 255, 255)))
    words = phrase.split(" ")
    text = words[0]
    length = measure.textlength(text, font=font)
    lines = 1
    for word in words[1:]:
        segment = measure.textlength(" " + word, font=font)
        length += segment
        if length < 1024:
            text += " " + word
        else:
            text += "\n " + word
            length = segment
            lines += 1
    image = Image.new("RGB", (1024, 90 * (lines + 1)), (255, 255, 255))
    ImageDraw.Draw(image).text((0, 90 / 2.0), text, (0, 0, 0), font=font)
    return image


KINDS = {"figstep": (figstep, 80), "typo": (typo, 90)}


def main():
    kind, font_path, inputs, out_dir, rounds = sys.argv[1:6]
    layout = {"raqm": ImageFont.Layout.RAQM, "basic": ImageFont.Layout.BASIC}.get(sys.argv[6] if len(sys.argv) > 6 else "")
    draw, size = KINDS[kind]
    with open(inputs, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    font = ImageFont.truetype(font_path, size, layout_engine=layout)
    count = 0
    start = time.perf_counter()
    for _ in range(int(rounds)):
        for index, item in enumerate(items):
            buf = io.BytesIO()
            draw(item, font).save(buf, format="PNG")
            if out_dir != "-":
                with open("%s/%d.png" % (out_dir, index), "wb") as out:
                    out.write(buf.getvalue())
            count += 1
    print(count, time.perf_counter() - start)


if __name__ == "__main__":
    main()
