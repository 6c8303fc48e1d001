"""Reference FigStep renderer with Pillow, for the fidelity test and `bench render` only.

Usage: python3 figstep_pillow.py FONT_TTF INSTRUCTIONS_JSONL OUT_DIR|- ROUNDS
Each input line is a JSON string. Draws every instruction with FigStep's published parameters (textwrap at 15,
items "1. " to "3. ", 80 px, 760x760 white, origin (20,10), spacing 11), encodes PNG into memory, and writes
<index>.png when OUT_DIR is not "-". Prints one line: "<images> <seconds>" (wall time of the render loop).
"""
import io
import json
import sys
import textwrap
import time

from PIL import Image, ImageDraw, ImageFont


def step_text(instruction):
    if instruction.endswith("\n"):
        instruction = instruction[:-1]
    text = textwrap.fill(instruction, width=15)
    for i in range(1, 4):
        text += "\n%d. " % i
    return text


def main():
    font_path, inputs, out_dir, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(inputs, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    font = ImageFont.truetype(font_path, 80)
    count = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for index, instruction in enumerate(items):
            image = Image.new("RGB", (760, 760), "#FFFFFF")
            ImageDraw.Draw(image).text((20, 10), step_text(instruction), font=font, spacing=11, fill="#000000")
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            if out_dir != "-":
                with open("%s/%d.png" % (out_dir, index), "wb") as out:
                    out.write(buf.getvalue())
            count += 1
    print(count, time.perf_counter() - start)


if __name__ == "__main__":
    main()
