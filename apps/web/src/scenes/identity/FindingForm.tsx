import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { uploadFinding } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { TextField } from "../../components/TextField";
import { IDENTIFIER_KIND_LABELS } from "./identityFormat";

/** Records a finding: where it was found, when, a note, the captured file, an identifier it shows. */
export function FindingForm({
  operationId,
  subjectId,
}: {
  operationId: string;
  subjectId: string;
}) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [sourceUrl, setSourceUrl] = useState("");
  const [seenAt, setSeenAt] = useState("");
  const [note, setNote] = useState("");
  const [kind, setKind] = useState("");
  const [value, setValue] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const upload = useMutation({
    mutationFn: (form: FormData) => uploadFinding(operationId, subjectId, form),
    onSuccess: async () => {
      setTitle("");
      setSourceUrl("");
      setNote("");
      setKind("");
      setValue("");
      setFile(null);
      setFormKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: ["subject", operationId, subjectId] });
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.set("title", title);
    if (sourceUrl) form.set("sourceUrl", sourceUrl);
    form.set("seenAt", seenAt ? new Date(seenAt).toISOString() : new Date().toISOString());
    form.set("note", note);
    if (kind && value) {
      form.set("identifierKind", kind);
      form.set("identifierValue", value);
    }
    // The file goes last, so the fields are read before its bytes stream in.
    if (file) form.set("file", file, file.name);
    upload.mutate(form);
  };
  return (
    <form className="form" onSubmit={handleSubmit} aria-label="Record a finding" key={formKey}>
      <TextField
        label="What it is"
        value={title}
        onValueChange={setTitle}
        required
        fieldError={fieldErrorOf(upload.error, "title")}
      />
      <TextField
        label="Where you found it (web address)"
        value={sourceUrl}
        onValueChange={setSourceUrl}
        inputMode="url"
        fieldError={fieldErrorOf(upload.error, "sourceUrl")}
      />
      <TextField
        label="When you saw it"
        type="datetime-local"
        value={seenAt}
        onValueChange={setSeenAt}
        hint="Leave empty for now."
        fieldError={fieldErrorOf(upload.error, "seenAt")}
      />
      <div className="field">
        <label htmlFor={`finding-file-${subjectId}`}>Captured file</label>
        <p className="field-hint" id={`finding-file-hint-${subjectId}`}>
          A screenshot (PNG, JPEG), a PDF, or the saved page (HTML, MHTML); at most 50 MiB.
        </p>
        <input
          id={`finding-file-${subjectId}`}
          type="file"
          accept=".png,.jpg,.jpeg,.pdf,.html,.htm,.mhtml,.mht"
          aria-describedby={`finding-file-hint-${subjectId}`}
          aria-invalid={fieldErrorOf(upload.error, "file") ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {fieldErrorOf(upload.error, "file") ? (
          <p className="field-error">{fieldErrorOf(upload.error, "file")}</p>
        ) : null}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`finding-kind-${subjectId}`}>It shows (optional)</label>
          <select
            id={`finding-kind-${subjectId}`}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          >
            <option value="">Nothing to record</option>
            {Object.entries(IDENTIFIER_KIND_LABELS)
              .filter(([k]) => k !== "image" && k !== "network_origin")
              .map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <TextField label="Value it shows" value={value} onValueChange={setValue} disabled={!kind} />
      </div>
      <div className="field">
        <label htmlFor={`finding-note-${subjectId}`}>Note</label>
        <textarea
          id={`finding-note-${subjectId}`}
          value={note}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {upload.isError && !fieldErrorOf(upload.error, "file") ? (
        <ErrorMessage error={upload.error} />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={upload.isPending}>
          {upload.isPending ? "Uploading…" : "Record the finding"}
        </button>
      </div>
    </form>
  );
}
