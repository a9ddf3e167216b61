import {
  compareImages,
  SAME_IMAGE_MAX_DISTANCE,
  type ImageHashes,
} from "@sweetie/core/identity/index";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { perceptualHashes } from "./imageHashes";

// Acceptance (issue 11): resized, recompressed, mirrored and brightness-shifted copies of one
// picture are found similar; distinct pictures are not. The pictures are generated here (seeded
// shapes and gradients, rendered by sharp), never shipped or downloaded.

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A distinct 320×240 picture: a gradient and a few shapes, placed by the seed. */
function picture(seed: number): Buffer {
  const random = seeded(seed * 7919 + 1);
  const colour = () =>
    `rgb(${Math.floor(random() * 255)},${Math.floor(random() * 255)},${Math.floor(random() * 255)})`;
  const shapes = Array.from({ length: 6 }, () =>
    random() < 0.5
      ? `<circle cx="${random() * 320}" cy="${random() * 240}" r="${20 + random() * 70}" fill="${colour()}"/>`
      : `<rect x="${random() * 280}" y="${random() * 200}" width="${30 + random() * 150}" height="${30 + random() * 120}" fill="${colour()}"/>`,
  ).join("");
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
      <defs><linearGradient id="g" x1="0" y1="0" x2="${random()}" y2="1">
        <stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/>
      </linearGradient></defs>
      <rect width="320" height="240" fill="url(#g)"/>${shapes}</svg>`,
  );
}

const COUNT = 40;

describe("perceptual hashes", () => {
  it("find copies of one picture and keep distinct pictures apart", async () => {
    const originals: ImageHashes[] = [];
    let copiesMax = 0;
    const perTransform: Record<string, number> = {};
    for (let seed = 0; seed < COUNT; seed++) {
      const png = await sharp(picture(seed)).png().toBuffer();
      const hashes = await perceptualHashes(png);
      originals.push(hashes);
      const copies: Record<string, Buffer> = {
        resized: await sharp(png).resize(160, 120).png().toBuffer(),
        recompressed: await sharp(png).jpeg({ quality: 35 }).toBuffer(),
        mirrored: await sharp(png).flop().png().toBuffer(),
        brightened: await sharp(png).modulate({ brightness: 1.2 }).png().toBuffer(),
      };
      for (const [name, bytes] of Object.entries(copies)) {
        const { distance, sameImage } = compareImages(await perceptualHashes(bytes), hashes);
        expect(sameImage, `${name} copy of picture ${seed}: distance ${distance}`).toBe(true);
        perTransform[name] = Math.max(perTransform[name] ?? 0, distance);
        copiesMax = Math.max(copiesMax, distance);
      }
    }
    let pairs = 0;
    let falseMatches = 0;
    let closest = 64;
    for (let i = 0; i < COUNT; i++) {
      for (let j = i + 1; j < COUNT; j++) {
        const { distance, sameImage } = compareImages(originals[i]!, originals[j]!);
        pairs++;
        if (sameImage) falseMatches++;
        closest = Math.min(closest, distance);
      }
    }
    console.log(
      `pHash threshold ${SAME_IMAGE_MAX_DISTANCE}/64: copies at most ${copiesMax} (${JSON.stringify(perTransform)}); ` +
        `distinct pictures closest ${closest}; false matches ${falseMatches}/${pairs}`,
    );
    expect(pairs).toBe(780);
    expect(falseMatches).toBe(0);
  }, 120_000);
});
