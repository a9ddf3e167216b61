import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CAPTURE_LIMIT_MESSAGE, MAX_CAPTURE_BYTES } from "@sweetie/core/api/limits";
import { useState, type ClipboardEvent } from "react";
import { ApiError } from "../../api/apiError";
import {
  captureContentUrl,
  fetchCaptures,
  revealCapture,
  uploadCapture,
  type Capture,
} from "../../api/console";

const ACCEPTED = "image/png,image/jpeg,image/webp,video/webm,video/mp4";

/**
 * Evidence captures of the counterpart's webcam: upload or paste. The server withholds each
 * capture's bytes until the person chooses to reveal it (an audited, budgeted choice, S8), so
 * until then only its name, size and hash are shown; clips play muted.
 */
export function CapturePanel({
  operationId,
  conversationId,
  canUpload,
  onError,
  onSuccess,
}: {
  operationId: string;
  conversationId: string;
  /** Operators add captures; everyone with access sees them, hidden until revealed. */
  canUpload: boolean;
  onError: (error: unknown) => void;
  onSuccess: () => void;
}) {
  const queryClient = useQueryClient();
  const captures = useQuery({
    queryKey: ["captures", operationId, conversationId],
    queryFn: () => fetchCaptures(operationId, conversationId),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      // Said before a 5 MiB upload is attempted, in the same words the server uses.
      if (file.size > MAX_CAPTURE_BYTES) {
        throw new ApiError({
          status: 413,
          code: "payload_too_large",
          detail: CAPTURE_LIMIT_MESSAGE,
        });
      }
      return uploadCapture(operationId, conversationId, file);
    },
    onSuccess: () => {
      onSuccess();
      void queryClient.invalidateQueries({ queryKey: ["captures", operationId, conversationId] });
    },
    onError,
  });
  const handlePaste = (event: ClipboardEvent) => {
    const file = [...event.clipboardData.files][0];
    if (file && canUpload) {
      event.preventDefault();
      upload.mutate(file);
    }
  };
  const list = captures.data?.captures ?? [];
  return (
    <section className="captures" aria-label="Captures" onPaste={handlePaste}>
      {canUpload ? (
        <label className="field">
          <span>Add a capture (image or short clip, at most 5 MiB; or paste one here)</span>
          <input
            type="file"
            accept={ACCEPTED}
            disabled={upload.isPending}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) upload.mutate(file);
              event.target.value = "";
            }}
          />
        </label>
      ) : list.length > 0 ? (
        <h3 className="captures-heading">Captures</h3>
      ) : null}
      <ul className="plain-list capture-list">
        {list.map((capture) => (
          <CaptureItem
            key={capture.id}
            operationId={operationId}
            capture={capture}
            onError={onError}
            onSuccess={onSuccess}
          />
        ))}
      </ul>
    </section>
  );
}

function CaptureItem({
  operationId,
  capture,
  onError,
  onSuccess,
}: {
  operationId: string;
  capture: Capture;
  onError: (error: unknown) => void;
  onSuccess: () => void;
}) {
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(capture.revealed);
  const reveal = useMutation({
    mutationFn: () => revealCapture(operationId, capture.id),
    onSuccess: () => {
      onSuccess();
      setRevealed(true);
      void queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
    },
    onError,
  });
  const url = captureContentUrl(operationId, capture.id);
  return (
    <li className="capture-item">
      {capture.purged ? (
        <p className="muted">Purged; its hash remains.</p>
      ) : !revealed ? (
        <div
          className="capture-media capture-withheld"
          role="img"
          aria-label={`Capture ${capture.fileName}, hidden until you reveal it`}
        >
          Hidden until you reveal it
        </div>
      ) : capture.mediaType.startsWith("video/") ? (
        <video className="capture-media" src={url} muted controls preload="metadata" />
      ) : (
        <img className="capture-media" src={url} alt={`Capture ${capture.fileName}`} />
      )}
      <span className="muted capture-meta">
        {capture.fileName} · {(capture.sizeBytes / 1024).toFixed(0)} KiB · SHA-256{" "}
        {capture.sha256.slice(0, 16)}…
      </span>
      {!revealed && !capture.purged ? (
        <button
          type="button"
          className="button button-quiet"
          disabled={reveal.isPending}
          onClick={() => reveal.mutate()}
        >
          Reveal capture
        </button>
      ) : null}
    </li>
  );
}
