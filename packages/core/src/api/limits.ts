/** Captures are stills or short clips of a counterpart's webcam; nothing larger is accepted (S7). */
export const MAX_CAPTURE_BYTES = 5 * 1024 * 1024;

/** The one sentence that states the capture limit, on the server and in the console. */
export const CAPTURE_LIMIT_MESSAGE =
  "A capture can be at most 5 MiB: choose a shorter clip or a smaller image.";
