import { describe, expect, it } from "vitest";
import { checkCapture, MAX_CAPTURE_BYTES, sniffMediaType } from "./captureFile";

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("capture files", () => {
  it("recognises files by their bytes, not their claims", () => {
    expect(sniffMediaType(png)).toBe("image/png");
    expect(sniffMediaType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMediaType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffMediaType(new TextEncoder().encode("\0\0\0\x18ftypmp42"))).toBe("video/mp4");
    expect(sniffMediaType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
  });

  it("refuses empty, oversized, unknown and mislabelled files", () => {
    expect(checkCapture(png, "image/png")).toEqual({ ok: true, mediaType: "image/png" });
    expect(checkCapture(new Uint8Array(), "image/png").ok).toBe(false);
    const big = new Uint8Array(MAX_CAPTURE_BYTES + 1);
    big.set(png);
    expect(checkCapture(big, "image/png")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/5 MiB/),
    });
    expect(checkCapture(new TextEncoder().encode("<html>"), "text/html").ok).toBe(false);
    expect(checkCapture(png, "image/jpeg")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/contents are image\/png/),
    });
  });
});
