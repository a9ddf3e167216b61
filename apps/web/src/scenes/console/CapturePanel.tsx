import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ClipboardEvent } from "react";
import {
  captureContentUrl,
  fetchCaptures,
  revealCapture,
  uploadCapture,
  type Capture,
} from "../../api/console";

const ACCEPTED = "image/png,image/jpeg,image/webp,video/webm,video/mp4";

/**
 * Evidence captures of the counterpart's webcam: upload or paste; each is shown blurred,
 * greyscale and muted until the operator chooses to reveal it (an audited, budgeted choice, S8).
 */
export function CapturePanel({
  operationId,
  conversationId,
  onError,
}: {
  operationId: string;
  conversationId: string;
  onError: (error: unknown) => void;
}) {
  const queryClient = useQueryClient();
  const captures = useQuery({
    queryKey: ["captures", operationId, conversationId],
    queryFn: () => fetchCaptures(operationId, conversationId),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadCapture(operationId, conversationId, file),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: ["captures", operationId, conversationId] }),
    onError,
  });
  const handlePaste = (event: ClipboardEvent) => {
    const file = [...event.clipboardData.files][0];
    if (file) {
      event.preventDefault();
      upload.mutate(file);
    }
  };
  return (
    <section className="captures" aria-label="Captures" onPaste={handlePaste}>
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
      <ul className="plain-list capture-list">
        {(captures.data?.captures ?? []).map((capture) => (
          <CaptureItem
            key={capture.id}
            operationId={operationId}
            capture={capture}
            onError={onError}
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
}: {
  operationId: string;
  capture: Capture;
  onError: (error: unknown) => void;
}) {
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const reveal = useMutation({
    mutationFn: () => revealCapture(operationId, capture.id),
    onSuccess: () => {
      setRevealed(true);
      void queryClient.invalidateQueries({ queryKey: ["exposure", operationId] });
    },
    onError,
  });
  const url = captureContentUrl(operationId, capture.id);
  const className = revealed ? "capture-media" : "capture-media capture-masked";
  return (
    <li className="capture-item">
      {capture.purged ? (
        <p className="muted">Purged; its hash remains.</p>
      ) : capture.mediaType.startsWith("video/") ? (
        <video className={className} src={url} muted controls={revealed} preload="metadata" />
      ) : (
        <img className={className} src={url} alt={`Capture ${capture.fileName}`} />
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
